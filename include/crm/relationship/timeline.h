// The chronological history of a record and the records under it: creation, state changes,
// hand-overs, notes, calls, meetings, emails and tasks, oldest first.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/record.h"
#include "crm/store/store.h"

namespace crm {

struct TimelineEvent {
  std::string at;      // ISO timestamp
  std::string record;  // the ID the event belongs to
  std::string event;   // created, status, owner, note, call, meeting, email, task
  std::string detail;  // one line for a person
};

// Records "under" a root are those whose account, contact, lead or deal field points at it,
// followed transitively: an account's timeline holds its contacts', leads' and deals'.
std::vector<TimelineEvent> timeline(const Store& store, const Record& root);

// One record's own story for `crm history`: its creation, state changes, hand-overs and, when
// the directory is a git work tree, the commits that touched its file; oldest first.
std::vector<TimelineEvent> record_history(const Store& store, const Record& record);

}  // namespace crm
