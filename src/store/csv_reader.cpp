#include "crm/store/csv_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace csv_reader {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Refuses what no CSV import should take: bytes that are not UTF-8, and NUL bytes.
void require_text(std::string_view text) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos)
    throw UsageError(fmt::format("line {}: the file holds a NUL byte; it is not a CSV text file",
                                 line_at(text, nul)),
                     "export the data as CSV (text) again");
  if (is_valid_utf8(text)) return;
  std::size_t start = 0;
  int line = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!is_valid_utf8(text.substr(start, end - start))) break;
    start = end + 1;
    ++line;
  }
  throw UsageError(
      fmt::format("line {}: the file is not UTF-8 text", line),
      "save or export it as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8`)");
}

class Reader {
 public:
  Reader(std::string_view text, char delimiter) : m_text(text), m_delimiter(delimiter) {}

  std::vector<CsvRow> rows() {
    std::vector<CsvRow> out;
    while (m_pos < m_text.size()) {
      // A line with nothing on it is no row.
      if (at_line_break()) {
        skip_line_break();
        continue;
      }
      CsvRow row = next_row();
      bool unterminated = m_unterminated;
      out.push_back(std::move(row));
      if (unterminated) break;
    }
    return out;
  }

 private:
  bool at_line_break() const { return m_text[m_pos] == '\n' || m_text[m_pos] == '\r'; }

  // "\r\n", "\n" or a lone "\r" (old Mac files) is one line break.
  void skip_line_break() {
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
    ++m_pos;
    ++m_line;
  }

  void problem(CsvRow& row, std::string why) {
    if (row.problem.empty()) row.problem = std::move(why);
  }

  void append(CsvRow& row, std::string& field, char c) {
    if (field.size() < k_max_csv_field_bytes) {
      field += c;
    } else {
      problem(row, fmt::format("field {} is longer than {} KiB", row.fields.size() + 1,
                               k_max_csv_field_bytes / 1024));
    }
  }

  CsvRow next_row() {
    CsvRow row;
    row.line = m_line;
    std::string field;
    while (true) {
      // The start of a field.
      field.clear();
      if (m_pos < m_text.size() && m_text[m_pos] == '"') {
        int opened = m_line;
        ++m_pos;
        bool closed = false;
        while (m_pos < m_text.size()) {
          char c = m_text[m_pos];
          if (c == '"') {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
              append(row, field, '"');
              m_pos += 2;
              continue;
            }
            ++m_pos;
            closed = true;
            break;
          }
          if (c == '\n') ++m_line;
          if (c == '\r' && !(m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')) ++m_line;
          append(row, field, c);
          ++m_pos;
        }
        if (!closed) {
          m_unterminated = true;
          problem(row, fmt::format("the quoted field opened on line {} is never closed", opened));
          row.fields.push_back(std::move(field));
          return row;
        }
        // After the closing quote: the delimiter, the end of the line or of the text.
        if (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !at_line_break()) {
          problem(row,
                  fmt::format("text after the closing quote of field {}", row.fields.size() + 1));
          while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !at_line_break()) ++m_pos;
        }
      } else {
        // An unquoted field runs to the delimiter or the line's end; a quote inside it is kept
        // as text (spreadsheets write such files).
        while (m_pos < m_text.size() && m_text[m_pos] != m_delimiter && !at_line_break())
          append(row, field, m_text[m_pos++]);
      }
      row.fields.push_back(std::move(field));
      if (m_pos >= m_text.size()) return row;
      if (m_text[m_pos] == m_delimiter) {
        ++m_pos;
        continue;
      }
      skip_line_break();
      return row;
    }
  }

  std::string_view m_text;
  char m_delimiter;
  std::size_t m_pos = 0;
  int m_line = 1;
  bool m_unterminated = false;
};

}  // namespace csv_reader

std::vector<CsvRow> read_csv(std::string_view text, const CsvReadOptions& options) {
  if (text.starts_with(csv_reader::k_bom)) text.remove_prefix(csv_reader::k_bom.size());
  csv_reader::require_text(text);
  return csv_reader::Reader(text, options.delimiter).rows();
}

char csv_delimiter(std::string_view typed) {
  if (typed == "\\t" || typed == "tab" || typed == "\t") return '\t';
  if (typed == "," || typed == ";" || typed == "|") return typed[0];
  throw UsageError(fmt::format("--delimiter '{}' is not one of , ; | tab", typed),
                   "e.g. --delimiter ';' or --delimiter tab");
}

}  // namespace crm
