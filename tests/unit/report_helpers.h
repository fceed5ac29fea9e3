// Fixtures of the report tests: a data directory in memory filled with hand-made records whose
// figures the tests compute by hand, and helpers to read a report's cells.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "crm/reports/report.h"
#include "helpers.h"

namespace crm_test {

// Builds records field by field; every record gets a fresh ID of its kind ("D-00000001") and,
// unless given, `created` at the start of 2026.
struct ReportDir : DataDir {
  explicit ReportDir(std::string_view today = "2026-11-23", const ConfigEdit& config = {})
      : DataDir(today, config) {}

  using Fields = std::vector<std::pair<std::string, crm::Value>>;

  // A scalar field.
  static std::pair<std::string, crm::Value> f(std::string name, std::string text) {
    return {std::move(name), crm::Value::string(std::move(text))};
  }
  // A list of maps (history, payments, lines), each map given as (key, text) pairs.
  static std::pair<std::string, crm::Value> entries(
      std::string name, std::vector<std::vector<std::pair<std::string, std::string>>> items) {
    crm::Value list = crm::Value::sequence();
    for (const auto& item : items) {
      crm::Value map = crm::Value::map();
      for (const auto& [k, v] : item) map.set(k, crm::Value::string(v));
      list.push_back(std::move(map));
    }
    return {std::move(name), std::move(list)};
  }

  crm::Record put_record(crm::Kind kind, const Fields& fields) {
    const crm::KindSpec& spec = crm::kind_spec(kind);
    crm::Value map = crm::Value::map();
    map.set("id", crm::Value::string(fmt::format("{}-{:08d}", spec.prefix, ++m_next)));
    for (const auto& [k, v] : fields) map.set(k, v);
    if (!map.find("created")) map.set("created", crm::Value::string("2026-01-01T09:00:00+00:00"));
    crm::Record record(kind, crm::canonical_order(spec, std::move(map)));
    store.write(crm::ChangeSet::of_created(record, "test"));
    return record;
  }

  crm::Report report(const std::string& name, crm::ReportOptions options = {}) {
    if (options.today == crm::Date()) options.today = session.clock.today();
    return crm::run_report(store, name, options);
  }

 private:
  int m_next = 0;
};

// The rows of a section as "cell cell cell" lines, for comparison with figures worked by hand.
inline std::vector<std::string> rows_of(const crm::Report& report, const std::string& section) {
  const crm::ReportSection* s = report.section(section);
  if (!s) throw std::runtime_error("no section " + section);
  std::vector<std::string> out;
  for (const auto& row : s->rows) {
    std::string line;
    for (const auto& cell : row) line += (line.empty() ? "" : " ") + (cell.empty() ? "-" : cell);
    out.push_back(line);
  }
  return out;
}

}  // namespace crm_test
