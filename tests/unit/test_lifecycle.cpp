// Lifecycles: every allowed and refused transition of the lead and task machines, history
// entries, refusals that explain themselves, and the machine's renderings.
#include <catch2/catch.hpp>
#include <map>

#include "crm/base/error.h"
#include "crm/kinds/lifecycle.h"
#include "crm/store/record_codec.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace lifecycle_tests {

namespace {

const Actor k_actor{"anna", "2026-11-23T10:00:00+01:00"};

Record lead_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("L-7K3QZ9AB"));
  fields.set("status", Value::string(status));
  fields.set("name", Value::string("Jan Kowalski"));
  return Record(Kind::lead, fields);
}

Record bare_order(const std::string& status) {
  Record order = crm_test::bare_record(Kind::order, "O-7K3QZ9AB", status);
  order.set_text("number", "SO-2026-0001");
  return order;
}

Record task_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("T-7K3QZ9AB"));
  fields.set("type", Value::string("task"));
  fields.set("status", Value::string(status));
  fields.set("subject", Value::string("Call back"));
  return Record(Kind::activity, fields);
}

// The commands a machine takes from `state`, in the machine's order.
std::vector<std::string> commands_from(const Machine& machine, const std::string& state) {
  std::vector<std::string> out;
  for (const Transition& t : machine.transitions)
    if (t.starts_from(state)) out.push_back(t.command);
  return out;
}

// The whole transition table as the design states it: (state, command) -> new state.
using Table = std::map<std::pair<std::string, std::string>, std::string>;

const Table k_lead_table = {
    {{"new", "contact"}, "contacted"},
    {{"new", "qualify"}, "qualified"},
    {{"new", "convert"}, "converted"},
    {{"new", "disqualify"}, "disqualified"},
    {{"contacted", "qualify"}, "qualified"},
    {{"contacted", "convert"}, "converted"},
    {{"contacted", "disqualify"}, "disqualified"},
    {{"qualified", "convert"}, "converted"},
    {{"qualified", "disqualify"}, "disqualified"},
};

const Table k_task_table = {
    {{"open", "done"}, "done"},
    {{"open", "cancel"}, "cancelled"},
};

void check_machine(const std::string& name, const std::vector<std::string>& states,
                   const std::vector<std::string>& commands, const Table& table,
                   Record (*make)(const std::string&)) {
  for (const std::string& state : states) {
    for (const std::string& command : commands) {
      INFO(name << ": " << command << " from " << state);
      Record record = make(state);
      const std::string note = command == "disqualify" ? "no budget" : "";
      auto it = table.find({state, command});
      if (it != table.end()) {
        fire(record, command, k_actor, Firing{note});
        CHECK(record.status() == it->second);
        const Value* history = record.fields().find("history");
        REQUIRE(history != nullptr);
        REQUIRE(history->items().size() == 1);
        Value expected = Value::map();
        expected.set("at", Value::string(k_actor.now));
        expected.set("from", Value::string(state));
        expected.set("to", Value::string(it->second));
        expected.set("by", Value::string("anna"));
        if (!note.empty()) expected.set("note", Value::string(note));
        CHECK(history->items()[0] == expected);
        CHECK(machine_named(name)->allows(state, it->second));
      } else {
        const Record before = record;
        auto e = thrown<RefusedError>([&] { fire(record, command, k_actor, Firing{note}); });
        CHECK(e.code() == ExitCode::refused);
        CHECK_THAT(e.what(), Catch::Contains(record.id()));
        CHECK_THAT(e.what(), Catch::Contains("it is " + state));
        CHECK_THAT(e.what(), Catch::Contains(command));
        CHECK_FALSE(e.hint().empty());
        CHECK(record.fields() == before.fields());
        CHECK(record.fields().find("history") == nullptr);
      }
    }
  }
}

}  // namespace

TEST_CASE("Every lead transition is allowed or refused as the table says", "[lifecycle]") {
  check_machine("lead", {"new", "contacted", "qualified", "converted", "disqualified"},
                {"contact", "qualify", "convert", "disqualify"}, k_lead_table, lead_in);
}

TEST_CASE("Every task transition is allowed or refused as the table says", "[lifecycle]") {
  check_machine("task", {"open", "done", "cancelled"}, {"done", "cancel"}, k_task_table, task_in);
}

TEST_CASE("A refused transition says what to do instead", "[lifecycle]") {
  Record lead = lead_in("converted");
  auto e = thrown<RefusedError>([&] { fire(lead, "contact", k_actor); });
  // The whole sentence once: a lead has no number, so its ID names it.
  CHECK(std::string(e.what()) ==
        "lead contact refused for lead L-7K3QZ9AB: it is converted, and contact leads to "
        "contacted only from new");
  CHECK(e.hint() == "converted is final for a lead; see `crm lifecycle lead`");

  // Every command that leads on from the state, ready to copy, a reason asked for where the
  // step needs one.
  Record contacted = lead_in("contacted");
  auto again = thrown<RefusedError>([&] { fire(contacted, "contact", k_actor); });
  CHECK_THAT(again.what(),
             crm_test::refusal("lead contact", contacted).in("contacted").wanting("contacted"));
  CHECK(again.hint() ==
        "from contacted you can run `crm lead qualify L-7K3QZ9AB`, `crm lead convert "
        "L-7K3QZ9AB` or `crm lead disqualify L-7K3QZ9AB --reason ...`");

  Record qualified = lead_in("qualified");
  auto late = thrown<RefusedError>([&] { fire(qualified, "contact", k_actor); });
  CHECK_THAT(late.hint(), crm_test::naming({"from qualified", "`crm lead convert L-7K3QZ9AB`",
                                            "`crm lead disqualify L-7K3QZ9AB --reason ...`"}));
  CHECK_THAT(late.hint(), !Catch::Contains("lead qualify") && !Catch::Contains("lead contact"));

  Record task = task_in("done");
  auto t = thrown<RefusedError>([&] { fire(task, "cancel", k_actor); });
  CHECK_THAT(t.what(), crm_test::refusal("task cancel", task)
                           .in("done")
                           .wanting("cancelled")
                           .saying("only from open"));
  CHECK(t.hint() == "done is final for a task; see `crm lifecycle task`");
  Record open = task_in("open");
  CHECK_NOTHROW(fire(open, "done", k_actor));
  auto twice = thrown<RefusedError>([&] { fire(open, "done", k_actor); });
  CHECK_THAT(twice.what(), crm_test::refusal("task done", open).in("done").wanting("done"));
}

// A state that crm leaves by itself says when; the commands come first where there are both.
TEST_CASE("A refusal by state says what crm does by itself from the state", "[lifecycle]") {
  Record order = bare_order("invoiced");
  auto e = thrown<RefusedError>([&] { fire(order, "deliver", k_actor); });
  CHECK(std::string(e.what()) ==
        "order deliver refused for order SO-2026-0001 (O-7K3QZ9AB): it is invoiced, and deliver "
        "leads to delivered only from open");
  CHECK(e.hint() ==
        "it becomes closed when its invoice is paid in full; or delivered when its invoice is "
        "voided");

  Record contract = crm_test::bare_record(Kind::contract, "K-7K3QZ9AB", "active");
  contract.set_text("number", "SK-2026-0001");
  auto c = thrown<RefusedError>([&] { fire(contract, "reopen", k_actor); });
  CHECK(c.hint() ==
        "from active you can run `crm contract release K-7K3QZ9AB` or `crm contract terminate "
        "K-7K3QZ9AB --reason ...`; it becomes fulfilled when a release takes the last quantity");
  CHECK_THAT(c.hint(), !Catch::Contains("expired"));  // derived, shown only
}

// DESIGN section 3: "A refused transition names the record, its state, the wanted state and
// what to do instead". The message must name where the command would have led.
TEST_CASE("A refused transition names the wanted state", "[lifecycle]") {
  const std::vector<std::pair<std::string, std::string>> refused = {{"converted", "contact"},
                                                                    {"disqualified", "convert"},
                                                                    {"qualified", "contact"},
                                                                    {"converted", "disqualify"}};
  for (const auto& [state, command] : refused) {
    INFO(command << " from " << state);
    Record lead = lead_in(state);
    auto e = thrown<RefusedError>([&] { fire(lead, command, k_actor, Firing{"reason"}); });
    CHECK_THAT(e.what(), Catch::Contains(machine_named("lead")->find(command)->to));
  }
  Record task = task_in("done");
  auto t = thrown<RefusedError>([&] { fire(task, "cancel", k_actor); });
  CHECK_THAT(t.what(), Catch::Contains("cancelled"));
}

TEST_CASE("Unknown commands, unknown states and records without a lifecycle are refused",
          "[lifecycle]") {
  Record lead = lead_in("new");
  auto unknown = thrown<RefusedError>([&] { fire(lead, "win", k_actor); });
  CHECK(std::string(unknown.what()) == "a lead cannot win");
  CHECK_THAT(unknown.hint(), Catch::Contains("crm lifecycle lead"));

  Record odd = lead_in("sleeping");
  auto state = thrown<RefusedError>([&] { fire(odd, "contact", k_actor); });
  CHECK_THAT(state.what(), Catch::Contains("it is sleeping"));
  CHECK(odd.status() == "sleeping");

  Value fields = Value::map();
  fields.set("id", Value::string("T-00000001"));
  fields.set("type", Value::string("note"));
  Record note(Kind::activity, fields);
  auto none = thrown<RefusedError>([&] { fire(note, "done", k_actor); });
  CHECK(std::string(none.what()) == "T-00000001 has no lifecycle");
  Record account(Kind::account, Value::map());
  CHECK_THROWS_AS(fire(account, "contact", k_actor), RefusedError);
  CHECK(machine_for(note) == nullptr);
  CHECK(machine_for(account) == nullptr);
  CHECK(machine_for(lead) == machine_named("lead"));
  CHECK(machine_for(task_in("open")) == machine_named("task"));
}

TEST_CASE("Disqualifying needs a reason, which lands in the history note", "[lifecycle]") {
  for (const char* blank : {"", "   ", "\t"}) {
    Record lead = lead_in("contacted");
    auto e = thrown<UsageError>([&] { fire(lead, "disqualify", k_actor, Firing{blank}); });
    CHECK(e.code() == ExitCode::usage);
    CHECK(std::string(e.what()) == "disqualify L-7K3QZ9AB needs a reason");
    CHECK_THAT(e.hint(), Catch::Contains("--reason"));
    CHECK(lead.status() == "contacted");
    CHECK_FALSE(lead.has("history"));
  }
  Record lead = lead_in("contacted");
  fire(lead, "disqualify", k_actor, Firing{"went with a competitor"});
  CHECK(lead.status() == "disqualified");
  CHECK(lead.get("reason") == "went with a competitor");  // kept on the record too
  CHECK(lead.fields().find("history")->items()[0].get("note") == "went with a competitor");
}

TEST_CASE("Transitions append to an existing history and keep a note", "[lifecycle]") {
  Record lead = lead_in("new");
  fire(lead, "contact", k_actor, Firing{"first call"});
  fire(lead, "qualify", Actor{"bob", "2026-11-24T09:00:00+00:00"});
  fire(lead, "convert", Actor{"carol", "2026-11-25T09:00:00+00:00"});
  const auto& items = lead.fields().find("history")->items();
  REQUIRE(items.size() == 3);
  CHECK(items[0].get("note") == "first call");
  CHECK(items[1].get("from") == "contacted");
  CHECK(items[1].get("by") == "bob");
  CHECK_FALSE(items[1].find("note"));
  CHECK(items[2].get("to") == "converted");
  CHECK(items[2].get("at") == "2026-11-25T09:00:00+00:00");
  CHECK(record_to_yaml(lead) ==
        "id: \"L-7K3QZ9AB\"\nstatus: \"converted\"\nname: \"Jan Kowalski\"\nhistory:\n"
        "  - at: \"2026-11-23T10:00:00+01:00\"\n    from: \"new\"\n    to: \"contacted\"\n"
        "    by: \"anna\"\n    note: \"first call\"\n"
        "  - at: \"2026-11-24T09:00:00+00:00\"\n    from: \"contacted\"\n    to: \"qualified\"\n"
        "    by: \"bob\"\n"
        "  - at: \"2026-11-25T09:00:00+00:00\"\n    from: \"qualified\"\n    to: \"converted\"\n"
        "    by: \"carol\"\n");
}

TEST_CASE("Machine answers what it allows", "[lifecycle]") {
  const Machine* lead = machine_named("lead");
  REQUIRE(lead != nullptr);
  CHECK(lead->initial == "new");
  CHECK(lead->field == "status");
  CHECK(lead->states ==
        std::vector<std::string>{"new", "contacted", "qualified", "converted", "disqualified"});
  CHECK(lead->allows("new", "contacted"));
  CHECK(lead->allows("qualified", "converted"));
  CHECK_FALSE(lead->allows("new", "new"));
  CHECK_FALSE(lead->allows("contacted", "new"));
  CHECK_FALSE(lead->allows("converted", "disqualified"));
  CHECK_FALSE(lead->allows("disqualified", "new"));
  CHECK(commands_from(*lead, "new") ==
        std::vector<std::string>{"contact", "qualify", "convert", "disqualify"});
  CHECK(commands_from(*lead, "qualified") == std::vector<std::string>{"convert", "disqualify"});
  CHECK(commands_from(*lead, "converted").empty());
  CHECK(commands_from(*lead, "nonsense").empty());
  CHECK(lead->is_terminal("converted"));
  CHECK(lead->is_terminal("disqualified"));
  CHECK_FALSE(lead->is_terminal("qualified"));
  CHECK(lead->has_state("contacted"));
  CHECK_FALSE(lead->has_state("won"));
  CHECK(lead->find("disqualify")->needs_reason);
  CHECK_FALSE(lead->find("convert")->needs_reason);

  const Machine* task = machine_named("task");
  REQUIRE(task != nullptr);
  CHECK(task->initial == "open");
  CHECK(commands_from(*task, "open") == std::vector<std::string>{"done", "cancel"});
  CHECK(task->is_terminal("done"));
  CHECK(task->is_terminal("cancelled"));
  CHECK_FALSE(task->is_terminal("open"));
  CHECK_FALSE(task->allows("done", "open"));

  CHECK(machine_named("nonsense") == nullptr);
  CHECK(machine_names() == std::vector<std::string>{"lead", "task", "campaign", "deal", "quote",
                                                    "order", "contract", "invoice",
                                                    "service-contract", "service-request",
                                                    "service-order", "confirmation"});
}

TEST_CASE("describe_machine and machine_to_dot render the whole machine", "[lifecycle]") {
  const Machine& task = *machine_named("task");
  CHECK(describe_machine(task) ==
        "task lifecycle (field: status; commands: crm task)\n"
        "states: open, done, cancelled\n"
        "initial: open\n"
        "terminal: done, cancelled\n"
        "transitions:\n"
        "  done         open -> done\n"
        "  cancel       open -> cancelled\n"
        "derived (shown, never stored):\n"
        "  overdue      an open task past its due date\n");
  CHECK(machine_to_dot(task) ==
        "digraph \"task\" {\n  rankdir=LR;\n  \"\" [shape=none];\n  \"\" -> \"open\";\n"
        "  \"open\" [shape=circle];\n  \"done\" [shape=doublecircle];\n"
        "  \"cancelled\" [shape=doublecircle];\n"
        "  \"open\" -> \"done\" [label=\"done\"];\n"
        "  \"open\" -> \"cancelled\" [label=\"cancel\"];\n}\n");

  const Machine& lead = *machine_named("lead");
  std::string text = describe_machine(lead);
  CHECK_THAT(text, Catch::Contains("states: new, contacted, qualified, converted, disqualified\n"));
  CHECK_THAT(text, Catch::Contains("terminal: converted, disqualified\n"));
  CHECK_THAT(text,
             Catch::Contains(
                 "  disqualify   new|contacted|qualified -> disqualified  (needs --reason)\n"));
  std::string dot = machine_to_dot(lead);
  CHECK_THAT(dot, Catch::StartsWith("digraph \"lead\" {\n"));
  CHECK_THAT(dot, Catch::Contains("  \"new\" -> \"contacted\" [label=\"contact\"];\n"));
  CHECK_THAT(dot, Catch::Contains(
                      "  \"qualified\" -> \"disqualified\" [label=\"disqualify (reason)\"];\n"));
  CHECK_THAT(dot, Catch::Contains("  \"converted\" [shape=doublecircle];\n"));
  // One edge per (from, command) pair: 1 + 2 + 3 + 3 = 9.
  std::size_t edges = 0;
  for (std::size_t pos = 0; (pos = dot.find("[label=", pos)) != std::string::npos; ++pos) ++edges;
  CHECK(edges == 9);
}

TEST_CASE("field_change_entry records a hand-over", "[lifecycle]") {
  Value entry = field_change_entry(k_actor, "owner", "anna", "bob");
  CHECK(emit_yaml(entry) ==
        "at: \"2026-11-23T10:00:00+01:00\"\nfield: \"owner\"\nfrom: \"anna\"\nto: \"bob\"\n"
        "by: \"anna\"\n");
}

}  // namespace lifecycle_tests
