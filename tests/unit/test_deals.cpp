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

namespace deals_tests {

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
  return s.apply(transition_deal(s.session, s.reload(s.deal), command, Firing{reason}));
}

// A deal's probability is a derived field: shown with the record, never stored.
std::string probability(const Sale& s, const Record& deal) {
  CHECK_FALSE(deal.fields().find("probability"));
  return deal.view(s.store.config()).get("probability");
}

Record staged(Sale& s, const std::string& stage) {
  return s.apply(move_deal_stage(s.session, s.reload(s.deal), stage));
}

Record with_role(Sale& s, const Record& contact, const std::string& role,
                 const std::string& influence, const std::string& attitude = {}) {
  return s.apply(change_deal_role(s.session, s.reload(s.deal),
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
                              {"stage", "quote", "win", "lose", "complete"},
                              {{{"open", "stage"}, "open"},
                               {{"open", "quote"}, "open"},
                               {{"open", "win"}, "won"},
                               {{"open", "lose"}, "lost"},
                               {{"won", "complete"}, "completed"}},
                              deal_in);
  const Machine& m = *machine_named("deal");
  CHECK(m.initial == "open");
  CHECK(m.terminal == std::vector<std::string>{"lost", "completed"});
  CHECK(m.find("lose")->needs_reason);
  CHECK_FALSE(m.find("win")->needs_reason);
  CHECK(m.find("complete")->forcible);
  CHECK_FALSE(m.find("win")->forcible);
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
  crm_test::DataDir s("2026-11-23", [](Config& c) {
    c.currency = "JPY";
    c.stages.front().name = "lead-in";
  });
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
    CHECK_THAT(e.what(), crm_test::refusal("deal win", s.deal)
                             .in("open")
                             .wanting("won")
                             .saying(why)
                             .by("deal-accepted-quote"));
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
  CHECK(won.get("closed") == "2026-11-23");
  CHECK(probability(s, won) == "100");
}

TEST_CASE("lose is refused while a sent quote awaits an answer", "[deals][guards]") {
  Sale s;
  s.quote({"PUMP-200:1"});  // a draft does not block
  CHECK_NOTHROW(transition_deal(s.session, s.reload(s.deal), "lose", Firing{"no budget"}));
  Record q = s.send(s.quote({"VALVE-10:1"}));
  REQUIRE(q.get("valid_until") == "2026-12-23");
  auto before = s.snapshot();

  auto e = thrown<RefusedError>(
      [&] { transition_deal(s.session, s.reload(s.deal), "lose", Firing{"no budget"}); });
  // The whole sentence of a refusal by a guard for a record without a number, once.
  CHECK(std::string(e.what()) == "deal lose refused for deal " + s.deal.id() +
                                     ": it is open and would become lost, but quote Q-2026-0002 "
                                     "is sent and awaits an answer [deal-no-pending-quote]");
  CHECK(e.hint() == "record the customer's answer first: crm quote reject Q-... --reason ...");
  // Still valid on its last day.
  Session last_day = s.on("2026-12-23");
  CHECK_THROWS_AS(transition_deal(last_day, s.reload(s.deal), "lose", Firing{"no budget"}),
                  RefusedError);
  // A reason is needed before anything else.
  auto reason = thrown<UsageError>([&] { transition_deal(s.session, s.reload(s.deal), "lose"); });
  CHECK_THAT(reason.hint(), Catch::Contains("--reason"));
  CHECK(std::string(reason.what()) == "lose " + s.deal.id() + " needs a reason");
  CHECK(s.snapshot() == before);

  // Once valid_until has passed, the quote no longer blocks.
  Session later = s.on("2026-12-24");
  CHECK(transition_deal(later, s.reload(s.deal), "lose", Firing{"no budget"})
            .changes.at(0)
            .record.status() == "lost");

  // Once it is rejected, the deal can be lost today.
  s.reject(q);
  Record lost = deal_command(s, "lose", "went with a competitor");
  CHECK(lost.status() == "lost");
  CHECK(lost.get("reason") == "went with a competitor");
  CHECK(history_of(lost).at(0).get("note") == "went with a competitor");
  CHECK(lost.get("closed") == "2026-11-23");
  CHECK(probability(s, lost) == "0");
  CHECK_THROWS_AS(create_quote(s.session, lost, {{"PUMP-200:1"}, {}, {}, {}}), RefusedError);
}

// Completion (the act) used to need only every order delivered; now, as DESIGN section 3 says,
// every order not cancelled must be delivered and invoiced, every invoice paid and every sales
// contract done, and a sales contract counts as the deal's order. Each guard names every
// record that holds the deal up.
TEST_CASE("complete needs every order invoiced, every invoice paid and every contract done",
          "[deals][guards]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:2"});
  CHECK_THROWS_AS(transition_deal(s.session, s.reload(s.deal), "complete"), RefusedError);
  deal_command(s, "win");
  auto refused = [&](const std::string& why, const std::string& guard, const std::string& hint) {
    auto e =
        thrown<RefusedError>([&] { transition_deal(s.session, s.reload(s.deal), "complete"); });
    CHECK_THAT(e.what(), crm_test::refusal("deal complete", s.deal)
                             .in("won")
                             .wanting("completed")
                             .saying(why)
                             .by(guard));
    CHECK(e.hint() == hint + "; or override with --force --reason \"...\"");
    CHECK(s.reload(s.deal).status() == "won");
    CHECK_FALSE(can_fire(s.reload(s.deal), "complete", s.session.guards()));
  };
  const std::string order_hint =
      "deliver with `crm order deliver SO-...`, bill with `crm invoice create --order SO-...`";
  const std::string contract_hint =
      "release the rest (crm contract release SK-...) or end it (crm contract terminate SK-... "
      "--reason ...)";
  refused("it has no order and no sales contract", "deal-ordered",
          "make an order from the accepted quote: crm order create --quote Q-...");
  Record k = s.contract(q, "2026-11-01", "2026-12-31");
  refused("contract SK-2026-0001 has 2 PUMP-200 unreleased", "deal-contracts-closed",
          contract_hint);
  Record first = s.apply(release_from_contract(s.session, k, {"PUMP-200:1"}));
  Record second = s.apply(release_from_contract(s.session, s.reload(k), {"PUMP-200:1"}));
  REQUIRE(s.reload(k).status() == "fulfilled");
  s.deliver(second);
  // The guard names every order that holds the deal up, in the store's (ID) order.
  std::vector<std::string> holding = {"order SO-2026-0001 is not delivered",
                                      "order SO-2026-0002 is not invoiced"};
  if (second.id() < first.id()) std::swap(holding[0], holding[1]);
  refused(holding[0] + " and " + holding[1], "deal-orders-invoiced", order_hint);
  s.order_command(first, "cancel");  // cancelled orders do not count; its quantity goes back
  REQUIRE(s.reload(k).status() == "active");
  refused("order SO-2026-0002 is not invoiced", "deal-orders-invoiced", order_hint);
  Record invoice = s.invoice(second);
  refused("invoice INV-2026-0001 has 999.99 EUR due", "deal-invoices-paid",
          "record the payments: crm payment add INV-... AMOUNT");
  invoice = s.pay(invoice, "500");
  refused("invoice INV-2026-0001 has 499.99 EUR due", "deal-invoices-paid",
          "record the payments: crm payment add INV-... AMOUNT");
  s.pay(invoice, "499.99");
  REQUIRE(s.reload(second).status() == "closed");
  refused("contract SK-2026-0001 has 1 PUMP-200 unreleased", "deal-contracts-closed",
          contract_hint);
  s.commit(transition(s.session, s.reload(k), "terminate", Firing{"the rest is not needed"}));

  CHECK(can_fire(s.reload(s.deal), "complete", s.session.guards()));
  Record done = deal_command(s, "complete");
  CHECK(done.status() == "completed");
  CHECK(history_of(done).back().get("from") == "won");
  CHECK(history_of(done).back().get("to") == "completed");
  CHECK_FALSE(history_of(done).back().find("note"));
  CHECK(probability(s, done) == "100");
  CHECK(deal_warnings(s.store, done).empty());
}

TEST_CASE("complete counts a voided invoice and an expired contract as done", "[deals][guards]") {
  Sale s;
  Record k = s.contract(s.accepted({"PUMP-200:2"}), "2026-11-01", "2026-11-30");
  deal_command(s, "win");
  Record order = s.deliver(s.apply(release_from_contract(s.session, k, {"PUMP-200:1"})));
  Record invoice = s.invoice(order);
  s.commit(void_invoice(s.session, invoice, "wrong address"));
  s.pay(s.invoice(s.reload(order)), "999.99");
  // In its period the contract still has 1 PUMP-200 to release; after `to` it has expired.
  CHECK_THROWS_AS(transition_deal(s.session, s.reload(s.deal), "complete"), RefusedError);
  Session december = s.on("2026-12-01");
  CHECK(effective_status(s.reload(k), Date(2026, 12, 1)) == "expired");
  Record done = s.apply(transition_deal(december, s.reload(s.deal), "complete"));
  CHECK(done.status() == "completed");
}

TEST_CASE("complete may be forced with a reason, which history keeps", "[deals][guards]") {
  Sale s;
  s.accepted({"PUMP-200:2"});
  Record won = deal_command(s, "win");
  Record other = s.new_deal("Other");
  auto before = s.snapshot();
  auto blank = thrown<UsageError>([&] {
    transition_deal(s.session, won, "complete", Firing{"  ", true});
  });
  CHECK(std::string(blank.what()) == "complete --force " + won.id() + " needs a reason");
  CHECK_THAT(blank.hint(), Catch::Contains("--reason"));
  // Only a forcible transition may be forced.
  auto not_forcible = thrown<UsageError>([&] {
    transition_deal(s.session, other, "win", Firing{"we shook hands", true});
  });
  CHECK(std::string(not_forcible.what()) == "deal win cannot be forced");
  // Forcing overrides guards, not the lifecycle: an open deal is not completed.
  auto open = thrown<RefusedError>([&] {
    transition_deal(s.session, other, "complete", Firing{"paid in cash", true});
  });
  CHECK_THAT(open.what(), Catch::Contains("it is open"));
  CHECK(s.snapshot() == before);

  Record done = s.apply(transition_deal(s.session, won, "complete", Firing{"paid in cash", true}));
  CHECK(done.status() == "completed");
  auto history = history_of(done);
  CHECK(history.back().get("from") == "won");
  CHECK(history.back().get("to") == "completed");
  CHECK(history.back().get("note") == "forced: paid in cash");
  CHECK(history.back().get("by") == "tester");
  CHECK_FALSE(done.has("reason"));  // only a reason the lifecycle asks for is kept on the deal
}

// The rules that lived in deal_rules.h are the deal machine's guards now; they find the deal's
// records through the store's find_by.
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
  CHECK(ids(s.store.find_by(Kind::quote, "deal", s.deal.id())) == mine);
  CHECK(ids(s.store.find_by(Kind::quote, "deal", other.id())) == std::vector<std::string>{q2.id()});
  CHECK(ids(s.store.find_by(Kind::order, "deal", s.deal.id())) == std::vector<std::string>{o.id()});
  CHECK(s.store.find_by(Kind::order, "deal", other.id()).empty());
  const Machine& deal = *machine_named("deal");
  REQUIRE(deal.find("win")->guards.size() == 1);
  CHECK(deal.find("win")->guards[0].name == "deal-accepted-quote");
  CHECK(deal.find("win")->guards[0].description == "needs an accepted quote");
  CHECK(can_fire(s.reload(s.deal), "win", s.session.guards()));
  CHECK_FALSE(can_fire(s.reload(other), "win", s.session.guards()));
  std::vector<std::string> complete;
  for (const Guard& g : deal.find("complete")->guards) complete.push_back(g.name);
  CHECK(complete == std::vector<std::string>{"deal-ordered", "deal-orders-invoiced",
                                             "deal-invoices-paid", "deal-contracts-closed"});
}

TEST_CASE("change_deal_role adds, updates in place and removes", "[deals][roles]") {
  Sale s;
  ChangeSet add = change_deal_role(
      s.session, s.deal, RoleInput{"Jan Kowalski", "decision-maker", "high", "supportive"});
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
  CHECK(change_deal_role(s.session, deal, RoleInput{s.jan.id(), "influencer", "medium", ""})
            .changes.empty());
  CHECK_FALSE(deal.has("history"));

  auto before = s.snapshot();
  auto role = thrown<UsageError>([&] {
    change_deal_role(s.session, deal, RoleInput{s.jan.id(), "boss", "high", ""});
  });
  CHECK(std::string(role.what()) ==
        "--role 'boss' is not one of decision-maker, influencer, user, gatekeeper, champion");
  auto influence = thrown<UsageError>([&] {
    change_deal_role(s.session, deal, RoleInput{s.jan.id(), "user", "huge", ""});
  });
  CHECK(std::string(influence.what()) == "--influence 'huge' is not one of high, medium, low");
  auto attitude = thrown<UsageError>([&] {
    change_deal_role(s.session, deal, RoleInput{s.jan.id(), "user", "low", "hostile"});
  });
  CHECK(std::string(attitude.what()) ==
        "--attitude 'hostile' is not one of supportive, neutral, opposed");
  auto missing_role = thrown<UsageError>([&] {
    change_deal_role(s.session, deal, RoleInput{s.jan.id(), "", "high", ""});
  });
  CHECK(std::string(missing_role.what()) == "deal role needs --role and --influence (or --remove)");
  CHECK_THROWS_AS(change_deal_role(s.session, deal, RoleInput{s.jan.id(), "user", "", ""}),
                  UsageError);
  CHECK_THROWS_AS(change_deal_role(s.session, deal, RoleInput{"Nobody", "user", "low", ""}),
                  NotFoundError);
  CHECK_THROWS_AS(change_deal_role(s.session, deal, RoleInput{"Acme Ltd", "user", "low", ""}),
                  NotFoundError);  // an account is not a contact
  CHECK(s.snapshot() == before);

  auto removal = [](const std::string& contact) { return RoleInput{contact, "", "", "", true}; };
  ChangeSet remove = change_deal_role(s.session, deal, removal("Jan Kowalski"));
  CHECK(remove.summary == "deal role " + s.deal.id() + " " + s.jan.id() + " removed");
  deal = s.apply(remove);
  CHECK(roles_text(deal) == std::vector<std::string>{s.ewa.id() + " user low "});
  auto missing =
      thrown<NotFoundError>([&] { change_deal_role(s.session, deal, removal(s.jan.id())); });
  CHECK(std::string(missing.what()) == s.jan.id() + " has no role in deal " + s.deal.id());
  deal = s.apply(change_deal_role(s.session, deal, removal(s.ewa.id())));
  CHECK_FALSE(deal.has("roles"));
  CHECK_THROWS_AS(change_deal_role(s.session, deal, removal(s.ewa.id())), NotFoundError);
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

// deal_probability() is gone: the probability is a derived field of the deal's view.
TEST_CASE("A deal's probability follows the stage, then the outcome", "[deals]") {
  Sale s;
  CHECK(probability(s, s.deal) == "10");
  CHECK(probability(s, staged(s, "needs-analysis")) == "25");
  CHECK(probability(s, staged(s, "proposal")) == "50");
  CHECK(probability(s, staged(s, "negotiation")) == "75");
  CHECK(probability(s, deal_in("won")) == "100");
  CHECK(probability(s, deal_in("completed")) == "100");
  CHECK(probability(s, deal_in("lost")) == "0");
  // The view puts it after the stored fields, which stay in canonical order.
  Value view = s.reload(s.deal).view(s.store.config());
  CHECK(view.entries().back().first == "probability");
  CHECK(view.entries().front().first == "id");
  CHECK(view.find("probability")->style() == Value::Style::quoted);
  // Other kinds have no derived fields: their view is the record.
  CHECK(s.account.view(s.store.config()) == s.account.fields());
  // The stages come from crm.yaml.
  Sale custom("2026-11-23", [](Config& c) { c.stages.front().probability = "15"; });
  CHECK(probability(custom, custom.deal) == "15");
  Record odd = deal_in("open");
  odd.set_text("stage", "nonsense");
  CHECK(probability(s, odd) == "");
  CHECK_FALSE(odd.view(s.store.config()).find("probability"));
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
  auto accept = thrown<RefusedError>([&] { transition(after, q, "accept"); });
  // A document is named by its number.
  CHECK_THAT(accept.what(), Catch::Contains(q.get("number")) && Catch::Contains("sent") &&
                                Catch::Contains("accepted"));
}

}  // namespace deals_tests
