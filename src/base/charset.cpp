#include "crm/base/charset.h"

#include <iconv.h>

#include <cerrno>
#include <vector>

#include "crm/base/text.h"

namespace crm {

std::optional<std::string> to_utf8(std::string_view bytes, std::string_view charset) {
  std::string upper = to_upper(trim(charset));
  if (upper == "UTF-8" || upper == "UTF8" || upper == "US-ASCII" || upper == "ASCII")
    return is_valid_utf8(bytes) ? std::optional<std::string>(std::string(bytes)) : std::nullopt;
  if (upper.empty()) return std::nullopt;
  iconv_t cd = ::iconv_open("UTF-8", upper.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  std::vector<char> in(bytes.begin(), bytes.end());
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char buffer[4096];
  bool ok = true;
  while (in_left > 0) {
    char* out_ptr = buffer;
    std::size_t out_left = sizeof buffer;
    std::size_t r = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    out.append(buffer, static_cast<std::size_t>(out_ptr - buffer));
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      ok = false;
      break;
    }
  }
  ::iconv_close(cd);
  if (!ok || !is_valid_utf8(out)) return std::nullopt;
  return out;
}

std::string to_utf8_lenient(std::string_view bytes, std::string_view charset) {
  if (auto text = to_utf8(bytes, charset)) return *text;
  if (is_valid_utf8(bytes)) return std::string(bytes);
  if (auto text = to_utf8(bytes, "WINDOWS-1252")) return *text;
  // Bytes Windows-1252 leaves undefined (0x81, 0x8D...): Latin-1 maps every byte.
  std::string out;
  for (unsigned char c : bytes) append_utf8(out, c);
  return out;
}

}  // namespace crm
