#include "output.h"

#include <algorithm>
#include <iostream>
#include <ostream>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/csv.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace {

Value records_value(const std::vector<Record>& records, const Config& config) {
  Value list = Value::sequence();
  for (const auto& r : records) list.push_back(r.view(config));
  return list;
}

Value table_value(const Table& table) {
  Value list = Value::sequence();
  for (const auto& row : table.rows) {
    Value item = Value::map();
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i)
      item.set(table.columns[i], Value::string(row[i]));
    list.push_back(std::move(item));
  }
  return list;
}

Table records_table(const std::vector<Record>& records, const std::vector<std::string>& columns,
                    const Output::Cell& cell) {
  Table table{columns, {}};
  for (const auto& r : records) {
    std::vector<std::string> row;
    for (const auto& c : columns) row.push_back(cell ? cell(r, c) : r.get(c));
    table.rows.push_back(std::move(row));
  }
  return table;
}

// One line per scalar; lists of maps as indented "- key: value" lines.
void describe(std::string& out, const Value& v, int indent) {
  std::string pad(indent, ' ');
  for (const auto& [key, value] : v.entries()) {
    if (value.is_scalar() || value.is_null()) {
      std::string text = escape_for_terminal(value.text());
      out += fmt::format("{}{:<10} {}\n", pad, key + ":", text);
    } else if (value.is_sequence()) {
      out += fmt::format("{}{}:\n", pad, key);
      for (const Value& item : value.items()) {
        if (item.is_map()) {
          std::vector<std::string> parts;
          for (const auto& [k, x] : item.entries())
            parts.push_back(fmt::format("{}: {}", k, escape_for_terminal(x.text())));
          out += fmt::format("{}  - {}\n", pad, join(parts, ", "));
        } else {
          out += fmt::format("{}  - {}\n", pad, escape_for_terminal(item.text()));
        }
      }
    } else {
      out += fmt::format("{}{}:\n", pad, key);
      describe(out, value, indent + 2);
    }
  }
}

}  // namespace

Format parse_format(const std::string& name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "yaml") return Format::yaml;
  if (name == "csv") return Format::csv;
  if (name == "md" || name == "html")
    throw UsageError(fmt::format("--format {} is for reports, the agenda and documents", name),
                     "use table, json, yaml or csv here");
  if (name == "pdf")
    throw UsageError("--format pdf is for documents: crm quote|invoice|service confirmation show",
                     "use table, json, yaml or csv here");
  throw UsageError(fmt::format("--format '{}' is not table, json, yaml or csv", name));
}

Output::Output(Format format, bool quiet, bool color, std::ostream& out)
    : m_format(format), m_quiet(quiet), m_color(color), m_out(out) {}

std::string Output::bold(const std::string& text) const {
  return m_color ? "\x1b[1m" + text + "\x1b[0m" : text;
}

void Output::records(const std::vector<Record>& records, const Config& config,
                     const std::vector<std::string>& columns, const Cell& cell) {
  switch (m_format) {
    case Format::json:
      m_out << emit_json(records_value(records, config)) << '\n';
      return;
    case Format::yaml:
      m_out << emit_yaml(records_value(records, config));
      return;
    case Format::csv:
      write_csv(records_table(records, columns, cell));
      return;
    case Format::table:
      write_table(records_table(records, columns, cell));
      return;
  }
}

void Output::record(const Record& record, const Config& config) {
  Value fields = record.view(config);
  switch (m_format) {
    case Format::json:
      m_out << emit_json(fields) << '\n';
      return;
    case Format::yaml:
      m_out << emit_yaml(fields);
      return;
    case Format::csv: {
      Table t{{"field", "value"}, {}};
      for (const auto& [k, v] : fields.entries())
        if (v.is_scalar()) t.rows.push_back({k, v.text()});
      write_csv(t);
      return;
    }
    case Format::table: {
      std::string out;
      describe(out, fields, 0);
      m_out << out;
      return;
    }
  }
}

void Output::table(const Table& table) {
  switch (m_format) {
    case Format::json:
      m_out << emit_json(table_value(table)) << '\n';
      return;
    case Format::yaml:
      m_out << emit_yaml(table_value(table));
      return;
    case Format::csv:
      write_csv(table);
      return;
    case Format::table:
      write_table(table);
      return;
  }
}

void Output::changes(const ChangeSet& changes, const Config& config, bool dry_run) {
  if (m_format == Format::json || m_format == Format::yaml) {
    Value list = Value::sequence();
    for (const auto& c : changes.changes) list.push_back(c.record.view(config));
    const Value& shown = list.items().size() == 1 ? list.items()[0] : list;
    if (m_format == Format::json)
      m_out << emit_json(shown) << '\n';
    else
      m_out << emit_yaml(shown);
    return;
  }
  if (m_quiet) return;
  for (const auto& c : changes.changes) {
    std::string line = c.record.id();
    if (c.record.number_or_id() != c.record.id()) line += " " + c.record.number_or_id();
    if (dry_run)
      m_out << fmt::format("would {} {}\n", c.created ? "create" : "update", line)
            << record_to_yaml(c.record);
    else
      m_out << line << '\n';
  }
}

void Output::warn_all(const std::vector<LoadProblem>& problems) {
  for (const auto& p : problems)
    std::cerr << "crm: warning: " << escape_for_terminal(p.message) << " (skipped)\n";
}

void Output::text(const std::string& text) {
  if (!m_quiet) m_out << text;
}

void Output::write_csv(const Table& table) {
  m_out << csv_line(table.columns);
  for (const auto& row : table.rows) m_out << csv_line(row);
}

void Output::write_table(const Table& table) {
  if (m_quiet) return;
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : table.rows) {
    std::vector<std::string> escaped;
    for (const auto& cell : row) {
      std::string line = escape_for_terminal(cell.substr(0, cell.find('\n')));
      if (cell.find('\n') != std::string::npos) line += " …";
      escaped.push_back(line);
    }
    cells.push_back(std::move(escaped));
  }
  std::vector<std::size_t> widths;
  for (const auto& c : table.columns) widths.push_back(display_width(c));
  for (const auto& row : cells)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  auto write_row = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      std::string cell = row[i];
      if (i + 1 < row.size()) cell += std::string(widths[i] - display_width(row[i]) + 2, ' ');
      line += cell;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    m_out << (header ? bold(line) : line) << '\n';
  };
  write_row(table.columns, true);
  for (const auto& row : cells) write_row(row, false);
}

void warn(const std::string& message, const std::string& quoted) {
  std::cerr << "crm: warning: " << escape_for_terminal(message) << '\n';
  for (const std::string& line : split(quoted, '\n'))
    if (!trim(line).empty()) std::cerr << "    " << escape_for_terminal(line) << '\n';
}

}  // namespace crm::cli
