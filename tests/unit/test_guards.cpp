// The guards that took over rules the domain code used to hold, each allowed and refused with
// worked data: edits of drafts only, quotes and stage moves of open deals only, one order or
// contract per quote, one invoice per order, releases within the remaining quantity, payments
// within the balance, an unambiguous account for a conversion, and one service contract per
// day's work.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/check/check.h"
#include "crm/kinds/lifecycle.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "service_helpers.h"

using namespace crm;
using crm_test::Sale;
using crm_test::Service;
using crm_test::thrown;

namespace guards_tests {

const Actor k_actor{"anna", "2026-11-23T10:00:00+01:00"};
const Date k_today(2026, 11, 23);

// The commands of `kind`'s machine that `can_fire` allows from each state (no store, no input).
std::map<std::string, bool> allowed_from_each_state(Kind kind, const std::string& command) {
  std::map<std::string, bool> out;
  const Machine* m = kind_spec(kind).machine;
  for (const std::string& state : m->states)
    out[state] = can_fire(crm_test::bare_record(kind, kind_spec(kind).prefix + "-7K3QZ9AB", state),
                          command, GuardContext{nullptr, k_today, nullptr});
  return out;
}

// The guard a refusal names: "... [quote-unused]" -> "quote-unused".
std::string guard_of(const RefusedError& e) {
  std::string what = e.what();
  auto open = what.rfind(" [");
  if (open == std::string::npos || !what.ends_with("]")) return {};
  return what.substr(open + 2, what.size() - open - 3);
}

TEST_CASE("Only a draft quote is edited", "[guards][quotes]") {
  CHECK(allowed_from_each_state(Kind::quote, "edit") ==
        std::map<std::string, bool>{{"draft", true},
                                    {"sent", false},
                                    {"accepted", false},
                                    {"rejected", false},
                                    {"expired", false},
                                    {"superseded", false}});
  Sale s;
  Record draft = s.quote({"PUMP-200:1"});
  CHECK(s.apply(edit_quote(s.session, draft, {{"PUMP-200:2"}, {}, {}, {}})).get("total") ==
        "1999.98");
  Record sent = s.send(s.reload(draft));
  auto before = s.snapshot();
  CHECK_THROWS_AS(edit_quote(s.session, sent, {{"PUMP-200:3"}, {}, {}, {}}), RefusedError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("A deal takes quotes and stage moves only while open", "[guards][deals]") {
  const std::map<std::string, bool> open_only = {
      {"open", true}, {"won", false}, {"lost", false}, {"completed", false}};
  CHECK(allowed_from_each_state(Kind::deal, "quote") == open_only);
  CHECK(allowed_from_each_state(Kind::deal, "stage") == open_only);
  for (const char* status : {"won", "lost", "completed"}) {
    INFO(status);
    Sale s;
    s.hand_edit(s.deal, "status: \"open\"", std::string("status: \"") + status + "\"");
    Record deal = s.reload(s.deal);
    auto before = s.snapshot();
    auto quote = thrown<RefusedError>([&] {
      create_quote(s.session, deal, {{"PUMP-200:1"}, {}, {}, {}});
    });
    CHECK_THAT(quote.what(),
               crm_test::refusal("deal quote", deal).in(status).saying("allowed only from open"));
    auto stage = thrown<RefusedError>([&] { move_deal_stage(s.session, deal, "proposal"); });
    CHECK_THAT(stage.what(),
               crm_test::refusal("deal stage", deal).in(status).saying("allowed only from open"));
    CHECK(next_steps(s.store, deal).empty());
    CHECK(s.snapshot() == before);
  }
}

TEST_CASE("A quote becomes one order or one contract (quote-unused)", "[guards][orders]") {
  Sale s;
  Record q = s.accepted({"PUMP-200:2"});
  CHECK(can_fire(q, "order", s.session.guards()));
  CHECK(can_fire(q, "contract", s.session.guards()));
  Record order = s.order(q);
  for (const char* command : {"order", "contract"}) {
    INFO(command);
    CHECK_FALSE(can_fire(s.reload(q), command, s.session.guards()));
    auto e =
        thrown<RefusedError>([&] { require_allowed(s.reload(q), command, s.session.guards()); });
    CHECK(guard_of(e) == "quote-unused");
    CHECK_THAT(e.what(), Catch::Contains("it already became SO-2026-0001"));
  }
  // Even a cancelled order used the quote up: quote again for more.
  s.order_command(order, "cancel");
  CHECK_FALSE(can_fire(s.reload(q), "order", s.session.guards()));
  // Without a store the guard has nothing to look at.
  CHECK(can_fire(s.reload(q), "order"));
}

TEST_CASE("An order is billed once (order-unbilled) until its invoice is voided",
          "[guards][invoices]") {
  Sale s;
  Record order = s.delivered_order();
  CHECK(can_fire(order, "invoice", s.session.guards()));
  Record invoice = s.invoice(order);
  // A copy of the order read before it was billed is still delivered: the guard refuses it.
  CHECK_FALSE(can_fire(order, "invoice", s.session.guards()));
  auto e = thrown<RefusedError>([&] { require_allowed(order, "invoice", s.session.guards()); });
  CHECK(guard_of(e) == "order-unbilled");
  s.commit(void_invoice(s.session, invoice, "wrong address"));
  CHECK(can_fire(s.reload(order), "invoice", s.session.guards()));
  CHECK(can_fire(order, "invoice", s.session.guards()));  // a void invoice bills nothing
}

// The release's lines arrive as the guard's input: {lines: [{sku, qty}]}.
TEST_CASE("A release takes at most the remaining quantity of each line (contract-remaining)",
          "[guards][contracts]") {
  Record contract = crm_test::record_from_yaml(
      Kind::contract,
      "id: K-7K3QZ9AB\nnumber: SK-2026-0001\nstatus: active\nfrom: 2026-11-01\nto: 2026-12-31\n"
      "lines:\n"
      "  - {sku: PUMP-200, qty: \"10\", released: \"4\"}\n"
      "  - {sku: VALVE-10, qty: \"2.5\", released: \"0\"}\n");
  auto release = [&](std::vector<std::pair<std::string, std::string>> lines) {
    Value input = Value::map();
    Value wanted = Value::sequence();
    for (const auto& [sku, qty] : lines) {
      Value line = Value::map();
      line.set("sku", Value::string(sku));
      line.set("qty", Value::string(qty));
      wanted.push_back(line);
    }
    input.set("lines", wanted);
    return input;
  };
  auto allowed = [&](const Value& input) {
    return can_fire(contract, "release", GuardContext{nullptr, k_today, &input});
  };
  CHECK(allowed(release({{"PUMP-200", "6"}})));  // exactly what remains
  CHECK(allowed(release({{"PUMP-200", "0.5"}, {"VALVE-10", "2.5"}})));
  CHECK_FALSE(allowed(release({{"PUMP-200", "6.001"}})));
  CHECK_FALSE(allowed(release({{"VALVE-10", "3"}})));
  CHECK(allowed(Value::map()));  // no lines asked for: nothing to judge

  Value over = release({{"PUMP-200", "7"}, {"VALVE-10", "2.6"}});
  auto e = thrown<RefusedError>([&] {
    require_allowed(contract, "release", GuardContext{nullptr, k_today, &over});
  });
  CHECK(std::string(e.what()) ==
        "contract release refused for contract SK-2026-0001 (K-7K3QZ9AB): it is active, but 7 "
        "PUMP-200 wanted, only 6 remain and 2.6 VALVE-10 wanted, only 2.5 remain "
        "[contract-remaining]");
  CHECK(e.hint() == "release at most 6 PUMP-200 and 2.5 VALVE-10");
  // Outside the period the period guard refuses first.
  Value fine = release({{"PUMP-200", "1"}});
  CHECK_FALSE(can_fire(contract, "release", GuardContext{nullptr, Date(2027, 1, 1), &fine}));
}

// Two lines of one sku must not add up past what remains: PUMP-200:3 twice against 5 remaining
// is a release of 6. (The guard used to compare each line on its own with the remaining
// quantity, and the contract was left with more released than contracted.)
TEST_CASE("A release of one sku on two lines is judged on their sum", "[guards][contracts]") {
  Sale s;
  Record k = s.contract(s.accepted({"PUMP-200:10"}), "2026-11-01", "2026-12-31");
  s.apply(release_from_contract(s.session, k, {"PUMP-200:5"}));
  auto before = s.snapshot();
  auto e = thrown<RefusedError>([&] {
    release_from_contract(s.session, s.reload(k), {"PUMP-200:3", "PUMP-200:3"});
  });
  CHECK(guard_of(e) == "contract-remaining");
  CHECK_THAT(e.what(), Catch::Contains("6 PUMP-200 wanted, only 5 remain"));
  CHECK(e.hint() == "release at most 5 PUMP-200");
  CHECK(s.snapshot() == before);
  // Their sum within what remains is released, as one line would be.
  s.apply(release_from_contract(s.session, s.reload(k), {"PUMP-200:2", "PUMP-200:3"}));
  CHECK(s.reload(k).status() == "fulfilled");
}

TEST_CASE("A payment never exceeds the balance, and the exact balance settles",
          "[guards][invoices]") {
  Record invoice = crm_test::record_from_yaml(
      Kind::invoice,
      "id: I-7K3QZ9AB\nnumber: INV-2026-0001\nstatus: partially-paid\ncurrency: EUR\n"
      "total: \"150.00\"\nbalance: \"100.00\"\n");
  auto paying = [](const char* amount) {
    Value input = Value::map();
    input.set("amount", Value::string(amount));
    return input;
  };
  for (const char* command : {"pay", "settle"}) {
    INFO(command);
    Value exact = paying("100.00"), less = paying("0.01"), more = paying("100.01");
    CHECK(can_fire(invoice, command, GuardContext{nullptr, k_today, &exact}));
    CHECK(can_fire(invoice, command, GuardContext{nullptr, k_today, &less}));
    auto e = thrown<RefusedError>([&] {
      require_allowed(invoice, command, GuardContext{nullptr, k_today, &more});
    });
    CHECK(guard_of(e) == "payment-within-balance");
    CHECK_THAT(e.what(), Catch::Contains("100.01 EUR is more than the balance of 100.00"));
  }
  // Through add_payment: the exact balance settles the invoice, less leaves it partly paid.
  Sale s;
  Record order = s.delivered_order();
  Record issued = s.invoice(order);
  REQUIRE(issued.get("balance") == "3745.31");
  auto before = s.snapshot();
  auto over = thrown<RefusedError>([&] { add_payment(s.session, issued, {"3745.32", "", ""}); });
  CHECK(guard_of(over) == "payment-within-balance");
  CHECK(s.snapshot() == before);
  Record partly = s.pay(issued, "3745.30");
  CHECK(partly.status() == "partially-paid");
  CHECK(partly.get("balance") == "0.01");
  Record paid = s.pay(partly, "0.01");
  CHECK(paid.status() == "paid");
  CHECK(paid.get("balance") == "0.00");
  CHECK(s.reload(order).status() == "closed");
}

TEST_CASE("Converting a lead needs an unambiguous account (account-unambiguous)",
          "[guards][leads]") {
  crm_test::DataDir d;
  Record first = d.apply(add_account(d.session, {{"name", "Acme Ltd"}}));
  Record lead = d.apply(add_lead(d.session, {{"name", "Jan"}, {"company", "Acme Ltd"}}));
  // One account of the company's name: it is linked, none is created.
  ChangeSet one = convert_lead(d.session, lead, {});
  REQUIRE(one.changes.size() == 3);
  CHECK(one.changes[0].record.get("account") == first.id());

  Record second = d.apply(add_account(d.session, {{"name", "Acme Ltd"}}));
  auto before = d.snapshot();
  auto e = thrown<RefusedError>([&] { convert_lead(d.session, lead, {}); });
  CHECK_THAT(e.what(), crm_test::refusal("lead convert", lead)
                           .in("new")
                           .wanting("converted")
                           .saying("2 accounts are named 'Acme Ltd'")
                           .by("account-unambiguous"));
  CHECK(e.hint() == "name the one to link: crm lead convert ID --account A-...");
  CHECK(d.snapshot() == before);
  // Naming one decides.
  ChangeSet named = convert_lead(d.session, lead, {second.id(), std::nullopt});
  REQUIRE(named.changes.size() == 3);
  for (const auto& c : named.changes) CHECK(c.record.get("account") == second.id());
  // A person without a company is matched by their own name.
  Record ewa = d.apply(add_lead(d.session, {{"name", "Acme Ltd"}}));
  CHECK_THROWS_AS(convert_lead(d.session, ewa, {}), RefusedError);
  Record other = d.apply(add_lead(d.session, {{"name", "Ola"}, {"company", "Other Ltd"}}));
  CHECK(convert_lead(d.session, other, {}).changes.size() == 4);  // a new account
}

TEST_CASE("A service contract may not overlap another active one of the account",
          "[guards][service]") {
  Service s;
  s.apply(add_account(s.session, {{"name", "Beta GmbH"}}));
  auto terms = [](const std::string& account, const std::string& from, const std::string& to,
                  std::vector<std::string> products) {
    auto in = Service::terms();
    in.account = account;
    in.from = from;
    in.to = to;
    in.products = std::move(products);
    return in;
  };
  auto refusal = [&](const ServiceContractInput& in) {
    auto before = s.snapshot();
    auto e = thrown<RefusedError>([&] { add_service_contract(s.session, in); });
    CHECK(guard_of(e) == "service-contract-alone");
    CHECK(s.snapshot() == before);
    return std::string(e.what());
  };
  // Acme: one contract for everything from 2026-01-01, open-ended.
  Record all = s.service_contract(terms("Acme Ltd", "2026-01-01", "", {}));
  // The whole sentence of a refusal of a creation, once: no state, just why. Whether it names
  // the record that was not created (a number and an ID made up for the attempt) is left open:
  // the refactor branch has since stopped naming it.
  CHECK_THAT(refusal(terms("Acme Ltd", "2026-06-01", "", {})),
             Catch::Matches("service-contract add refused( for service-contract SC-2026-0002 "
                            "\\(SC-[0-9A-Z]{8}\\))?: SC-2026-0001 already covers " +
                            s.account.id() + " from 2026-01-01 \\[service-contract-alone\\]"));
  refusal(terms("Acme Ltd", "2025-01-01", "2026-01-01", {"PUMP-200"}));  // its last day overlaps
  CHECK_NOTHROW(s.service_contract(terms("Acme Ltd", "2025-01-01", "2025-12-31", {})));

  // Beta: contracts for some products.
  Record pumps = s.service_contract(terms("Beta GmbH", "2026-01-01", "2026-06-30", {"PUMP-200"}));
  refusal(terms("Beta GmbH", "2026-03-01", "2026-03-31", {"PUMP-200", "SERVICE-H"}));  // same
  refusal(terms("Beta GmbH", "2026-03-01", "2026-03-31", {}));  // everything covers pumps too
  refusal(terms("Beta GmbH", "2026-06-30", "2026-12-31", {"PUMP-200"}));  // one day in common
  CHECK_NOTHROW(s.service_contract(terms("Beta GmbH", "2026-01-01", "2026-06-30", {"VALVE-10"})));
  CHECK_NOTHROW(s.service_contract(terms("Beta GmbH", "2026-07-01", "", {"PUMP-200"})));
  // An ended contract covers nothing: a terminated one makes room.
  s.commit(transition(s.session, all, "terminate", Firing{"replaced"}));
  CHECK_NOTHROW(s.service_contract(terms("Acme Ltd", "2026-06-01", "", {})));
  CHECK(check_store(s.store, {"service-cover"}).empty());
  CHECK(pumps.status() == "active");
}

TEST_CASE("check_store's service-cover reports overlapping contracts written by hand",
          "[guards][service][check]") {
  Service s;
  Record a = s.service_contract(Service::terms());
  // As after a merge: another active contract for everything, from an overlapping day.
  auto in = Service::terms();
  in.from = "2025-01-01";
  in.to = "2025-12-31";
  Record b = s.service_contract(in);
  s.hand_edit(b, "to: \"2025-12-31\"", "to: \"2026-02-01\"");
  auto problems = check_store(s.store);
  REQUIRE(problems.size() == 2);
  for (const Problem& p : problems) {
    CHECK(p.check == "service-cover");
    CHECK_THAT(p.message, Catch::EndsWith("[service-contract-alone]"));
    CHECK(p.line == crm_test::line_of(s.text_of(p.file), "from: "));
  }
  CHECK(problems[0].file != problems[1].file);
  CHECK_THAT(problems[0].message + problems[1].message,
             Catch::Contains(a.get("number")) && Catch::Contains(b.get("number")));
}

}  // namespace guards_tests
