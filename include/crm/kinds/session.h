// What one command works with: the record store, the clock and the acting user. Passed
// explicitly; there is no global context.
#pragma once

#include <string>

#include "crm/base/dates.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record_store.h"

namespace crm {

struct Session {
  RecordStore& store;
  Clock clock;
  std::string user;

  Actor actor() const { return Actor{user, clock.now()}; }
  GuardContext guards() const { return GuardContext{&store, clock.today(), nullptr}; }
  // Guards that also see the command's arguments (a map).
  GuardContext guards(const Value& input) const {
    return GuardContext{&store, clock.today(), &input};
  }
};

// Starts a record of `kind` with a new ID, `created` and, for kinds with a lifecycle, the
// machine's initial state.
Record new_record(Session& session, Kind kind);

// Fires a transition that needs nothing but the record (and a reason where the machine asks
// for one): `crm lead qualify`, `crm quote reject --reason`. The change set names the command.
ChangeSet transition(Session& session, Record record, std::string_view command,
                     const Firing& firing = {});

}  // namespace crm
