// The canonical writer. We write YAML ourselves rather than through YAML::Emitter: the format
// is small, and owning it is what lets us promise byte-for-byte round trips and quote every
// string (yaml-cpp leaves "01234", "NO" or "0x1F" bare, and PyYAML would retype them).
#include <algorithm>

#include <fmt/format.h>

#include "crm/store/quoting.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

std::string double_quoted_yaml(std::string_view text) {
  return double_quoted(text, QuoteDialect::yaml);
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// Multi-line text reads best as a literal block, when it can be one exactly.
bool fits_literal_block(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) return false;
  if (text.front() == ' ' || text.front() == '\n') return false;
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\n\n") return false;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, len] = decode_utf8(text, i);
    if (cp == '\n') {
      if (i > line_start && (text[i - 1] == ' ' || text[i - 1] == '\t')) return false;
      line_start = i + 1;
    } else if (must_escape(cp)) {
      return false;
    }
    i += len;
  }
  return !(text.back() == ' ');
}

void write_literal_block(std::string& out, std::string_view text, int indent) {
  out += text.back() == '\n' ? "|" : "|-";
  out += '\n';
  std::string_view rest = text;
  if (rest.back() == '\n') rest.remove_suffix(1);
  std::string pad(indent, ' ');
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t end = rest.find('\n', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view line = rest.substr(start, end - start);
    if (!line.empty()) {
      out += pad;
      out += line;
    }
    out += '\n';
    start = end + 1;
  }
}

std::string key_text(const std::string& key) {
  bool simple =
      !key.empty() && std::all_of(key.begin(), key.end(), is_word_char) && !may_be_retyped(key);
  return simple ? key : double_quoted_yaml(key);
}

// A scalar on the same line as its key or dash. Block scalars end their own lines.
void write_scalar(std::string& out, const Value& v, int indent) {
  if (v.is_null()) {
    out += "null\n";
  } else if (v.style() == Value::Style::plain) {
    out += v.text();
    out += '\n';
  } else if (fits_literal_block(v.text())) {
    write_literal_block(out, v.text(), indent);
  } else {
    out += double_quoted_yaml(v.text());
    out += '\n';
  }
}

void write_map_body(std::string& out, const Value& map, int indent);
void write_sequence_body(std::string& out, const Value& seq, int indent);

// Writes what follows "key:" or "-".
void write_after_indicator(std::string& out, const Value& v, int indent) {
  if (v.is_map()) {
    if (v.entries().empty()) {
      out += " {}\n";
    } else {
      out += '\n';
      write_map_body(out, v, indent + 2);
    }
  } else if (v.is_sequence()) {
    if (v.items().empty()) {
      out += " []\n";
    } else {
      out += '\n';
      write_sequence_body(out, v, indent + 2);
    }
  } else {
    out += ' ';
    write_scalar(out, v, indent + 2);
  }
}

void write_map_body(std::string& out, const Value& map, int indent) {
  std::string pad(indent, ' ');
  for (const auto& [key, value] : map.entries()) {
    out += pad;
    out += key_text(key);
    out += ':';
    write_after_indicator(out, value, indent);
  }
}

void write_sequence_body(std::string& out, const Value& seq, int indent) {
  std::string pad(indent, ' ');
  for (const Value& item : seq.items()) {
    out += pad;
    out += '-';
    if (item.is_map() && !item.entries().empty()) {
      // "- first: x" then the other keys aligned under "first".
      std::string nested;
      write_map_body(nested, item, indent + 2);
      out += ' ';
      out += nested.substr(indent + 2);
    } else {
      write_after_indicator(out, item, indent);
    }
  }
}

}  // namespace

bool may_be_retyped(std::string_view text) {
  if (text.empty() || text == "~" || text == "<<" || text == "=") return true;
  static constexpr std::string_view k_words[] = {"null",  "y",     "yes", "n",   "no",
                                                 "true",  "false", "on",  "off", ".inf",
                                                 "-.inf", "+.inf", ".nan"};
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (auto word : k_words)
    if (lower == word) return true;
  // Numbers, dates and times in every YAML dialect start with a digit, a sign or a dot.
  char first = text.front();
  return (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
}

std::string emit_yaml(const Value& document) {
  std::string out;
  if (document.is_map() && !document.entries().empty()) {
    write_map_body(out, document, 0);
  } else if (document.is_sequence() && !document.items().empty()) {
    write_sequence_body(out, document, 0);
  } else if (document.is_sequence()) {
    out = "[]\n";
  } else {
    out = "{}\n";
  }
  return out;
}

}  // namespace crm
