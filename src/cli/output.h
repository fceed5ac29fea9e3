// Printing: aligned tables for people, and the same rows as JSON, YAML or CSV for scripts.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm::cli {

enum class Format { table, json, yaml, csv };

// Rows under named columns; column names are the YAML keys where a column is a field.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

class Output {
 public:
  Output(Format format, bool quiet, bool color, std::ostream& out);

  Format format() const { return m_format; }
  bool quiet() const { return m_quiet; }

  using Cell = std::function<std::string(const Record&, const std::string& column)>;
  // A list of records: table and CSV show `columns` (through `cell` when given); JSON and
  // YAML give whole records.
  void records(const std::vector<Record>& records, const Config& config,
               const std::vector<std::string>& columns, const Cell& cell = {});
  // One record, like a document: field by field (derived ones too), then its history.
  void record(const Record& record, const Config& config);
  // Rows that are not records (timelines, reports).
  void table(const Table& table);
  // What a mutation changed (or would change with `dry_run`).
  void changes(const ChangeSet& changes, const Config& config, bool dry_run);
  // One warning line on stderr per file skipped by --keep-going.
  void warn_all(const std::vector<LoadProblem>& problems);
  // Free text for people (lifecycle diagrams, check results); suppressed by -q.
  void text(const std::string& text);

 private:
  void write_table(const Table& table);
  void write_csv(const Table& table);
  std::string bold(const std::string& text) const;

  Format m_format;
  bool m_quiet;
  bool m_color;
  std::ostream& m_out;
};

Format parse_format(const std::string& name);

// A warning on stderr: the command did what it says (exit 0), but something is worth knowing.
// Lines of `quoted` (a program's own message, as it wrote it) follow, indented.
void warn(const std::string& message, const std::string& quoted = {});

}  // namespace crm::cli
