// `crm report pipeline`: what is open now, stage by stage, and what is stuck.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace {

constexpr std::size_t k_longest_shown = 5;

struct Group {
  long long deals = 0;
  Money amount, weighted;
  bool started = false;
  void add(const Money& a, const Money& w) {
    amount = started ? amount + a : a;
    weighted = started ? weighted + w : w;
    started = true;
    ++deals;
  }
};

ReportSection groups_section(const std::string& by) {
  std::string group_key = by == "owner" ? "owner" : "stage";
  return {"stages",
          by == "owner" ? "Open deals by owner" : "Open deals by stage",
          {{group_key, Measure::text, by == "owner" ? "the deal's owner" : "the deal's stage"},
           {"currency", Measure::text, "amounts are summed per currency"},
           {"deals", Measure::count, "open deals"},
           {"amount", Measure::money, "sum of their amounts", true},
           {"probability", Measure::percent, "the stage's probability from crm.yaml"},
           {"weighted", Measure::money, "sum of amount x probability, each rounded"}},
          {}};
}

}  // namespace

Report pipeline_report(const RecordStore& store, const ReportOptions& options) {
  const Config& config = store.config();
  Owners owners(store);
  std::vector<Record> open;
  long long without_amount = 0;
  store.for_each(Kind::deal, [&](const Record& deal) {
    if (deal.status() != "open") return;
    if (!keeps_owner(options, owners.of(deal))) return;
    if (!keeps_currency(options, currency_of(deal, config))) return;
    if (!in_period(options, Date::parse_iso(deal.get("close_by")))) return;
    if (deal.get("amount").empty()) ++without_amount;
    open.push_back(deal);
  });

  // Groups in the order people read them: stages as crm.yaml lists them, owners by name.
  std::vector<std::string> keys;
  if (options.by == "owner") {
    for (const auto& d : open) keys.push_back(owners.of(d));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  } else {
    keys = config.stage_names();
    // A stage crm.yaml no longer lists (`crm check` reports it) still counts, after the others.
    for (const auto& d : open)
      if (std::find(keys.begin(), keys.end(), d.get("stage")) == keys.end())
        keys.push_back(d.get("stage"));
  }
  std::map<std::pair<std::string, std::string>, Group> groups;
  MoneyTotals total_amount, total_weighted;
  std::map<std::string, long long> total_deals;
  for (const auto& deal : open) {
    std::string currency = currency_of(deal, config);
    Money amount = money_of(deal, "amount", config);
    Money weighted = weighted_amount(deal, config);
    std::string key = options.by == "owner" ? owners.of(deal) : deal.get("stage");
    groups[{key, currency}].add(amount, weighted);
    total_amount.add(currency, amount);
    total_weighted.add(currency, weighted);
    ++total_deals[currency];
  }

  Report report;
  report.title = "Pipeline";
  ReportSection by_group = groups_section(options.by);
  std::vector<std::string> currencies =
      currencies_shown(total_amount.currencies(), options, config);
  for (const auto& key : keys) {
    std::string probability;
    if (options.by != "owner")
      if (const Stage* stage = config.stage(key)) probability = stage->probability;
    // A row per currency the group has deals in. A stage with none still shows, once, in the
    // first currency: an empty stage is news. An owner shows only where they have deals.
    bool shown = false;
    for (const auto& currency : currencies) {
      auto it = groups.find({key, currency});
      if (it == groups.end()) continue;
      by_group.add({key, currency, std::to_string(it->second.deals), it->second.amount.str(),
                    probability, it->second.weighted.str()});
      shown = true;
    }
    if (!shown && options.by != "owner") {
      std::string zero = Money::zero(currency_for(currencies.front())).str();
      by_group.add({key, currencies.front(), "0", zero, probability, zero});
    }
  }
  report.sections.push_back(std::move(by_group));

  ReportSection totals{"totals",
                       "Total",
                       {{"currency", Measure::text, ""},
                        {"deals", Measure::count, "open deals"},
                        {"amount", Measure::money, "sum of their amounts"},
                        {"weighted", Measure::money, "sum of the weighted amounts"}},
                       {}};
  for (const auto& currency : currencies)
    totals.add({currency, std::to_string(total_deals[currency]), total_amount.of(currency).str(),
                total_weighted.of(currency).str()});
  report.sections.push_back(std::move(totals));

  // The deals that have waited longest since they entered their stage.
  ReportSection longest{"longest",
                        "Longest in their stage",
                        {{"deal", Measure::text, "the deal's ID"},
                         {"title", Measure::text, ""},
                         {"stage", Measure::text, ""},
                         {"owner", Measure::text, ""},
                         {"since", Measure::date, "the day it entered the stage"},
                         {"days", Measure::count, "days in the stage until today", true},
                         {"currency", Measure::text, ""},
                         {"amount", Measure::money, ""}},
                        {}};
  struct Waiting {
    long long days;
    const Record* deal;
    Date since;
  };
  std::vector<Waiting> waiting;
  for (const auto& deal : open)
    if (auto since = in_stage_since(deal))
      waiting.push_back({days_between(*since, options.today), &deal, *since});
  std::stable_sort(waiting.begin(), waiting.end(),
                   [](const Waiting& a, const Waiting& b) { return a.days > b.days; });
  if (waiting.size() > k_longest_shown) waiting.resize(k_longest_shown);
  for (const auto& w : waiting)
    longest.add({w.deal->id(), w.deal->get("title"), w.deal->get("stage"), owners.of(*w.deal),
                 w.since.iso(), std::to_string(w.days), currency_of(*w.deal, config),
                 w.deal->get("amount")});
  report.sections.push_back(std::move(longest));

  if (without_amount > 0)
    report.notes.push_back(fmt::format("{} open deal{} without an amount count{} as 0",
                                       without_amount, without_amount == 1 ? "" : "s",
                                       without_amount == 1 ? "s" : ""));
  if (options.from || options.to)
    report.notes.push_back("only deals expected to close (close_by) in the period");
  return report;
}

}  // namespace crm
