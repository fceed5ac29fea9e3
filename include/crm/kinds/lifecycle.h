// Lifecycles as data: each record kind with a status has one state machine (states,
// transitions, the command that fires each, guards, derived states), declared once in
// src/kinds/machines/ and referenced by the kind registry. Commands ask this engine; none
// compares states itself, and `crm lifecycle KIND` prints every rule that can refuse.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/dates.h"
#include "crm/kinds/record.h"

namespace crm {

class RecordStore;

// What a guard may look at besides the record itself.
struct GuardContext {
  const RecordStore* store = nullptr;
  std::optional<Date> today;  // for rules that depend on the date (quote expiry)
  // The command's own arguments, for rules about them (a payment's amount, a release's lines,
  // the account a conversion links). A map; absent when the command has none.
  const Value* input = nullptr;
};

// Why a guard refuses, and (when it knows better than its general hint) what to do instead.
struct GuardRefusal {
  GuardRefusal(std::string why_, std::string hint_ = {})
      : why(std::move(why_)), hint(std::move(hint_)) {}
  std::string why;
  std::string hint;
};

struct Guard {
  std::string name;         // "quote-valid": how refusals and `crm lifecycle` name the rule
  std::string description;  // printed by `crm lifecycle`, e.g. "needs an accepted quote"
  // Returns why the transition is refused, or nullopt to allow it.
  std::function<std::optional<GuardRefusal>(const Record&, const GuardContext&)> check;
  std::string hint;  // what to do instead
};

struct Transition {
  std::string command;            // "qualify": the verb that fires it
  std::vector<std::string> from;  // states it may start from; empty: the record's creation
  std::string to;                 // the new state; empty: the state stays (an edit, a stage move)
  bool needs_reason = false;
  std::vector<Guard> guards = {};
  // Fired by crm itself as a consequence of another command (an order becomes invoiced when
  // its invoice is created), or derived from a date when shown (a quote past valid_until is
  // expired); not a verb users type. Said so by `crm lifecycle`.
  std::string by = {};
  // How users fire it when that is not `crm <machine command> <verb> ID`:
  // "crm service confirm ID --partial".
  std::string typed_as = {};
  // Its guards may be overridden with --force and a reason, which history keeps.
  bool forcible = false;

  bool is_creation() const { return from.empty(); }
  bool keeps_state() const { return to.empty(); }
  bool starts_from(std::string_view state) const;
};

// A state shown instead of the stored one while a date says so: an issued invoice past its due
// date is overdue. Never written to the file.
struct DerivedState {
  std::string name;         // "overdue"
  std::string description;  // "an issued or partly paid invoice past its due date"
  std::function<bool(const Record&, const Date& today)> holds;
};

struct Machine {
  std::string kind;                  // "lead", "task", "service-order": `crm lifecycle KIND`
  std::vector<std::string> command;  // the words before its verbs: {"service", "order"}
  std::string field = "status";
  std::string initial;
  std::vector<std::string> states;
  std::vector<std::string> terminal;
  std::vector<Transition> transitions;
  std::vector<DerivedState> derived;

  bool has_state(std::string_view state) const;
  bool is_terminal(std::string_view state) const;
  const Transition* find(std::string_view command) const;
  // True when a transition that changes state leads from `from` to `to` (a history step).
  bool allows(std::string_view from, std::string_view to) const;
  // "crm service order"
  std::string command_line() const;
};

// Every machine, in the order `crm lifecycle` lists them.
const std::vector<Machine>& all_machines();
// The machine named `name` ("lead", "task", "service-order"), or nullptr.
const Machine* machine_named(std::string_view name);
std::vector<std::string> machine_names();

// The machine a record follows, or nullptr (accounts, contacts, notes and calls have none).
const Machine* machine_for(const Record& record);

// Sets a new record's state to its machine's initial one (no-op without a machine, or when a
// state is already set).
void start_lifecycle(Record& record);

// The status to show: the first derived state that holds today, else the stored one.
std::string effective_status(const Record& record, const Date& today);

// Who fires a transition, when, and why.
struct Actor {
  std::string user;
  std::string now;  // ISO 8601 timestamp
};

// How a command fires a transition.
struct Firing {
  Firing(std::string note_ = {}, bool force_ = false) : note(std::move(note_)), force(force_) {}
  std::string note;    // the reason, or a note for history
  bool force = false;  // override the guards of a forcible transition (needs a note)
};

// Fires `command` on `record`: checks that it may start from the current state, that a reason
// is given where needed and that every guard passes; sets the new state and appends
// {at, from, to, by, note} to history (a transition that keeps the state appends nothing); a
// needed reason also goes into the record's `reason` field where the kind has one.
// Throws RefusedError naming the record, its state, the wanted state, the guard and what to do
// instead; UsageError for a missing reason.
void fire(Record& record, std::string_view command, const Actor& actor, const Firing& firing = {},
          const GuardContext& context = {});

// Throws exactly what fire() would if `command` may not fire now, and changes nothing: for the
// creation of a record and for commands that keep the state (edit a draft, move a stage).
void require_allowed(const Record& record, std::string_view command,
                     const GuardContext& context = {});

// True when `command` could fire now (its state and guards allow it). For consequences that
// apply only where they can: a paid invoice closes its order if the order is invoiced.
bool can_fire(const Record& record, std::string_view command, const GuardContext& context = {});

// A history entry for a change of a plain field such as `owner` (a hand-over).
Value field_change_entry(const Actor& actor, std::string_view field, std::string_view from,
                         std::string_view to);

// A history entry for a state that an import set: {at, from, to, by, action: import, note}.
// The state was decided in the tool the record came from, so the step needs no transition of
// the machine (a deal imported as won has no quote here); `note` says where it came from
// ("deals.csv line 4"). `crm check` accepts it through history_step_allowed.
Value import_entry(const Actor& actor, std::string_view from, std::string_view to,
                   std::string_view note);
bool is_import_entry(const Value& entry);

// True when a history entry's state change is one the machine allows: a transition's step, or
// an import's step to any state of the machine.
bool history_step_allowed(const Machine& machine, const Value& entry);

// Human-readable and Graphviz renderings of a machine.
std::string describe_machine(const Machine& machine);
std::string machine_to_dot(const Machine& machine);

}  // namespace crm
