#include "crm/base/email.h"

namespace crm {

// Placeholder until the full rule lands: one @, something on both sides, no spaces.
bool is_valid_email(std::string_view text) {
  auto at = text.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < text.size() &&
         text.find('@', at + 1) == std::string_view::npos &&
         text.find_first_of(" \t\r\n<>,") == std::string_view::npos;
}

}  // namespace crm
