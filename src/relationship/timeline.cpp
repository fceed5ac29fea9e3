#include "crm/relationship/timeline.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/text.h"
#include "crm/relationship/activities.h"

namespace crm {
namespace {

// The records under `root`, root first, each once: every record of a kind with parents whose
// parent reference names a member (activities are events, added apart). One pass over those
// kinds maps each parent ID to its children; only the members are kept whole (at 100,000
// records, keeping every candidate and scanning them all for each member took seconds).
std::vector<Record> family(const RecordStore& store, const Record& root) {
  struct Candidate {
    Kind kind;
    std::string id;
  };
  std::vector<Candidate> candidates;
  std::map<std::string, std::vector<std::size_t>> children;  // parent ID -> candidates
  for (const KindSpec& spec : all_kinds()) {
    if (spec.parents.empty() || spec.is_event) continue;
    store.for_each(spec.kind, [&](const Record& r) {
      candidates.push_back({spec.kind, r.id()});
      for (const std::string& field : spec.parents)
        if (std::string parent = r.get(field); !parent.empty())
          children[parent].push_back(candidates.size() - 1);
    });
  }
  std::vector<Record> members = {root};
  std::set<std::string> ids = {root.id()};
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto it = children.find(members[i].id());
    if (it == children.end()) continue;
    for (std::size_t c : it->second)
      if (ids.insert(candidates[c].id).second)
        members.push_back(store.load(candidates[c].kind, candidates[c].id));
  }
  return members;
}

// Document links and payments are dated entries of their own.
void add_entries(std::vector<TimelineEvent>& out, const Record& r) {
  if (const Value* docs = r.find("documents"); docs && docs->is_sequence())
    for (const Value& d : docs->items())
      out.push_back({d.get("added"), r.id(), "document",
                     d.get("title").empty()
                         ? d.get("path")
                         : fmt::format("{} ({})", d.get("title"), d.get("path"))});
  if (const Value* payments = r.spec().has_field("payments") ? r.find("payments") : nullptr;
      payments && payments->is_sequence())
    for (const Value& p : payments->items())
      out.push_back(
          {p.get("date"), r.id(), "payment",
           fmt::format("{} {} on {}", p.get("amount"), r.get("currency"), r.get("number"))});
}

void add_history(std::vector<TimelineEvent>& out, const Record& r) {
  const Value* history = r.find("history");
  if (!history || !history->is_sequence()) return;
  for (const Value& entry : history->items()) {
    if (!entry.is_map()) continue;
    std::string field = entry.get("field");
    std::string detail =
        field.empty() ? fmt::format("{} -> {}", entry.get("from"), entry.get("to"))
                      : fmt::format("{} {} -> {}", field, entry.get("from"), entry.get("to"));
    if (!entry.get("by").empty()) detail += fmt::format(" by {}", entry.get("by"));
    if (!entry.get("note").empty()) detail += fmt::format(" ({})", entry.get("note"));
    out.push_back({entry.get("at"), r.id(), field.empty() ? "status" : field, detail});
  }
}

void add_activity(std::vector<TimelineEvent>& out, const Record& a) {
  std::string type = a.get("type");
  std::string detail;
  if (type == "note") {
    detail = activity_summary(a);
  } else if (type == "task") {
    detail = fmt::format("{} {} (due {}, {})", a.id(), a.get("subject"), a.get("due"), a.status());
  } else {
    detail = a.get("subject");
  }
  if (!a.get("by").empty() && type != "task") detail += fmt::format(" by {}", a.get("by"));
  out.push_back({a.get("at"), a.get("about"), type, detail});
  if (type == "task") add_history(out, a);
}

void sort_by_time(std::vector<TimelineEvent>& events) {
  // Ties keep their order: a record's creation before what happened to it.
  std::vector<std::pair<MomentKey, std::size_t>> order;
  for (std::size_t i = 0; i < events.size(); ++i) order.emplace_back(moment_key(events[i].at), i);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TimelineEvent> sorted;
  sorted.reserve(events.size());
  for (const auto& [key, index] : order) sorted.push_back(std::move(events[index]));
  events = std::move(sorted);
}

}  // namespace

std::vector<TimelineEvent> record_history(const Record& record,
                                          const std::vector<TimelineEvent>& commits) {
  std::vector<TimelineEvent> events;
  events.push_back({record.get("created"), record.id(), "created",
                    fmt::format("{} {}", record.spec().name, record.label())});
  add_history(events, record);
  add_entries(events, record);
  for (const TimelineEvent& commit : commits) events.push_back(commit);
  sort_by_time(events);
  return events;
}

std::vector<TimelineEvent> timeline(const RecordStore& store, const Record& root) {
  std::vector<Record> members = family(store, root);
  std::set<std::string> ids;
  std::vector<TimelineEvent> events;
  for (const Record& r : members) {
    ids.insert(r.id());
    events.push_back(
        {r.get("created"), r.id(), "created", fmt::format("{} {}", r.spec().name, r.label())});
    add_history(events, r);
    add_entries(events, r);
  }
  for (const KindSpec& spec : all_kinds()) {
    if (!spec.is_event) continue;
    store.for_each(spec.kind, [&](const Record& a) {
      for (const std::string& field : spec.parents)
        if (ids.count(a.get(field))) {
          add_activity(events, a);
          break;
        }
    });
  }
  sort_by_time(events);
  return events;
}

}  // namespace crm
