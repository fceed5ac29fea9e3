// `crm report forecast`: what the open deals should bring in, month by month (or quarter, or
// owner), by the day they are expected to close, and which of them are late.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace {

struct ForecastGroup {
  long long deals = 0;
  Money best_case, weighted;
  void add(const Money& amount, const Money& weight) {
    best_case = deals ? best_case + amount : amount;
    weighted = deals ? weighted + weight : weight;
    ++deals;
  }
};

std::string forecast_group(const ReportOptions& options, const std::string& owner,
                           const Date& close_by) {
  if (options.by == "owner") return owner.empty() ? "(none)" : owner;
  return period_label(close_by, options.by);
}

}  // namespace

Report forecast_report(const RecordStore& store, const ReportOptions& options) {
  const Config& config = store.config();
  Owners owners(store);
  struct Open {
    Record deal;
    Date close_by;
    std::string owner, currency;
  };
  std::vector<Open> open;
  long long without_close_by = 0, without_amount = 0;
  store.for_each(Kind::deal, [&](const Record& deal) {
    if (deal.status() != "open") return;
    std::string owner = owners.of(deal);
    std::string currency = currency_of(deal, config);
    if (!keeps_owner(options, owner) || !keeps_currency(options, currency)) return;
    auto close_by = Date::parse_iso(deal.get("close_by"));
    if (!close_by) {
      ++without_close_by;
      return;
    }
    if (!in_period(options, close_by)) return;
    if (deal.get("amount").empty()) ++without_amount;
    open.push_back({deal, *close_by, owner, currency});
  });

  std::map<std::string, std::map<std::string, ForecastGroup>> groups;  // key -> currency -> sums
  MoneyTotals total_best, total_weighted;
  std::map<std::string, long long> total_deals;
  for (const auto& o : open) {
    Money amount = money_of(o.deal, "amount", config);
    Money weighted = weighted_amount(o.deal, config);
    groups[forecast_group(options, o.owner, o.close_by)][o.currency].add(amount, weighted);
    total_best.add(o.currency, amount);
    total_weighted.add(o.currency, weighted);
    ++total_deals[o.currency];
  }
  std::vector<std::string> currencies = total_best.currencies();

  Report report;
  report.title = "Forecast";
  std::string by = options.by.empty() ? "month" : options.by;
  ReportSection rows{
      "forecast",
      by == "owner" ? "Open deals by owner" : "Open deals by expected close " + by,
      {{by, Measure::text,
        by == "owner" ? "the deal's owner"
                      : "the " + by + " of the deal's expected close date (close_by)"},
       {"currency", Measure::text, "amounts are summed per currency"},
       {"deals", Measure::count, "open deals expected to close then"},
       {"best_case", Measure::money, "sum of their amounts: all of them won"},
       {"weighted", Measure::money, "sum of amount x the stage's probability, each rounded", true}},
      {}};
  // Periods in time order and owners by name: the map's order. Currencies as first met.
  for (const auto& [key, by_currency] : groups)
    for (const auto& currency : currencies) {
      auto it = by_currency.find(currency);
      if (it == by_currency.end()) continue;
      rows.add({key, currency, std::to_string(it->second.deals), it->second.best_case.str(),
                it->second.weighted.str()});
    }
  report.sections.push_back(std::move(rows));

  ReportSection totals{"totals",
                       "Total",
                       {{"currency", Measure::text, ""},
                        {"deals", Measure::count, "open deals with an expected close date"},
                        {"best_case", Measure::money, "sum of their amounts"},
                        {"weighted", Measure::money, "sum of the weighted amounts"}},
                       {}};
  currencies = currencies_shown(std::move(currencies), options, config);
  for (const auto& currency : currencies)
    totals.add({currency, std::to_string(total_deals[currency]), total_best.of(currency).str(),
                total_weighted.of(currency).str()});
  report.sections.push_back(std::move(totals));

  // Open deals whose expected close date has passed: the forecast's least reliable part.
  ReportSection overdue{"overdue",
                        "Overdue: open past their expected close date",
                        {{"deal", Measure::text, "the deal's ID"},
                         {"title", Measure::text, ""},
                         {"stage", Measure::text, ""},
                         {"owner", Measure::text, ""},
                         {"close_by", Measure::date, "the day it was expected to close"},
                         {"days_late", Measure::count, "days from close_by to today", true},
                         {"currency", Measure::text, ""},
                         {"amount", Measure::money, ""}},
                        {}};
  std::vector<const Open*> late;
  for (const auto& o : open)
    if (o.close_by < options.today) late.push_back(&o);
  std::stable_sort(late.begin(), late.end(),
                   [](const Open* a, const Open* b) { return a->close_by < b->close_by; });
  for (const Open* o : late)
    overdue.add({o->deal.id(), o->deal.get("title"), o->deal.get("stage"), o->owner,
                 o->close_by.iso(), std::to_string(days_between(o->close_by, options.today)),
                 o->currency, o->deal.get("amount")});
  report.sections.push_back(std::move(overdue));

  if (without_close_by > 0)
    report.notes.push_back(
        fmt::format("{} open deal{} without an expected close date (close_by) {} in no {}",
                    without_close_by, without_close_by == 1 ? "" : "s",
                    without_close_by == 1 ? "is" : "are", by == "owner" ? "row" : by));
  if (without_amount > 0)
    report.notes.push_back(fmt::format("{} open deal{} without an amount count{} as 0",
                                       without_amount, without_amount == 1 ? "" : "s",
                                       without_amount == 1 ? "s" : ""));
  if (options.from || options.to)
    report.notes.push_back("only deals expected to close (close_by) in the period");
  return report;
}

}  // namespace crm
