// `crm report campaigns`: what each campaign cost and what it brought — leads, conversions,
// deals, won business — and what a lead, a won deal and the return on the cost came to.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace campaigns_report_detail {
namespace {

// True when the campaign's run [from, to] shares a day with the period.
bool runs_in(const Record& campaign, const ReportOptions& options) {
  auto from = Date::parse_iso(campaign.get("from"));
  auto to = Date::parse_iso(campaign.get("to"));
  if (!options.from && !options.to) return true;
  if (!from || !to) return false;
  if (options.to && *options.to < *from) return false;
  if (options.from && *to < *options.from) return false;
  return true;
}

// What campaigns brought, in the campaigns' currency.
struct Yield {
  long long campaigns = 0, leads = 0, converted = 0, deals = 0, won = 0;
  Money cost, won_value;
  bool started = false;

  void add_cost(const Money& amount) {
    cost = started ? cost + amount : amount;
    if (!started) won_value = Money(0, amount.digits());
    started = true;
    ++campaigns;
  }
  void add(const Yield& other) {
    add_cost(other.cost);
    won_value = won_value + other.won_value;
    leads += other.leads;
    converted += other.converted;
    deals += other.deals;
    won += other.won;
  }
  // cost, leads, converted, deals, won, won_value, cost_per_lead, cost_per_won, return_on_cost
  std::vector<std::string> cells() const {
    return {cost.str(),
            std::to_string(leads),
            std::to_string(converted),
            std::to_string(deals),
            std::to_string(won),
            won_value.str(),
            leads == 0 ? "" : divided(cost, leads).str(),
            won == 0 ? "" : divided(cost, won).str(),
            percent_text(won_value - cost, cost)};
  }
};

std::vector<ReportColumn> yield_columns() {
  return {{"cost", Measure::money, "what the campaign cost"},
          {"leads", Measure::count, "leads whose `campaign` it is"},
          {"converted", Measure::count, "of those, converted"},
          {"deals", Measure::count, "deals of its leads, or whose `campaign` it is"},
          {"won", Measure::count, "of those, won (or completed)"},
          {"won_value", Measure::money, "sum of the won deals' amounts in the campaign's currency",
           true},
          {"cost_per_lead", Measure::money, "cost / leads, half up"},
          {"cost_per_won", Measure::money, "cost / won deals, half up"},
          {"return_on_cost", Measure::percent, "(won_value - cost) / cost"}};
}

}  // namespace
}  // namespace campaigns_report_detail

Report campaigns_report(const RecordStore& store, const ReportOptions& options) {
  using namespace campaigns_report_detail;
  const Config& config = store.config();
  Owners owners(store);

  // The campaigns of leads, and the deals they became.
  std::map<std::string, std::string> lead_campaign;   // lead -> campaign
  std::map<std::string, std::string> converted_deal;  // deal -> campaign, by the lead's `deal`
  std::map<std::string, long long> leads, converted;  // campaign -> count
  store.for_each(Kind::lead, [&](const Record& lead) {
    std::string campaign = lead.get("campaign");
    if (campaign.empty()) return;
    lead_campaign[lead.id()] = campaign;
    ++leads[campaign];
    if (lead.status() == "converted") {
      ++converted[campaign];
      if (!lead.get("deal").empty()) converted_deal[lead.get("deal")] = campaign;
    }
  });
  struct Won {
    std::string currency;
    Money amount;
    bool has_amount;
  };
  std::map<std::string, long long> deals, won;
  std::map<std::string, std::vector<Won>> won_deals;  // campaign -> its won deals
  store.for_each(Kind::deal, [&](const Record& deal) {
    // The deal's own campaign, else its lead's.
    std::string campaign = deal.get("campaign");
    if (campaign.empty()) {
      if (auto it = lead_campaign.find(deal.get("lead")); it != lead_campaign.end())
        campaign = it->second;
      else if (auto c = converted_deal.find(deal.id()); c != converted_deal.end())
        campaign = c->second;
    }
    if (campaign.empty()) return;
    ++deals[campaign];
    if (deal.status() == "won" || deal.status() == "completed") {
      ++won[campaign];
      won_deals[campaign].push_back({currency_of(deal, config), money_of(deal, "amount", config),
                                     !deal.get("amount").empty()});
    }
  });

  struct Row {
    Record campaign;
    std::string currency;
    Yield yield;
  };
  std::vector<Row> rows;
  store.for_each(Kind::campaign, [&](const Record& campaign) {
    if (!runs_in(campaign, options)) return;
    if (!keeps_owner(options, owners.of(campaign))) return;
    std::string currency = currency_of(campaign, config);
    if (!keeps_currency(options, currency)) return;
    Row row{campaign, currency, {}};
    row.yield.add_cost(money_of(campaign, "cost", config));
    row.yield.leads = leads[campaign.id()];
    row.yield.converted = converted[campaign.id()];
    row.yield.deals = deals[campaign.id()];
    row.yield.won = won[campaign.id()];
    // Won deals in another currency are named in a note below, never converted.
    for (const Won& w : won_deals[campaign.id()])
      if (w.currency == currency) row.yield.won_value = row.yield.won_value + w.amount;
    rows.push_back(std::move(row));
  });

  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.campaign.get("from") != b.campaign.get("from"))
      return a.campaign.get("from") < b.campaign.get("from");
    return a.campaign.get("name") < b.campaign.get("name");
  });

  Report report;
  report.title = "Campaigns";
  if (options.by == "channel") {
    ReportSection by_channel{"campaigns", "Campaigns by channel", {}, {}};
    by_channel.columns = {{"channel", Measure::text, "how the campaigns reached people"},
                          {"currency", Measure::text, "the campaigns' currency"},
                          {"campaigns", Measure::count, "campaigns on the channel"}};
    for (auto& c : yield_columns()) by_channel.columns.push_back(std::move(c));
    std::vector<std::string> channels = campaign_channels();
    std::vector<std::string> currencies;
    std::map<std::pair<std::string, std::string>, Yield> groups;
    for (const Row& r : rows) {
      std::string channel = r.campaign.get("channel");
      if (std::find(channels.begin(), channels.end(), channel) == channels.end())
        channels.push_back(channel);
      if (std::find(currencies.begin(), currencies.end(), r.currency) == currencies.end())
        currencies.push_back(r.currency);
      groups[{channel, r.currency}].add(r.yield);
    }
    for (const auto& channel : channels)
      for (const auto& currency : currencies) {
        auto it = groups.find({channel, currency});
        if (it == groups.end()) continue;
        std::vector<std::string> row = {channel, currency, std::to_string(it->second.campaigns)};
        for (auto& cell : it->second.cells()) row.push_back(std::move(cell));
        by_channel.add(std::move(row));
      }
    report.sections.push_back(std::move(by_channel));
  } else {
    ReportSection by_campaign{"campaigns", "Campaigns", {}, {}};
    by_campaign.columns = {{"campaign", Measure::text, "the campaign's ID"},
                           {"name", Measure::text, ""},
                           {"channel", Measure::text, "how it reached people"},
                           {"status", Measure::text, "active, ended (past its last day) or closed"},
                           {"from", Measure::date, "its first day"},
                           {"to", Measure::date, "its last day"},
                           {"currency", Measure::text, "the campaign's currency"}};
    for (auto& c : yield_columns()) by_campaign.columns.push_back(std::move(c));
    for (const Row& r : rows) {
      std::vector<std::string> row = {r.campaign.id(),
                                      r.campaign.get("name"),
                                      r.campaign.get("channel"),
                                      effective_status(r.campaign, options.today),
                                      r.campaign.get("from"),
                                      r.campaign.get("to"),
                                      r.currency};
      for (auto& cell : r.yield.cells()) row.push_back(std::move(cell));
      by_campaign.add(std::move(row));
    }
    report.sections.push_back(std::move(by_campaign));
  }

  // Totals per currency.
  std::vector<std::string> currencies;
  std::map<std::string, Yield> totals;
  for (const Row& r : rows) {
    if (std::find(currencies.begin(), currencies.end(), r.currency) == currencies.end())
      currencies.push_back(r.currency);
    totals[r.currency].add(r.yield);
  }
  ReportSection total{"totals", "Total", {}, {}};
  total.columns = {{"currency", Measure::text, ""},
                   {"campaigns", Measure::count, "campaigns that ran in the period"}};
  for (auto& c : yield_columns()) total.columns.push_back(std::move(c));
  for (const auto& currency : currencies) {
    std::vector<std::string> row = {currency, std::to_string(totals[currency].campaigns)};
    for (auto& cell : totals[currency].cells()) row.push_back(std::move(cell));
    total.add(std::move(row));
  }
  report.sections.push_back(std::move(total));

  long long without_amount = 0;
  for (const Row& r : rows)
    for (const Won& w : won_deals[r.campaign.id()])
      if (!w.has_amount) ++without_amount;
  if (without_amount > 0)
    report.notes.push_back(fmt::format("{} won deal{} without an amount count{} as 0",
                                       without_amount, without_amount == 1 ? "" : "s",
                                       without_amount == 1 ? "s" : ""));
  // Won deals in another currency than their campaign's are named, never converted.
  for (const Row& r : rows) {
    MoneyTotals elsewhere;
    for (const Won& w : won_deals[r.campaign.id()])
      if (w.currency != r.currency) elsewhere.add(w.currency, w.amount);
    if (elsewhere.empty()) continue;
    std::string list;
    for (const auto& other : elsewhere.currencies())
      list += (list.empty() ? "" : ", ") + elsewhere.of(other).str() + " " + other;
    report.notes.push_back(
        fmt::format("{} ({}) also won {} in deals of another currency, not in its won_value",
                    r.campaign.get("name"), r.campaign.id(), list));
  }
  if (options.from || options.to)
    report.notes.push_back(
        "campaigns whose run (from..to) overlaps the period, with all the leads they brought");
  return report;
}

}  // namespace crm
