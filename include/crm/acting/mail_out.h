// `crm mail REF`: composing a message to a record's contact from a template, letting the user
// edit it, sending it through the configured sendmail-compatible program, and logging it as an
// `email` activity on the record (and a draft quote that went with it as sent).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "crm/acting/mail_template.h"
#include "crm/acting/mime_compose.h"
#include "crm/kinds/session.h"

namespace crm {

struct MailRequest {
  std::vector<std::string> to;  // replace the record's contact
  std::vector<std::string> cc;
  std::optional<std::string> subject;         // replaces the template's
  std::optional<std::string> body;            // replaces the template's (--body, --body-file)
  std::string attach;                         // "", "quote" or "invoice"
  std::string attach_format;                  // "pdf" or "html"; "": crm.yaml's mail.attach_format
  std::string language;                       // of the attached document; "": crm.yaml's
  std::optional<MailTemplate> mail_template;  // nullopt: the built-in one for the kind
};

// A message ready to be edited and sent, and what it is about.
struct MailDraft {
  Kind about_kind = Kind::contact;
  std::string about;               // the ID of the record it is about
  std::optional<Record> attached;  // the quote or invoice attached
  OutgoingMail mail;               // date and message ID are set by finish_mail
};

// Drafts the message about `about`: recipients (--to, else find_recipient), the sender
// (mail.from, else company.email), subject and body from the template with its placeholders
// filled, and the document attached. Refuses (before anything is sent) when there is no
// recipient or sender, an address is not valid, or there is nothing to attach.
MailDraft draft_mail(Session& session, const Record& about, const MailRequest& request);

// The draft as the user edits it: comment lines, To, Cc and Subject headers, a blank line, the
// body.
std::string editable_text(const MailDraft& draft);
// Takes back what the user saved: the headers (To, Cc, Subject; `#` lines ignored) and the
// body. UsageError for an unknown header or a bad address.
void apply_edited_text(MailDraft& draft, std::string_view text);

// Opens the draft in the user's editor (acting/editor.h) and takes back what was saved.
// RefusedError when the user deleted the file (nothing is sent).
void edit_mail(MailDraft& draft);

// Dates the message, gives it a Message-ID and composes it: the bytes sendmail reads.
// RefusedError when the body is empty (nothing is sent, like `git commit` with an empty
// message); UsageError when the subject is empty or a header would hold a line break.
std::string finish_mail(Session& session, MailDraft& draft);

// What sending the message writes: the `email` activity (direction out, from, to, cc, subject,
// body, message_id, attachments) about the record and, when a draft quote went with it, the
// quote's `send` transition. Throws whatever would refuse them, so call it before sending.
ChangeSet mail_changes(Session& session, const MailDraft& draft);

// Hands the composed message to `config.mail.sendmail` on its standard input (no shell, a
// timeout). Throws Error (exit 1) with the program's own error text when it cannot be run or
// fails: then nothing was sent.
void deliver_mail(const Config& config, const std::string& message);

// mail_changes, then deliver_mail: the change set to write once the message has gone. Nothing
// is sent when the changes would be refused.
ChangeSet send_mail(Session& session, const MailDraft& draft, const std::string& message);

}  // namespace crm
