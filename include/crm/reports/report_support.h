// What several reports need to know about the records, said once: sums of money per currency,
// the day a deal was closed or a record entered a state, whose a record is, periods, medians
// and rates as exact decimal text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/money.h"
#include "crm/kinds/record_store.h"
#include "crm/reports/report.h"

namespace crm {

// Sums of money kept apart per currency, currencies in the order first met.
class MoneyTotals {
 public:
  void add(const std::string& currency, const Money& amount);
  // The sum in `currency`, zero (with its digits) when nothing was added in it.
  Money of(const std::string& currency) const;
  const std::vector<std::string>& currencies() const { return m_order; }
  bool empty() const { return m_order.empty(); }

 private:
  std::vector<std::string> m_order;
  std::map<std::string, Money> m_sums;
};

// The record's currency, else crm.yaml's.
std::string currency_of(const Record& record, const Config& config);
// A money field of the record in its currency; zero when absent or empty.
Money money_of(const Record& record, std::string_view field, const Config& config);
// An amount of an entry of a list field (a payment's amount, a line's net) in `currency`.
Money money_in(const std::string& text, const std::string& currency);

// The history entries that moved the record from state to state (not field changes such as a
// stage or an owner), oldest first.
std::vector<const Value*> state_changes(const Record& record);

// The day the record was created.
std::optional<Date> created_on(const Record& record);
// The day of the last history entry that moved the record's state to `state`.
std::optional<Date> entered_state_on(const Record& record, std::string_view state);
// The day a won or lost deal was closed: its `closed` field, else the day history says it was
// won or lost (deals closed before the field existed). nullopt for open deals.
std::optional<Date> deal_closed_on(const Record& deal);
// The moment (date) the deal entered its current stage: the last stage change, else created.
std::optional<Date> in_stage_since(const Record& deal);
// The deal's amount x its stage's probability from crm.yaml (0 for a stage crm.yaml does not
// list), rounded half up: what the pipeline and the forecast weigh.
Money weighted_amount(const Record& deal, const Config& config);

// Whose a record is, for --owner and `--by owner`: its own owner (an activity's `by`), else
// its deal's, else its account's. Deals and accounts are read once, on first use.
class Owners {
 public:
  explicit Owners(const RecordStore& store) : m_store(store) {}
  std::string of(const Record& record) const;

 private:
  std::string owner_by_id(Kind kind, const std::string& id) const;
  const RecordStore& m_store;
  mutable std::map<std::string, std::string> m_cache;  // ID -> owner
};

// The names of accounts, read once, for rows that name an account.
class AccountNames {
 public:
  explicit AccountNames(const RecordStore& store) : m_store(store) {}
  std::string of(const std::string& account_id) const;

 private:
  const RecordStore& m_store;
  mutable std::map<std::string, std::string> m_cache;
};

// True when `day` lies in the options' period (no period: always); a missing day lies in no
// period but the open one.
bool in_period(const ReportOptions& options, const std::optional<Date>& day);
// The currencies a totals section shows: those met, or, when there were no amounts at all, the
// one asked for (--currency) else crm.yaml's, so that an empty report still shows its zeros.
std::vector<std::string> currencies_shown(std::vector<std::string> met,
                                          const ReportOptions& options, const Config& config);
// True when the options keep amounts in `currency` (--currency unset, or equal).
bool keeps_currency(const ReportOptions& options, const std::string& currency);
// True when the options keep records of `owner` (--owner unset, or equal).
bool keeps_owner(const ReportOptions& options, const std::string& owner);

// The label of the period that holds `day`: "2026-11" for month, "2026-Q4" for quarter,
// "2026" for year.
std::string period_label(const Date& day, std::string_view period);

// part / whole as a percentage with one decimal, half up: "42.9"; "" when whole is 0.
std::string percent_text(long long part, long long whole);
// a / b of two amounts of one currency as a percentage with one decimal; "" when b is 0.
std::string percent_text(const Money& a, const Money& b);
// amount / n, rounded half up to the currency's digits; zero for n = 0.
Money divided(const Money& amount, long long n);
// The median of whole numbers (days), exact: "3", "3.5"; "" for none.
std::string median_text(std::vector<long long> values);
// Whole days from `a` to `b` (negative when b is earlier).
long long days_between(const Date& a, const Date& b);

}  // namespace crm
