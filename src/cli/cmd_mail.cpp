// crm mail REF: compose and send a message to a record's contact (crm mail import is in
// cmd_mail_import.cpp).
#include <iostream>
#include <memory>

#include "commands.h"
#include "crm/acting/mail_out.h"
#include "crm/base/error.h"
#include "crm/exchange/import_input.h"
#include "crm/kinds/reference.h"
#include "field_options.h"

namespace crm::cli {
namespace {

constexpr std::size_t k_max_body_bytes = 1024 * 1024;

struct MailOptions {
  std::string ref;
  std::vector<std::string> to, cc;
  std::string subject, body, body_file, attach, attach_format, template_name, lang;
  bool no_edit = false;
  CLI::Option *subject_option = nullptr, *body_option = nullptr;
};

void send(Context& ctx, const MailOptions& o) {
  if (o.ref.empty())
    throw UsageError("crm mail needs the record to write about (REF), or a command: import",
                     "see crm mail --help");
  Session& session = ctx.session();
  MailRequest request;
  request.to = o.to;
  request.cc = o.cc;
  if (o.subject_option->count()) request.subject = o.subject;
  if (o.body_option->count()) request.body = o.body;
  if (!o.body_file.empty()) request.body = read_import_input(o.body_file, k_max_body_bytes);
  request.attach = o.attach;
  request.attach_format = o.attach_format;
  request.language = o.lang;
  if (!o.template_name.empty())
    request.mail_template = load_mail_template(ctx.file_store().root(), o.template_name);

  MailDraft draft = draft_mail(session, resolve(session.store, o.ref), request);
  if (!o.no_edit && !request.body) edit_mail(draft);
  std::string message = finish_mail(session, draft);
  if (ctx.options.dry_run) {
    mail_changes(session, draft);  // refuses what sending would refuse; writes nothing
    std::cout << message;
    return;
  }
  // Under the lock: the activity and the quote's transition are built (and checked) first, then
  // the message goes, then they are written, so that a message sent is a message logged.
  ctx.mutate([&](Session& s) { return send_mail(s, draft, message); });
}

}  // namespace

void setup_mail(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MailOptions>();
  CLI::App* mail =
      app.add_subcommand("mail", "Send e-mail to a record's contact, and file the mail received");
  add_reference(mail, o->ref,
                "The record to write about: a contact, lead, account, deal, quote or invoice",
                std::vector<Kind>{})
      ->required(false);
  mail->add_option("--to", o->to, "Recipient address, repeatable (default: the record's contact)");
  mail->add_option("--cc", o->cc, "Copy to this address, repeatable");
  o->subject_option = mail->add_option("--subject", o->subject,
                                       "The subject (default: the "
                                       "template's)");
  mail->add_option("--attach", o->attach, "Attach the quote or invoice as a document")
      ->check(CLI::IsMember({"quote", "invoice"}));
  mail->add_option("--attach-format", o->attach_format,
                   "pdf or html (default: crm.yaml's mail.attach_format, pdf)")
      ->check(CLI::IsMember({"pdf", "html"}));
  mail->add_option("--lang", o->lang, "Language of the attached document (default: crm.yaml's)");
  mail->add_option("--template", o->template_name,
                   "A template of the data directory: templates/NAME.txt");
  o->body_option = mail->add_option("--body", o->body, "The message text; no editor opens");
  mail->add_option("--body-file", o->body_file, "Read the message text from FILE (- for stdin)")
      ->excludes(o->body_option);
  mail->add_flag("--no-edit", o->no_edit, "Send the template's text without opening the editor");
  mail->footer(
      "Examples:\n"
      "  crm mail Q-2026-0001 --attach quote\n"
      "  crm mail \"Jan Kowalski\" --subject \"Our meeting\" --body \"See you on Monday.\"\n"
      "  crm mail D-7K3Q --attach invoice --template invoice --no-edit --cc office@acme.example\n"
      "The editor is $VISUAL, else $EDITOR, else vi; --dry-run prints the message instead.");
  setup_mail_import(mail, ctx);
  mail->callback([&ctx, o, mail] {
    // The parent's callback runs after a subcommand's too: `crm mail import` is not a send.
    if (!mail->get_subcommands().empty()) return;
    send(ctx, *o);
  });
}

}  // namespace crm::cli
