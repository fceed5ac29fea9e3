// Every lifecycle machine, walked from the data (all_machines()): each transition is allowed
// from its from-states and refused by state from every other; machines agree with the kind
// registry; derived states (overdue, expired) are shown and never stored; forcing.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/session.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace machines_tests {

const Actor k_actor{"anna", "2026-11-23T10:00:00+01:00"};

// The kind whose records follow `machine` (the registry says; tasks are activities).
const KindSpec& spec_of(const Machine& machine) {
  for (const KindSpec& spec : all_kinds())
    if (spec.machine == &machine) return spec;
  FAIL("no kind follows the " << machine.kind << " machine");
  throw std::logic_error("unreachable");
}

// The smallest record of the machine's kind in `state`, with a human number where the kind
// has them (refusals name it by both).
Record in_state(const Machine& machine, const std::string& state) {
  const KindSpec& spec = spec_of(machine);
  Record record = crm_test::bare_record(spec.kind, spec.prefix + "-7K3QZ9AB", state);
  if (!spec.number_prefix.empty()) record.set_text("number", spec.number_prefix + "-2026-0001");
  return record;
}

// A state that no machine has, to show that only the listed from-states allow a transition.
const std::string k_no_state = "sleeping";

TEST_CASE("Every transition of every machine is allowed from its from-states only",
          "[lifecycle][machines]") {
  std::size_t transitions = 0;
  for (const Machine& machine : all_machines()) {
    std::vector<std::string> states = machine.states;
    states.push_back(k_no_state);
    for (const Transition& t : machine.transitions) {
      ++transitions;
      for (const std::string& state : states) {
        INFO(machine.kind << " " << t.command << " from " << state);
        Record record = in_state(machine, state);
        const Record before = record;
        if (t.is_creation() || t.starts_from(state)) {
          // Allowed by state. Without a store or input no guard has data to refuse on, except
          // rules about the record itself (a sent quote is revised only once expired): such a
          // refusal names its guard.
          try {
            require_allowed(record, t.command);
          } catch (const RefusedError& e) {
            std::string what = e.what();
            CHECK(std::any_of(t.guards.begin(), t.guards.end(),
                              [&](const Guard& g) { return what.ends_with("[" + g.name + "]"); }));
            CHECK_FALSE(can_fire(record, t.command));
            continue;
          }
          CHECK(can_fire(record, t.command));
          if (t.needs_reason) {
            auto blank =
                thrown<UsageError>([&] { fire(record, t.command, k_actor, Firing{" \t"}); });
            CHECK_THAT(blank.what(), Catch::EndsWith("needs a reason"));
            CHECK(record.fields() == before.fields());
          }
          fire(record, t.command, k_actor, Firing{"a reason"});
          if (t.keeps_state() || t.is_creation()) {
            // Nothing to record: the state stays (the command itself changes other fields).
            CHECK(record.fields() == before.fields());
            continue;
          }
          CHECK(record.status() == t.to);
          auto history = crm_test::history_of(record);
          REQUIRE(history.size() == 1);
          CHECK(history[0].get("from") == state);
          CHECK(history[0].get("to") == t.to);
          CHECK(history[0].get("by") == "anna");
          CHECK(history[0].get("at") == k_actor.now);
          CHECK(history[0].get("note") == "a reason");
          CHECK(record.fields().get("reason") == (t.needs_reason ? "a reason" : ""));
          CHECK(machine.allows(state, t.to));
        } else {
          auto e =
              thrown<RefusedError>([&] { fire(record, t.command, k_actor, Firing{"a reason"}); });
          // The step as users type it, the record by number and ID, the state it is in, the
          // one the step leads to, and the states it starts from.
          const crm_test::Says refused =
              crm_test::refusal(crm_test::action_of(machine, t), record).in(state);
          CHECK_THAT(e.what(),
                     (t.keeps_state() ? refused : refused.wanting(t.to)).saying_each(t.from));
          CHECK_THAT(e.what(), Catch::Contains(crm_test::shown_as(record) + ": it is " + state));
          CHECK_FALSE(e.hint().empty());
          CHECK(record.fields() == before.fields());
          CHECK_THROWS_AS(require_allowed(record, t.command), RefusedError);
          CHECK_FALSE(can_fire(record, t.command));
        }
      }
    }
  }
  CHECK(transitions > 40);
}

// A transition users fire through another command is named in refusals by the command they
// type, not by the machine's verb: that is what they ran.
TEST_CASE("A step users fire through another command is refused under that command's name",
          "[lifecycle][machines]") {
  const std::map<std::string, std::string> k_typed = {
      {"quote order", "order create"},
      {"quote contract", "contract create"},
      {"order invoice", "invoice create"},
      {"invoice pay", "payment add"},
      {"invoice settle", "payment add"},
      {"service-order confirm", "service confirm"},
      {"service-order complete", "service confirm"},
      {"confirmation bill", "invoice create"},
  };
  std::size_t typed = 0;
  for (const Machine& machine : all_machines())
    for (const Transition& t : machine.transitions) {
      if (t.typed_as.empty()) continue;
      ++typed;
      const std::string step = machine.kind + " " + t.command;
      INFO(step << ": " << t.typed_as);
      auto it = k_typed.find(step);
      REQUIRE(it != k_typed.end());
      CHECK(crm_test::action_of(machine, t) == it->second);
      Record record = in_state(machine, k_no_state);
      auto e = thrown<RefusedError>([&] { fire(record, t.command, k_actor); });
      CHECK_THAT(e.what(), Catch::StartsWith(it->second + " refused for " + machine.kind + " "));
      // After the state, the step is named as typed too: "and order create is allowed ...".
      CHECK_THAT(e.what(), Catch::Contains("it is " + k_no_state + ", and " + it->second + " "));
    }
  CHECK(typed == k_typed.size());
}

// From every state a step is refused in, the hint says what can be done there instead: each
// command that leads on, ready to copy with the record's ID (and `--reason ...` where one is
// needed; steps that keep the state too), what crm does by itself, or that the state is final
// (with the steps that still work there). Derived steps are only shown.
TEST_CASE("A refusal by state offers the commands that lead on from the state",
          "[lifecycle][machines]") {
  std::size_t hints = 0;
  for (const Machine& machine : all_machines())
    for (const std::string& state : machine.states) {
      auto refused = std::find_if(
          machine.transitions.begin(), machine.transitions.end(),
          [&](const Transition& t) { return !t.is_creation() && !t.starts_from(state); });
      if (refused == machine.transitions.end()) continue;
      INFO(machine.kind << " " << refused->command << " from " << state);
      Record record = in_state(machine, state);
      auto e = thrown<RefusedError>([&] { fire(record, refused->command, k_actor, Firing{"x"}); });
      const std::string hint = e.hint();
      ++hints;
      bool commands = false;
      for (const Transition& t : machine.transitions) {
        if (!t.starts_from(state)) continue;
        if (!t.by.empty() && t.to == state) continue;  // crm's own step back to the same state
        INFO("leading on: " << t.command);
        if (t.by.starts_with("derived")) {
          CHECK_THAT(hint, !Catch::Contains(t.by));
        } else if (!t.by.empty()) {
          CHECK_THAT(hint, Catch::Contains(t.to + " when " + t.by));
        } else {
          commands = true;
          std::string command = t.typed_as.empty()
                                    ? machine.command_line() + " " + t.command + " " + record.id()
                                    : crm_test::replaced(t.typed_as, "ID", record.id(), t.typed_as);
          if (t.needs_reason) command += " --reason ...";
          CHECK_THAT(hint, Catch::Contains("`" + command + "`"));
        }
      }
      if (machine.is_terminal(state))
        CHECK_THAT(hint,
                   Catch::StartsWith(state + " is final for " + crm::with_article(machine.kind) +
                                     (commands ? ", but you can still run `"
                                               : "; see `crm lifecycle " + machine.kind + "`")));
      else
        CHECK_THAT(hint, Catch::StartsWith(commands ? "from " + state + " you can run `"
                                                    : std::string("it becomes ")));
    }
  CHECK(hints > 30);
}

TEST_CASE("Machines are consistent with themselves and with the kind registry",
          "[lifecycle][machines]") {
  std::vector<std::string> names;
  for (const Machine& m : all_machines()) {
    INFO(m.kind);
    names.push_back(m.kind);
    CHECK(machine_named(m.kind) == &m);
    CHECK(m.has_state(m.initial));
    CHECK(std::find(m.states.begin(), m.states.end(), k_no_state) == m.states.end());
    for (const std::string& s : m.terminal) CHECK(m.has_state(s));
    for (const Transition& t : m.transitions) {
      INFO(t.command);
      CHECK(m.find(t.command) == &t);  // one transition per command
      for (const std::string& from : t.from) CHECK(m.has_state(from));
      if (!t.keeps_state()) CHECK(m.has_state(t.to));
      // A terminal state is left by no transition (those that keep the state may start there:
      // an accepted quote becomes an order).
      if (!t.keeps_state())
        for (const std::string& from : t.from) CHECK_FALSE(m.is_terminal(from));
      // Only a guarded transition can be forced, and only completing a deal is.
      CHECK(t.forcible == (m.kind == "deal" && t.command == "complete"));
      for (const Guard& g : t.guards) {
        CHECK_FALSE(g.name.empty());
        CHECK_FALSE(g.description.empty());
        CHECK_FALSE(g.hint.empty());
      }
    }
    // The kind that follows the machine stores its state in a choice of exactly its states.
    const KindSpec& spec = spec_of(m);
    const FieldSpec* field = spec.field(m.field);
    REQUIRE(field != nullptr);
    CHECK(field->type == FieldType::choice);
    CHECK(field->choices == m.states);
    CHECK(describe_machine(m).starts_with(m.kind + " lifecycle"));
    CHECK(machine_to_dot(m).starts_with("digraph \"" + m.kind + "\""));
  }
  CHECK(names == machine_names());
  // Creation is a transition of its own only where a guard judges it.
  CHECK(machine_named("service-contract")->find("add")->is_creation());
}

TEST_CASE("new_record starts a record in its machine's initial state", "[lifecycle][machines]") {
  crm_test::DataDir d;
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    Record r = new_record(d.session, spec.kind);
    CHECK(is_valid_id(r.id(), spec.prefix));
    CHECK(r.get("created") == "2026-11-23T00:00:00+00:00");
    // Activities have a machine only as tasks: the type decides, and new_record knows none.
    if (spec.machine && !spec.machine_when)
      CHECK(r.status() == spec.machine->initial);
    else
      CHECK(r.status().empty());
  }
  Record task(Kind::activity, Value::map());
  task.set_text("type", "task");
  start_lifecycle(task);
  CHECK(task.status() == "open");
  Record note(Kind::activity, Value::map());
  note.set_text("type", "note");
  start_lifecycle(note);
  CHECK_FALSE(note.has("status"));
  // A state already set is kept.
  Record quote = crm_test::bare_record(Kind::quote, "Q-7K3QZ9AB", "sent");
  start_lifecycle(quote);
  CHECK(quote.status() == "sent");
}

TEST_CASE("can_fire answers without throwing", "[lifecycle][machines]") {
  Record lead = crm_test::bare_record(Kind::lead, "L-7K3QZ9AB", "new");
  CHECK(can_fire(lead, "contact"));
  CHECK(can_fire(lead, "disqualify"));  // the reason is the firing's, not a rule
  CHECK_FALSE(can_fire(lead, "win"));   // no such command
  CHECK_FALSE(can_fire(crm_test::bare_record(Kind::lead, "L-7K3QZ9AB", "converted"), "contact"));
  Record account(Kind::account, Value::map());
  CHECK_FALSE(can_fire(account, "contact"));  // no lifecycle
  Record note = crm_test::bare_record(Kind::activity, "T-7K3QZ9AB", "open");
  note.fields().set("type", Value::string("note"));
  CHECK_FALSE(can_fire(note, "done"));
  CHECK_THROWS_AS(require_allowed(note, "done"), RefusedError);
}

TEST_CASE("Only a forcible transition is forced, and only with a reason", "[lifecycle][machines]") {
  Record deal = crm_test::bare_record(Kind::deal, "D-7K3QZ9AB", "won");
  Record lead = crm_test::bare_record(Kind::lead, "L-7K3QZ9AB", "new");
  auto not_forcible = thrown<UsageError>([&] {
    fire(lead, "contact", k_actor, Firing{"because", true});
  });
  CHECK(std::string(not_forcible.what()) == "lead contact cannot be forced");
  CHECK(not_forcible.hint() == "leave out --force");
  auto blank = thrown<UsageError>([&] { fire(deal, "complete", k_actor, Firing{"", true}); });
  CHECK(std::string(blank.what()) == "complete --force D-7K3QZ9AB needs a reason");
  CHECK_THAT(blank.hint(), Catch::Contains("overridden"));
  CHECK(deal.status() == "won");
  fire(deal, "complete", k_actor, Firing{"signed off by the board", true});
  CHECK(deal.status() == "completed");
  CHECK(crm_test::history_of(deal).at(0).get("note") == "forced: signed off by the board");
}

// Each derived state of each machine, on the day before, on and after the date it hangs on.
TEST_CASE("effective_status shows every derived state while its date says so",
          "[lifecycle][machines]") {
  struct Case {
    Kind kind;
    std::string yaml;  // fields besides the id
    Date today;
    std::string expected;
  };
  const Date due(2026, 11, 23), after(2026, 11, 24);
  const std::vector<Case> cases = {
      {Kind::activity, "type: task\nstatus: open\ndue: 2026-11-23\n", due, "open"},
      {Kind::activity, "type: task\nstatus: open\ndue: 2026-11-23\n", after, "overdue"},
      {Kind::activity, "type: task\nstatus: done\ndue: 2026-11-23\n", after, "done"},
      {Kind::activity, "type: task\nstatus: open\n", after, "open"},  // no due date
      {Kind::activity, "type: note\ndue: 2026-11-23\n", after, ""},   // no lifecycle
      {Kind::quote, "status: sent\nvalid_until: 2026-11-23\n", due, "sent"},
      {Kind::quote, "status: sent\nvalid_until: 2026-11-23\n", after, "expired"},
      {Kind::quote, "status: draft\nvalid_until: 2026-11-23\n", after, "draft"},
      {Kind::quote, "status: accepted\nvalid_until: 2026-11-23\n", after, "accepted"},
      {Kind::contract, "status: active\nto: 2026-11-23\n", due, "active"},
      {Kind::contract, "status: active\nto: 2026-11-23\n", after, "expired"},
      {Kind::contract, "status: fulfilled\nto: 2026-11-23\n", after, "fulfilled"},
      {Kind::service_contract, "status: active\nto: 2026-11-23\n", due, "active"},
      {Kind::service_contract, "status: active\nto: 2026-11-23\n", after, "expired"},
      {Kind::service_contract, "status: active\n", after, "active"},  // open-ended
      {Kind::service_contract, "status: terminated\nto: 2026-11-23\n", after, "terminated"},
      {Kind::invoice, "status: issued\ndue: 2026-11-23\n", due, "issued"},
      {Kind::invoice, "status: issued\ndue: 2026-11-23\n", after, "overdue"},
      {Kind::invoice, "status: partially-paid\ndue: 2026-11-23\n", after, "overdue"},
      {Kind::invoice, "status: paid\ndue: 2026-11-23\n", after, "paid"},
      {Kind::invoice, "status: void\ndue: 2026-11-23\n", after, "void"},
      {Kind::lead, "status: new\n", after, "new"},
      {Kind::campaign, "status: active\nto: 2026-11-23\n", due, "active"},
      {Kind::campaign, "status: active\nto: 2026-11-23\n", after, "ended"},
      {Kind::campaign, "status: closed\nto: 2026-11-23\n", after, "closed"},
      {Kind::account, "name: Acme\n", after, ""},
  };
  std::set<std::pair<std::string, std::string>> shown;  // (machine, derived state)
  for (const Case& c : cases) {
    const std::string id = kind_spec(c.kind).prefix + "-7K3QZ9AB";
    INFO(id << " " << c.yaml << " on " << c.today.iso());
    Record r = crm_test::record_from_yaml(c.kind, "id: " + id + "\n" + c.yaml);
    const Value stored = r.fields();
    CHECK(effective_status(r, c.today) == c.expected);
    CHECK(r.fields() == stored);  // shown, never stored
    if (const Machine* m = machine_for(r); m && c.expected != r.status())
      shown.insert({m->kind, c.expected});
  }
  // Every derived state a machine declares was shown above.
  for (const Machine& m : all_machines())
    for (const DerivedState& d : m.derived) {
      INFO(m.kind << " " << d.name);
      CHECK(shown.count({m.kind, d.name}) == 1);
      CHECK_FALSE(d.description.empty());
    }
}

}  // namespace machines_tests
