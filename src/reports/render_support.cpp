#include "render_support.h"

#include <cstdlib>
#include <map>

#include <fmt/format.h>

namespace crm {

bool is_numeric(Measure measure) {
  return measure == Measure::count || measure == Measure::money || measure == Measure::percent ||
         measure == Measure::decimal;
}

std::string report_heading(const Report& report) {
  const ReportOptions& o = report.options;
  std::string title = report.title.empty() ? report.name : report.title;
  if (!o.from && !o.to) return fmt::format("{} — {}", title, o.today.iso());
  return fmt::format("{} — {} to {} (today {})", title, o.from ? o.from->iso() : "the start",
                     o.to ? o.to->iso() : "today", o.today.iso());
}

long double cell_number(const std::string& text) {
  if (text.empty()) return 0;
  char* end = nullptr;
  long double v = std::strtold(text.c_str(), &end);
  return end && *end == '\0' ? v : 0;
}

int chart_column(const ReportSection& section) {
  for (std::size_t i = 0; i < section.columns.size(); ++i)
    if (section.columns[i].chart) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> chart_bars(
    const ReportSection& section,
    const std::function<std::string(long double value, long double max)>& draw) {
  std::vector<std::string> bars(section.rows.size());
  int chart = chart_column(section);
  if (chart < 0) return bars;
  int currency = section.column("currency");
  auto group_of = [&](const std::vector<std::string>& row) {
    return currency >= 0 ? row[currency] : std::string();
  };
  std::map<std::string, long double> max;
  for (const auto& row : section.rows) {
    long double v = cell_number(row[chart]);
    long double& m = max[group_of(row)];
    if (v > m) m = v;
  }
  for (std::size_t r = 0; r < section.rows.size(); ++r)
    bars[r] = draw(cell_number(section.rows[r][chart]), max[group_of(section.rows[r])]);
  return bars;
}

}  // namespace crm
