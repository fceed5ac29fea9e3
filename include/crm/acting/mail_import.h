// Filing received mail (crm mail import): each message becomes an `email` activity (direction
// in) on the contact, else the lead, whose address sent it, threaded to the activity of the
// message it answers, with its attachments stored under documents/, once per message ID.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crm/acting/mime_parse.h"
#include "crm/kinds/session.h"

namespace crm {

// The largest input `crm mail import` reads: a mailbox of a few hundred messages.
inline constexpr std::size_t k_max_mail_input_bytes = std::size_t{256} << 20;

// The messages of an input: one message, or an mbox (its first line starts with "From ").
// Throws UsageError (exit 2) for input that is no mail at all: empty, or holding NUL bytes.
std::vector<std::string> mail_messages(std::string_view input, std::string_view input_name);

struct MailImportOptions {
  bool create_leads = false;          // capture unknown senders as leads
  std::string lead_source = "other";  // their `source`: one of crm.yaml's lead_sources
  MimeLimits limits;
};

// What became of one message, in input order.
struct MailOutcome {
  enum class Status { filed, skipped, unmatched, unreadable };
  Status status;
  std::size_t index;       // 1-based position in the input
  std::string message_id;  // without angle brackets ("" when unreadable)
  std::string from;        // the sender's address
  std::string subject;
  std::string activity;     // filed: the new activity's ID
  std::string about;        // filed: the contact's or lead's ID; skipped: the activity filed before
  std::string about_label;  // filed: "contact Jan Nowak", "lead Ewa Lis"
  bool lead_created = false;
  std::string reason;  // unreadable: why; unmatched: why no lead was made, if one was asked
};

struct MailImport {
  std::vector<MailOutcome> messages;
  ChangeSet changes;  // one change set for the whole run
  std::size_t filed = 0, skipped = 0, unmatched = 0, unreadable = 0, leads_created = 0;
};

// Files `messages` (raw RFC 5322 text each). Reads contacts, leads and activities through the
// store once; writes nothing itself (the caller writes `changes`). A message whose Message-ID is
// filed already, by an earlier run or earlier in this one, is skipped; one without a Message-ID
// is known by a digest of its bytes ("sha-<hex>@crm.invalid"), so that a re-run skips it too.
MailImport import_mail(Session& session, const std::vector<std::string>& messages,
                       const MailImportOptions& options);

// A name safe to store a received file under: the last component of `name` (a path in it is
// dropped), control characters, "/" and "\" removed, no leading dots or spaces, at most 100
// bytes of UTF-8 keeping the extension; "attachment" when nothing is left.
std::string safe_file_name(std::string_view name);

}  // namespace crm
