// Sales orders and sales contracts: the lifecycle tables, orders from accepted quotes (one order
// or contract per quote), delivery, contracts with release orders up to the remaining quantity
// of each line and only within the contract period.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/sales/orders.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::history_of;
using crm_test::lines_of;
using crm_test::Sale;
using crm_test::thrown;
using crm_test::totals_of;

namespace orders_tests {

namespace {

Record order_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("O-7K3QZ9AB"));
  fields.set("number", Value::string("SO-2026-0001"));
  fields.set("status", Value::string(status));
  return Record(Kind::order, fields);
}

Record contract_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("K-7K3QZ9AB"));
  fields.set("number", Value::string("SK-2026-0001"));
  fields.set("status", Value::string(status));
  return Record(Kind::contract, fields);
}

std::string state_text(const Record& contract) {
  std::string out;
  for (const ContractLineState& l : contract_state(contract))
    out += l.sku + " " + l.name + ": " + l.ordered + " " + l.released + " " + l.remaining + "\n";
  return out;
}

// The release order (created) and the contract (updated) of a release, as stored.
std::pair<Record, Record> released(Sale& s, Session& session, const Record& contract,
                                   const std::vector<std::string>& lines) {
  ChangeSet changes = release_from_contract(session, s.reload(contract), lines);
  REQUIRE(changes.changes.size() == 2);
  CHECK(changes.changes[0].created);
  CHECK_FALSE(changes.changes[1].created);
  CHECK(changes.summary ==
        "contract release " + contract.id() + " -> " + changes.changes[0].record.id());
  s.commit(changes);
  return {s.reload(changes.changes[0].record), s.reload(contract)};
}

}  // namespace

TEST_CASE("Every order transition is allowed or refused as the table says", "[orders][lifecycle]") {
  crm_test::check_transitions("order", {"open", "delivered", "invoiced", "closed", "cancelled"},
                              {"deliver", "cancel", "invoice", "close", "reopen"},
                              {{{"open", "deliver"}, "delivered"},
                               {{"open", "cancel"}, "cancelled"},
                               {{"delivered", "invoice"}, "invoiced"},
                               {{"invoiced", "close"}, "closed"},
                               {{"invoiced", "reopen"}, "delivered"}},
                              order_in);
  CHECK(machine_named("order")->terminal == std::vector<std::string>{"closed", "cancelled"});
}

TEST_CASE("Every contract transition is allowed or refused as the table says",
          "[orders][contracts][lifecycle]") {
  crm_test::check_transitions("contract", {"active", "fulfilled", "expired", "terminated"},
                              {"release", "fulfil", "reopen", "expire", "terminate"},
                              {{{"active", "release"}, "active"},
                               {{"active", "fulfil"}, "fulfilled"},
                               {{"fulfilled", "reopen"}, "active"},
                               {{"active", "expire"}, "expired"},
                               {{"active", "terminate"}, "terminated"}},
                              contract_in);
  const Machine& m = *machine_named("contract");
  // fulfilled is not final: cancelling a release order gives its quantity back.
  CHECK(m.terminal == std::vector<std::string>{"expired", "terminated"});
  CHECK(m.find("terminate")->needs_reason);
}

TEST_CASE("create_order copies an accepted quote's terms, lines and totals", "[orders]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:3", "VALVE-10:4-10%"}, "5", "23");
  ChangeSet changes = create_order(s.session, q);
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  const Record& o = changes.changes[0].record;
  CHECK(changes.summary == "order create " + o.id() + " from " + q.id());
  Record order = s.apply(changes);
  CHECK(is_valid_id(order.id(), "O"));
  CHECK(order.get("number") == "SO-2026-0001");
  CHECK(order.status() == "open");
  CHECK(order.get("quote") == q.id());
  CHECK(order.get("deal") == s.deal.id());
  CHECK(order.get("account") == s.account.id());
  CHECK(order.get("currency") == "EUR");
  CHECK(order.get("discount") == "5");
  CHECK(order.get("tax_rate") == "23");
  CHECK(*order.fields().find("lines") == *q.fields().find("lines"));
  CHECK(totals_of(order) == "3044.97 2892.72 665.33 3558.05");
  CHECK(totals_of(order) == totals_of(q));
  // A quote's own fields are not an order's: not copied (and not declared for orders).
  for (const char* absent : {"valid_until", "revision", "contract", "delivered", "history"})
    CHECK_FALSE(order.fields().find(absent));
  CHECK(s.reload(q).fields() == q.fields());  // the quote is not touched
}

TEST_CASE("create_order and create_contract need an accepted, unused quote", "[orders]") {
  Sale s;
  Record draft = s.quote({"PUMP-200:1"});
  Record sent = s.send(s.quote({"PUMP-200:1"}));
  Record rejected = s.reject(s.send(s.quote({"PUMP-200:1"})));
  auto before = s.snapshot();
  for (const Record& q : {draft, sent, rejected}) {
    INFO(q.status());
    // Named by the command users type, not by the quote's verb.
    auto e = thrown<RefusedError>([&] { create_order(s.session, q); });
    CHECK_THAT(
        e.what(),
        crm_test::refusal("order create", q).in(q.status()).saying("allowed only from accepted"));
    CHECK_THAT(e.hint(), Catch::StartsWith("from " + q.status() + " you can run `crm quote "));
    if (q.status() == "sent")
      CHECK_THAT(e.hint(), Catch::Contains("`crm quote accept " + q.id() + "`"));
    auto c = thrown<RefusedError>(
        [&] { create_contract(s.session, q, Date(2026, 11, 1), Date(2026, 12, 31)); });
    CHECK_THAT(c.what(), crm_test::refusal("contract create", q)
                             .in(q.status())
                             .saying("allowed only from accepted"));
  }
  // The whole sentence of a refusal by state of a step typed as another command, once.
  CHECK_THROWS_WITH(create_order(s.session, draft),
                    "order create refused for quote Q-2026-0001 (" + draft.id() +
                        "): it is draft, and order create is allowed only from accepted");
  CHECK(s.snapshot() == before);

  Record accepted = s.accept(s.send(s.quote({"PUMP-200:1"})));
  REQUIRE(accepted.get("number") == "Q-2026-0004");
  s.order(accepted);
  before = s.snapshot();
  auto twice = thrown<RefusedError>([&] { create_order(s.session, accepted); });
  // The whole sentence of a refusal by a guard of a step that keeps the state, once.
  CHECK(std::string(twice.what()) == "order create refused for quote Q-2026-0004 (" +
                                         accepted.id() +
                                         "): it is accepted, but it already became SO-2026-0001 "
                                         "[quote-unused]");
  CHECK(twice.hint() == "one order or contract per quote; for more, quote again");
  auto contract = thrown<RefusedError>(
      [&] { create_contract(s.session, accepted, Date(2026, 11, 1), Date(2026, 12, 31)); });
  CHECK_THAT(contract.what(), crm_test::refusal("contract create", accepted)
                                  .in("accepted")
                                  .saying("it already became SO-2026-0001")
                                  .by("quote-unused"));
  CHECK(s.snapshot() == before);

  // And the other way round: a quote that became a contract makes no order.
  Record other = s.new_deal("Other");
  Record q2 = s.accept(s.send(s.quote({"PUMP-200:5"}, {}, {}, other)));
  s.contract(q2, "2026-11-01", "2026-12-31");
  CHECK_THROWS_WITH(create_order(s.session, q2),
                    Catch::EndsWith("it already became SK-2026-0001 [quote-unused]"));
  CHECK_THROWS_AS(create_contract(s.session, q2, Date(2026, 11, 1), Date(2026, 12, 31)),
                  RefusedError);
}

TEST_CASE("transition_order delivers or cancels an open order", "[orders]") {
  Sale s;
  Record order = s.order(s.accepted({"PUMP-200:1"}));
  Session friday = s.on("2026-11-27");
  ChangeSet deliver = transition_order(friday, order, "deliver");
  CHECK(deliver.summary == "order deliver " + order.id());
  Record delivered = s.apply(deliver);
  CHECK(delivered.status() == "delivered");
  CHECK(delivered.get("delivered") == "2026-11-27");
  auto history = history_of(delivered);
  REQUIRE(history.size() == 1);
  CHECK(history[0].get("from") == "open");
  CHECK(history[0].get("to") == "delivered");
  auto before = s.snapshot();
  auto again = thrown<RefusedError>([&] { transition_order(s.session, delivered, "deliver"); });
  CHECK_THAT(again.what(), Catch::Contains("it is delivered"));
  CHECK_THROWS_AS(transition_order(s.session, delivered, "cancel"), RefusedError);
  CHECK(s.snapshot() == before);

  Record other = s.new_deal("Other");
  Record second = s.order(s.accept(s.send(s.quote({"PUMP-200:1"}, {}, {}, other))));
  Record cancelled = s.order_command(second, "cancel");
  CHECK(cancelled.status() == "cancelled");
  CHECK_FALSE(cancelled.has("delivered"));
  CHECK_THROWS_AS(transition_order(s.session, cancelled, "deliver"), RefusedError);
}

TEST_CASE("create_contract makes an active contract over the quote's quantities",
          "[orders][contracts]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:10", "VALVE-10:100-10%"}, "5", "23");
  auto before = s.snapshot();
  auto e = thrown<UsageError>(
      [&] { create_contract(s.session, q, Date(2026, 12, 31), Date(2026, 12, 30)); });
  CHECK(std::string(e.what()) == "--to must not be before --from");
  CHECK(s.snapshot() == before);

  ChangeSet changes = create_contract(s.session, q, Date(2026, 12, 1), Date(2027, 1, 31));
  const Record& created = changes.changes.at(0).record;
  CHECK(changes.summary == "contract create " + created.id() + " from " + q.id());
  Record k = s.apply(changes);
  CHECK(is_valid_id(k.id(), "K"));
  CHECK(k.get("number") == "SK-2026-0001");
  CHECK(k.status() == "active");
  CHECK(k.get("from") == "2026-12-01");
  CHECK(k.get("to") == "2027-01-31");
  CHECK(k.get("quote") == q.id());
  CHECK(k.get("deal") == s.deal.id());
  CHECK(k.get("discount") == "5");
  CHECK(k.get("tax_rate") == "23");
  // 9999.90 + 1125.00 = 11124.90; × 95% = 10568.655 → 10568.66; × 23% = 2430.7918 → 2430.79
  CHECK(totals_of(k) == "11124.90 10568.66 2430.79 12999.45");
  CHECK(totals_of(k) == totals_of(q));
  for (const Value& line : k.fields().find("lines")->items()) CHECK(line.get("released") == "0");
  CHECK(state_text(k) == "PUMP-200 Pump 200: 10 0 10\nVALVE-10 Valve 10: 100 0 100\n");

  // A contract of a single day is fine.
  Record other = s.new_deal("Other");
  Record q2 = s.accept(s.send(s.quote({"PUMP-200:1"}, {}, {}, other)));
  CHECK(s.contract(q2, "2026-11-23", "2026-11-23").status() == "active");
}

TEST_CASE("release_from_contract creates an order priced as the contract", "[orders][contracts]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:10", "VALVE-10:100-10%"}, "5", "23");
  Record k = s.contract(q, "2026-11-01", "2026-12-31");

  auto [first, after_first] = released(s, s.session, k, {"PUMP-200:4"});
  CHECK(first.get("number") == "SO-2026-0001");
  CHECK(first.status() == "open");
  CHECK(first.get("contract") == k.id());
  CHECK_FALSE(first.has("quote"));
  CHECK(first.get("deal") == s.deal.id());
  CHECK(first.get("account") == s.account.id());
  CHECK(first.get("discount") == "5");
  CHECK(first.get("tax_rate") == "23");
  CHECK(lines_of(first) == std::vector<std::string>{"PUMP-200 4 999.99 0 3999.96"});
  CHECK_FALSE(first.fields().find("lines")->items()[0].find("released"));
  // 3999.96 × 95% = 3799.962 → 3799.96; × 23% = 873.9908 → 873.99
  CHECK(totals_of(first) == "3999.96 3799.96 873.99 4673.95");
  CHECK(after_first.status() == "active");
  CHECK(history_of(after_first).empty());
  CHECK(state_text(after_first) == "PUMP-200 Pump 200: 10 4 6\nVALVE-10 Valve 10: 100 0 100\n");
  CHECK(totals_of(after_first) == totals_of(k));  // the contract's own totals stay

  // Lines in the order given; the line discount comes from the contract.
  auto [second, after_second] = released(s, s.session, k, {"VALVE-10:30", "PUMP-200:1"});
  CHECK(second.get("number") == "SO-2026-0002");
  CHECK(lines_of(second) ==
        std::vector<std::string>{"VALVE-10 30 12.50 10 337.50", "PUMP-200 1 999.99 0 999.99"});
  // 1337.49 × 95% = 1270.6155 → 1270.62; × 23% = 292.2426 → 292.24
  CHECK(totals_of(second) == "1337.49 1270.62 292.24 1562.86");
  CHECK(state_text(after_second) == "PUMP-200 Pump 200: 10 5 5\nVALVE-10 Valve 10: 100 30 70\n");
}

TEST_CASE("A release of the remaining quantity fulfils the contract, and one more is refused",
          "[orders][contracts]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:10", "VALVE-10:100-10%"});
  Record k = s.contract(q, "2026-11-01", "2026-12-31");
  released(s, s.session, k, {"PUMP-200:5", "VALVE-10:30"});
  const std::size_t orders = s.count(Kind::order);
  auto before = s.snapshot();

  auto over =
      thrown<RefusedError>([&] { release_from_contract(s.session, s.reload(k), {"PUMP-200:6"}); });
  CHECK_THAT(over.what(), crm_test::refusal("contract release", k)
                              .in("active")
                              .saying("6 PUMP-200 wanted, only 5 remain")
                              .by("contract-remaining"));
  CHECK(over.hint() == "release at most 5 PUMP-200");  // the guard's own hint, with the numbers
  CHECK(over.code() == ExitCode::refused);
  // A good line before a bad one changes nothing either.
  CHECK_THROWS_AS(release_from_contract(s.session, s.reload(k), {"VALVE-10:70", "PUMP-200:6"}),
                  RefusedError);
  CHECK(s.snapshot() == before);
  CHECK(s.count(Kind::order) == orders);

  auto result = released(s, s.session, k, {"PUMP-200:5", "VALVE-10:70"});
  const Record last = result.first;
  const Record fulfilled = result.second;
  CHECK(lines_of(last) ==
        std::vector<std::string>{"PUMP-200 5 999.99 0 4999.95", "VALVE-10 70 12.50 10 787.50"});
  CHECK(fulfilled.status() == "fulfilled");
  auto history = history_of(fulfilled);
  REQUIRE(history.size() == 1);
  CHECK(history[0].get("from") == "active");
  CHECK(history[0].get("to") == "fulfilled");
  CHECK(state_text(fulfilled) == "PUMP-200 Pump 200: 10 10 0\nVALVE-10 Valve 10: 100 100 0\n");

  auto done =
      thrown<RefusedError>([&] { release_from_contract(s.session, fulfilled, {"PUMP-200:1"}); });
  CHECK_THAT(done.what(), Catch::Contains("it is fulfilled"));
}

TEST_CASE("release_from_contract refuses lines it cannot take", "[orders][contracts]") {
  Sale s;
  Record k = s.contract(s.accepted({"PUMP-200:10"}), "2026-11-01", "2026-12-31");
  auto before = s.snapshot();
  auto unknown = thrown<UsageError>([&] { release_from_contract(s.session, k, {"SERVICE-H:1"}); });
  CHECK(std::string(unknown.what()) == "SERVICE-H is not a line of contract SK-2026-0001");
  CHECK_THROWS_AS(release_from_contract(s.session, k, {"NOPE:1"}), UsageError);
  auto priced =
      thrown<UsageError>([&] { release_from_contract(s.session, k, {"PUMP-200:1@5.00"}); });
  CHECK(std::string(priced.what()) ==
        "--line 'PUMP-200:1@5.00': a release takes the contract's price");
  CHECK(priced.hint() == "write SKU:QTY only");
  CHECK_THROWS_AS(release_from_contract(s.session, k, {"PUMP-200:1-5%"}), UsageError);
  CHECK_THROWS_AS(release_from_contract(s.session, k, {"PUMP-200:0"}), UsageError);
  CHECK_THROWS_AS(release_from_contract(s.session, k, {"PUMP-200"}), UsageError);
  auto none = thrown<UsageError>([&] { release_from_contract(s.session, k, {}); });
  CHECK(std::string(none.what()) == "a release needs at least one --line SKU:QTY");
  CHECK(s.snapshot() == before);
}

TEST_CASE("A release is refused before `from` and after `to`", "[orders][contracts][guards]") {
  Sale s;
  Record k = s.contract(s.accepted({"PUMP-200:10"}), "2026-12-01", "2027-01-31");
  auto before = s.snapshot();
  auto early = thrown<RefusedError>([&] { release_from_contract(s.session, k, {"PUMP-200:1"}); });
  CHECK_THAT(early.what(), crm_test::refusal("contract release", k)
                               .in("active")
                               .saying("it runs from 2026-12-01, after today")
                               .by("contract-period"));
  CHECK(early.hint() == "release within the contract period, or agree a new contract");
  Session late = s.on("2027-02-01");
  auto after = thrown<RefusedError>([&] { release_from_contract(late, k, {"PUMP-200:1"}); });
  CHECK_THAT(after.what(), crm_test::refusal("contract release", k)
                               .in("active")
                               .saying("it expired after 2027-01-31")
                               .by("contract-period"));
  CHECK(s.snapshot() == before);

  CHECK(effective_status(k, Date(2027, 2, 1)) == "expired");
  CHECK(effective_status(k, Date(2027, 1, 31)) == "active");

  Session first_day = s.on("2026-12-01");
  Session last_day = s.on("2027-01-31");
  CHECK(state_text(released(s, first_day, k, {"PUMP-200:1"}).second) ==
        "PUMP-200 Pump 200: 10 1 9\n");
  auto [order, contract] = released(s, last_day, k, {"PUMP-200:2"});
  CHECK(state_text(contract) == "PUMP-200 Pump 200: 10 3 7\n");
  CHECK(order.get("created") == "2027-01-31T00:00:00+00:00");
}

TEST_CASE("Quantities with decimals are released exactly", "[orders][contracts]") {
  Sale s;
  Record k = s.contract(s.accepted({"SERVICE-H:2.5"}), "2026-11-01", "2026-12-31");
  auto [order, half] = released(s, s.session, k, {"SERVICE-H:1.25"});
  CHECK(lines_of(order) == std::vector<std::string>{"SERVICE-H 1.25 90.00 0 112.50"});
  CHECK(state_text(half) == "SERVICE-H Service hour: 2.5 1.25 1.25\n");
  CHECK_THROWS_AS(release_from_contract(s.session, half, {"SERVICE-H:1.26"}), RefusedError);
  auto [rest, done] = released(s, s.session, k, {"SERVICE-H:1.250"});
  CHECK(state_text(done) == "SERVICE-H Service hour: 2.5 2.5 0\n");
  CHECK(done.status() == "fulfilled");
}

TEST_CASE("Terminating a contract needs a reason and ends releases", "[orders][contracts]") {
  Sale s;
  Record k = s.contract(s.accepted({"PUMP-200:10"}), "2026-11-01", "2026-12-31");
  auto blank = thrown<UsageError>([&] { transition(s.session, k, "terminate"); });
  CHECK(std::string(blank.what()) == "terminate " + k.id() + " needs a reason");
  ChangeSet changes = transition(s.session, k, "terminate", Firing{"customer closed the site"});
  CHECK(changes.summary == "contract terminate " + k.id());
  Record ended = s.apply(changes);
  CHECK(ended.status() == "terminated");
  CHECK(ended.get("reason") == "customer closed the site");
  CHECK(history_of(ended).at(0).get("note") == "customer closed the site");
  CHECK_THROWS_AS(release_from_contract(s.session, ended, {"PUMP-200:1"}), RefusedError);
  CHECK_THROWS_AS(transition(s.session, ended, "terminate", Firing{"again"}), RefusedError);
}

// Decimal + and − align both operands to the larger scale: 9999999999999 − 0.000001 =
// 9999999999998.999999 needs 19 digits, more than a quantity may have. It used to wrap to a
// negative remaining quantity; now such a release is refused with nothing changed, and whole
// units still release normally.
TEST_CASE("Remaining quantities near the limits do not wrap", "[orders][contracts]") {
  Sale s;
  Record k = s.contract(s.accepted({"VALVE-10:9999999999999@0.01"}), "2026-11-01", "2026-12-31");
  REQUIRE(k.get("total") == "99999999999.99");
  CHECK_THROWS_WITH(release_from_contract(s.session, k, {"VALVE-10:0.000001"}),
                    Catch::Contains("too large or too precise"));
  CHECK(state_text(k) == "VALVE-10 Valve 10: 9999999999999 0 9999999999999\n");
  Record after = released(s, s.session, k, {"VALVE-10:1"}).second;
  CHECK(state_text(after) == "VALVE-10 Valve 10: 9999999999999 1 9999999999998\n");
}

}  // namespace orders_tests
