// The chronological history of a record and the records under it: creation, state changes,
// hand-overs, payments, documents, notes, calls, meetings, emails and tasks, oldest first.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/record_store.h"

namespace crm {

struct TimelineEvent {
  std::string at;      // ISO timestamp
  std::string record;  // the ID the event belongs to
  std::string event;   // created, status, owner, note, call, meeting, email, task, commit...
  std::string detail;  // one line for a person
};

// The records "under" a root are those whose parent references (the kind registry's
// `parents`) point at it, followed transitively: an account's timeline holds its contacts',
// leads', deals', documents' and service records'. Events at the same moment keep the order
// they were written in: a record's own entries in file order, and records by creation.
std::vector<TimelineEvent> timeline(const RecordStore& store, const Record& root);

// One record's own story for `crm history`: its creation, state changes, hand-overs and
// `commits` (the git commits that touched its file, from the store); oldest first.
std::vector<TimelineEvent> record_history(const Record& record,
                                          const std::vector<TimelineEvent>& commits = {});

}  // namespace crm
