// JSON output for scripts. Field names are the YAML keys; amounts stay strings.
#include <regex>

#include <fmt/format.h>

#include "crm/store/quoting.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

std::string json_string(std::string_view text) {
  return double_quoted(text, QuoteDialect::json);
}

std::string plain_scalar_json(const std::string& text) {
  static const std::regex k_number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  if (text == "true" || text == "false") return text;
  if (text == "null" || text == "~") return "null";
  if (std::regex_match(text, k_number)) return text;
  return json_string(text);
}

void write(std::string& out, const Value& v, int indent, int depth) {
  std::string pad = indent ? "\n" + std::string(indent * (depth + 1), ' ') : "";
  std::string close_pad = indent ? "\n" + std::string(indent * depth, ' ') : "";
  std::string colon = indent ? ": " : ":";
  switch (v.type()) {
    case Value::Type::null:
      out += "null";
      return;
    case Value::Type::scalar:
      out += v.style() == Value::Style::plain ? plain_scalar_json(v.text()) : json_string(v.text());
      return;
    case Value::Type::sequence:
      if (v.items().empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ',';
        out += pad;
        write(out, v.items()[i], indent, depth + 1);
      }
      out += close_pad + "]";
      return;
    case Value::Type::map:
      if (v.entries().empty()) {
        out += "{}";
        return;
      }
      out += '{';
      for (std::size_t i = 0; i < v.entries().size(); ++i) {
        if (i) out += ',';
        out += pad;
        out += json_string(v.entries()[i].first);
        out += colon;
        write(out, v.entries()[i].second, indent, depth + 1);
      }
      out += close_pad + "}";
      return;
  }
}

}  // namespace

std::string emit_json(const Value& value, int indent) {
  std::string out;
  write(out, value, indent, 0);
  return out;
}

}  // namespace crm
