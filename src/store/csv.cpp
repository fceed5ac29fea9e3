#include "crm/store/csv.h"

#include "crm/base/text.h"

namespace crm {

std::string csv_field(const std::string& raw, bool escape) {
  std::string text = raw;
  if (escape) {
    std::vector<std::string> lines = split(raw, '\n');
    for (auto& line : lines) line = escape_for_terminal(line);
    text = join(lines, "\n");
  }
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields, bool escape) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i)
    line += (i ? "," : "") + csv_field(fields[i], escape);
  return line + "\r\n";
}

}  // namespace crm
