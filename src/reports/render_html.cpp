// The dashboard page: every report's sections as tables, each with an SVG bar chart where the
// section has a chart column. One self-contained file: inline CSS, inline SVG, no script, no
// external file, no network, so that cron can mail it and any browser can open it offline.
#include <fmt/format.h>

#include "crm/base/text.h"
#include "crm/reports/render.h"
#include "render_support.h"

namespace crm {
namespace {

constexpr const char* k_style = R"(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;
background:#f6f8fa;margin:0;padding:24px}
header{margin-bottom:16px}h1{font-size:22px;margin:0}header p{margin:4px 0 0;color:#59636e}
nav a{margin-right:12px;color:#0969da;text-decoration:none}
section.report{background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:16px 20px;
margin:16px 0}
h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:16px 0 6px;color:#393f46}
table{border-collapse:collapse;margin:4px 0 8px}
th,td{padding:3px 10px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
th{font-weight:600;color:#59636e;font-size:12px;text-transform:uppercase}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{display:block;margin:4px 0 12px}.chart text{font-size:11px;fill:#393f46}
.chart rect{fill:#2da44e}.none{color:#59636e}
ul.notes{color:#59636e;margin:8px 0 0;padding-left:20px}
@media print{body{background:#fff;padding:0}section.report{break-inside:avoid;border:0}}
)";

std::string esc(std::string_view text) {
  return escape_html(escape_for_terminal(text));
}

// The label of a row in its chart: its text cells before the chart column, joined.
std::string row_label(const ReportSection& section, const std::vector<std::string>& row,
                      int chart) {
  std::vector<std::string> parts;
  for (int i = 0; i < chart; ++i)
    if (!is_numeric(section.columns[i].measure) && !row[i].empty()) parts.push_back(row[i]);
  return join(parts, " · ");
}

// `text` cut to at most `max` code points, the last of them an ellipsis when it was longer.
std::string clip(std::string_view text, std::size_t max) {
  if (display_width(text) <= max) return std::string(text);
  std::size_t points = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (points++ == max - 1) break;
  }
  return std::string(text.substr(0, i)) + "…";
}

std::string svg_chart(const ReportSection& section) {
  int chart = chart_column(section);
  if (chart < 0 || section.rows.empty()) return {};
  // A label longer than its column would run under the bar: it is clipped (at about 6.3 pixels
  // a character of the 11px font), and the whole label is the row's tooltip (<title>).
  constexpr int k_label = 320, k_bar = 320, k_row = 20, k_value = 90;
  constexpr std::size_t k_label_chars = 48;
  std::vector<std::string> widths = chart_bars(section, [&](long double v, long double max) {
    if (!(v > 0) || !(max > 0)) return std::string("0");
    return fmt::format("{:.1f}", static_cast<double>(v / max * k_bar));
  });
  int height = static_cast<int>(section.rows.size()) * k_row + 4;
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "role=\"img\" aria-label=\"{}\">\n",
      k_label + k_bar + k_value, height, esc(section.title + ": " + section.columns[chart].key));
  for (std::size_t r = 0; r < section.rows.size(); ++r) {
    int y = static_cast<int>(r) * k_row + 2;
    const auto& row = section.rows[r];
    std::string label = row_label(section, row, chart);
    out += fmt::format("<g><title>{}</title><text x=\"0\" y=\"{}\">{}</text>", esc(label), y + 13,
                       esc(clip(label, k_label_chars)));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>", k_label,
                       y + 2, widths[r], k_row - 6);
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text></g>\n", k_label + k_bar + 6, y + 13,
                       esc(row[chart]));
  }
  return out + "</svg>\n";
}

std::string html_table(const ReportSection& section) {
  std::string out = "<table>\n<thead><tr>";
  for (const auto& c : section.columns)
    out += fmt::format("<th{}>{}</th>", is_numeric(c.measure) ? " class=\"n\"" : "", esc(c.key));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : section.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      out += fmt::format("<td{}>{}</td>",
                         is_numeric(section.columns[i].measure) ? " class=\"n\"" : "", esc(row[i]));
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string html_report(const Report& report) {
  std::string out = fmt::format("<section class=\"report\" id=\"{}\">\n<h2>{}</h2>\n",
                                esc(report.name), esc(report_heading(report)));
  for (const auto& section : report.sections) {
    out += fmt::format("<h3>{}</h3>\n", esc(section.title));
    if (section.rows.empty()) {
      out += "<p class=\"none\">(none)</p>\n";
      continue;
    }
    out += svg_chart(section);
    out += html_table(section);
  }
  if (!report.notes.empty()) {
    out += "<ul class=\"notes\">\n";
    for (const auto& n : report.notes) out += "<li>" + esc(n) + "</li>\n";
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string render_html(const std::vector<Report>& reports, const HtmlPage& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(page.title),
                     k_style);
  out +=
      fmt::format("<header>\n<h1>{}</h1>\n<p>as of {}</p>\n", esc(page.title), esc(page.generated));
  if (reports.size() > 1) {
    out += "<nav>";
    for (const auto& r : reports)
      out += fmt::format("<a href=\"#{}\">{}</a>", esc(r.name),
                         esc(r.title.empty() ? r.name : r.title));
    out += "</nav>\n";
  }
  out += "</header>\n<main>\n";
  for (const auto& r : reports) out += html_report(r);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace crm
