// `crm report sales`: what was won, billed and paid, per month (or quarter, owner, account,
// product) and currency.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace {

const std::string k_sales_none = "(none)";

struct SalesSums {
  long long won = 0;
  Money won_value, invoiced, paid;
  explicit SalesSums(const std::string& currency)
      : won_value(Money::zero(currency_for(currency))), invoiced(won_value), paid(won_value) {}
};

// The rows: (label, ID) -> currency -> sums. Labels sort the rows (periods in time order,
// names alphabetically); the ID keeps two accounts of one name apart.
class SalesTable {
 public:
  SalesSums& at(const std::pair<std::string, std::string>& key, const std::string& currency) {
    if (std::find(m_currencies.begin(), m_currencies.end(), currency) == m_currencies.end())
      m_currencies.push_back(currency);
    auto& by_currency = m_rows[key];
    return by_currency.try_emplace(currency, currency).first->second;
  }
  const std::vector<std::string>& currencies() const { return m_currencies; }
  const auto& rows() const { return m_rows; }

 private:
  std::vector<std::string> m_currencies;  // as first met
  std::map<std::pair<std::string, std::string>, std::map<std::string, SalesSums>> m_rows;
};

struct SalesGrouping {
  const ReportOptions& options;
  const Owners& owners;
  const AccountNames& names;

  // The row of a record (a deal or an invoice) dated `day`, for every grouping but product.
  std::pair<std::string, std::string> of(const Record& record,
                                         const std::optional<Date>& day) const {
    const std::string& by = options.by;
    if (by == "owner") {
      std::string owner = owners.of(record);
      return {owner.empty() ? k_sales_none : owner, ""};
    }
    if (by == "account") {
      std::string account = record.get("account");
      return {account.empty() ? k_sales_none : names.of(account), account};
    }
    return {day ? period_label(*day, by) : "(no date)", ""};
  }
};

// A line's product: its sku, kept as text when the catalogue does not know it; else its name.
std::string line_product(const Value& line) {
  std::string sku = line.get("sku");
  if (!sku.empty()) return sku;
  std::string name = line.get("name");
  return name.empty() ? k_sales_none : name;
}

}  // namespace

Report sales_report(const RecordStore& store, const ReportOptions& options) {
  const Config& config = store.config();
  Owners owners(store);
  AccountNames names(store);
  SalesGrouping group{options, owners, names};
  bool by_product = options.by == "product";
  SalesTable table;
  std::map<std::string, std::set<std::string>> won_deals;  // currency -> deal IDs
  long long without_amount = 0, without_quote = 0, by_own_product = 0;

  // The accepted quote of each deal, for the products it sold.
  std::map<std::string, Record> accepted;
  if (by_product)
    store.for_each(Kind::quote, [&](const Record& quote) {
      if (quote.status() == "accepted") accepted.emplace(quote.get("deal"), quote);
    });

  store.for_each(Kind::deal, [&](const Record& deal) {
    std::string status = deal.status();
    if (status != "won" && status != "completed") return;
    auto closed = deal_closed_on(deal);
    if (!in_period(options, closed) || !keeps_owner(options, owners.of(deal))) return;
    auto quote = by_product ? accepted.find(deal.id()) : accepted.end();
    if (quote == accepted.end()) {
      std::string currency = currency_of(deal, config);
      if (!keeps_currency(options, currency)) return;
      // Without a quote, by product: the deal's own product (an imported deal's sku, or its
      // text when the catalogue has no such product), with the deal's amount.
      std::string product = deal.get("product");
      SalesSums& sums = table.at(
          by_product
              ? std::pair{product.empty() ? std::string("(no quote)") : product, std::string()}
              : group.of(deal, closed),
          currency);
      ++sums.won;
      sums.won_value = sums.won_value + money_of(deal, "amount", config);
      won_deals[currency].insert(deal.id());
      if (deal.get("amount").empty()) ++without_amount;
      if (by_product && product.empty()) ++without_quote;
      if (by_product && !product.empty()) ++by_own_product;
      return;
    }
    // By product: the won value is the accepted quote's line nets, in the quote's currency.
    std::string currency = currency_of(quote->second, config);
    if (!keeps_currency(options, currency)) return;
    std::set<std::string> counted;  // a deal counts once per product
    if (const Value* lines = quote->second.find("lines"))
      for (const Value& line : lines->items()) {
        std::string product = line_product(line);
        SalesSums& sums = table.at({product, ""}, currency);
        if (counted.insert(product).second) ++sums.won;
        sums.won_value = sums.won_value + money_in(line.get("net"), currency);
      }
    won_deals[currency].insert(deal.id());
  });

  store.for_each(Kind::invoice, [&](const Record& invoice) {
    if (invoice.status() == "void") return;
    std::string currency = currency_of(invoice, config);
    if (!keeps_currency(options, currency) || !keeps_owner(options, owners.of(invoice))) return;
    auto issued = Date::parse_iso(invoice.get("issued"));
    if (in_period(options, issued)) {
      if (!by_product) {
        SalesSums& sums = table.at(group.of(invoice, issued), currency);
        sums.invoiced = sums.invoiced + money_of(invoice, "total", config);
      } else if (const Value* lines = invoice.find("lines")) {
        for (const Value& line : lines->items()) {
          SalesSums& sums = table.at({line_product(line), ""}, currency);
          sums.invoiced = sums.invoiced + money_in(line.get("net"), currency);
        }
      }
    }
    // Payments have no product: by product, paid stays empty.
    if (by_product) return;
    if (const Value* payments = invoice.find("payments"))
      for (const Value& payment : payments->items()) {
        auto day = date_of(payment.get("date"));
        if (!in_period(options, day)) continue;
        SalesSums& sums = table.at(group.of(invoice, day), currency);
        sums.paid = sums.paid + money_in(payment.get("amount"), currency);
      }
  });

  Report report;
  report.title = "Sales";
  std::string by = options.by.empty() ? "month" : options.by;
  std::string group_description =
      by == "owner"     ? "the deal's owner (an invoice's: its deal's, else its account's)"
      : by == "account" ? "the account's name"
      : by == "product" ? "the sku of a quote or invoice line"
                        : "the " + by +
                              " of the day the deal was closed, the invoice issued or "
                              "the payment made";
  ReportSection rows{"sales",
                     "Sales by " + by,
                     {{by, Measure::text, group_description},
                      {"currency", Measure::text, "amounts are summed per currency"},
                      {"won", Measure::count,
                       by_product ? "won deals whose accepted quote has the product"
                                  : "deals won (or completed) in the period"},
                      {"won_value", Measure::money,
                       by_product ? "sum of the product's line nets on those quotes"
                                  : "sum of those deals' amounts",
                       true},
                      {"invoiced", Measure::money,
                       by_product ? "sum of the product's line nets on invoices issued, not void"
                                  : "sum of the totals (with tax) of invoices issued, not void"},
                      {"paid", Measure::money,
                       by_product ? "empty: a payment pays an invoice, not a product"
                                  : "sum of the payments made"}},
                     {}};
  MoneyTotals won_value, invoiced, paid;
  for (const auto& [key, by_currency] : table.rows())
    for (const auto& currency : table.currencies()) {
      auto it = by_currency.find(currency);
      if (it == by_currency.end()) continue;
      const SalesSums& s = it->second;
      rows.add({key.first, currency, std::to_string(s.won), s.won_value.str(), s.invoiced.str(),
                by_product ? "" : s.paid.str()});
      won_value.add(currency, s.won_value);
      invoiced.add(currency, s.invoiced);
      paid.add(currency, s.paid);
    }
  report.sections.push_back(std::move(rows));

  ReportSection totals{"totals",
                       "Total",
                       {{"currency", Measure::text, ""},
                        {"won", Measure::count, "deals won (each once, whatever the grouping)"},
                        {"won_value", Measure::money, "sum of the rows' won value"},
                        {"invoiced", Measure::money, "sum of the rows' invoiced amounts"},
                        {"paid", Measure::money, "sum of the rows' payments"}},
                       {}};
  std::vector<std::string> currencies = currencies_shown(table.currencies(), options, config);
  for (const auto& currency : currencies)
    totals.add({currency, std::to_string(won_deals[currency].size()), won_value.of(currency).str(),
                invoiced.of(currency).str(), by_product ? "" : paid.of(currency).str()});
  report.sections.push_back(std::move(totals));

  if (without_amount > 0)
    report.notes.push_back(fmt::format("{} won deal{} without an amount count{} as 0",
                                       without_amount, without_amount == 1 ? "" : "s",
                                       without_amount == 1 ? "s" : ""));
  if (by_product) {
    report.notes.push_back(
        "by product, amounts are line nets (before the document discount and tax); payments "
        "have no product");
    if (by_own_product > 0)
      report.notes.push_back(fmt::format(
          "{} won deal{} without an accepted quote count{} under {} own product with {} amount",
          by_own_product, by_own_product == 1 ? "" : "s", by_own_product == 1 ? "s" : "",
          by_own_product == 1 ? "its" : "their", by_own_product == 1 ? "its" : "their"));
    if (without_quote > 0)
      report.notes.push_back(fmt::format(
          "{} won deal{} without an accepted quote count{} under (no quote) with {} amount",
          without_quote, without_quote == 1 ? "" : "s", without_quote == 1 ? "s" : "",
          without_quote == 1 ? "its" : "their"));
  }
  if (options.from || options.to)
    report.notes.push_back(
        "won deals by the day they were closed, invoices by issue date, payments by payment date");
  return report;
}

}  // namespace crm
