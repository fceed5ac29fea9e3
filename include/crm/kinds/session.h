// What one command works with: the store, the clock and the acting user. Passed explicitly;
// there is no global context.
#pragma once

#include <string>

#include "crm/base/dates.h"
#include "crm/kinds/lifecycle.h"
#include "crm/store/store.h"

namespace crm {

struct Session {
  Store& store;
  Clock clock;
  std::string user;

  Actor actor() const { return Actor{user, clock.now()}; }
  GuardContext guards() const { return GuardContext{&store, clock.today()}; }
};

}  // namespace crm
