// Reading received mail: RFC 5322 headers and addresses, RFC 2047 encoded words, MIME
// (RFC 2045-2047, 2231) parts and transfer encodings, decoded to UTF-8 text and attachment
// bytes. Decoding only (the encoders of outgoing mail are mime_compose/mime_encode). Hostile
// input is refused with a MimeError, never a crash or a quadratic blow-up.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crm/acting/mail_types.h"

namespace crm {

// A message that cannot be read as mail, or that exceeds a limit.
class MimeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MimeLimits {
  std::size_t max_message_bytes = std::size_t{32} << 20;  // one message, as received
  std::size_t max_header_bytes = std::size_t{256} << 10;  // one part's header block
  std::size_t max_depth = 8;                              // multipart nesting
  std::size_t max_parts = 1000;                           // parts in one message
};

struct MailHeader {
  std::string name;   // as written
  std::string value;  // unfolded, raw (encoded words not decoded)
};

// A header block: repeated headers kept in order, names compared in any case.
class MailHeaders {
 public:
  void add(std::string name, std::string value);
  // The first header of this name, if any.
  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;
  const std::vector<MailHeader>& list() const { return m_headers; }

 private:
  std::vector<MailHeader> m_headers;
};

// Splits `text` (LF line ends) at its first empty line into headers, unfolded, and the body.
// A first line "From ..." (an mbox separator) is skipped. Throws MimeError past `max_bytes`, and
// when `strict` and the first line is no header (else all of `text` is the body).
MailHeaders parse_headers(std::string_view text, std::string_view* body,
                          std::size_t max_bytes = MimeLimits{}.max_header_bytes,
                          bool strict = true);

// RFC 2047: "=?charset?B|Q?...?=" decoded to UTF-8; adjacent encoded words separated only by
// white space join without it; a malformed one (or an unknown charset) stays as written.
// Other bytes that are not UTF-8 are read as Windows-1252.
std::string decode_encoded_words(std::string_view text);

// An address list as headers carry it: display names (quoted or not, encoded words), angle
// addresses, bare addresses, comments, groups ("team: a@x, b@y;"). Entries without an "@"
// are dropped.
std::vector<MailAddress> parse_address_list(std::string_view text);

// An RFC 5322 date ("Tue, 3 Nov 2026 14:05:09 +0100", with obsolete zones such as GMT, EST,
// or military letters, and two-digit years) as ISO 8601 with offset
// ("2026-11-03T14:05:09+01:00"); nullopt when it is no date.
std::optional<std::string> parse_mail_date(std::string_view text);

// The message IDs of a Message-ID, In-Reply-To or References header, without angle brackets,
// in order.
std::vector<std::string> parse_message_ids(std::string_view text);

// Content-Type or Content-Disposition: the value ("text/plain", lower case) and parameters
// (names lower case; quoted strings unquoted; RFC 2231 continuations and charsets joined and
// decoded to UTF-8; encoded words in a quoted value decoded, as many clients write them).
struct MimeField {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;
  std::string param(std::string_view name) const;
};
MimeField parse_mime_field(std::string_view text);

std::string decode_quoted_printable(std::string_view text);
std::string decode_base64(std::string_view text);

// HTML reduced to text: tags dropped (script and style with their content), entities decoded,
// block elements and <br> as line breaks, runs of blank lines and spaces collapsed.
std::string html_to_text(std::string_view html);

struct MailMessage {
  MailHeaders headers;
  std::string subject;  // decoded
  std::optional<MailAddress> from;
  std::vector<MailAddress> to, cc;
  std::optional<std::string> date;  // ISO 8601 with offset, when the Date header is readable
  std::string message_id;           // without angle brackets; empty when the message has none
  std::vector<std::string> in_reply_to, references;
  std::string body;  // text/plain, else text/html reduced to text; UTF-8, LF line ends
  std::vector<MailAttachment> attachments;
};

// Parses one message (CRLF or LF line ends). Throws MimeError for text that has no header, or
// that exceeds `limits`.
MailMessage parse_mail(std::string_view raw, const MimeLimits& limits = {});

}  // namespace crm
