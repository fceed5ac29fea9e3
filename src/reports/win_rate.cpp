// `crm report win-rate`: of the deals closed, how many were won, per owner (or month, quarter,
// lead source), and why the others were lost.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "builders.h"
#include "crm/base/text.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace {

const std::string k_rate_none = "(none)";

struct RateCounts {
  long long won = 0, lost = 0;
};

// The source of the lead a deal was converted from; leads are read once each.
class DealSources {
 public:
  explicit DealSources(const RecordStore& store) : m_store(store) {}
  std::string of(const Record& deal) const {
    std::string lead = deal.get("lead");
    if (lead.empty()) return k_rate_none;
    auto it = m_cache.find(lead);
    if (it == m_cache.end()) {
      std::string source;
      if (m_store.exists(Kind::lead, lead)) source = m_store.load(Kind::lead, lead).get("source");
      it = m_cache.emplace(lead, source.empty() ? k_rate_none : source).first;
    }
    return it->second;
  }

 private:
  const RecordStore& m_store;
  mutable std::map<std::string, std::string> m_cache;
};

}  // namespace

Report win_rate_report(const RecordStore& store, const ReportOptions& options) {
  const Config& config = store.config();
  Owners owners(store);
  DealSources sources(store);
  std::string by = options.by.empty() ? "owner" : options.by;
  std::map<std::string, RateCounts> groups;  // periods in time order, names alphabetically
  RateCounts total;
  std::map<std::string, long long> reasons;
  long long undated = 0;

  store.for_each(Kind::deal, [&](const Record& deal) {
    std::string status = deal.status();
    bool won = status == "won" || status == "completed";
    if (!won && status != "lost") return;
    auto closed = deal_closed_on(deal);
    std::string owner = owners.of(deal);
    if (!in_period(options, closed) || !keeps_owner(options, owner) ||
        !keeps_currency(options, currency_of(deal, config)))
      return;
    if (!closed) ++undated;
    std::string key;
    if (by == "owner")
      key = owner.empty() ? k_rate_none : owner;
    else if (by == "source")
      key = sources.of(deal);
    else
      key = closed ? period_label(*closed, by) : "(no date)";
    RateCounts& c = groups[key];
    (won ? c.won : c.lost)++;
    (won ? total.won : total.lost)++;
    if (!won) {
      std::string reason = std::string(trim(deal.get("reason")));
      if (reason.empty()) reason = k_rate_none;
      ++reasons[reason];
    }
  });

  Report report;
  report.title = "Win rate";
  std::string group_description =
      by == "owner"    ? "the deal's owner"
      : by == "source" ? "the source of the lead the deal came from; (none) without a lead"
                       : "the " + by + " the deal was closed (won or lost)";
  auto rate_columns = [](std::vector<ReportColumn> first) {
    first.push_back({"won", Measure::count, "deals won (or completed) in the period"});
    first.push_back({"lost", Measure::count, "deals lost in the period"});
    first.push_back({"win_rate", Measure::percent, "won / (won + lost), in percent", true});
    return first;
  };
  ReportSection rows{"win_rate",
                     "Closed deals by " + by,
                     rate_columns({{by, Measure::text, group_description}}),
                     {}};
  for (const auto& [key, c] : groups)
    rows.add(
        {key, std::to_string(c.won), std::to_string(c.lost), percent_text(c.won, c.won + c.lost)});
  report.sections.push_back(std::move(rows));

  ReportSection totals{"totals", "Total", rate_columns({}), {}};
  totals.columns.back().chart = false;
  totals.add({std::to_string(total.won), std::to_string(total.lost),
              percent_text(total.won, total.won + total.lost)});
  report.sections.push_back(std::move(totals));

  // Most frequent first; ties alphabetically.
  std::vector<std::string> reasons_met;
  for (const auto& [reason, n] : reasons) reasons_met.push_back(reason);
  std::stable_sort(
      reasons_met.begin(), reasons_met.end(),
      [&](const std::string& a, const std::string& b) { return reasons.at(a) > reasons.at(b); });
  ReportSection lost{"lost_reasons",
                     "Why deals were lost",
                     {{"reason", Measure::text, "the reason given to `crm deal lose`"},
                      {"deals", Measure::count, "deals lost for it in the period", true},
                      {"share", Measure::percent, "of all deals lost in the period"}},
                     {}};
  for (const auto& reason : reasons_met)
    lost.add(
        {reason, std::to_string(reasons.at(reason)), percent_text(reasons.at(reason), total.lost)});
  report.sections.push_back(std::move(lost));

  if (undated > 0)
    report.notes.push_back(fmt::format(
        "{} closed deal{} no closing date (neither `closed` nor a won or lost history entry)",
        undated, undated == 1 ? " has" : "s have"));
  if (options.from || options.to)
    report.notes.push_back("only deals closed (won or lost) in the period");
  return report;
}

}  // namespace crm
