// What outgoing and received mail have in common: an address with its display name, and an
// attached file. Composing (mime_compose.h) and reading (mime_parse.h) share these.
#pragma once

#include <string>

namespace crm {

struct MailAddress {
  std::string name;     // the display name, decoded; may be empty or non-ASCII
  std::string address;  // "jan@example.pl"
};

struct MailAttachment {
  // As the recipient sees it ("Q-2026-0001.pdf"); for received mail as the message names it,
  // decoded, and not yet safe as a file name.
  std::string file_name;
  std::string content_type;  // "application/pdf", "text/html; charset=UTF-8"
  std::string data;          // the file's bytes
};

}  // namespace crm
