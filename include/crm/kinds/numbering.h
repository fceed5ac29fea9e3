// Human numbers of business documents (Q-2026-0001, SO-..., SK-..., INV-...): sequential per
// kind and year, with the prefix the kind registry gives. After a git merge two documents may
// share a number; `crm check` reports it and `crm renumber` gives the newer one the next.
#pragma once

#include <string>

#include "crm/base/dates.h"
#include "crm/kinds/session.h"

namespace crm {

// The next free number of `kind` in `today`'s year: one more than the highest in use.
std::string next_number(const RecordStore& store, Kind kind, const Date& today);

// Gives a document the next free number of its kind (after a merge left two documents with
// one number); the change lands in history. RefusedError for kinds without numbers, and for a
// number no other record shares (a customer may hold it).
ChangeSet renumber(Session& session, Record document);

}  // namespace crm
