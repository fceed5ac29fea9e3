// What the renderers share: the heading of a report, which measures are numbers, and the
// values a chart column scales (per currency where the section has one).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "crm/reports/report.h"

namespace crm {

bool is_numeric(Measure measure);

// "Pipeline — 2026-11-20" or "Sales — 2026-01-01 to 2026-06-30 (today 2026-11-20)".
std::string report_heading(const Report& report);

// The number a cell holds, for charts; 0 for empty or non-numeric text.
long double cell_number(const std::string& text);

// The chart column of a section (-1 when none).
int chart_column(const ReportSection& section);

// One drawing per row of the section's chart column, each scaled to the largest value of its
// currency (or of the section when it has no currency column); "" for rows with nothing.
std::vector<std::string> chart_bars(
    const ReportSection& section,
    const std::function<std::string(long double value, long double max)>& draw);

}  // namespace crm
