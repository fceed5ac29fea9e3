#include "crm/reports/report.h"

#include <stdexcept>

#include <fmt/format.h>

#include "builders.h"
#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"

namespace crm {

void ReportSection::add(std::vector<std::string> row) {
  if (row.size() != columns.size())
    throw std::logic_error(fmt::format("report section {} got a row of {} cells for {} columns",
                                       name, row.size(), columns.size()));
  rows.push_back(std::move(row));
}

int ReportSection::column(std::string_view key) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return static_cast<int>(i);
  return -1;
}

const ReportSection* Report::section(std::string_view wanted) const {
  for (const auto& s : sections)
    if (s.name == wanted) return &s;
  return nullptr;
}

const std::vector<ReportSpec>& all_reports() {
  static const std::vector<ReportSpec> k_reports = {
      {"pipeline",
       "open deals per stage: count, amount, weighted amount; the longest in a stage",
       {"stage", "owner"},
       pipeline_report},
      {"forecast",
       "open deals by expected close month: best case and weighted amounts; the overdue ones",
       {"month", "quarter", "owner"},
       forecast_report},
      {"sales",
       "deals won, amounts invoiced and paid, per period, owner, account or product",
       {"month", "quarter", "owner", "account", "product"},
       sales_report},
      {"win-rate",
       "won / (won + lost) of the deals closed, per owner, period or lead source; why deals were "
       "lost",
       {"owner", "month", "quarter", "source"},
       win_rate_report},
      {"funnel",
       "how many leads became deals, quotes, accepted quotes, orders and paid invoices, and how "
       "fast",
       {},
       funnel_report},
      {"quotes",
       "quotes sent: accepted, rejected, expired, revised; acceptance rate, discounts, reasons",
       {"currency", "month", "quarter", "owner"},
       quotes_report},
      {"receivables",
       "open invoice balances per account, aged by days past due",
       {"account"},
       receivables_report},
      {"service",
       "service requests, orders, deadlines missed; hours and amounts per technician and contract",
       {},
       service_report},
      {"activity",
       "notes, calls, meetings, emails and tasks per owner or period; idle accounts",
       {"owner", "month", "quarter", "type"},
       activity_report},
      {"campaigns",
       "per campaign: cost, leads, conversions, won deals, cost per lead, return on cost",
       {"campaign", "channel"},
       campaigns_report},
  };
  return k_reports;
}

const ReportSpec* report_named(std::string_view name) {
  for (const auto& r : all_reports())
    if (r.name == name) return &r;
  return nullptr;
}

Report run_report(const RecordStore& store, std::string_view name, ReportOptions options) {
  const ReportSpec* spec = report_named(name);
  if (!spec) {
    std::vector<std::string> names;
    for (const auto& r : all_reports()) names.push_back(r.name);
    throw UsageError(fmt::format("there is no report '{}'", name), "reports: " + join(names, ", "));
  }
  if (!options.by.empty() &&
      std::find(spec->by.begin(), spec->by.end(), options.by) == spec->by.end()) {
    if (spec->by.empty()) throw UsageError(fmt::format("report {} takes no --by", spec->name));
    throw UsageError(fmt::format("report {} cannot group --by {}", spec->name, options.by),
                     "--by takes " + join(spec->by, ", "));
  }
  if (options.by.empty() && !spec->by.empty()) options.by = spec->by.front();
  if (options.from && options.to && *options.to < *options.from)
    throw UsageError(
        fmt::format("--to {} comes before --from {}", options.to->iso(), options.from->iso()));
  if (!options.currency.empty()) currency_for(options.currency);  // throws for a bad code
  if (options.idle_days < 0) throw UsageError("--idle must be 0 or more days");
  Report report = spec->build(store, options);
  report.name = spec->name;
  report.options = options;
  return report;
}

namespace {

Value cell_value(const ReportColumn& column, const std::string& text) {
  if (text.empty()) return Value::null();
  if (column.measure == Measure::count) return Value::plain(text);
  return Value::string(text);
}

Value optional_date(const std::optional<Date>& day) {
  return day ? Value::string(day->iso()) : Value::null();
}

}  // namespace

Value report_value(const Report& report) {
  Value out = Value::map();
  out.set("report", Value::string(report.name));
  Value period = Value::map();
  period.set("from", optional_date(report.options.from));
  period.set("to", optional_date(report.options.to));
  period.set("today", Value::string(report.options.today.iso()));
  out.set("period", std::move(period));
  for (const auto& section : report.sections) {
    Value rows = Value::sequence();
    for (const auto& row : section.rows) {
      Value item = Value::map();
      for (std::size_t i = 0; i < section.columns.size(); ++i)
        item.set(section.columns[i].key, cell_value(section.columns[i], row[i]));
      rows.push_back(std::move(item));
    }
    out.set(section.name, std::move(rows));
  }
  Value notes = Value::sequence();
  for (const auto& n : report.notes) notes.push_back(Value::string(n));
  out.set("notes", std::move(notes));
  return out;
}

}  // namespace crm
