// `crm report receivables`: who owes what, and for how long — the open balances of issued
// invoices per account and currency, aged by the days past their due date as of today.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace receivables_report_detail {
namespace {

// The buckets of days past due: not yet due, 1-30, 31-60, 61-90, over 90.
constexpr std::size_t k_buckets = 5;

std::size_t bucket_of(long long days_past_due) {
  if (days_past_due <= 0) return 0;
  if (days_past_due <= 30) return 1;
  if (days_past_due <= 60) return 2;
  if (days_past_due <= 90) return 3;
  return 4;
}

struct Ageing {
  long long invoices = 0;
  std::vector<Money> buckets;

  void add(std::size_t bucket, const Money& balance) {
    if (buckets.empty()) buckets.assign(k_buckets, Money(0, balance.digits()));
    buckets[bucket] = buckets[bucket] + balance;
    ++invoices;
  }
  // invoices, the five buckets, total, overdue.
  std::vector<std::string> cells(const std::string& currency) const {
    std::vector<Money> b = buckets;
    if (b.empty()) b.assign(k_buckets, Money::zero(currency_for(currency)));
    Money overdue = b[1] + b[2] + b[3] + b[4];
    std::vector<std::string> out = {std::to_string(invoices)};
    for (const auto& m : b) out.push_back(m.str());
    out.push_back((b[0] + overdue).str());
    out.push_back(overdue.str());
    return out;
  }
};

std::vector<ReportColumn> ageing_columns(bool chart_total) {
  return {{"invoices", Measure::count, "open invoices (issued or partially paid)"},
          {"current", Measure::money, "balances not yet due (due today or later)"},
          {"days_1_30", Measure::money, "balances 1 to 30 days past due"},
          {"days_31_60", Measure::money, "balances 31 to 60 days past due"},
          {"days_61_90", Measure::money, "balances 61 to 90 days past due"},
          {"over_90", Measure::money, "balances more than 90 days past due"},
          {"total", Measure::money, "all open balances", chart_total},
          {"overdue", Measure::money, "balances past due: total less current", !chart_total}};
}

}  // namespace
}  // namespace receivables_report_detail

Report receivables_report(const RecordStore& store, const ReportOptions& options) {
  using namespace receivables_report_detail;
  const Config& config = store.config();
  Owners owners(store);
  AccountNames names(store);

  std::map<std::pair<std::string, std::string>, Ageing> rows;  // (account, currency)
  std::map<std::string, Ageing> totals;
  std::vector<std::string> currencies;
  long long without_due = 0;
  store.for_each(Kind::invoice, [&](const Record& invoice) {
    // An open balance: an invoice whose lifecycle is not over (issued or partly paid; paid and
    // void are final), as the invoice machine says.
    const Machine* machine = machine_for(invoice);
    if (!machine || machine->is_terminal(invoice.status())) return;
    if (!in_period(options, Date::parse_iso(invoice.get("issued")))) return;
    if (!keeps_owner(options, owners.of(invoice))) return;
    std::string currency = currency_of(invoice, config);
    if (!keeps_currency(options, currency)) return;
    Money balance = money_of(invoice, "balance", config);
    if (balance.is_zero()) return;
    auto due = Date::parse_iso(invoice.get("due"));
    if (!due) ++without_due;
    std::size_t bucket = due ? bucket_of(days_between(*due, options.today)) : 0;
    if (std::find(currencies.begin(), currencies.end(), currency) == currencies.end())
      currencies.push_back(currency);
    rows[{invoice.get("account"), currency}].add(bucket, balance);
    totals[currency].add(bucket, balance);
  });
  currencies = currencies_shown(std::move(currencies), options, config);

  Report report;
  report.title = "Receivables";
  ReportSection by_account{"accounts", "Open balances by account", {}, {}};
  by_account.columns = {{"account", Measure::text, "the account's ID"},
                        {"name", Measure::text, "the account's name"},
                        {"currency", Measure::text, "the invoices' currency"}};
  for (auto& c : ageing_columns(true)) by_account.columns.push_back(std::move(c));
  // Accounts by name (then ID), a row per currency they owe in.
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, ageing] : rows) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    std::string na = names.of(a.first), nb = names.of(b.first);
    if (na != nb) return na < nb;
    if (a.first != b.first) return a.first < b.first;
    return std::find(currencies.begin(), currencies.end(), a.second) <
           std::find(currencies.begin(), currencies.end(), b.second);
  });
  for (const auto& key : keys) {
    std::vector<std::string> row = {key.first, names.of(key.first), key.second};
    for (auto& cell : rows[key].cells(key.second)) row.push_back(std::move(cell));
    by_account.add(std::move(row));
  }
  report.sections.push_back(std::move(by_account));

  ReportSection total{"totals", "Total", {}, {}};
  total.columns = {{"currency", Measure::text, ""}};
  for (auto& c : ageing_columns(false)) total.columns.push_back(std::move(c));
  for (const auto& currency : currencies) {
    std::vector<std::string> row = {currency};
    for (auto& cell : totals[currency].cells(currency)) row.push_back(std::move(cell));
    total.add(std::move(row));
  }
  report.sections.push_back(std::move(total));

  if (without_due > 0)
    report.notes.push_back(fmt::format("{} open invoice{} without a due date count{} as current",
                                       without_due, without_due == 1 ? "" : "s",
                                       without_due == 1 ? "s" : ""));
  if (options.from || options.to)
    report.notes.push_back("only invoices issued in the period; balances are as of today");
  return report;
}

}  // namespace crm
