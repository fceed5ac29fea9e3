// Reports as people and other programs read them: aligned text tables with bar charts for a
// terminal, Markdown for mail and wikis, CSV for spreadsheets, and one self-contained HTML page
// (inline CSS and SVG, no script) for the dashboard. JSON and YAML come from report_value().
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/reports/report.h"

namespace crm {

struct TextStyle {
  bool unicode = true;  // block characters for bars; plain ASCII '#' when false
  bool color = false;   // bold titles
  int bar_width = 24;   // characters of the longest bar
};

// A bar of `value` out of `max` (both >= 0) in at most `width` characters, in eighths of a
// block with `unicode`, else '#' characters. Empty for 0.
std::string text_bar(long double value, long double max, int width, bool unicode);

// The report's sections as aligned tables, each chart column drawn as bars at the right
// (scaled per currency where the section has one), then its notes. Control characters in
// values are escaped.
std::string render_text(const Report& report, const TextStyle& style);

// Markdown: "## Title", a pipe table per section (numbers right-aligned), notes as a list.
std::string render_markdown(const Report& report);

// One section as RFC 4180 CSV with a header line; the first section when `section` is empty.
// Throws UsageError naming the sections for an unknown one.
std::string render_csv(const Report& report, std::string_view section);

// The dashboard: one HTML page holding every report given, with inline CSS and an SVG bar chart
// beside each section that has a chart column; no script, no external file.
struct HtmlPage {
  std::string title = "crm dashboard";
  std::string generated;  // "2026-11-20": shown in the header
};
std::string render_html(const std::vector<Report>& reports, const HtmlPage& page);

}  // namespace crm
