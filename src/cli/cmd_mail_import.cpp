// crm mail import FILE|MBOX|-...: files received messages as email activities.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.h"
#include "crm/acting/mail_import.h"
#include "crm/base/text.h"
#include "crm/exchange/import_input.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace mail_import_cmd {

struct Options {
  std::vector<std::string> inputs;
  bool create_leads = false;
  std::string source = "other";
};

const char* status_name(MailOutcome::Status s) {
  switch (s) {
    case MailOutcome::Status::filed:
      return "filed";
    case MailOutcome::Status::skipped:
      return "skipped";
    case MailOutcome::Status::unmatched:
      return "unmatched";
    case MailOutcome::Status::unreadable:
      return "unreadable";
  }
  return "";
}

Value counts(std::size_t n) {
  return Value::plain(std::to_string(n));
}

Value json_of(const MailImport& r, bool dry_run) {
  Value out = Value::map();
  out.set("dry_run", Value::boolean(dry_run));
  out.set("filed", counts(r.filed));
  out.set("skipped", counts(r.skipped));
  out.set("unmatched", counts(r.unmatched));
  out.set("unreadable", counts(r.unreadable));
  out.set("leads_created", counts(r.leads_created));
  Value list = Value::sequence();
  for (const MailOutcome& o : r.messages) {
    Value m = Value::map();
    m.set("index", counts(o.index));
    m.set("status", Value::string(status_name(o.status)));
    auto put = [&m](const char* key, const std::string& text) {
      if (!text.empty()) m.set(key, Value::string(text));
    };
    put("message_id", o.message_id);
    put("from", o.from);
    put("subject", o.subject);
    put("activity", o.activity);
    put("about", o.about);
    if (o.lead_created) m.set("lead_created", Value::boolean(true));
    put("reason", o.reason);
    list.push_back(std::move(m));
  }
  out.set("messages", std::move(list));
  return out;
}

std::string text_of(const MailImport& r, bool dry_run) {
  std::string out;
  for (const MailOutcome& o : r.messages) {
    switch (o.status) {
      case MailOutcome::Status::filed:
        out += fmt::format("{} {} on {} ({}){}\n", dry_run ? "would file" : "filed", o.activity,
                           o.about, escape_for_terminal(o.about_label),
                           o.lead_created ? ", a new lead" : "");
        break;
      case MailOutcome::Status::unmatched:
        out += fmt::format("unmatched: {} \"{}\"{}\n",
                           o.from.empty() ? "(no sender)" : escape_for_terminal(o.from),
                           escape_for_terminal(o.subject), o.reason.empty() ? "" : ": " + o.reason);
        break;
      case MailOutcome::Status::unreadable:
        out += fmt::format("unreadable: message {}: {}\n", o.index, escape_for_terminal(o.reason));
        break;
      case MailOutcome::Status::skipped:
        break;
    }
  }
  out += fmt::format("{}{} filed, {} already filed, {} unmatched, {} unreadable",
                     dry_run ? "dry run, nothing written: " : "", r.filed, r.skipped, r.unmatched,
                     r.unreadable);
  if (r.leads_created)
    out += fmt::format("; {} new lead{}", r.leads_created, r.leads_created == 1 ? "" : "s");
  if (r.unmatched && !r.leads_created)
    out += " (add the senders as contacts, or run again with --create-leads)";
  return out + "\n";
}

void run(Context& ctx, const Options& args) {
  // Several files (a Maildir's new/*) are one import: one lock, one commit, one summary.
  std::vector<std::string> messages;
  for (const std::string& input : args.inputs) {
    std::string bytes = read_import_input(input, k_max_mail_input_bytes);
    for (std::string& m : mail_messages(bytes, import_input_name(input)))
      messages.push_back(std::move(m));
  }
  MailImportOptions options;
  options.create_leads = args.create_leads;
  options.lead_source = args.source;
  MailImport result;
  ctx.mutate(
      [&](Session& s) {
        result = import_mail(s, messages, options);
        return result.changes;
      },
      [&](const ChangeSet&, bool dry_run) {
        if (ctx.out().format() == Format::json)
          std::cout << emit_json(json_of(result, dry_run)) << '\n';
        else if (ctx.out().format() == Format::yaml)
          std::cout << emit_yaml(json_of(result, dry_run));
        else
          ctx.out().text(text_of(result, dry_run));
      });
}

}  // namespace mail_import_cmd

void setup_mail_import(CLI::App* mail, Context& ctx) {
  auto args = std::make_shared<mail_import_cmd::Options>();
  CLI::App* cmd =
      mail->add_subcommand("import", "File received mail as email activities on its senders");
  cmd->add_option("FILE", args->inputs,
                  "Messages (.eml, a Maildir's files), mailboxes (mbox), or - for stdin")
      ->required();
  cmd->add_flag("--create-leads", args->create_leads,
                "Capture a sender that is no contact or lead as a new lead");
  cmd->add_option("--source", args->source,
                  "The source of leads --create-leads makes (one of crm.yaml's lead_sources)")
      ->capture_default_str();
  cmd->footer(
      "A message is filed on the contact (else the lead) whose e-mail sent it, threaded to the\n"
      "message it answers; its attachments are stored under documents/. A message filed before\n"
      "(same Message-ID) is skipped, so a cron job may run it every few minutes. Unknown senders\n"
      "are reported, and exit status is 0. docs/mail-import.md says more.\n"
      "Examples: crm mail import ~/Mail/inbox.mbox --create-leads\n"
      "          crm mail import - < reply.eml\n"
      "          crm mail import ~/Maildir/new/*");
  cmd->callback([&ctx, args] { mail_import_cmd::run(ctx, *args); });
}

}  // namespace crm::cli
