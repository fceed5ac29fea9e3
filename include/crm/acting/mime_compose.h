// Composing an outgoing e-mail as RFC 5322 / MIME text: headers (encoded-words for non-ASCII,
// folded under 78 columns, never a CR or LF from a value), a quoted-printable UTF-8 text part
// and base64 attachments in multipart/mixed. What sendmail reads on its standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/acting/mail_types.h"

namespace crm {

struct OutgoingMail {
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;
  std::string body;        // UTF-8 text
  std::string date;        // RFC 5322 date (rfc5322_date)
  std::string message_id;  // without angle brackets: "20261123.X7Q...@example.com"
  std::vector<MailAttachment> attachments;
};

// The message as text with "\n" line ends (sendmail -t turns them into CRLF): From, To, Cc,
// Subject, Date, Message-ID, MIME-Version, then a text/plain part, in multipart/mixed when
// there are attachments. Throws UsageError for a header value holding a CR or LF (a header
// must never be injected), an address that is not valid, no recipient, or no message ID.
std::string compose_mail(const OutgoingMail& mail);

// "Mon, 23 Nov 2026 17:44:02 +0000" from an ISO 8601 timestamp with offset (Clock::now());
// throws UsageError for anything else.
std::string rfc5322_date(std::string_view iso_timestamp);

// A fresh, unique Message-ID (without angle brackets) for a message sent from `from_address`
// at `iso_timestamp`: "20261123174402.K3QZ9ABX7WD2M4PT@example.com".
std::string new_message_id(std::string_view from_address, std::string_view iso_timestamp);

// A display name safe for a header: control characters (CR, LF, tabs...) become spaces, runs of
// spaces one, and the ends are trimmed. For names that come from records.
std::string clean_display_name(std::string_view name);

// "Name <address>" as a header shows it (encoded-words or a quoted string where needed).
std::string format_address(const MailAddress& address);

}  // namespace crm
