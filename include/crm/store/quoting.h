// Double-quoted strings for the two text formats crm writes, YAML and JSON: one escaping rule
// for both, so that a value reads back the same from either (quotes, backslashes, line breaks,
// tabs, and control or invisible characters escaped; everything else written as it is).
#pragma once

#include <string>
#include <string_view>

namespace crm {

enum class QuoteDialect {
  yaml,  // \x1B, \u200E... (YAML 1.2 double-quoted escapes)
  json,  // \u001b... (JSON allows only \uXXXX)
};

// `text` (valid UTF-8) as a double-quoted string of `dialect`, quotes included.
std::string double_quoted(std::string_view text, QuoteDialect dialect);

// Characters written escaped in either dialect: C0 and C1 controls, DEL, the byte order mark
// and the non-characters U+FFFE and U+FFFF, which readers reject or diffs hide.
bool must_escape(char32_t code_point);

// The code point at text[i] (valid UTF-8 assumed) and its length in bytes.
std::pair<char32_t, int> decode_utf8(std::string_view text, std::size_t i);

}  // namespace crm
