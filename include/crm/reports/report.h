// Reports: each a pure function from the records (read through the RecordStore, never the
// folders) and the report options to named sections of typed rows. One list registers them
// all, so that `crm report NAME`, `crm report all`, the dashboard page and the docs ask it.
// Amounts are exact and kept apart per currency: a row that holds money has a `currency`
// column, and nothing sums across currencies.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/dates.h"
#include "crm/base/value.h"
#include "crm/kinds/record_store.h"

namespace crm {

// What a cell holds, for alignment, charts and the JSON type.
enum class Measure {
  text,     // names, stages, periods, IDs
  count,    // a whole number: JSON number
  money,    // a decimal string with the row's currency's digits
  percent,  // a decimal string, e.g. "42.9" (of 100)
  decimal,  // hours, days: a decimal string
  date,     // YYYY-MM-DD
};

struct ReportColumn {
  std::string key;  // the JSON/CSV name, snake_case
  Measure measure = Measure::text;
  std::string description;  // what the column means (docs, `crm report NAME --help`)
  bool chart = false;       // drawn as a bar beside the table / on the dashboard
};

// One table of a report. Rows hold one text per column ("" for none).
struct ReportSection {
  std::string name;   // "stages": the key of its rows in JSON, `--section` for CSV
  std::string title;  // "Open deals by stage"
  std::vector<ReportColumn> columns;
  std::vector<std::vector<std::string>> rows;

  // Appends a row; throws std::logic_error when it does not have one text per column.
  void add(std::vector<std::string> row);
  int column(std::string_view key) const;  // its index, -1 when absent
};

struct ReportOptions {
  Date today;                    // "now", pinned by --today
  std::optional<Date> from, to;  // the period, inclusive; what date it applies to is the report's
  std::string by;                // a grouping the report offers; "" is its default
  std::string owner;             // only records of this owner (a deal's, an account's...)
  std::string currency;          // only amounts in this currency
  int idle_days = 30;            // `activity`: accounts not contacted for this many days
};

struct Report {
  std::string name;   // "pipeline"
  std::string title;  // "Pipeline"
  ReportOptions options;
  std::vector<ReportSection> sections;
  // Sentences worth reading beside the figures ("3 deals have no amount and count as 0").
  std::vector<std::string> notes;

  const ReportSection* section(std::string_view name) const;
};

struct ReportSpec {
  std::string name;
  std::string summary;          // one line for --help and the docs
  std::vector<std::string> by;  // the groupings --by accepts, the default first; may be empty
  std::function<Report(const RecordStore&, const ReportOptions&)> build;
};

// Every report, in the order `crm report all` and the dashboard show them.
const std::vector<ReportSpec>& all_reports();
const ReportSpec* report_named(std::string_view name);

// Checks the options against the report (a --by it offers, from <= to, a well-formed currency;
// UsageError naming what it accepts) and builds it.
Report run_report(const RecordStore& store, std::string_view name, ReportOptions options);

// The report as a tree for JSON and YAML: {report, period: {from, to, today}, <section>: [rows],
// notes}. Counts are plain numbers, everything else strings, empty cells null.
Value report_value(const Report& report);

}  // namespace crm
