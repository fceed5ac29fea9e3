// The strict JSON reader (store/json.h): recursive descent with an explicit depth limit.
#include <unordered_set>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/json.h"

namespace crm {
namespace json_reader {

struct Refusal {
  int line;
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view text, const JsonLimits& limits) : m_text(text), m_limits(limits) {}

  Value document() {
    if (m_text.starts_with("\xEF\xBB\xBF"))
      throw Refusal{1, "the file starts with a byte order mark, which JSON does not allow"};
    skip_space();
    if (m_pos >= m_text.size()) throw Refusal{m_line, "the file holds no JSON value"};
    Value v = value(0);
    skip_space();
    if (m_pos < m_text.size())
      throw Refusal{m_line, fmt::format("unexpected {} after the JSON value", describe())};
    return v;
  }

 private:
  std::string describe() const {
    if (m_pos >= m_text.size()) return "end of file";
    unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
    if (c >= 0x21 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
    return fmt::format("byte 0x{:02X}", c);
  }

  void skip_space() {
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos];
      if (c == '\n') {
        ++m_line;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++m_pos;
    }
  }

  void count() {
    if (++m_values > m_limits.max_values)
      throw Refusal{m_line, fmt::format("more than {} values", m_limits.max_values)};
  }

  Value value(std::size_t depth) {
    if (m_pos >= m_text.size())
      throw Refusal{m_line, "the file ends where a value was expected (is it cut short?)"};
    count();
    int line = m_line;
    Value v;
    char c = m_text[m_pos];
    if (c == '{' || c == '[') {
      if (depth >= m_limits.max_depth)
        throw Refusal{m_line, fmt::format("nesting deeper than {}", m_limits.max_depth)};
      v = c == '{' ? object(depth + 1) : array(depth + 1);
    } else if (c == '"') {
      v = Value::string(string());
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v = Value::plain(number());
    } else if (literal("true")) {
      v = Value::plain("true");
    } else if (literal("false")) {
      v = Value::plain("false");
    } else if (literal("null")) {
      v = Value::null();
    } else {
      throw Refusal{m_line, fmt::format("unexpected {} where a value was expected", describe())};
    }
    v.set_line(line);
    return v;
  }

  bool literal(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word) return false;
    m_pos += word.size();
    return true;
  }

  void expect(char c, const char* where) {
    skip_space();
    if (m_pos >= m_text.size() || m_text[m_pos] != c)
      throw Refusal{m_line, fmt::format("expected '{}' {}, found {}", c, where, describe())};
    ++m_pos;
  }

  Value object(std::size_t depth) {
    Value map = Value::map();
    ++m_pos;  // {
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == '}') {
      ++m_pos;
      return map;
    }
    std::unordered_set<std::string> keys;
    while (true) {
      skip_space();
      if (m_pos >= m_text.size() || m_text[m_pos] != '"')
        throw Refusal{m_line, fmt::format("expected a key in quotes, found {}", describe())};
      int line = m_line;
      std::string key = string();
      if (!keys.insert(key).second)
        throw Refusal{line, fmt::format("the key \"{}\" appears twice in one object",
                                        escape_for_terminal(key))};
      expect(':', "after a key");
      skip_space();
      map.entries().emplace_back(std::move(key), value(depth));
      skip_space();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      expect('}', "or ',' in an object");
      return map;
    }
  }

  Value array(std::size_t depth) {
    Value seq = Value::sequence();
    ++m_pos;  // [
    skip_space();
    if (m_pos < m_text.size() && m_text[m_pos] == ']') {
      ++m_pos;
      return seq;
    }
    while (true) {
      skip_space();
      seq.push_back(value(depth));
      skip_space();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      expect(']', "or ',' in a list");
      return seq;
    }
  }

  std::string number() {
    std::size_t start = m_pos;
    auto digits = [&] {
      std::size_t from = m_pos;
      while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
      return m_pos - from;
    };
    if (m_text[m_pos] == '-') ++m_pos;
    std::size_t int_start = m_pos;
    std::size_t n = digits();
    if (n == 0) throw Refusal{m_line, "a number without digits"};
    if (n > 1 && m_text[int_start] == '0')
      throw Refusal{m_line, "a number with a leading zero, which JSON does not allow"};
    if (m_pos < m_text.size() && m_text[m_pos] == '.') {
      ++m_pos;
      if (digits() == 0) throw Refusal{m_line, "a number with no digits after its point"};
    }
    if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
      ++m_pos;
      if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
      if (digits() == 0) throw Refusal{m_line, "a number with no digits in its exponent"};
    }
    if (m_pos - start > 100) throw Refusal{m_line, "a number longer than 100 characters"};
    return std::string(m_text.substr(start, m_pos - start));
  }

  unsigned hex4() {
    if (m_pos + 4 > m_text.size()) throw Refusal{m_line, "a \\u escape cut short"};
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = m_text[m_pos++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        throw Refusal{m_line, "a \\u escape needs four hexadecimal digits"};
      }
    }
    return code;
  }

  std::string string() {
    int line = m_line;
    ++m_pos;  // "
    std::string out;
    while (true) {
      if (m_pos >= m_text.size())
        throw Refusal{line, "a string is never closed (is the file cut short?)"};
      if (out.size() > m_limits.max_string)
        throw Refusal{line, fmt::format("a string longer than {} bytes", m_limits.max_string)};
      char c = m_text[m_pos++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20)
        throw Refusal{line,
                      "a control character (line break, tab...) inside a string: JSON "
                      "writes it as an escape such as \\n"};
      if (c != '\\') {
        out += c;
        continue;
      }
      if (m_pos >= m_text.size()) throw Refusal{line, "a string is never closed"};
      char e = m_text[m_pos++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF)
            throw Refusal{line, "a \\u escape of a lone low surrogate"};
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (m_text.substr(m_pos, 2) != "\\u")
              throw Refusal{line, "a \\u escape of a high surrogate not followed by a low one"};
            m_pos += 2;
            char32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF)
              throw Refusal{line, "a \\u escape of a high surrogate not followed by a low one"};
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          throw Refusal{line, fmt::format("an unknown escape \\{} in a string",
                                          escape_for_terminal(std::string(1, e)))};
      }
    }
    // \u escapes make valid UTF-8 (surrogates are refused above), so this checks the raw bytes.
    if (!is_valid_utf8(out)) throw Refusal{line, "a string that is not valid UTF-8"};
    return out;
  }

  std::string_view m_text;
  const JsonLimits& m_limits;
  std::size_t m_pos = 0;
  int m_line = 1;
  std::size_t m_values = 0;
};

}  // namespace json_reader

Value parse_json(std::string_view text, std::string_view source, const JsonLimits& limits) {
  try {
    return json_reader::Parser(text, limits).document();
  } catch (const json_reader::Refusal& r) {
    throw DataError(std::string(source), r.line, r.message,
                    "check that the file is JSON as `crm export json` writes it");
  }
}

}  // namespace crm
