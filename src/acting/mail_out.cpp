#include "crm/acting/mail_out.h"

#include <fmt/format.h>

#include "crm/acting/document.h"
#include "crm/acting/editor.h"
#include "crm/acting/mail_recipients.h"
#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/process.h"
#include "crm/base/text.h"
#include "crm/relationship/activities.h"

namespace crm {
namespace {

// How long the mail program may take to accept one message.
constexpr double k_sendmail_timeout_seconds = 120;

// "a@b", "Name <a@b>" or "\"Last, First\" <a@b>" as an address; UsageError naming `what`.
MailAddress parse_address(std::string_view text, std::string_view what) {
  std::string t = trim(text);
  MailAddress a;
  std::size_t open = t.rfind('<');
  if (open != std::string::npos && !t.empty() && t.back() == '>') {
    a.address = trim(std::string_view(t).substr(open + 1, t.size() - open - 2));
    std::string name = trim(std::string_view(t).substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      std::string unquoted;
      for (std::size_t i = 1; i + 1 < name.size(); ++i) {
        if (name[i] == '\\' && i + 2 < name.size()) ++i;
        unquoted += name[i];
      }
      name = unquoted;
    }
    a.name = name;
  } else {
    a.address = t;
  }
  if (!is_valid_email(a.address))
    throw UsageError(
        fmt::format("{}: '{}' is not an e-mail address", what, escape_for_terminal(text)),
        "give addresses like jan@example.com or \"Jan Kowalski <jan@example.com>\"");
  return a;
}

// A comma-separated list of addresses (commas inside double quotes belong to a name).
std::vector<MailAddress> parse_address_list(std::string_view text, std::string_view what) {
  std::vector<MailAddress> out;
  std::string current;
  bool quoted = false;
  auto flush = [&] {
    if (!trim(current).empty()) out.push_back(parse_address(current, what));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
    if (c == ',' && !quoted) {
      flush();
      continue;
    }
    current += c;
  }
  flush();
  return out;
}

// An address as the editable draft shows it, so that parse_address reads it back.
std::string editable_address(const MailAddress& a) {
  if (a.name.empty()) return a.address;
  if (a.name.find_first_of(",<>\"\\") == std::string::npos) return a.name + " <" + a.address + ">";
  std::string quoted = "\"";
  for (char c : a.name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + a.address + ">";
}

std::string editable_list(const std::vector<MailAddress>& list) {
  std::vector<std::string> parts;
  for (const MailAddress& a : list) parts.push_back(editable_address(a));
  return join(parts, ", ");
}

MailAddress sender(const Config& config) {
  std::string from = !config.mail.from.empty() ? config.mail.from : config.company.email;
  if (from.empty())
    throw RefusedError("there is no sender address for the From: header",
                       "set mail.from (or company.email) in crm.yaml, e.g. mail: {from: "
                       "\"Anna Nowak <anna@example.com>\"}");
  MailAddress a = parse_address(
      from, config.mail.from.empty() ? "company.email in crm.yaml" : "mail.from in crm.yaml");
  if (a.name.empty()) a.name = clean_display_name(config.company.name);
  return a;
}

std::string describe(const Record& record) {
  std::string number = record.number_or_id();
  return number == record.id() ? fmt::format("{} {}", record.spec().name, record.id())
                               : fmt::format("{} {} ({})", record.spec().name, number, record.id());
}

std::string trim_end(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

Value string_list(const std::vector<std::string>& items) {
  Value list = Value::sequence();
  for (const std::string& item : items) list.push_back(Value::string(item));
  return list;
}

std::vector<std::string> addresses(const std::vector<MailAddress>& list) {
  std::vector<std::string> out;
  for (const MailAddress& a : list) out.push_back(a.address);
  return out;
}

}  // namespace

MailDraft draft_mail(Session& session, const Record& about, const MailRequest& request) {
  const Config& config = session.store.config();
  MailDraft draft;
  draft.about_kind = about.kind();
  draft.about = about.id();
  draft.mail.from = sender(config);

  std::optional<Recipient> recipient = find_recipient(session.store, about);
  for (const std::string& to : request.to)
    for (MailAddress& a : parse_address_list(to, "--to")) draft.mail.to.push_back(std::move(a));
  for (const std::string& cc : request.cc)
    for (MailAddress& a : parse_address_list(cc, "--cc")) draft.mail.cc.push_back(std::move(a));
  if (draft.mail.to.empty()) {
    if (!recipient)
      throw RefusedError(
          fmt::format("{} has no e-mail address to send to, nor has its contact", describe(about)),
          "pass --to ADDR, or add an e-mail address to the contact (crm contact edit CONTACT "
          "--email ADDR)");
    draft.mail.to.push_back({clean_display_name(recipient->name), recipient->email});
  }

  std::optional<Kind> attach_kind;
  if (!request.attach.empty()) {
    attach_kind = kind_by_name(request.attach);
    if (!attach_kind || (*attach_kind != Kind::quote && *attach_kind != Kind::invoice))
      throw UsageError(fmt::format("--attach takes quote or invoice, not '{}'",
                                   escape_for_terminal(request.attach)));
    draft.attached = document_to_attach(session.store, about, *attach_kind);
  }

  // The placeholders' records.
  std::optional<Record> account = account_of(session.store, about);
  std::optional<Record> deal = deal_of(session.store, about);
  PlaceholderValues values;
  values.record = &about;
  values.contact = recipient ? &recipient->party : nullptr;
  values.account = account ? &*account : nullptr;
  values.deal = deal ? &*deal : nullptr;
  const Record* attached = draft.attached ? &*draft.attached : nullptr;
  for (const Record* r : {&about, attached}) {
    if (r && r->kind() == Kind::quote) values.quote = r;
    if (r && r->kind() == Kind::invoice) values.invoice = r;
  }
  values.company = &config.company;
  values.user = session.user;
  values.today = session.clock.today().iso();

  MailTemplate t = request.mail_template ? *request.mail_template
                                         : default_mail_template(about.kind(), attach_kind);
  draft.mail.subject = request.subject
                           ? *request.subject
                           : trim(fill_placeholders(t.subject, values, t.source, t.subject_line));
  draft.mail.body =
      request.body ? *request.body : fill_placeholders(t.body, values, t.source, t.body_line);
  draft.mail.body = trim_end(draft.mail.body) + "\n";

  if (draft.attached) {
    std::string format_name =
        request.attach_format.empty() ? config.mail.attach_format : request.attach_format;
    std::optional<DocumentFormat> format = parse_document_format(format_name);
    if (!format || *format == DocumentFormat::markdown)
      throw UsageError(fmt::format("--attach-format takes pdf or html, not '{}'",
                                   escape_for_terminal(format_name)));
    DocumentRequest document{*format, request.language};
    std::string bytes =
        render_document(session.store, *draft.attached, document, session.clock.today());
    draft.mail.attachments.push_back(
        {document_file_name(*draft.attached, *format),
         *format == DocumentFormat::pdf ? "application/pdf" : "text/html; charset=UTF-8",
         std::move(bytes)});
  }
  return draft;
}

std::string editable_text(const MailDraft& draft) {
  std::string out =
      "# Write the message, then save and close the editor to send it. An empty body, or\n"
      "# deleting this file, sends nothing. Lines starting with # up here are ignored.\n";
  std::vector<std::string> names;
  for (const MailAttachment& a : draft.mail.attachments) names.push_back(a.file_name);
  out += fmt::format("# About {}{}.\n", draft.about,
                     names.empty() ? "" : "; attached: " + join(names, ", "));
  out += "To: " + editable_list(draft.mail.to) + "\n";
  out += "Cc: " + editable_list(draft.mail.cc) + "\n";
  out += "Subject: " + draft.mail.subject + "\n\n";
  out += draft.mail.body;
  return out;
}

void apply_edited_text(MailDraft& draft, std::string_view text) {
  std::vector<std::pair<std::string, std::string>> headers;
  std::size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == '#') continue;
    if ((line.front() == ' ' || line.front() == '\t') && !headers.empty()) {
      headers.back().second += " " + trim(line);  // a folded header goes on
      continue;
    }
    std::size_t colon = line.find(':');
    std::string key = colon == std::string_view::npos ? "" : to_lower(trim(line.substr(0, colon)));
    if (key != "to" && key != "cc" && key != "subject")
      throw UsageError(
          fmt::format("line {} of the edited message: expected To:, Cc: or Subject:, found '{}'",
                      line_no, escape_for_terminal(line)),
          "keep the header lines, then a blank line, then the body; nothing was sent");
    headers.emplace_back(key, std::string(line.substr(colon + 1)));
  }
  draft.mail.to.clear();
  draft.mail.cc.clear();
  draft.mail.subject.clear();
  for (const auto& [key, value] : headers) {
    if (key == "to")
      for (MailAddress& a : parse_address_list(value, "To")) draft.mail.to.push_back(std::move(a));
    else if (key == "cc")
      for (MailAddress& a : parse_address_list(value, "Cc")) draft.mail.cc.push_back(std::move(a));
    else
      draft.mail.subject = trim(value);
  }
  draft.mail.body = trim_end(std::string(text.substr(pos))) + "\n";
  if (draft.mail.to.empty())
    throw UsageError("the edited message has no recipient (To:)",
                     "fill in To: with an address; nothing was sent");
}

void edit_mail(MailDraft& draft) {
  std::optional<std::string> edited = edit_text(editable_text(draft), "mail");
  if (!edited)
    throw RefusedError("the message file was deleted, so nothing was sent",
                       "run the command again to write a new message");
  apply_edited_text(draft, *edited);
}

std::string finish_mail(Session& session, MailDraft& draft) {
  if (trim(draft.mail.body).empty())
    throw RefusedError("the message body is empty, so nothing was sent",
                       "write the message in the editor, or pass --body TEXT or --body-file FILE");
  if (trim(draft.mail.subject).empty())
    throw UsageError("the message has no subject",
                     "pass --subject TEXT, or fill in Subject: in the editor");
  const std::string& now = session.clock.now();
  draft.mail.date = rfc5322_date(now);
  draft.mail.message_id = new_message_id(draft.mail.from.address, now);
  return compose_mail(draft.mail);
}

ChangeSet mail_changes(Session& session, const MailDraft& draft) {
  Record about = session.store.load(draft.about_kind, draft.about);
  ChangeSet changes = log_activity(
      session, about, LoggedActivity{"email", draft.mail.subject, draft.mail.body, ""});
  Record& activity = changes.changes.front().record;
  activity.set_text("direction", "out");
  activity.set_text("from", draft.mail.from.address);
  activity.set("to", string_list(addresses(draft.mail.to)));
  if (!draft.mail.cc.empty()) activity.set("cc", string_list(addresses(draft.mail.cc)));
  activity.set_text("message_id", draft.mail.message_id);
  std::vector<std::string> names;
  for (const MailAttachment& a : draft.mail.attachments) names.push_back(a.file_name);
  if (!names.empty()) activity.set("attachments", string_list(names));
  changes.summary = fmt::format("mail {} on {}", activity.id(), about.id());
  if (draft.attached && draft.attached->kind() == Kind::quote) {
    Record quote = session.store.load(Kind::quote, draft.attached->id());
    // The lifecycle says what sending a draft quote means; sent or later quotes stay as they are.
    if (quote.status() == "draft") {
      ChangeSet sent = transition(session, std::move(quote), "send");
      changes.summary += ", quote send " + draft.attached->id();
      changes.absorb(std::move(sent));
    }
  }
  return changes;
}

void deliver_mail(const Config& config, const std::string& message) {
  const std::vector<std::string>& argv = config.mail.sendmail;
  if (argv.empty())
    throw UsageError("mail.sendmail in crm.yaml is empty",
                     "set it to a sendmail-compatible program, e.g. [\"/usr/sbin/sendmail\", "
                     "\"-t\", \"-oi\"]");
  ProcessRequest request;
  request.argv = argv;
  request.input = message;
  request.timeout_seconds = k_sendmail_timeout_seconds;
  ProcessResult result = run_process(request);
  std::string hint =
      "check mail.sendmail in crm.yaml and the mail program's own settings (docs/mail.md)";
  if (!result.started)
    throw Error(ExitCode::refused,
                fmt::format("could not run the mail program {}: {}; the message was not sent",
                            argv.front(), result.error),
                "install a sendmail-compatible program (Debian: msmtp-mta, exim4-daemon-light or "
                "postfix) or set mail.sendmail in crm.yaml (docs/mail.md)");
  if (result.timed_out)
    throw Error(ExitCode::refused,
                fmt::format("the mail program {} did not finish in {} seconds and was stopped; the "
                            "message was not logged and may not have been sent",
                            argv.front(), k_sendmail_timeout_seconds),
                hint);
  if (result.exit_code != 0) {
    std::string said = trim(result.errors.empty() ? result.output : result.errors);
    throw Error(ExitCode::refused,
                fmt::format("the mail program {} failed with exit status {}{}{}; the message was "
                            "not logged",
                            argv.front(), result.exit_code, said.empty() ? "" : ": ",
                            escape_for_terminal(said.substr(0, 2000))),
                hint);
  }
}

ChangeSet send_mail(Session& session, const MailDraft& draft, const std::string& message) {
  ChangeSet changes = mail_changes(session, draft);
  deliver_mail(session.store.config(), message);
  return changes;
}

}  // namespace crm
