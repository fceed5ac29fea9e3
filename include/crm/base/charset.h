// Text in a named character set (ISO-8859-2, Windows-1250, UTF-8...) converted to UTF-8 with
// iconv: the one converter vCard import and mail import share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crm {

// `bytes` in `charset` as UTF-8, or nullopt when iconv does not know the charset or the bytes
// are not valid in it. UTF-8 and US-ASCII are checked, not converted.
std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset);

// The same for text that must come out as something (a mail body, a header): the charset
// named, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what mislabelled mail
// mostly is), which maps every byte.
std::string to_utf8_lenient(std::string_view bytes, std::string_view charset);

}  // namespace crm
