#include "crm/base/email.h"

#include <cstddef>

namespace crm {
namespace {

// RFC 1034 section 3.5: let-dig.
bool is_email_let_dig(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 section 3.2.3: the printable ASCII characters an unquoted local part may hold.
bool is_email_atext(char c) {
  constexpr std::string_view k_specials = "!#$%&'*+-/=?^_`{|}~";
  return is_email_let_dig(c) || k_specials.find(c) != std::string_view::npos;
}

// label = let-dig [ [ ldh-str ] let-dig ], at most 63 characters (RFC 1034 section 3.5).
bool is_email_label(std::string_view label) {
  constexpr std::size_t k_max_label = 63;
  if (label.empty() || label.size() > k_max_label) return false;
  if (!is_email_let_dig(label.front()) || !is_email_let_dig(label.back())) return false;
  for (char c : label)
    if (!is_email_let_dig(c) && c != '-') return false;
  return true;
}

}  // namespace

// email = 1*( atext / "." ) "@" label *( "." label ), the WHATWG HTML rule. A hand-written
// scanner rather than std::regex: one pass, no allocation, nothing to compile at startup.
bool is_valid_email(std::string_view text) {
  std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  for (char c : text.substr(0, at))
    if (c != '.' && !is_email_atext(c)) return false;
  std::string_view domain = text.substr(at + 1);
  while (true) {
    std::size_t dot = domain.find('.');
    if (!is_email_label(domain.substr(0, dot))) return false;  // so is a second '@'
    if (dot == std::string_view::npos) return true;
    domain.remove_prefix(dot + 1);
  }
}

}  // namespace crm
