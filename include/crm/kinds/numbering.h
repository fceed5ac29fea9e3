// Human numbers of business documents (Q-2026-0001, SO-..., SK-..., INV-...): sequential per
// kind and year. After a git merge two documents may share a number; `crm check` reports it.
#pragma once

#include <string>

#include "crm/base/dates.h"
#include "crm/kinds/session.h"
#include "crm/store/store.h"

namespace crm {

// The number prefix of a kind: "Q" for quotes, "SO" orders, "SK" contracts, "INV" invoices,
// "SC" service contracts, "SR" service requests, "SV" service orders; "" for kinds without.
std::string number_prefix(Kind kind);

// The next free number of `kind` in `today`'s year: one more than the highest in use.
std::string next_number(const Store& store, Kind kind, const Date& today);

// Gives a document the next free number of its kind (after a merge left two documents with
// one number); the change lands in history. RefusedError for kinds without numbers.
ChangeSet renumber(Session& session, Record document);

}  // namespace crm
