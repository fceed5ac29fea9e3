// `crm report service`: how service is doing — requests opened, solved from the knowledge base
// or escalated, deadlines missed, time to resolve; orders by status; hours worked, billed and
// covered by contracts, per technician and per contract.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace service_report_detail {
namespace {

const char* const k_none = "(none)";

Decimal hours_of(const Record& confirmation, std::string_view field) {
  return Decimal::parse(confirmation.get(field)).value_or(Decimal());
}

// The first state change a request went through (solve or escalate): its first response.
std::optional<std::string> first_response_at(const Record& request) {
  for (const Value* entry : state_changes(request))
    if (entry->get("from") == "open") return entry->get("at");
  return std::nullopt;
}

// The moment a request was resolved: its move to solved or closed.
std::optional<std::string> resolved_at(const Record& request) {
  for (const Value* entry : state_changes(request))
    if (entry->get("to") == "solved" || entry->get("to") == "closed") return entry->get("at");
  return std::nullopt;
}

// True when the request's response deadline passed before its first response, or passed while
// it is still open (reports know the day, not the hour: from the day after the deadline).
bool deadline_missed(const Record& request, const Date& today) {
  std::string deadline = request.get("respond_by");
  auto due = epoch_seconds(deadline);
  if (!due) return false;
  if (auto first = first_response_at(request)) {
    auto at = epoch_seconds(*first);
    return at && *at > *due;
  }
  auto day = date_of(deadline);
  return request.status() == "open" && day && *day < today;
}

// The median of durations in seconds as hours with one decimal, half up: "2.5"; "" for none.
std::string median_hours(std::vector<long long> seconds) {
  if (seconds.empty()) return {};
  std::sort(seconds.begin(), seconds.end());
  std::size_t mid = seconds.size() / 2;
  // Twice the median, so that the mean of the two middle values stays whole.
  long long twice = seconds.size() % 2 == 1 ? 2 * seconds[mid] : seconds[mid - 1] + seconds[mid];
  // hours = twice / 7200; percent_text(a, 100 b) is round(10 a / b) / 10.
  return percent_text(twice, 7200LL * 100);
}

struct Work {
  std::set<std::string> orders;
  long long confirmations = 0;
  Decimal hours, billable, covered;
  Money amount;
  bool started = false;

  void add(const Record& confirmation, const Money& billed) {
    orders.insert(confirmation.get("service_order"));
    ++confirmations;
    Decimal effort = hours_of(confirmation, "effort");
    Decimal billed_hours = hours_of(confirmation, "billable_hours");
    hours = hours + effort;
    billable = billable + billed_hours;
    covered = covered + (effort - billed_hours);
    amount = started ? amount + billed : billed;
    started = true;
  }
};

std::vector<ReportColumn> work_columns() {
  return {{"currency", Measure::text, "the confirmations' currency"},
          {"orders", Measure::count, "service orders worked on"},
          {"confirmations", Measure::count, "service confirmations dated in the period"},
          {"hours", Measure::decimal, "hours worked (effort)", true},
          {"billable", Measure::decimal, "hours billed (billable_hours)"},
          {"covered", Measure::decimal, "hours the contract's allowance covered: hours - billable"},
          {"amount", Measure::money, "amount billed: labour + parts, before tax"}};
}

std::vector<std::string> work_cells(const std::string& currency, const Work& w) {
  return {currency,
          std::to_string(w.orders.size()),
          std::to_string(w.confirmations),
          w.hours.str(),
          w.billable.str(),
          w.covered.str(),
          w.amount.str()};
}

}  // namespace
}  // namespace service_report_detail

Report service_report(const RecordStore& store, const ReportOptions& options) {
  using namespace service_report_detail;
  const Config& config = store.config();
  Owners owners(store);
  AccountNames names(store);
  Report report;
  report.title = "Service";

  // Requests opened in the period.
  long long opened = 0, solved_kb = 0, escalated = 0, complaints = 0, awaiting = 0,
            with_deadline = 0, missed = 0;
  std::vector<long long> to_resolve;
  store.for_each(Kind::service_request, [&](const Record& request) {
    if (!in_period(options, created_on(request))) return;
    if (!keeps_owner(options, owners.of(request))) return;
    ++opened;
    if (request.status() == "solved") ++solved_kb;
    if (entered_state_on(request, "escalated") || request.status() == "escalated" ||
        request.status() == "closed")
      ++escalated;
    if (request.get("complaint") == "true") ++complaints;
    if (request.status() == "open") ++awaiting;
    if (!request.get("respond_by").empty()) ++with_deadline;
    if (deadline_missed(request, options.today)) ++missed;
    if (auto done = resolved_at(request)) {
      auto from = epoch_seconds(request.get("created"));
      auto to = epoch_seconds(*done);
      if (from && to && *from <= *to) to_resolve.push_back(*to - *from);
    }
  });
  ReportSection requests{
      "requests",
      "Service requests opened",
      {{"opened", Measure::count, "requests created in the period"},
       {"solved_from_kb", Measure::count, "solved with a knowledge-base solution"},
       {"escalated", Measure::count, "escalated to a service order"},
       {"open", Measure::count, "neither solved nor escalated yet"},
       {"complaints", Measure::count, "requests flagged as complaints"},
       {"with_deadline", Measure::count, "requests with a response deadline (respond_by)"},
       {"deadlines_missed", Measure::count,
        "first response (solve or escalate) after respond_by, or still open past it"},
       {"median_hours_to_resolve", Measure::decimal,
        "median hours from creation to solved or closed, one decimal"}},
      {}};
  requests.add({std::to_string(opened), std::to_string(solved_kb), std::to_string(escalated),
                std::to_string(awaiting), std::to_string(complaints), std::to_string(with_deadline),
                std::to_string(missed), median_hours(to_resolve)});
  report.sections.push_back(std::move(requests));

  // Service orders created in the period, by state (the machine's order of states).
  std::map<std::string, long long> by_status;
  std::map<std::string, std::string> technician_of;  // service order ID -> assignee
  store.for_each(Kind::service_order, [&](const Record& order) {
    technician_of[order.id()] = order.get("assignee");
    if (!in_period(options, created_on(order))) return;
    if (!keeps_owner(options, owners.of(order))) return;
    ++by_status[order.status()];
  });
  ReportSection orders{"orders",
                       "Service orders by status",
                       {{"status", Measure::text, "the order's state"},
                        {"orders", Measure::count, "service orders created in the period", true}},
                       {}};
  std::vector<std::string> states;
  if (const Machine* m = kind_spec(Kind::service_order).machine) states = m->states;
  for (const auto& [status, count] : by_status)
    if (std::find(states.begin(), states.end(), status) == states.end()) states.push_back(status);
  for (const auto& status : states) orders.add({status, std::to_string(by_status[status])});
  report.sections.push_back(std::move(orders));

  // Work confirmed in the period, per technician and per contract.
  std::map<std::pair<std::string, std::string>, Work> by_technician, by_contract;
  std::map<std::string, std::string> contract_account;  // contract label -> account
  std::vector<std::string> currencies;
  std::map<std::string, std::string> contract_numbers;
  auto contract_label = [&](const std::string& id) -> std::string {
    if (id.empty()) return k_none;
    auto it = contract_numbers.find(id);
    if (it != contract_numbers.end()) return it->second;
    std::string label = id;
    if (store.exists(Kind::service_contract, id))
      label = store.load(Kind::service_contract, id).number_or_id();
    contract_numbers.emplace(id, label);
    return label;
  };
  store.for_each(Kind::confirmation, [&](const Record& confirmation) {
    if (!in_period(options, Date::parse_iso(confirmation.get("date")))) return;
    if (!keeps_owner(options, owners.of(confirmation))) return;
    std::string currency = currency_of(confirmation, config);
    if (!keeps_currency(options, currency)) return;
    if (std::find(currencies.begin(), currencies.end(), currency) == currencies.end())
      currencies.push_back(currency);
    Money amount = money_of(confirmation, "amount", config);
    std::string technician = technician_of[confirmation.get("service_order")];
    by_technician[{technician.empty() ? k_none : technician, currency}].add(confirmation, amount);
    std::string contract = contract_label(confirmation.get("contract"));
    by_contract[{contract, currency}].add(confirmation, amount);
    if (contract != k_none) contract_account.emplace(contract, confirmation.get("account"));
  });
  // Named rows sorted, "(none)" last; a row per currency.
  auto ordered_keys = [&](const std::map<std::pair<std::string, std::string>, Work>& groups) {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& [key, work] : groups) keys.push_back(key);
    std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      bool a_none = a.first == k_none, b_none = b.first == k_none;
      if (a_none != b_none) return b_none;
      if (a.first != b.first) return a.first < b.first;
      return std::find(currencies.begin(), currencies.end(), a.second) <
             std::find(currencies.begin(), currencies.end(), b.second);
    });
    return keys;
  };
  ReportSection technicians{"technicians", "Work by technician", {}, {}};
  technicians.columns = {{"technician", Measure::text, "the service order's assignee"}};
  for (auto& c : work_columns()) technicians.columns.push_back(std::move(c));
  for (const auto& key : ordered_keys(by_technician)) {
    std::vector<std::string> row = {key.first};
    for (auto& cell : work_cells(key.second, by_technician[key])) row.push_back(std::move(cell));
    technicians.add(std::move(row));
  }
  report.sections.push_back(std::move(technicians));

  ReportSection contracts{"contracts", "Work by service contract", {}, {}};
  contracts.columns = {
      {"contract", Measure::text, "the service contract whose terms priced the work, or (none)"},
      {"account", Measure::text, "the contract's account"}};
  for (auto& c : work_columns()) contracts.columns.push_back(std::move(c));
  for (const auto& key : ordered_keys(by_contract)) {
    std::string account;
    if (auto it = contract_account.find(key.first); it != contract_account.end())
      account = names.of(it->second);
    std::vector<std::string> row = {key.first, account};
    for (auto& cell : work_cells(key.second, by_contract[key])) row.push_back(std::move(cell));
    contracts.add(std::move(row));
  }
  report.sections.push_back(std::move(contracts));

  if (options.from || options.to)
    report.notes.push_back(
        "requests and orders created in the period; work confirmed (dated) in the period");
  if (!options.currency.empty())
    report.notes.push_back("--currency applies to the work confirmed, not to requests and orders");
  return report;
}

}  // namespace crm
