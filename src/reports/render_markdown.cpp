#include "crm/base/text.h"
#include "crm/reports/render.h"
#include "render_support.h"

namespace crm {
namespace {

// Pipes and line breaks would end a cell; control characters would reach a terminal.
std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : escape_for_terminal(text)) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out = "## " + md_cell(report_heading(report)) + "\n";
  for (const auto& section : report.sections) {
    out += "\n### " + md_cell(section.title) + "\n\n";
    if (section.rows.empty()) {
      out += "(none)\n";
      continue;
    }
    std::string header = "|", rule = "|";
    for (const auto& c : section.columns) {
      header += " " + c.key + " |";
      rule += is_numeric(c.measure) ? " ---: |" : " --- |";
    }
    out += header + "\n" + rule + "\n";
    for (const auto& row : section.rows) {
      std::string line = "|";
      for (const auto& v : row) line += " " + md_cell(v) + " |";
      out += line + "\n";
    }
  }
  if (!report.notes.empty()) {
    out += "\n";
    for (const auto& n : report.notes) out += "- " + md_cell(n) + "\n";
  }
  return out;
}

}  // namespace crm
