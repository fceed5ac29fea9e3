// Deals: the lifecycle (every transition, and the guards that look at the deal's quotes and
// orders), adding, stage moves, the buying centre, warnings, probability and the sales
// assistant's playbook tasks.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/relationship/activities.h"
#include "crm/sales/deals.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::history_of;
using crm_test::Sale;
using crm_test::thrown;

namespace {

Record deal_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("D-7K3QZ9AB"));
  fields.set("title", Value::string("Pumps"));
  fields.set("status", Value::string(status));
  fields.set("stage", Value::string("proposal"));
  return Record(Kind::deal, fields);
}

Record deal_command(Sale& s, const std::string& command, const std::string& reason = {}) {
  return s.apply(transition_deal(s.session, s.reload(s.deal), command, reason));
}

Record staged(Sale& s, const std::string& stage) {
  return s.apply(move_deal_stage(s.session, s.reload(s.deal), stage));
}

Record with_role(Sale& s, const Record& contact, const std::string& role,
                 const std::string& influence, const std::string& attitude = {}) {
  return s.apply(set_deal_role(s.session, s.reload(s.deal),
                               RoleInput{contact.id(), role, influence, attitude}));
}

std::vector<std::string> roles_text(const Record& deal) {
  std::vector<std::string> out;
  if (const Value* roles = deal.fields().find("roles"))
    for (const Value& r : roles->items())
      out.push_back(r.get("contact") + " " + r.get("role") + " " + r.get("influence") + " " +
                    r.get("attitude"));
  return out;
}

std::string steps_text(const std::vector<PlaybookStep>& steps) {
  std::string out;
  for (const auto& s : steps) out += s.state + " " + s.due + " " + s.step + "\n";
  return out;
}

}  // namespace

TEST_CASE("Every deal transition is allowed or refused as the table says", "[deals][lifecycle]") {
  crm_test::check_transitions("deal", {"open", "won", "lost", "completed"},
                              {"stage", "win", "lose", "complete"},
                              {{{"open", "stage"}, "open"},
                               {{"open", "win"}, "won"},
                               {{"open", "lose"}, "lost"},
                               {{"won", "complete"}, "completed"}},
                              deal_in);
  const Machine& m = *machine_named("deal");
  CHECK(m.initial == "open");
  CHECK(m.terminal == std::vector<std::string>{"lost", "completed"});
  CHECK(m.find("lose")->needs_reason);
  CHECK_FALSE(m.find("win")->needs_reason);
}

TEST_CASE("add_deal opens a deal in the first stage", "[deals]") {
  Sale s;
  DealInput input{"Acme Ltd", "  Valves  ", "Jan Kowalski", "1500", "+2w", ""};
  ChangeSet changes = add_deal(s.session, input);
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  const Record& deal = changes.changes[0].record;
  CHECK(changes.summary == "deal add " + deal.id());
  CHECK(is_valid_id(deal.id(), "D"));
  CHECK(deal.status() == "open");
  CHECK(deal.get("title") == "Valves");
  CHECK(deal.get("stage") == "qualification");
  CHECK(deal.get("account") == s.account.id());
  CHECK(deal.get("contact") == s.jan.id());
  CHECK(deal.get("owner") == "tester");
  CHECK(deal.get("currency") == "EUR");
  CHECK(deal.get("amount") == "1500.00");
  CHECK(deal.get("close_by") == "2026-12-07");
  CHECK_FALSE(deal.has("history"));

  DealInput other{s.account.id(), "Service", "", "99.5", "2027-03-31", "anna"};
  Record second = add_deal(s.session, other).changes.at(0).record;
  CHECK(second.get("amount") == "99.50");
  CHECK(second.get("close_by") == "2027-03-31");
  CHECK(second.get("owner") == "anna");
  CHECK_FALSE(second.has("contact"));
  CHECK(add_deal(s.session, {"Acme Ltd", "No amount", "", "", "", ""})
            .changes.at(0)
            .record.has("amount") == false);
}

TEST_CASE("add_deal takes crm.yaml's first stage and currency", "[deals]") {
  crm_test::ShopDir s("2026-11-23", {{"currency: \"EUR\"", "currency: \"JPY\""},
                                     {"- name: \"qualification\"", "- name: \"lead-in\""}});
  s.apply(add_account(s.session, {{"name", "Acme Ltd"}}));
  Record deal = add_deal(s.session, {"Acme Ltd", "Yen", "", "1500", "", ""}).changes.at(0).record;
  CHECK(deal.get("stage") == "lead-in");
  CHECK(deal.get("currency") == "JPY");
  CHECK(deal.get("amount") == "1500");
  CHECK_THROWS_AS(add_deal(s.session, {"Acme Ltd", "Yen", "", "1500.5", "", ""}), UsageError);
}

TEST_CASE("add_deal refuses bad input and writes nothing", "[deals]") {
  Sale s;
  auto before = s.snapshot();
  auto title = thrown<UsageError>([&] {
    add_deal(s.session, {"Acme Ltd", "   ", "", "", "", ""});
  });
  CHECK(std::string(title.what()) == "a deal needs --title");
  CHECK_THROWS_AS(add_deal(s.session, {"Nobody Inc", "T", "", "", "", ""}), NotFoundError);
  CHECK_THROWS_AS(add_deal(s.session, {"Acme Ltd", "T", "Nobody", "", "", ""}), NotFoundError);
  // A contact is not an account.
  CHECK_THROWS_AS(add_deal(s.session, {"Jan Kowalski", "T", "", "", "", ""}), NotFoundError);
  auto negative = thrown<UsageError>([&] {
    add_deal(s.session, {"Acme Ltd", "T", "", "-1", "", ""});
  });
  CHECK(std::string(negative.what()) == "--amount cannot be negative");
  CHECK_THROWS_WITH(add_deal(s.session, {"Acme Ltd", "T", "", "10.001", "", ""}),
                    Catch::Contains("more decimals than EUR allows"));
  CHECK_THROWS_AS(add_deal(s.session, {"Acme Ltd", "T", "", "1,500", "", ""}), UsageError);
  CHECK_THROWS_AS(add_deal(s.session, {"Acme Ltd", "T", "", "", "someday", ""}), UsageError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("move_deal_stage moves an open deal and records the move", "[deals]") {
  Sale s;
  Session anna = s.as("anna", "2026-11-24T09:00:00+01:00");
  ChangeSet move = move_deal_stage(anna, s.deal, "proposal");
  CHECK(move.summary == "deal stage " + s.deal.id() + " proposal");
  Record moved = s.apply(move);
  CHECK(moved.get("stage") == "proposal");
  CHECK(moved.status() == "open");
  auto history = history_of(moved);
  REQUIRE(history.size() == 1);
  CHECK(emit_yaml(history[0]) ==
        "at: \"2026-11-24T09:00:00+01:00\"\nfield: \"stage\"\nfrom: \"qualification\"\n"
        "to: \"proposal\"\nby: \"anna\"\n");
  // Back to an earlier stage is a move too.
  Record back = staged(s, "needs-analysis");
  CHECK(back.get("stage") == "needs-analysis");
  CHECK(history_of(back).size() == 2);
  CHECK(history_of(back)[1].get("from") == "proposal");
  // The same stage changes nothing.
  CHECK(move_deal_stage(s.session, back, "needs-analysis").changes.empty());

  auto unknown = thrown<UsageError>([&] { move_deal_stage(s.session, back, "closing"); });
  CHECK(std::string(unknown.what()) == "'closing' is not a stage");
  CHECK(unknown.hint() ==
        "the stages in crm.yaml are: qualification, needs-analysis, proposal, negotiation");
  CHECK_THROWS_AS(move_deal_stage(s.session, back, "won"), UsageError);
}

TEST_CASE("move_deal_stage is refused for a won, lost or completed deal", "[deals]") {
  for (const char* status : {"won", "lost", "completed"}) {
    INFO(status);
    Sale s;
    s.hand_edit(s.deal, "status: \"open\"", std::string("status: \"") + status + "\"");
    Record deal = s.reload(s.deal);
    auto before = s.snapshot();
    auto e = thrown<RefusedError>([&] { move_deal_stage(s.session, deal, "proposal"); });
    CHECK_THAT(e.what(),
               Catch::Contains(deal.id()) && Catch::Contains(std::string("it is ") + status));
    CHECK_THROWS_AS(create_playbook_tasks(s.session, deal), RefusedError);
    CHECK(s.snapshot() == before);
  }
}

TEST_CASE("win needs an accepted quote of the deal", "[deals][guards]") {
  Sale s;
  auto refused = [&](const std::string& why) {
    auto e = thrown<RefusedError>([&] { transition_deal(s.session, s.reload(s.deal), "win"); });
    CHECK(std::string(e.what()) ==
          "deal win refused for deal " + s.deal.id() + " (open, wanted won): " + why);
    CHECK(e.hint() == "accept a quote first: crm quote accept Q-...");
    CHECK(s.reload(s.deal).status() == "open");
  };
  refused("it has no accepted quote");
  Record q = s.quote({"PUMP-200:1"});
  refused("it has no accepted quote");  // draft
  q = s.send(q);
  refused("it has no accepted quote");  // sent
  s.reject(q);
  refused("it has no accepted quote");  // rejected
  // An accepted quote of another deal does not count.
  Record other = s.new_deal("Other");
  s.accept(s.send(s.quote({"PUMP-200:1"}, {}, {}, other)));
  refused("it has no accepted quote");

  Record second = s.send(s.quote({"PUMP-200:2"}));
  s.accept(second);
  Record won = deal_command(s, "win");
  CHECK(won.status() == "won");
  CHECK(won.get("stage") == "qualification");  // the stage stays as it was
  auto history = history_of(won);
  REQUIRE(history.size() == 1);
  CHECK(history[0].get("from") == "open");
  CHECK(history[0].get("to") == "won");
  CHECK(deal_probability(s.store, won) == "100");
}

TEST_CASE("lose is refused while a sent quote awaits an answer", "[deals][guards]") {
  Sale s;
  s.quote({"PUMP-200:1"});  // a draft does not block
  CHECK_NOTHROW(transition_deal(s.session, s.reload(s.deal), "lose", "no budget"));
  Record q = s.send(s.quote({"VALVE-10:1"}));
  REQUIRE(q.get("valid_until") == "2026-12-23");
  auto before = s.snapshot();

  auto e = thrown<RefusedError>(
      [&] { transition_deal(s.session, s.reload(s.deal), "lose", "no budget"); });
  CHECK(std::string(e.what()) == "deal lose refused for deal " + s.deal.id() +
                                     " (open, wanted lost)" +
                                     ": quote Q-2026-0002 is sent and awaits an answer");
  CHECK(e.hint() == "record the customer's answer first: crm quote reject Q-... --reason ...");
  // Still valid on its last day.
  Session last_day = s.on("2026-12-23");
  CHECK_THROWS_AS(transition_deal(last_day, s.reload(s.deal), "lose", "no budget"), RefusedError);
  // A reason is needed before anything else.
  auto reason = thrown<UsageError>([&] { transition_deal(s.session, s.reload(s.deal), "lose"); });
  CHECK(std::string(reason.what()) == "lose " + s.deal.id() + " needs a reason");
  CHECK(s.snapshot() == before);

  // Once valid_until has passed, the quote no longer blocks.
  Session later = s.on("2026-12-24");
  CHECK(
      transition_deal(later, s.reload(s.deal), "lose", "no budget").changes.at(0).record.status() ==
      "lost");

  // Once it is rejected, the deal can be lost today.
  s.reject(q);
  Record lost = deal_command(s, "lose", "went with a competitor");
  CHECK(lost.status() == "lost");
  CHECK(lost.get("reason") == "went with a competitor");
  CHECK(history_of(lost).at(0).get("note") == "went with a competitor");
  CHECK(deal_probability(s.store, lost) == "0");
  CHECK_THROWS_AS(create_quote(s.session, lost, {{"PUMP-200:1"}, {}, {}, {}}), RefusedError);
}

TEST_CASE("complete needs an order, and every order not cancelled delivered", "[deals][guards]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:2"});
  CHECK_THROWS_AS(transition_deal(s.session, s.reload(s.deal), "complete"), RefusedError);
  deal_command(s, "win");
  auto refused = [&](const std::string& why) {
    auto e =
        thrown<RefusedError>([&] { transition_deal(s.session, s.reload(s.deal), "complete"); });
    CHECK(std::string(e.what()) ==
          "deal complete refused for deal " + s.deal.id() + " (won, wanted completed): " + why);
    CHECK(e.hint() == "deliver the orders first: crm order deliver SO-...");
    CHECK(s.reload(s.deal).status() == "won");
  };
  refused("it has no order");
  Record k = s.contract(q, "2026-11-01", "2026-12-31");
  refused("it has no order");  // a contract is not an order
  Record first = s.apply(release_from_contract(s.session, k, {"PUMP-200:1"}));
  refused("order SO-2026-0001 is not delivered yet");
  s.order_command(first, "cancel");
  refused("it has no order");  // cancelled orders do not count
  Record second = s.apply(release_from_contract(s.session, s.reload(k), {"PUMP-200:1"}));
  refused("order SO-2026-0002 is not delivered yet");
  s.invoice(s.deliver(second));  // invoiced counts as delivered

  Record done = deal_command(s, "complete");
  CHECK(done.status() == "completed");
  CHECK(history_of(done).back().get("from") == "won");
  CHECK(history_of(done).back().get("to") == "completed");
  CHECK(deal_probability(s.store, done) == "100");
  CHECK(deal_warnings(s.store, done).empty());
}

TEST_CASE("The deal guards read the deal's quotes and orders", "[deals][guards]") {
  Sale s;
  Record other = s.new_deal("Other");
  Record q1 = s.quote({"PUMP-200:1"});
  Record q2 = s.quote({"PUMP-200:1"}, {}, {}, other);
  Record q3 = s.accepted({"PUMP-200:2"});
  Record o = s.order(q3);
  auto ids = [](const std::vector<Record>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r.id());
    std::sort(out.begin(), out.end());
    return out;
  };
  std::vector<std::string> mine = {q1.id(), q3.id()};
  std::sort(mine.begin(), mine.end());
  CHECK(ids(quotes_of_deal(s.store, s.deal.id())) == mine);
  CHECK(ids(quotes_of_deal(s.store, other.id())) == std::vector<std::string>{q2.id()});
  CHECK(ids(orders_of_deal(s.store, s.deal.id())) == std::vector<std::string>{o.id()});
  CHECK(orders_of_deal(s.store, other.id()).empty());
  CHECK(deal_needs_accepted_quote().description == "needs an accepted quote");
}

TEST_CASE("set_deal_role adds, updates in place and remove_deal_role removes", "[deals][roles]") {
  Sale s;
  ChangeSet add = set_deal_role(s.session, s.deal,
                                RoleInput{"Jan Kowalski", "decision-maker", "high", "supportive"});
  CHECK(add.summary == "deal role " + s.deal.id() + " " + s.jan.id());
  Record deal = s.apply(add);
  CHECK(roles_text(deal) ==
        std::vector<std::string>{s.jan.id() + " decision-maker high supportive"});
  CHECK(emit_yaml(deal.fields().find("roles")->items()[0]) ==
        "contact: \"" + s.jan.id() +
            "\"\nrole: \"decision-maker\"\ninfluence: \"high\"\nattitude: \"supportive\"\n");

  deal = with_role(s, s.ewa, "user", "low");
  CHECK(roles_text(deal) == std::vector<std::string>{s.jan.id() + " decision-maker high supportive",
                                                     s.ewa.id() + " user low "});
  // Updating Jan keeps his place; the attitude goes when not given.
  deal = with_role(s, s.jan, "influencer", "medium");
  CHECK(roles_text(deal) ==
        std::vector<std::string>{s.jan.id() + " influencer medium ", s.ewa.id() + " user low "});
  CHECK(set_deal_role(s.session, deal, RoleInput{s.jan.id(), "influencer", "medium", ""})
            .changes.empty());
  CHECK_FALSE(deal.has("history"));

  auto before = s.snapshot();
  auto role = thrown<UsageError>([&] {
    set_deal_role(s.session, deal, RoleInput{s.jan.id(), "boss", "high", ""});
  });
  CHECK(std::string(role.what()) ==
        "--role 'boss' is not one of decision-maker, influencer, user, gatekeeper, champion");
  auto influence = thrown<UsageError>([&] {
    set_deal_role(s.session, deal, RoleInput{s.jan.id(), "user", "huge", ""});
  });
  CHECK(std::string(influence.what()) == "--influence 'huge' is not one of high, medium, low");
  auto attitude = thrown<UsageError>([&] {
    set_deal_role(s.session, deal, RoleInput{s.jan.id(), "user", "low", "hostile"});
  });
  CHECK(std::string(attitude.what()) ==
        "--attitude 'hostile' is not one of supportive, neutral, opposed");
  CHECK_THROWS_AS(set_deal_role(s.session, deal, RoleInput{s.jan.id(), "", "high", ""}),
                  UsageError);
  CHECK_THROWS_AS(set_deal_role(s.session, deal, RoleInput{"Nobody", "user", "low", ""}),
                  NotFoundError);
  CHECK_THROWS_AS(set_deal_role(s.session, deal, RoleInput{"Acme Ltd", "user", "low", ""}),
                  NotFoundError);  // an account is not a contact
  CHECK(s.snapshot() == before);

  ChangeSet remove = remove_deal_role(s.session, deal, "Jan Kowalski");
  CHECK(remove.summary == "deal role " + s.deal.id() + " " + s.jan.id() + " removed");
  deal = s.apply(remove);
  CHECK(roles_text(deal) == std::vector<std::string>{s.ewa.id() + " user low "});
  auto missing = thrown<NotFoundError>([&] { remove_deal_role(s.session, deal, s.jan.id()); });
  CHECK(std::string(missing.what()) == s.jan.id() + " has no role in deal " + s.deal.id());
  deal = s.apply(remove_deal_role(s.session, deal, s.ewa.id()));
  CHECK_FALSE(deal.has("roles"));
  CHECK_THROWS_AS(remove_deal_role(s.session, deal, s.ewa.id()), NotFoundError);
}

TEST_CASE("deal_warnings wants a decision maker from the proposal stage on", "[deals][roles]") {
  Sale s;
  CHECK(deal_warnings(s.store, s.deal).empty());  // qualification
  CHECK(deal_warnings(s.store, staged(s, "needs-analysis")).empty());
  Record proposal = staged(s, "proposal");
  CHECK(deal_warnings(s.store, proposal) ==
        std::vector<std::string>{"no decision maker is known in the proposal stage; add one with "
                                 "`crm deal role " +
                                 s.deal.id() +
                                 " --contact REF --role decision-maker --influence high`"});
  with_role(s, s.jan, "influencer", "high");
  Record negotiation = staged(s, "negotiation");
  REQUIRE(deal_warnings(s.store, negotiation).size() == 1);
  CHECK_THAT(deal_warnings(s.store, negotiation)[0], Catch::Contains("in the negotiation stage"));
  Record known = with_role(s, s.ewa, "decision-maker", "high", "opposed");
  CHECK(deal_warnings(s.store, known).empty());
  // Only open deals get the warning (deal_in is in the proposal stage, without roles).
  CHECK(deal_warnings(s.store, deal_in("open")).size() == 1);
  for (const char* status : {"won", "lost", "completed"})
    CHECK(deal_warnings(s.store, deal_in(status)).empty());
}

TEST_CASE("deal_probability follows the stage, then the outcome", "[deals]") {
  Sale s;
  CHECK(deal_probability(s.store, s.deal) == "10");
  CHECK(deal_probability(s.store, staged(s, "needs-analysis")) == "25");
  CHECK(deal_probability(s.store, staged(s, "proposal")) == "50");
  CHECK(deal_probability(s.store, staged(s, "negotiation")) == "75");
  CHECK(deal_probability(s.store, deal_in("won")) == "100");
  CHECK(deal_probability(s.store, deal_in("completed")) == "100");
  CHECK(deal_probability(s.store, deal_in("lost")) == "0");
  Record odd = deal_in("open");
  odd.set_text("stage", "nonsense");
  CHECK(deal_probability(s.store, odd) == "");
  CHECK(deal_warnings(s.store, odd).empty());
  CHECK(next_steps(s.store, odd).empty());
}

TEST_CASE("next_steps and create_playbook_tasks follow the stage's playbook", "[deals][playbook]") {
  Sale s;  // Monday 2026-11-23
  CHECK(steps_text(next_steps(s.store, s.deal)) ==
        "todo  Confirm budget, authority, need and timing\n"
        "todo  Identify the decision maker\n");

  ChangeSet tasks = create_playbook_tasks(s.session, s.deal);
  CHECK(tasks.summary == "deal next " + s.deal.id() + " --create-tasks");
  REQUIRE(tasks.changes.size() == 2);
  for (const auto& c : tasks.changes) {
    CHECK(c.created);
    CHECK(c.record.get("type") == "task");
    CHECK(c.record.get("about") == s.deal.id());
    CHECK(c.record.status() == "open");
  }
  CHECK(tasks.changes[0].record.get("subject") == "Confirm budget, authority, need and timing");
  CHECK(tasks.changes[0].record.get("due") == "2026-11-25");  // +2 days, Wednesday
  CHECK(tasks.changes[1].record.get("subject") == "Identify the decision maker");
  CHECK(tasks.changes[1].record.get("due") == "2026-11-27");  // +4 days, Friday
  s.commit(tasks);
  const std::string first = tasks.changes[0].record.id();
  const std::string second = tasks.changes[1].record.id();

  auto steps = next_steps(s.store, s.deal);
  CHECK(steps_text(steps) ==
        "open 2026-11-25 Confirm budget, authority, need and timing\n"
        "open 2026-11-27 Identify the decision maker\n");
  CHECK(steps[0].task == first);
  CHECK(steps[1].task == second);
  // A second run creates nothing.
  CHECK(create_playbook_tasks(s.session, s.deal).changes.empty());

  s.commit(transition_task(s.session, s.store.load(Kind::activity, first), "done"));
  s.commit(transition_task(s.session, s.store.load(Kind::activity, second), "cancel"));
  CHECK(steps_text(next_steps(s.store, s.deal)) ==
        "done 2026-11-25 Confirm budget, authority, need and timing\n"
        "todo  Identify the decision maker\n");
  // A cancelled task's step is to do again: one new task, at the step's place in the plan.
  ChangeSet again = create_playbook_tasks(s.session, s.deal);
  REQUIRE(again.changes.size() == 1);
  CHECK(again.changes[0].record.get("subject") == "Identify the decision maker");
  CHECK(again.changes[0].record.get("due") == "2026-11-27");

  // Another stage has its own playbook.
  Record proposal = staged(s, "proposal");
  CHECK(steps_text(next_steps(s.store, proposal)) ==
        "todo  Send a quote\ntodo  Follow up on the quote within a week\n");
}

TEST_CASE("Playbook tasks are never due on a weekend", "[deals][playbook]") {
  Sale s("2026-11-25");  // a Wednesday: +2 is Friday, +4 is Sunday
  ChangeSet tasks = create_playbook_tasks(s.session, s.deal);
  REQUIRE(tasks.changes.size() == 2);
  CHECK(tasks.changes[0].record.get("due") == "2026-11-27");
  CHECK(tasks.changes[1].record.get("due") == "2026-11-30");  // Monday
  for (const auto& c : tasks.changes) {
    auto due = Date::parse_iso(c.record.get("due"));
    REQUIRE(due);
    CHECK(due->weekday() < 5);
  }
}

// DESIGN section 3: "A refused transition names the record, its state, the wanted state and
// what to do instead." Refusals by state do (see the tables); so do refusals by a guard.
TEST_CASE("A refusal by a guard names the record, its state and the wanted state",
          "[deals][guards]") {
  Sale s;
  auto win = thrown<RefusedError>([&] { transition_deal(s.session, s.deal, "win"); });
  CHECK_THAT(win.what(),
             Catch::Contains(s.deal.id()) && Catch::Contains("open") && Catch::Contains("won"));
  CHECK_FALSE(win.hint().empty());

  Record q = s.send(s.quote({"PUMP-200:1"}));
  Session after = s.on("2026-12-24");
  auto accept = thrown<RefusedError>([&] { transition_quote(after, q, "accept"); });
  CHECK_THAT(accept.what(),
             Catch::Contains(q.id()) && Catch::Contains("sent") && Catch::Contains("accepted"));
}
