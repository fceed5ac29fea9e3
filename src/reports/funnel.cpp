// `crm report funnel`: of the leads that came in, how many became deals, quotes, accepted
// quotes, orders and paid invoices, and how long each step took.
#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace {

// The steps after the lead, in order; a step counts only deals that reached every one before.
enum FunnelStep {
  funnel_deal,
  funnel_quoted,
  funnel_accepted,
  funnel_ordered,
  funnel_paid,
  k_funnel_steps
};
constexpr std::array<const char*, k_funnel_steps> k_funnel_step_names = {
    "deal", "quoted", "accepted", "ordered", "paid"};

using FunnelStepDays = std::array<std::optional<Date>, k_funnel_steps>;

void keep_earliest(std::optional<Date>& slot, const std::optional<Date>& day) {
  if (day && (!slot || *day < *slot)) slot = day;
}

// The day each deal reached each step, read once from the quotes, orders and invoices.
class FunnelDays {
 public:
  explicit FunnelDays(const RecordStore& store) {
    std::map<std::string, std::string> deal_of_quote, deal_of_contract, deal_of_order;
    store.for_each(Kind::quote, [&](const Record& quote) {
      std::string deal = quote.get("deal");
      deal_of_quote[quote.id()] = deal;
      keep_earliest(m_days[deal][funnel_quoted], created_on(quote));
      if (quote.status() == "accepted") {
        auto day = entered_state_on(quote, "accepted");
        keep_earliest(m_days[deal][funnel_accepted], day ? day : created_on(quote));
      }
    });
    store.for_each(Kind::contract, [&](const Record& contract) {
      std::string deal = contract.get("deal");
      if (deal.empty()) deal = deal_of_quote[contract.get("quote")];
      deal_of_contract[contract.id()] = deal;
    });
    store.for_each(Kind::order, [&](const Record& order) {
      std::string deal = order.get("deal");
      if (deal.empty() && !order.get("contract").empty())
        deal = deal_of_contract[order.get("contract")];
      if (deal.empty() && !order.get("quote").empty()) deal = deal_of_quote[order.get("quote")];
      deal_of_order[order.id()] = deal;
      if (order.status() != "cancelled")
        keep_earliest(m_days[deal][funnel_ordered], created_on(order));
    });
    store.for_each(Kind::invoice, [&](const Record& invoice) {
      if (invoice.status() != "paid") return;
      std::string deal = invoice.get("deal");
      if (deal.empty() && !invoice.get("order").empty()) deal = deal_of_order[invoice.get("order")];
      auto day = entered_state_on(invoice, "paid");
      if (!day)
        if (const Value* payments = invoice.find("payments"))
          for (const Value& p : payments->items())
            if (auto d = date_of(p.get("date")); d && (!day || *day < *d)) day = d;
      keep_earliest(m_days[deal][funnel_paid], day);
    });
    m_days.erase("");
  }

  // The day the deal reached each step; a step not reached is empty.
  FunnelStepDays of(const Record& deal) const {
    FunnelStepDays days;
    auto it = m_days.find(deal.id());
    if (it != m_days.end()) days = it->second;
    days[funnel_deal] = created_on(deal);
    return days;
  }

 private:
  std::map<std::string, FunnelStepDays> m_days;  // deal ID -> days
};

// A cohort's counts: how many reached each step (and every one before), and the days each
// step took from the one before.
struct FunnelCohort {
  std::vector<long long> reached;
  std::vector<std::vector<long long>> days;
  explicit FunnelCohort(std::size_t steps) : reached(steps, 0), days(steps) {}

  // `days[0]` is the day the member entered the cohort; a missing day ends its way down.
  void add(const std::vector<std::optional<Date>>& step_days) {
    for (std::size_t i = 0; i < step_days.size(); ++i) {
      if (!step_days[i]) return;
      ++reached[i];
      if (i > 0) days[i].push_back(days_between(*step_days[i - 1], *step_days[i]));
    }
  }
};

ReportSection funnel_section(std::string name, std::string title, const std::string& unit,
                             const std::vector<std::string>& steps, const FunnelCohort& cohort) {
  ReportSection s{
      std::move(name),
      std::move(title),
      {{"step", Measure::text, "how far the " + unit + " got"},
       {unit + "s", Measure::count, "how many reached the step and every one before", true},
       {"from_previous", Measure::percent, "of those that reached the step before"},
       {"from_first", Measure::percent, "of the whole cohort"},
       {"median_days", Measure::decimal, "median days from the step before"}},
      {}};
  for (std::size_t i = 0; i < steps.size(); ++i)
    s.add({steps[i], std::to_string(cohort.reached[i]),
           i == 0 ? "" : percent_text(cohort.reached[i], cohort.reached[i - 1]),
           percent_text(cohort.reached[i], cohort.reached[0]), median_text(cohort.days[i])});
  return s;
}

}  // namespace

Report funnel_report(const RecordStore& store, const ReportOptions& options) {
  const Config& config = store.config();
  Owners owners(store);
  FunnelDays steps(store);

  std::map<std::string, Record> deals;  // ID -> deal
  std::map<std::string, std::string> deal_of_lead;
  store.for_each(Kind::deal, [&](const Record& deal) {
    deals.emplace(deal.id(), deal);
    if (!deal.get("lead").empty()) deal_of_lead.emplace(deal.get("lead"), deal.id());
  });
  auto kept = [&](const Record& deal) {
    return keeps_currency(options, currency_of(deal, config));
  };

  // The leads created in the period, followed down through their deal.
  FunnelCohort leads(k_funnel_steps + 1);
  std::set<std::string> deals_of_leads;
  store.for_each(Kind::lead, [&](const Record& lead) {
    std::string deal_id = lead.get("deal");
    if (deal_id.empty()) {
      auto it = deal_of_lead.find(lead.id());
      if (it != deal_of_lead.end()) deal_id = it->second;
    }
    if (!deal_id.empty()) deals_of_leads.insert(deal_id);
    auto created = created_on(lead);
    if (!in_period(options, created) || !keeps_owner(options, owners.of(lead))) return;
    std::vector<std::optional<Date>> days{created};
    auto deal = deals.find(deal_id);
    if (deal != deals.end() && kept(deal->second)) {
      FunnelStepDays d = steps.of(deal->second);
      days.insert(days.end(), d.begin(), d.end());
    }
    leads.add(days);
  });

  // Deals made without a lead, created in the period: a cohort of their own.
  FunnelCohort direct(k_funnel_steps);
  long long direct_deals = 0;
  for (const auto& [id, deal] : deals) {
    if (deals_of_leads.count(id) || !deal.get("lead").empty()) continue;
    auto created = created_on(deal);
    if (!in_period(options, created) || !keeps_owner(options, owners.of(deal)) || !kept(deal))
      continue;
    FunnelStepDays d = steps.of(deal);
    direct.add(std::vector<std::optional<Date>>(d.begin(), d.end()));
    ++direct_deals;
  }

  Report report;
  report.title = "Funnel";
  std::vector<std::string> names{"lead"};
  names.insert(names.end(), k_funnel_step_names.begin(), k_funnel_step_names.end());
  report.sections.push_back(
      funnel_section("leads", "From lead to paid invoice", "lead", names, leads));
  names.erase(names.begin());
  report.sections.push_back(
      funnel_section("direct", "Deals made without a lead", "deal", names, direct));

  if (direct_deals > 0)
    report.notes.push_back(
        fmt::format("{} deal{} made without a lead {} counted apart (section direct), not as leads",
                    direct_deals, direct_deals == 1 ? "" : "s", direct_deals == 1 ? "is" : "are"));
  if (!options.currency.empty())
    report.notes.push_back(fmt::format(
        "a lead has no currency: every lead counts, and from the deal on only deals in {}",
        options.currency));
  if (options.from || options.to)
    report.notes.push_back(
        "the cohorts are the leads (and the deals without a lead) created in the period; the "
        "steps they reached may lie after it");
  return report;
}

}  // namespace crm
