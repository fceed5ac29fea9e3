// `crm report quotes`: what became of the quotes sent — accepted, rejected, expired, revised —
// how much was accepted, how deep the discounts went, and why customers said no.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace quotes_report_detail {
namespace {

// What became of a sent quote, as of today. A quote revised while it still awaited an answer
// has no outcome of its own (its revision has).
enum class Outcome { accepted, rejected, expired, awaiting, withdrawn };

bool entered(const Record& quote, std::string_view state) {
  return entered_state_on(quote, state).has_value();
}

Outcome outcome_of(const Record& quote, const Date& today) {
  if (quote.status() == "accepted") return Outcome::accepted;
  if (entered(quote, "rejected") || quote.status() == "rejected") return Outcome::rejected;
  if (effective_status(quote, today) == "expired" || entered(quote, "expired"))
    return Outcome::expired;
  if (quote.status() == "sent") return Outcome::awaiting;
  return Outcome::withdrawn;
}

// The day the quote went to the customer: its history entry to `sent`; a quote past draft
// without one (written by hand) counts from the day it was created. Drafts were never sent.
std::optional<Date> sent_on(const Record& quote) {
  if (quote.status() == "draft") return std::nullopt;
  if (auto day = entered_state_on(quote, "sent")) return day;
  return created_on(quote);
}

// The quote's document discount in millionths of a percent; 0 when it has none.
long long discount_millionths(const Record& quote) {
  auto d = Decimal::parse(quote.get("discount"));
  if (!d) return 0;
  long long m = d->mantissa();
  for (int i = d->scale(); i < 6; ++i) m *= 10;
  return m;
}

// a / b with one decimal, half up ("1.5"); "" when b is 0. percent_text(a, 100 b) is exactly
// round(10 a / b) / 10.
std::string ratio_text(long long a, long long b) {
  return percent_text(a, b * 100);
}

// The reason a rejected quote was given: the note of its move to `rejected`, else its field.
std::string rejection_reason(const Record& quote) {
  std::string reason;
  for (const Value* entry : state_changes(quote))
    if (entry->get("to") == "rejected") reason = entry->get("note");
  if (reason.empty()) reason = quote.get("reason");
  return reason.empty() ? "(none given)" : reason;
}

struct Tally {
  long long sent = 0, accepted = 0, rejected = 0, expired = 0, awaiting = 0, revised = 0;
  MoneyTotals accepted_value;  // one currency per tally; MoneyTotals gives the zero
  long long discount_sum = 0;  // millionths of a percent

  void add(const Record& quote, Outcome outcome, const std::string& currency, const Money& total) {
    ++sent;
    discount_sum += discount_millionths(quote);
    if (quote.status() == "superseded") ++revised;
    switch (outcome) {
      case Outcome::accepted:
        ++accepted;
        accepted_value.add(currency, total);
        break;
      case Outcome::rejected:
        ++rejected;
        break;
      case Outcome::expired:
        ++expired;
        break;
      case Outcome::awaiting:
        ++awaiting;
        break;
      case Outcome::withdrawn:
        break;
    }
  }

  std::vector<std::string> cells(const std::string& currency) const {
    // Mean discount: round(sum / sent, one decimal) = ratio of millionths to 10^6 x sent.
    std::string average = sent == 0 ? "" : ratio_text(discount_sum, sent * 1'000'000);
    return {std::to_string(sent),
            std::to_string(accepted),
            std::to_string(rejected),
            std::to_string(expired),
            std::to_string(awaiting),
            std::to_string(revised),
            percent_text(accepted, accepted + rejected + expired),
            accepted_value.of(currency).str(),
            average};
  }
};

std::vector<ReportColumn> tally_columns() {
  return {{"sent", Measure::count, "quotes sent in the period (history entry to `sent`)"},
          {"accepted", Measure::count, "of those, accepted by the customer", true},
          {"rejected", Measure::count, "of those, rejected (also when revised afterwards)"},
          {"expired", Measure::count, "of those, past valid_until without an answer"},
          {"awaiting", Measure::count, "of those, sent and still valid: no answer yet"},
          {"revised", Measure::count, "of those, superseded by a revision"},
          {"acceptance_rate", Measure::percent, "accepted / (accepted + rejected + expired)"},
          {"accepted_value", Measure::money, "sum of the accepted quotes' totals"},
          {"average_discount", Measure::percent,
           "mean document discount of the quotes sent (none counts as 0)"}};
}

std::string group_title(const std::string& by) {
  if (by == "month") return "Quotes sent by month";
  if (by == "quarter") return "Quotes sent by quarter";
  if (by == "owner") return "Quotes sent by owner";
  return "Quotes sent";
}

}  // namespace
}  // namespace quotes_report_detail

Report quotes_report(const RecordStore& store, const ReportOptions& options) {
  using namespace quotes_report_detail;
  const Config& config = store.config();
  Owners owners(store);

  struct Sent {
    Record quote;
    Date day;
    Outcome outcome;
  };
  std::vector<Sent> sent;
  store.for_each(Kind::quote, [&](const Record& quote) {
    auto day = sent_on(quote);
    if (!day || !in_period(options, day)) return;
    if (!keeps_owner(options, owners.of(quote))) return;
    if (!keeps_currency(options, currency_of(quote, config))) return;
    sent.push_back({quote, *day, outcome_of(quote, options.today)});
  });

  auto key_of = [&](const Sent& s) -> std::string {
    if (options.by == "month" || options.by == "quarter") return period_label(s.day, options.by);
    if (options.by == "owner") return owners.of(s.quote);
    return {};
  };
  // Groups in order: periods and owners sorted, currencies in the order first met.
  std::map<std::string, std::map<std::string, Tally>> groups;
  std::map<std::string, Tally> totals;
  std::vector<std::string> currencies;
  for (const auto& s : sent) {
    std::string currency = currency_of(s.quote, config);
    if (std::find(currencies.begin(), currencies.end(), currency) == currencies.end())
      currencies.push_back(currency);
    Money total = money_of(s.quote, "total", config);
    groups[key_of(s)][currency].add(s.quote, s.outcome, currency, total);
    totals[currency].add(s.quote, s.outcome, currency, total);
  }
  currencies = currencies_shown(std::move(currencies), options, config);

  Report report;
  report.title = "Quotes";
  bool grouped = options.by != "currency";
  std::vector<ReportColumn> columns;
  if (grouped)
    columns.push_back({options.by == "owner" ? "owner" : "period", Measure::text,
                       options.by == "owner" ? "the deal's owner"
                                             : "the " + options.by + " the quotes were sent in"});
  columns.push_back({"currency", Measure::text, "the quotes' currency"});
  for (auto& c : tally_columns()) columns.push_back(std::move(c));
  ReportSection summary{"summary", group_title(options.by), columns, {}};
  if (grouped) {
    for (const auto& [key, by_currency] : groups)
      for (const auto& currency : currencies) {
        auto it = by_currency.find(currency);
        if (it == by_currency.end()) continue;
        std::vector<std::string> row = {key, currency};
        for (auto& cell : it->second.cells(currency)) row.push_back(std::move(cell));
        summary.add(std::move(row));
      }
  }
  ReportSection total_section{"totals", "Total", {}, {}};
  total_section.columns.push_back({"currency", Measure::text, "the quotes' currency"});
  for (auto& c : tally_columns()) total_section.columns.push_back(std::move(c));
  for (const auto& currency : currencies) {
    std::vector<std::string> row = {currency};
    for (auto& cell : totals[currency].cells(currency)) row.push_back(std::move(cell));
    if (!grouped) summary.add(row);
    total_section.add(std::move(row));
  }
  report.sections.push_back(std::move(summary));
  if (grouped) report.sections.push_back(std::move(total_section));

  // Revisions: how many tries a deal takes.
  std::set<std::string> deals;
  long long revisions = 0;
  for (const auto& s : sent) {
    deals.insert(s.quote.get("deal"));
    auto revision = Decimal::parse(s.quote.get("revision"));
    if (revision && Decimal::from_int(1) < *revision) ++revisions;
  }
  auto n_deals = static_cast<long long>(deals.size());
  auto n_quotes = static_cast<long long>(sent.size());
  ReportSection revision_section{
      "revisions",
      "Revisions",
      {{"deals", Measure::count, "deals with a quote sent in the period"},
       {"quotes", Measure::count, "quotes sent in the period"},
       {"revisions", Measure::count, "of those, revisions (revision 2 or more)"},
       {"quotes_per_deal", Measure::decimal, "quotes / deals, one decimal"},
       {"revisions_per_deal", Measure::decimal, "revisions / deals, one decimal"}},
      {}};
  revision_section.add({std::to_string(n_deals), std::to_string(n_quotes),
                        std::to_string(revisions), ratio_text(n_quotes, n_deals),
                        ratio_text(revisions, n_deals)});
  report.sections.push_back(std::move(revision_section));

  // Why customers said no, the most common reason first.
  std::map<std::string, long long> reasons;
  for (const auto& s : sent)
    if (s.outcome == Outcome::rejected) ++reasons[rejection_reason(s.quote)];
  std::vector<std::pair<std::string, long long>> ordered(reasons.begin(), reasons.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  ReportSection reason_section{
      "rejection_reasons",
      "Rejection reasons",
      {{"reason", Measure::text, "the reason given when the quote was rejected"},
       {"quotes", Measure::count, "rejected quotes that gave it", true}},
      {}};
  for (const auto& [reason, count] : ordered) reason_section.add({reason, std::to_string(count)});
  report.sections.push_back(std::move(reason_section));

  if (options.from || options.to)
    report.notes.push_back("only quotes sent in the period; their outcome is as of today");
  return report;
}

}  // namespace crm
