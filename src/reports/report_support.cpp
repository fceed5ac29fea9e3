#include "crm/reports/report_support.h"

#include <algorithm>

#include "crm/kinds/record.h"

namespace crm {

void MoneyTotals::add(const std::string& currency, const Money& amount) {
  auto it = m_sums.find(currency);
  if (it == m_sums.end()) {
    m_order.push_back(currency);
    m_sums.emplace(currency, amount);
  } else {
    it->second = it->second + amount;
  }
}

Money MoneyTotals::of(const std::string& currency) const {
  auto it = m_sums.find(currency);
  return it != m_sums.end() ? it->second : Money::zero(currency_for(currency));
}

std::string currency_of(const Record& record, const Config& config) {
  std::string code = record.spec().has_field("currency") ? record.get("currency") : "";
  return code.empty() ? config.currency : code;
}

Money money_in(const std::string& text, const std::string& currency) {
  Currency c = currency_for(currency);
  if (text.empty()) return Money::zero(c);
  return Money::parse(text, c, "an amount");
}

Money money_of(const Record& record, std::string_view field, const Config& config) {
  return money_in(record.get(field), currency_of(record, config));
}

std::optional<Date> created_on(const Record& record) {
  return date_of(record.get("created"));
}

std::vector<const Value*> state_changes(const Record& record) {
  std::vector<const Value*> out;
  if (const Value* history = record.find("history"))
    for (const Value& entry : history->items())
      if (entry.find("field") == nullptr) out.push_back(&entry);
  return out;
}

std::optional<Date> entered_state_on(const Record& record, std::string_view state) {
  auto changes = state_changes(record);
  for (auto it = changes.rbegin(); it != changes.rend(); ++it)
    if ((*it)->get("to") == state) return date_of((*it)->get("at"));
  return std::nullopt;
}

std::optional<Date> deal_closed_on(const Record& deal) {
  std::string status = deal.status();
  if (status != "won" && status != "lost" && status != "completed") return std::nullopt;
  if (auto day = Date::parse_iso(deal.get("closed"))) return day;
  if (auto day = entered_state_on(deal, status == "lost" ? "lost" : "won")) return day;
  return std::nullopt;
}

std::optional<Date> in_stage_since(const Record& deal) {
  if (const Value* history = deal.find("history")) {
    const auto& items = history->items();
    for (auto it = items.rbegin(); it != items.rend(); ++it)
      if (it->get("field") == "stage") return date_of(it->get("at"));
  }
  return created_on(deal);
}

Money weighted_amount(const Record& deal, const Config& config) {
  const Stage* stage = config.stage(deal.get("stage"));
  Decimal probability = stage ? Decimal::parse(stage->probability).value_or(Decimal()) : Decimal();
  return percent_of(money_of(deal, "amount", config), probability);
}

std::string Owners::owner_by_id(Kind kind, const std::string& id) const {
  if (id.empty()) return {};
  auto it = m_cache.find(id);
  if (it != m_cache.end()) return it->second;
  std::string owner;
  if (m_store.exists(kind, id)) owner = m_store.load(kind, id).get("owner");
  m_cache.emplace(id, owner);
  return owner;
}

std::string Owners::of(const Record& record) const {
  const KindSpec& spec = record.spec();
  if (spec.has_field("owner") && !record.get("owner").empty()) return record.get("owner");
  // An activity is its author's (a task: the one who is to do it).
  if (spec.is_event && !record.get("by").empty()) return record.get("by");
  if (spec.has_field("deal")) {
    std::string owner = owner_by_id(Kind::deal, record.get("deal"));
    if (!owner.empty()) return owner;
  }
  if (spec.has_field("account")) return owner_by_id(Kind::account, record.get("account"));
  return {};
}

std::string AccountNames::of(const std::string& account_id) const {
  if (account_id.empty()) return {};
  auto it = m_cache.find(account_id);
  if (it != m_cache.end()) return it->second;
  std::string name = account_id;
  if (m_store.exists(Kind::account, account_id))
    name = m_store.load(Kind::account, account_id).get("name");
  m_cache.emplace(account_id, name);
  return name;
}

bool in_period(const ReportOptions& options, const std::optional<Date>& day) {
  if (!options.from && !options.to) return true;
  if (!day) return false;
  if (options.from && *day < *options.from) return false;
  if (options.to && *options.to < *day) return false;
  return true;
}

std::vector<std::string> currencies_shown(std::vector<std::string> met,
                                          const ReportOptions& options, const Config& config) {
  if (met.empty()) met.push_back(options.currency.empty() ? config.currency : options.currency);
  return met;
}

bool keeps_currency(const ReportOptions& options, const std::string& currency) {
  return options.currency.empty() || options.currency == currency;
}

bool keeps_owner(const ReportOptions& options, const std::string& owner) {
  return options.owner.empty() || options.owner == owner;
}

std::string period_label(const Date& day, std::string_view period) {
  if (period == "quarter")
    return std::to_string(day.year()) + "-Q" + std::to_string((day.month() - 1) / 3 + 1);
  if (period == "year") return std::to_string(day.year());
  return day.iso().substr(0, 7);
}

namespace {

// round(numerator * 1000 / denominator) / 10, half away from zero, as "42.9".
std::string tenths(long long numerator, long long denominator) {
  __int128 scaled = static_cast<__int128>(numerator) * 1000;
  bool negative = (scaled < 0) != (denominator < 0);
  __int128 n = scaled < 0 ? -scaled : scaled;
  __int128 d = denominator < 0 ? -static_cast<__int128>(denominator) : denominator;
  __int128 q = (n * 2 + d) / (d * 2);  // half up on the magnitude
  long long tenths_value = static_cast<long long>(q);
  std::string text = std::to_string(tenths_value / 10) + "." + std::to_string(tenths_value % 10);
  return negative && tenths_value != 0 ? "-" + text : text;
}

}  // namespace

std::string percent_text(long long part, long long whole) {
  if (whole == 0) return {};
  return tenths(part, whole);
}

std::string percent_text(const Money& a, const Money& b) {
  if (b.is_zero()) return {};
  return tenths(a.minor(), b.minor());
}

Money divided(const Money& amount, long long n) {
  if (n == 0) return Money(0, amount.digits());
  long long m = amount.minor();
  long long magnitude = m < 0 ? -m : m;
  long long q = (magnitude * 2 + n) / (n * 2);
  return Money(m < 0 ? -q : q, amount.digits());
}

std::string median_text(std::vector<long long> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  std::size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return std::to_string(values[mid]);
  long long sum = values[mid - 1] + values[mid];
  return Decimal(sum * 5, 1).str();
}

long long days_between(const Date& a, const Date& b) {
  return b.serial() - a.serial();
}

}  // namespace crm
