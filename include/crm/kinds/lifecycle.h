// Lifecycles as data: each record kind with a status has one state machine, declared once here
// (states, transitions, the command that fires each, guards). Commands ask the engine; none
// compares states itself.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/dates.h"
#include "crm/kinds/record.h"

namespace crm {

class Store;

// What a guard may look at besides the record itself.
struct GuardContext {
  const Store* store = nullptr;
  std::optional<Date> today;  // for rules that depend on the date (quote expiry)
};

struct Guard {
  std::string description;  // printed by `crm lifecycle`, e.g. "needs an accepted quote"
  // Returns why the transition is refused, or nullopt to allow it.
  std::function<std::optional<std::string>(const Record&, const GuardContext&)> check;
  std::string hint;  // what to do instead
};

struct Transition {
  std::string command;            // "qualify": the verb that fires it
  std::vector<std::string> from;  // states it may start from
  std::string to;
  bool needs_reason = false;
  std::vector<Guard> guards;
  // Fired by crm itself as a consequence of another command (an order becomes invoiced when
  // its invoice is created), or derived from a date when shown (a quote past valid_until is
  // expired); not a verb users type. Said so by `crm lifecycle`.
  std::string by = {};
};

struct Machine {
  std::string kind;  // "lead", "task"
  std::string field = "status";
  std::string initial;
  std::vector<std::string> states;
  std::vector<std::string> terminal;
  std::vector<Transition> transitions;

  bool has_state(std::string_view state) const;
  bool is_terminal(std::string_view state) const;
  const Transition* find(std::string_view command) const;
  // True when some transition leads from `from` to `to`.
  bool allows(std::string_view from, std::string_view to) const;
  // The commands that may fire from `state`.
  std::vector<std::string> commands_from(std::string_view state) const;
};

// The machine a record follows, or nullptr (accounts, contacts, notes and calls have none).
const Machine* machine_for(const Record& record);
// The machines by name, for `crm lifecycle KIND`.
const Machine* machine_named(std::string_view name);
std::vector<std::string> machine_names();

// Who fires a transition, when, and why.
struct Actor {
  std::string user;
  std::string now;  // ISO 8601 timestamp
};

// Fires `command` on `record`: checks that it may start from the current state, that a reason
// is given where needed and that every guard passes; sets the new state and appends
// {at, from, to, by, note} to history. Throws RefusedError naming the record, its state, the
// wanted state and what to do instead; UsageError for a missing reason.
void fire(Record& record, std::string_view command, const Actor& actor,
          const std::string& note = {}, const GuardContext& context = {});

// Throws exactly what fire() would if `command` may not fire now, and changes nothing. For
// commands that keep the state but are still governed by the machine (a deal's stage moves).
void require_allowed(const Record& record, std::string_view command,
                     const GuardContext& context = {});

// A history entry for a change of a plain field such as `owner` (a hand-over).
Value field_change_entry(const Actor& actor, std::string_view field, std::string_view from,
                         std::string_view to);

// Human-readable and Graphviz renderings of a machine.
std::string describe_machine(const Machine& machine);
std::string machine_to_dot(const Machine& machine);

}  // namespace crm
