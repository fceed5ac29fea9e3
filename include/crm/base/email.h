// Checks the syntax of e-mail addresses, by the rule web forms use.
#pragma once

#include <string_view>

namespace crm {

// True when `text` is a "valid e-mail address" by the WHATWG HTML standard (the rule of
// <input type=email>): a local part of one or more RFC 5322 atext characters and dots, one
// "@", then one or more dot-separated labels of ASCII letters, digits and hyphens, each 1 to
// 63 characters long and neither starting nor ending with a hyphen. Nothing else: no quotes,
// comments, display names ("<a@b>"), lists ("a@b,c@d"), spaces, control characters, IP
// literals or non-ASCII text. Deliberately looser than RFC 5322 in the local part (".a..b."
// passes) and stricter elsewhere, like every browser. The empty string is not an address:
// callers that allow an empty field check for it first.
bool is_valid_email(std::string_view text);

}  // namespace crm
