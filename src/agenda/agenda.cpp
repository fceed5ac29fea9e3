#include "crm/agenda/agenda.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>

#include "crm/base/money.h"
#include "crm/kinds/record.h"
#include "crm/reports/report_support.h"
#include "crm/service/service_contracts.h"

namespace crm {
namespace {

// What the agenda needs to word an item's label.
struct LabelContext {
  const AccountNames& accounts;
};

using LabelOf = std::function<std::string(const Record&, const LabelContext&)>;

// One kind of agenda item made from records: which records (kind, states, a field's value),
// the date or timestamp field it falls on, and whether it becomes overdue once that day has
// passed or simply drops off (a quote that expired, a contract that ended: nothing is left to
// do about it on that day). The one table of per-kind agenda facts.
struct AgendaSource {
  std::string what;
  std::string text;
  Kind kind;
  std::string date_field;
  std::vector<std::string> states;           // empty: any (records of fact have no state)
  std::pair<std::string, std::string> when;  // a field and its value, or {"", ""}
  bool overdue_when_passed;
  LabelOf label;
  std::string description;
  CalendarForm calendar;
};

std::string agenda_account(const Record& r, const LabelContext& c) {
  return c.accounts.of(r.get("account"));
}

std::string agenda_with_account(const Record& r, const LabelContext& c, const std::string& text) {
  std::string account = agenda_account(r, c);
  return account.empty() ? text : account + ": " + text;
}

const std::vector<AgendaSource>& agenda_sources() {
  static const std::vector<AgendaSource> k_sources = {
      {"task-due",
       "task due",
       Kind::activity,
       "due",
       {"open"},
       {"type", "task"},
       true,
       [](const Record& r, const LabelContext&) { return r.get("subject"); },
       "an open task on its `due` day; overdue the day after",
       CalendarForm::todo},
      {"meeting",
       "meeting",
       Kind::activity,
       "at",
       {},
       {"type", "meeting"},
       false,
       [](const Record& r, const LabelContext&) { return r.get("subject"); },
       "a meeting logged for a day of the window (`crm activity log --type meeting --at ...`); "
       "never overdue",
       CalendarForm::event},
      {"quote-expires",
       "quote expires",
       Kind::quote,
       "valid_until",
       {"sent"},
       {"", ""},
       false,
       [](const Record& r, const LabelContext& c) {
         return agenda_account(r, c) + ", " + r.get("total") + " " + r.get("currency");
       },
       "a sent quote on its `valid_until` day, its last valid day; after it, the quote is expired "
       "and drops off",
       CalendarForm::all_day},
      {"invoice-due",
       "invoice due",
       Kind::invoice,
       "due",
       {"issued", "partially-paid"},
       {"", ""},
       true,
       [](const Record& r, const LabelContext& c) {
         return agenda_account(r, c) + ", balance " + r.get("balance") + " " + r.get("currency");
       },
       "an issued or partly paid invoice on its `due` day; overdue the day after (its derived "
       "state `overdue`)",
       CalendarForm::all_day},
      {"contract-ends",
       "contract ends",
       Kind::contract,
       "to",
       {"active"},
       {"", ""},
       false,
       agenda_account,
       "an active sales contract on its `to` day, the last day of releases; then it drops off",
       CalendarForm::all_day},
      {"service-contract-ends",
       "service contract ends",
       Kind::service_contract,
       "to",
       {"active"},
       {"", ""},
       false,
       agenda_account,
       "an active service contract on its `to` day, its last day of cover; then it drops off",
       CalendarForm::all_day},
      {"service-scheduled",
       "service scheduled",
       Kind::service_order,
       "scheduled",
       {"open", "assigned", "in-progress"},
       {"", ""},
       true,
       [](const Record& r, const LabelContext& c) {
         std::string text = agenda_with_account(r, c, r.get("summary"));
         return r.get("assignee").empty() ? text : text + " (" + r.get("assignee") + ")";
       },
       "a service order not yet completed on its `scheduled` day; overdue the day after",
       CalendarForm::all_day},
      {"response-due",
       "response due",
       Kind::service_request,
       "respond_by",
       {"open"},
       {"", ""},
       true,
       [](const Record& r, const LabelContext& c) {
         return agenda_with_account(r, c, r.get("summary"));
       },
       "an open service request on the day of its `respond_by` deadline; overdue once that "
       "moment has passed",
       CalendarForm::todo},
  };
  return k_sources;
}

const AgendaWhat k_maintenance = {
    "maintenance-due", "maintenance due",
    "maintenance an active service contract owes (`maintenance_every`) that `crm service plan` "
    "has not made an order of yet; overdue the day after. Once planned, it is a service order",
    CalendarForm::all_day};

long long moment_of(const std::string& at) {
  if (at.empty()) return std::numeric_limits<long long>::min();
  return epoch_seconds(at).value_or(std::numeric_limits<long long>::min());
}

std::size_t what_order(const std::string& what) {
  const auto& whats = agenda_whats();
  for (std::size_t i = 0; i < whats.size(); ++i)
    if (whats[i].what == what) return i;
  return whats.size();
}

bool listed_before(const AgendaItem& a, const AgendaItem& b) {
  if (a.overdue != b.overdue) return a.overdue;
  if (a.date != b.date) return a.date < b.date;
  long long ma = moment_of(a.at), mb = moment_of(b.at);
  if (ma != mb) return ma < mb;
  std::size_t wa = what_order(a.what), wb = what_order(b.what);
  if (wa != wb) return wa < wb;
  if (a.number != b.number) return a.number < b.number;
  return a.key() < b.key();
}

// Keeps the window, the overdue filter and the owner filter in one place.
class Collector {
 public:
  Collector(const RecordStore& store, const Clock& clock, const AgendaOptions& options)
      : m_owners(store), m_options(options) {
    m_today = clock.today();
    m_last = m_today.plus_days(std::max(options.days, 0) - 1L);
    m_now = epoch_seconds(clock.now());
  }

  // The last day of the window (the day before today for --days 0).
  const Date& last_day() const { return m_last; }

  void add(const Record& record, const std::string& what, const Date& day, const std::string& at,
           bool overdue_when_passed, const std::string& label) {
    bool overdue = false;
    if (overdue_when_passed) {
      overdue = day < m_today;
      if (!at.empty() && m_now) {
        auto moment = epoch_seconds(at);
        overdue = moment && *moment < *m_now;
      }
    }
    if (!overdue && (day < m_today || m_last < day)) return;
    if (m_options.overdue_only && !overdue) return;
    std::string owner = m_owners.of(record);
    if (!m_options.owner.empty() && owner != m_options.owner) return;
    AgendaItem item;
    item.date = day;
    item.at = at;
    item.kind = record.kind();
    item.id = record.id();
    item.number = record.number_or_id();
    item.label = label;
    item.what = what;
    item.overdue = overdue;
    item.days = day.serial() - m_today.serial();
    item.owner = owner;
    m_items.push_back(std::move(item));
  }

  std::vector<AgendaItem> take() { return std::move(m_items); }

 private:
  Owners m_owners;
  const AgendaOptions& m_options;
  Date m_today, m_last;
  std::optional<long long> m_now;
  std::vector<AgendaItem> m_items;
};

void add_problems(std::vector<LoadProblem>* into, const std::vector<LoadProblem>& more) {
  if (!into) return;
  for (const LoadProblem& p : more) {
    bool known = std::any_of(into->begin(), into->end(),
                             [&](const LoadProblem& q) { return q.message == p.message; });
    if (!known) into->push_back(p);
  }
}

// The item `source` makes of `r`, if any.
void add_from(Collector& collect, const AgendaSource& source, const Record& r,
              const LabelContext& context) {
  if (!source.when.first.empty() && r.get(source.when.first) != source.when.second) return;
  if (!source.states.empty() &&
      std::find(source.states.begin(), source.states.end(), r.status()) == source.states.end())
    return;
  std::string value = r.get(source.date_field);
  auto day = date_of(value);
  if (!day) return;
  bool timed = value.size() > 10;  // a timestamp, not a date
  collect.add(r, source.what, *day, timed ? value : std::string(), source.overdue_when_passed,
              source.label(r, context));
}

}  // namespace

const std::vector<AgendaWhat>& agenda_whats() {
  static const std::vector<AgendaWhat> k_whats = [] {
    std::vector<AgendaWhat> whats;
    for (const AgendaSource& s : agenda_sources())
      whats.push_back({s.what, s.text, s.description, s.calendar});
    whats.push_back(k_maintenance);
    return whats;
  }();
  return k_whats;
}

const AgendaWhat* agenda_what(std::string_view what) {
  for (const AgendaWhat& w : agenda_whats())
    if (w.what == what) return &w;
  return nullptr;
}

std::string AgendaItem::what_text() const {
  const AgendaWhat* w = agenda_what(what);
  return w ? w->text : what;
}

std::string AgendaItem::key() const {
  std::string k = id + "-" + what;
  if (what == k_maintenance.what) k += "-" + date.iso();
  return k;
}

std::vector<AgendaItem> agenda(const RecordStore& store, const Clock& clock,
                               const AgendaOptions& options, std::vector<LoadProblem>* problems) {
  Collector collect(store, clock, options);
  AccountNames accounts(store);
  LabelContext context{accounts};
  // Each kind is read once, for all the sources it feeds.
  std::vector<Kind> kinds;
  for (const AgendaSource& source : agenda_sources())
    if (std::find(kinds.begin(), kinds.end(), source.kind) == kinds.end())
      kinds.push_back(source.kind);
  for (Kind kind : kinds) {
    std::vector<LoadProblem> met;
    store.for_each(
        kind,
        [&](const Record& r) {
          for (const AgendaSource& source : agenda_sources())
            if (source.kind == kind) add_from(collect, source, r, context);
        },
        problems ? &met : nullptr);
    add_problems(problems, met);
  }
  std::vector<LoadProblem> met;
  for (const DueMaintenance& m :
       maintenance_due(store, collect.last_day(), problems ? &met : nullptr))
    collect.add(m.contract, k_maintenance.what, m.due, {}, true,
                agenda_account(m.contract, context));
  add_problems(problems, met);
  std::vector<AgendaItem> items = collect.take();
  std::stable_sort(items.begin(), items.end(), listed_before);
  return items;
}

bool any_overdue(const std::vector<AgendaItem>& items) {
  return std::any_of(items.begin(), items.end(), [](const AgendaItem& i) { return i.overdue; });
}

}  // namespace crm
