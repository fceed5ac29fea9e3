#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/reports/render.h"
#include "crm/store/csv.h"

namespace crm {

std::string render_csv(const Report& report, std::string_view wanted) {
  const ReportSection* section = nullptr;
  if (wanted.empty()) {
    section = report.sections.empty() ? nullptr : &report.sections.front();
  } else {
    section = report.section(wanted);
    if (!section) {
      std::vector<std::string> names;
      for (const auto& s : report.sections) names.push_back(s.name);
      throw UsageError(fmt::format("report {} has no section '{}'", report.name, wanted),
                       "sections: " + join(names, ", "));
    }
  }
  if (!section) return {};
  std::vector<std::string> header;
  for (const auto& c : section->columns) header.push_back(c.key);
  std::string out = csv_line(header);
  for (const auto& row : section->rows) out += csv_line(row);
  return out;
}

}  // namespace crm
