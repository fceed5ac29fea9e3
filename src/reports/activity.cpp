// `crm report activity`: who does what with customers — notes, calls, meetings, emails and
// tasks per owner, period or type — and which accounts nobody has contacted for a while.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "builders.h"
#include "crm/base/ids.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"

namespace crm {
namespace activity_report_detail {
namespace {

const char* const k_nobody = "(nobody)";

// The records that activities are about and the records they belong to: for every record of a
// kind with parents (not the activities themselves), the IDs its parent references name.
class Parents {
 public:
  explicit Parents(const RecordStore& store) {
    for (const KindSpec& spec : all_kinds())
      if (!spec.parents.empty() && !spec.is_event)
        store.for_each(spec.kind, [&](const Record& r) {
          std::vector<std::string>& ids = m_parents[r.id()];
          for (const std::string& field : spec.parents)
            if (!r.get(field).empty()) ids.push_back(r.get(field));
        });
  }

  // The accounts a record leads to along its parents (itself when it is one), memoized.
  const std::set<std::string>& accounts_of(const std::string& id) {
    auto it = m_accounts.find(id);
    if (it != m_accounts.end()) return it->second;
    std::set<std::string> found, seen = {id};
    std::vector<std::string> queue = {id};
    for (std::size_t i = 0; i < queue.size(); ++i) {
      auto prefix = id_prefix(queue[i]);
      if (prefix && kind_by_prefix(*prefix) == Kind::account) found.insert(queue[i]);
      auto parents = m_parents.find(queue[i]);
      if (parents == m_parents.end()) continue;
      for (const std::string& parent : parents->second)
        if (seen.insert(parent).second) queue.push_back(parent);
    }
    return m_accounts.emplace(id, std::move(found)).first->second;
  }

 private:
  std::map<std::string, std::vector<std::string>> m_parents;
  std::map<std::string, std::set<std::string>> m_accounts;
};

// Notes, calls, meetings and emails are records of contact; a task (the activity type with a
// lifecycle) is a plan, and contacts nobody.
bool is_contact(const Record& activity) {
  return machine_of(activity.spec(), activity.fields()) == nullptr;
}

std::string group_title(const std::string& by) {
  if (by == "month") return "Activities by month";
  if (by == "quarter") return "Activities by quarter";
  if (by == "type") return "Activities by type";
  return "Activities by owner";
}

}  // namespace
}  // namespace activity_report_detail

Report activity_report(const RecordStore& store, const ReportOptions& options) {
  using namespace activity_report_detail;
  Owners owners(store);
  const std::vector<std::string>& types = activity_types();
  Report report;
  report.title = "Activity";

  // Activities in the period, counted per group and type.
  std::map<std::string, std::map<std::string, long long>> counts;  // group -> type -> n
  std::map<std::string, long long> per_type;
  long long total = 0;
  // Every contact up to today, (about, day), for the idle accounts.
  std::vector<std::pair<std::string, Date>> contacts;
  for (const KindSpec& spec : all_kinds()) {
    if (!spec.is_event) continue;
    store.for_each(spec.kind, [&](const Record& activity) {
      auto day = date_of(activity.get("at"));
      if (is_contact(activity) && day && *day <= options.today)
        contacts.emplace_back(activity.get("about"), *day);
      if (!in_period(options, day)) return;
      std::string owner = owners.of(activity);
      if (!keeps_owner(options, owner)) return;
      std::string type = activity.get("type");
      std::string group;
      if (options.by == "month" || options.by == "quarter")
        group = day ? period_label(*day, options.by) : "";
      else if (options.by == "type")
        group = type;
      else
        group = owner.empty() ? k_nobody : owner;
      ++counts[group][type];
      ++per_type[type];
      ++total;
    });
  }

  ReportSection activities{"activities", group_title(options.by), {}, {}};
  if (options.by == "type") {
    activities.columns = {{"type", Measure::text, "the activity's type"},
                          {"activities", Measure::count, "activities of the type", true},
                          {"share", Measure::percent, "their share of all activities"}};
    // Every type shows, in the registry's order, an unused one with 0.
    std::vector<std::string> shown = types;
    for (const auto& [type, n] : per_type)
      if (std::find(shown.begin(), shown.end(), type) == shown.end()) shown.push_back(type);
    for (const auto& type : shown)
      activities.add({type, std::to_string(per_type[type]), percent_text(per_type[type], total)});
  } else {
    bool by_owner = options.by == "owner";
    activities.columns = {{by_owner ? "owner" : "period", Measure::text,
                           by_owner ? "who did it (the activity's `by`)"
                                    : "the " + options.by + " it happened in (`at`)"}};
    for (const auto& type : types)
      activities.columns.push_back({type, Measure::count, type + " activities"});
    activities.columns.push_back({"total", Measure::count, "all of them", true});
    for (auto& [group, by_type] : counts) {
      std::vector<std::string> row = {group};
      long long sum = 0;
      for (const auto& type : types) {
        row.push_back(std::to_string(by_type[type]));
        sum += by_type[type];
      }
      // A type crm.yaml's vocabulary no longer knows still counts in the total.
      for (const auto& [type, n] : by_type)
        if (std::find(types.begin(), types.end(), type) == types.end()) sum += n;
      row.push_back(std::to_string(sum));
      activities.add(std::move(row));
    }
  }
  report.sections.push_back(std::move(activities));

  // Accounts whose last contact, about them or anything that leads to them, is idle_days ago
  // or more (never contacted: counted from the day the account was created).
  Parents parents(store);
  std::map<std::string, Date> last_contact;
  for (const auto& [about, day] : contacts) {
    for (const std::string& account : parents.accounts_of(about)) {
      auto it = last_contact.find(account);
      if (it == last_contact.end())
        last_contact.emplace(account, day);
      else if (it->second < day)
        it->second = day;
    }
  }
  struct Idle {
    long long days;
    std::vector<std::string> row;
  };
  std::vector<Idle> idle;
  store.for_each(Kind::account, [&](const Record& account) {
    if (!keeps_owner(options, owners.of(account))) return;
    auto it = last_contact.find(account.id());
    std::optional<Date> since =
        it != last_contact.end() ? std::optional<Date>(it->second) : created_on(account);
    if (!since) return;
    long long days = days_between(*since, options.today);
    if (days < options.idle_days) return;
    idle.push_back({days,
                    {account.id(), account.get("name"), account.get("owner"),
                     it != last_contact.end() ? it->second.iso() : "", std::to_string(days)}});
  });
  std::stable_sort(idle.begin(), idle.end(), [](const Idle& a, const Idle& b) {
    if (a.days != b.days) return a.days > b.days;
    return a.row[1] < b.row[1];
  });
  ReportSection idle_section{
      "idle",
      fmt::format("Accounts not contacted for {} days or more", options.idle_days),
      {{"account", Measure::text, "the account's ID"},
       {"name", Measure::text, "the account's name"},
       {"owner", Measure::text, "the account's owner"},
       {"last_contact", Measure::date,
        "the last note, call, meeting or email about the account, its contacts, leads, deals "
        "and other records; empty when never"},
       {"days", Measure::count, "days since then (never: since the account was created)", true}},
      {}};
  for (auto& i : idle) idle_section.add(std::move(i.row));
  report.sections.push_back(std::move(idle_section));

  if (options.from || options.to)
    report.notes.push_back(
        "activities that happened (at) in the period; idle accounts are as of today, whatever "
        "the period");
  return report;
}

}  // namespace crm
