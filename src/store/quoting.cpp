#include "crm/store/quoting.h"

#include <fmt/format.h>

namespace crm {

std::pair<char32_t, int> decode_utf8(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len && i + k < text.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return {cp, len};
}

bool must_escape(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFEFF || cp == 0xFFFE ||
         cp == 0xFFFF;
}

std::string double_quoted(std::string_view text, QuoteDialect dialect) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = decode_utf8(text, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (!must_escape(cp))
          out.append(text.substr(i, len));
        else if (dialect == QuoteDialect::json)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        else
          out += cp <= 0xFF ? fmt::format("\\x{:02X}", static_cast<unsigned>(cp))
                            : fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    }
    i += len;
  }
  out += '"';
  return out;
}

}  // namespace crm
