// The agenda: what needs doing, day by day — tasks due, meetings, quotes about to expire,
// invoices due, contracts about to end, service orders scheduled, service response deadlines
// and the maintenance `crm service plan` would create — read from the records, creating
// nothing. Made for cron: an empty agenda is an empty list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/base/dates.h"
#include "crm/kinds/record_store.h"

namespace crm {

struct AgendaOptions {
  // The window: today and the days after it, `days` days in all (0: overdue items only).
  int days = 7;
  // Only the overdue items.
  bool overdue_only = false;
  // Only the items of this user (reports' Owners: a record's owner, an activity's `by`, else
  // its deal's, else its account's); empty: everyone's.
  std::string owner;
};

struct AgendaItem {
  Date date;           // the day it falls on
  std::string at;      // the moment, for items with a time of day (meetings, respond_by)
  Kind kind;           // the record's kind (a maintenance item: its service contract)
  std::string id;      // the record's ID
  std::string number;  // its human number, else its ID
  std::string label;   // what it is about: a subject, a summary, an account and an amount
  std::string what;    // the agenda's word for it: due, meeting, expires, ends, scheduled...
  bool overdue = false;
  long days = 0;  // from today to `date`: 0 today, 1 tomorrow, -3 three days late
  std::string owner;

  // What the item is, in words: "task due", "quote expires", "maintenance".
  std::string what_text() const;
  // The key that stays the same from run to run while the item is the same thing to do
  // (the record and what; a maintenance also its day): "T-7K3QZ9AB-due".
  std::string key() const;
};

// The agenda for `clock`'s today: overdue items first (oldest first), then the window's items
// by day and time. Broken files throw, or with `problems` are reported there and skipped.
std::vector<AgendaItem> agenda(const RecordStore& store, const Clock& clock,
                               const AgendaOptions& options,
                               std::vector<LoadProblem>* problems = nullptr);

// True when an item is overdue (`crm agenda --exit-status` exits 1).
bool any_overdue(const std::vector<AgendaItem>& items);

// How an item goes into a calendar (agenda/ics.h).
enum class CalendarForm {
  todo,     // a VTODO with DUE and an alarm: something to get done by then
  event,    // a VEVENT at its moment (meetings)
  all_day,  // an all-day VEVENT on its day (deadlines, scheduled work)
};

// The `what` words, in the order items of one day are listed, and what each means (docs).
struct AgendaWhat {
  std::string what;
  std::string text;         // "task due"
  std::string description;  // when it is listed and when it is overdue
  CalendarForm calendar;
};
// The description of `what`, nullptr when it is none of them.
const AgendaWhat* agenda_what(std::string_view what);
const std::vector<AgendaWhat>& agenda_whats();

}  // namespace crm
