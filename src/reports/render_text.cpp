#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/reports/render.h"
#include "render_support.h"

namespace crm {

std::string text_bar(long double value, long double max, int width, bool unicode) {
  if (!(value > 0) || !(max > 0) || width <= 0) return {};
  long double fraction = std::min<long double>(1, value / max);
  if (!unicode) {
    int n = static_cast<int>(std::lround(fraction * width));
    return std::string(std::max(n, 1), '#');
  }
  static const char* k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  long eighths = std::max<long>(1, std::lround(fraction * width * 8));
  std::string bar;
  for (long i = 0; i < eighths / 8; ++i) bar += "█";
  return bar + k_eighths[eighths % 8];
}

namespace {

std::string section_text(const ReportSection& section, const TextStyle& style) {
  std::vector<std::vector<std::string>> cells;
  cells.push_back({});
  for (const auto& c : section.columns) cells.back().push_back(c.key);
  for (const auto& row : section.rows) {
    cells.push_back({});
    for (const auto& v : row) cells.back().push_back(escape_for_terminal(v));
  }
  std::vector<std::size_t> widths(section.columns.size(), 0);
  for (const auto& row : cells)
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));

  std::vector<std::string> bars = chart_bars(section, [&](long double v, long double max) {
    return text_bar(v, max, style.bar_width, style.unicode);
  });

  std::string out;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < cells[r].size(); ++i) {
      const std::string& v = cells[r][i];
      std::string pad(widths[i] - display_width(v), ' ');
      bool right = is_numeric(section.columns[i].measure);
      line += right ? pad + v : v + pad;
      if (i + 1 < cells[r].size()) line += "  ";
    }
    if (r > 0 && !bars[r - 1].empty()) line += "  " + bars[r - 1];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string render_text(const Report& report, const TextStyle& style) {
  auto bold = [&](const std::string& t) { return style.color ? "\x1b[1m" + t + "\x1b[0m" : t; };
  std::string out = bold(report_heading(report)) + "\n";
  for (const auto& section : report.sections) {
    out += "\n" + bold(section.title) + "\n";
    if (section.rows.empty())
      out += "(none)\n";
    else
      out += section_text(section, style);
  }
  if (!report.notes.empty()) {
    out += "\n";
    for (const auto& n : report.notes) out += "note: " + escape_for_terminal(n) + "\n";
  }
  return out;
}

}  // namespace crm
