// Invoices and payments: the lifecycle table, one invoice per delivered order with its due date
// from crm.yaml, partial and full payments (the order closes when paid), refusal of overpayment
// and of bad amounts, and voiding, which lets the order be billed again.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/sales/invoices.h"
#include "crm/sales/pricing.h"
#include "sales_helpers.h"
#include "service_helpers.h"

using namespace crm;
using crm_test::history_of;
using crm_test::lines_of;
using crm_test::Sale;
using crm_test::thrown;
using crm_test::totals_of;

namespace invoices_tests {

namespace {

Record invoice_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("I-7K3QZ9AB"));
  fields.set("number", Value::string("INV-2026-0001"));
  fields.set("status", Value::string(status));
  return Record(Kind::invoice, fields);
}

// "date amount ref" of each payment, through the library's payments_of.
std::vector<std::string> payment_lines(const Record& invoice) {
  std::vector<std::string> out;
  for (const Payment& p : payments_of(invoice))
    out.push_back(p.date + " " + p.amount + " " + p.ref);
  return out;
}

}  // namespace

TEST_CASE("Every invoice transition is allowed or refused as the table says",
          "[invoices][lifecycle]") {
  crm_test::check_transitions("invoice", {"issued", "partially-paid", "paid", "void"},
                              {"pay", "settle", "void"},
                              {{{"issued", "pay"}, "partially-paid"},
                               {{"partially-paid", "pay"}, "partially-paid"},
                               {{"issued", "settle"}, "paid"},
                               {{"partially-paid", "settle"}, "paid"},
                               {{"issued", "void"}, "void"}},
                              invoice_in);
  const Machine& m = *machine_named("invoice");
  CHECK(m.initial == "issued");
  CHECK(m.terminal == std::vector<std::string>{"paid", "void"});
  CHECK(m.find("void")->needs_reason);
}

TEST_CASE("create_invoice_for_order bills a delivered order once", "[invoices]") {
  Sale s;
  Record open = s.order(s.accepted({"PUMP-200:1"}));
  auto before = s.snapshot();
  auto e = thrown<RefusedError>([&] { create_invoice_for_order(s.session, open); });
  // Named by the command users type; the order by its number and ID.
  CHECK(std::string(e.what()) == "invoice create refused for order SO-2026-0001 (" + open.id() +
                                     "): it is open, and invoice create leads to invoiced only "
                                     "from delivered");
  CHECK(e.hint() == "from open you can run `crm order deliver " + open.id() +
                        "` or `crm order cancel " + open.id() + "`");
  CHECK(s.snapshot() == before);

  Record other = s.new_deal("Other");
  Record order = s.deliver(
      s.order(s.accept(s.send(s.quote({"PUMP-200:3", "VALVE-10:4-10%"}, {}, "23", other)))));
  ChangeSet changes = create_invoice_for_order(s.session, order);
  REQUIRE(changes.changes.size() == 2);
  CHECK(changes.changes[0].created);
  CHECK(changes.changes[0].record.kind() == Kind::invoice);
  CHECK_FALSE(changes.changes[1].created);
  CHECK(changes.changes[1].record.id() == order.id());
  const std::string id = changes.changes[0].record.id();
  CHECK(changes.summary == "invoice create " + id + " for " + order.id());
  s.commit(changes);

  Record invoice = s.store.load(Kind::invoice, id);
  CHECK(is_valid_id(id, "I"));
  CHECK(invoice.get("number") == "INV-2026-0001");
  CHECK(invoice.status() == "issued");
  CHECK(invoice.get("order") == order.id());
  CHECK(invoice.get("deal") == other.id());
  CHECK(invoice.get("account") == s.account.id());
  CHECK(invoice.get("currency") == "EUR");
  CHECK(invoice.get("discount") == "0");
  CHECK(invoice.get("tax_rate") == "23");
  CHECK(*invoice.fields().find("lines") == *order.fields().find("lines"));
  // 3044.97 × 23% = 700.3431 → 700.34
  CHECK(totals_of(invoice) == "3044.97 3044.97 700.34 3745.31");
  CHECK(invoice.get("issued") == "2026-11-23");
  CHECK(invoice.get("due") == "2026-12-23");
  CHECK(invoice.get("balance") == "3745.31");
  CHECK_FALSE(invoice.has("payments"));
  CHECK_FALSE(invoice.has("history"));

  Record invoiced = s.reload(order);
  CHECK(invoiced.status() == "invoiced");
  CHECK(invoiced.get("delivered") == "2026-11-23");
  CHECK(history_of(invoiced).back().get("from") == "delivered");
  CHECK(history_of(invoiced).back().get("to") == "invoiced");

  before = s.snapshot();
  auto twice = thrown<RefusedError>([&] { create_invoice_for_order(s.session, invoiced); });
  CHECK_THAT(twice.what(), Catch::Contains("it is invoiced"));
  // Even a stale copy of the order, still delivered, is not billed twice: the order-unbilled
  // guard finds the invoice.
  auto stale = thrown<RefusedError>([&] { create_invoice_for_order(s.session, order); });
  CHECK_THAT(stale.what(), crm_test::refusal("invoice create", order)
                               .in("delivered")
                               .wanting("invoiced")
                               .saying("it is already billed by INV-2026-0001")
                               .by("order-unbilled"));
  CHECK(stale.hint() == "one invoice per order; void that invoice first to bill again");
  CHECK(s.snapshot() == before);
}

TEST_CASE("The due date follows crm.yaml's payment terms", "[invoices]") {
  Sale s("2026-11-23", [](Config& c) { c.payment_terms_days = "14"; });
  Record invoice = s.invoice(s.delivered_order());
  CHECK(invoice.get("issued") == "2026-11-23");
  CHECK(invoice.get("due") == "2026-12-07");
  CHECK(effective_status(invoice, Date(2026, 12, 8)) == "overdue");
  CHECK(effective_status(invoice, Date(2026, 12, 7)) == "issued");
}

TEST_CASE("Payments reduce the balance, and the last one pays the invoice and closes the order",
          "[invoices][payments]") {
  Sale s;
  Record order = s.delivered_order();
  Record invoice = s.invoice(order);
  REQUIRE(invoice.get("total") == "3745.31");

  ChangeSet first = add_payment(s.session, invoice, {"1000", "yesterday", "bank 123"});
  CHECK(first.summary == "payment add " + invoice.id());
  REQUIRE(first.changes.size() == 1);
  s.commit(first);
  Record partly = s.reload(invoice);
  CHECK(partly.status() == "partially-paid");
  CHECK(partly.get("balance") == "2745.31");
  CHECK(payment_lines(partly) == std::vector<std::string>{"2026-11-22 1000.00 bank 123"});
  CHECK(emit_yaml(partly.fields().find("payments")->items()[0]) ==
        "date: \"2026-11-22\"\namount: \"1000.00\"\nref: \"bank 123\"\n");
  REQUIRE(history_of(partly).size() == 1);
  CHECK(history_of(partly)[0].get("from") == "issued");
  CHECK(history_of(partly)[0].get("to") == "partially-paid");
  CHECK(s.reload(order).status() == "invoiced");

  Record more = s.pay(partly, "745.31");
  CHECK(more.status() == "partially-paid");
  CHECK(more.get("balance") == "2000.00");
  CHECK(payment_lines(more) ==
        std::vector<std::string>{"2026-11-22 1000.00 bank 123", "2026-11-23 745.31 "});
  CHECK(history_of(more).size() == 2);
  CHECK(effective_status(more, Date(2026, 12, 24)) == "overdue");

  auto before = s.snapshot();
  auto over = thrown<RefusedError>([&] { add_payment(s.session, more, {"2000.01", "", ""}); });
  CHECK_THAT(over.what(), crm_test::refusal("payment add", more)
                              .in("partially-paid")
                              .saying("2000.01 EUR is more than the balance of 2000.00")
                              .by("payment-within-balance"));
  // The guard's own hint, with the balance in it.
  CHECK(over.hint() == "record at most 2000.00; an overpayment is not a payment of this invoice");
  CHECK(s.snapshot() == before);

  ChangeSet last = add_payment(s.session, more, {"2000", "", "final"});
  REQUIRE(last.changes.size() == 2);
  CHECK(last.changes[0].record.id() == order.id());
  CHECK(last.changes[1].record.id() == invoice.id());
  s.commit(last);
  Record paid = s.reload(invoice);
  CHECK(paid.status() == "paid");
  CHECK(paid.get("balance") == "0.00");
  CHECK(payment_lines(paid).size() == 3);
  CHECK(history_of(paid).back().get("to") == "paid");
  CHECK(effective_status(paid, Date(2027, 6, 1)) == "paid");
  Record closed = s.reload(order);
  CHECK(closed.status() == "closed");
  CHECK(history_of(closed).back().get("from") == "invoiced");
  CHECK(history_of(closed).back().get("to") == "closed");

  // A paid invoice takes no payment: refused by its state now, before the balance is looked at.
  auto after_paid = thrown<RefusedError>([&] { add_payment(s.session, paid, {"0.01", "", ""}); });
  CHECK_THAT(after_paid.what(), Catch::Contains("it is paid"));
}

TEST_CASE("A single payment of the whole total pays the invoice at once", "[invoices][payments]") {
  Sale s;
  Record order = s.delivered_order();
  Record paid = s.pay(s.invoice(order), "3745.31");
  CHECK(paid.status() == "paid");
  CHECK(paid.get("balance") == "0.00");
  REQUIRE(history_of(paid).size() == 1);
  CHECK(history_of(paid)[0].get("from") == "issued");
  CHECK(s.reload(order).status() == "closed");
}

TEST_CASE("Payments refuse amounts that are not positive money in the currency",
          "[invoices][payments]") {
  Sale s;
  Record invoice = s.invoice(s.delivered_order());
  auto before = s.snapshot();
  for (const char* amount : {"0", "0.00", "-5", "-0.01"}) {
    INFO(amount);
    auto e = thrown<UsageError>([&] { add_payment(s.session, invoice, {amount, "", ""}); });
    CHECK(std::string(e.what()) == "a payment must be more than 0");
  }
  auto decimals = thrown<UsageError>([&] { add_payment(s.session, invoice, {"10.005", "", ""}); });
  CHECK(std::string(decimals.what()) == "AMOUNT '10.005' has more decimals than EUR allows (2)");
  for (const char* amount : {"abc", "", "1,000.00", "1e3", "+5"}) {
    INFO(amount);
    CHECK_THROWS_AS(add_payment(s.session, invoice, {amount, "", ""}), UsageError);
  }
  CHECK_THROWS_AS(add_payment(s.session, invoice, {"10", "31/12/2026", ""}), UsageError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("Voiding an invoice needs a reason and lets the order be billed again", "[invoices]") {
  Sale s;
  Record order = s.delivered_order();
  Record invoice = s.invoice(order);
  auto blank = thrown<UsageError>([&] { void_invoice(s.session, invoice, " "); });
  CHECK(std::string(blank.what()) == "void " + invoice.id() + " needs a reason");
  CHECK(blank.hint() == "add --reason \"...\" to say why it becomes void");

  ChangeSet changes = void_invoice(s.session, invoice, "wrong address");
  CHECK(changes.summary == "invoice void " + invoice.id());
  REQUIRE(changes.changes.size() == 2);
  CHECK(changes.changes[0].record.id() == order.id());
  CHECK(changes.changes[1].record.id() == invoice.id());
  s.commit(changes);
  Record voided = s.reload(invoice);
  CHECK(voided.status() == "void");
  CHECK(voided.get("reason") == "wrong address");
  CHECK(history_of(voided).back().get("note") == "wrong address");
  CHECK(voided.get("balance") == "3745.31");
  Record reopened = s.reload(order);
  CHECK(reopened.status() == "delivered");
  CHECK(reopened.get("delivered") == "2026-11-23");
  CHECK(history_of(reopened).back().get("from") == "invoiced");
  CHECK(history_of(reopened).back().get("to") == "delivered");

  auto on_void = thrown<RefusedError>([&] { add_payment(s.session, voided, {"10", "", ""}); });
  CHECK_THAT(on_void.what(), Catch::Contains("it is void"));
  CHECK_THROWS_AS(void_invoice(s.session, voided, "again"), RefusedError);

  Record again = s.invoice(reopened);
  CHECK(again.get("number") == "INV-2026-0002");
  CHECK(again.get("balance") == "3745.31");
  CHECK(s.reload(order).status() == "invoiced");
}

TEST_CASE("An invoice with payments cannot be voided", "[invoices][guards]") {
  Sale s;
  Record partly = s.pay(s.invoice(s.delivered_order()), "100");
  auto state = thrown<RefusedError>([&] { void_invoice(s.session, partly, "mistake"); });
  CHECK_THAT(state.what(), Catch::Contains("it is partially-paid"));
  Record paid = s.pay(partly, "3645.31");
  auto before = s.snapshot();
  CHECK_THROWS_AS(void_invoice(s.session, paid, "mistake"), RefusedError);

  // An issued invoice that carries payments (a hand edit) is refused by the guard.
  Record odd = paid;
  odd.set_text("status", "issued");
  auto guard = thrown<RefusedError>([&] { void_invoice(s.session, odd, "mistake"); });
  CHECK_THAT(guard.what(), crm_test::refusal("invoice void", odd)
                               .in("issued")
                               .wanting("void")
                               .saying("it has payments")
                               .by("invoice-unpaid"));
  CHECK(guard.hint() ==
        "issue a credit note instead (not supported yet), or void before any payment");
  CHECK(s.snapshot() == before);
  CHECK(s.reload(paid).status() == "paid");
}

TEST_CASE("A release order from a contract is billed like any order", "[invoices]") {
  Sale s;
  Record k = s.contract(s.accepted({"VALVE-10:100-10%"}, "5", "23"), "2026-11-01", "2026-12-31");
  ChangeSet release = release_from_contract(s.session, k, {"VALVE-10:30"});
  Record order = s.deliver(s.apply(release));
  Record invoice = s.invoice(order);
  // 30 × 12.50 × 90% = 337.50; × 95% = 320.625 → 320.63; × 23% = 73.7449 → 73.74
  CHECK(lines_of(invoice) == std::vector<std::string>{"VALVE-10 30 12.50 10 337.50"});
  CHECK(totals_of(invoice) == "337.50 320.63 73.74 394.37");
  CHECK(invoice.get("balance") == "394.37");
  CHECK(invoice.get("deal") == s.deal.id());
}

// Every invoice is issued by issue_invoice, whatever it bills: the next INV number, today's
// date, the due date from crm.yaml's payment terms, and a balance of the whole total.
TEST_CASE("issue_invoice numbers, dates and balances an invoice from its terms", "[invoices]") {
  crm_test::Service s("2026-11-23", [](Config& c) {
    c.payment_terms_days = "14";
    c.tax_rate = "10";
  });
  const Currency eur = currency_for("EUR");
  Value lines = Value::sequence();
  lines.push_back(price_line(s.store, parse_line_spec("PUMP-200:2"), eur));
  lines.push_back(price_line(s.store, parse_line_spec("VALVE-10:4-10%"), eur));
  Record a = issue_invoice(s.session, {s.account.id(), "EUR", lines});
  CHECK(a.kind() == Kind::invoice);
  CHECK(a.status() == "issued");
  CHECK(a.get("number") == "INV-2026-0001");
  CHECK(a.get("account") == s.account.id());
  CHECK(a.get("issued") == "2026-11-23");
  CHECK(a.get("due") == "2026-12-07");
  CHECK(a.get("discount") == "0");
  CHECK(a.get("tax_rate") == "10");  // crm.yaml's, unless the terms say
  // 1999.98 + 45.00 = 2044.98; tax 10% = 204.498 -> 204.50
  CHECK(totals_of(a) == "2044.98 2044.98 204.50 2249.48");
  CHECK(a.get("balance") == "2249.48");
  CHECK_FALSE(a.has("payments"));
  CHECK(a.get("created") == "2026-11-23T00:00:00+00:00");
  // A second invoice of the same command is numbered apart before either is written.
  Record b = issue_invoice(s.session, {s.account.id(), "EUR", lines, "5", "20"});
  CHECK(b.get("number") == "INV-2026-0002");
  CHECK(b.get("discount") == "5");
  CHECK(b.get("tax_rate") == "20");
  // 2044.98 × 95% = 1942.731 -> 1942.73; × 20% = 388.546 -> 388.55
  CHECK(totals_of(b) == "2044.98 1942.73 388.55 2331.28");
  CHECK(b.get("balance") == "2331.28");
  CHECK(a.id() != b.id());
}

TEST_CASE("create_invoice bills an order and a confirmation alike", "[invoices][service]") {
  crm_test::Service s("2026-11-23", [](Config& c) {
    c.payment_terms_days = "14";
    c.tax_rate = "10";
  });
  Record order = s.delivered_order();
  Record cf = s.work("12", "2026-11-20");  // no contract: 12 h at 90.00
  REQUIRE(cf.get("amount") == "1080.00");
  auto before = s.snapshot();
  auto none = thrown<UsageError>([&] { create_invoice(s.session, {}); });
  CHECK(std::string(none.what()) == "invoice create needs --order or --confirmation");
  auto both = thrown<UsageError>([&] {
    create_invoice(s.session, {order.get("number"), cf.id()});
  });
  CHECK(std::string(both.what()) == "invoice create takes --order or --confirmation, not both");
  CHECK_THROWS_AS(create_invoice(s.session, {"SO-2026-0099", ""}), NotFoundError);
  CHECK(s.snapshot() == before);

  auto invoice_of = [&](const ChangeSet& changes) {
    s.commit(changes);
    for (const auto& c : changes.changes)
      if (c.record.kind() == Kind::invoice) return s.reload(c.record);
    FAIL("no invoice");
    throw std::logic_error("unreachable");
  };
  Record for_order = invoice_of(create_invoice(s.session, {order.get("number"), ""}));
  Record for_cf = invoice_of(create_invoice(s.session, {"", cf.id()}));
  CHECK(for_order.get("number") == "INV-2026-0001");
  CHECK(for_cf.get("number") == "INV-2026-0002");
  for (const Record& i : {for_order, for_cf}) {
    INFO(i.get("number"));
    CHECK(i.status() == "issued");
    CHECK(i.get("account") == s.account.id());
    CHECK(i.get("issued") == "2026-11-23");
    CHECK(i.get("due") == "2026-12-07");
    CHECK(i.get("balance") == i.get("total"));
  }
  CHECK(for_order.get("order") == order.id());
  CHECK(for_order.get("tax_rate") == "23");  // the order's terms
  CHECK(totals_of(for_order) == "3044.97 3044.97 700.34 3745.31");
  CHECK(for_cf.get("confirmation") == cf.id());
  CHECK(for_cf.get("tax_rate") == "10");  // crm.yaml's
  CHECK(totals_of(for_cf) == "1080.00 1080.00 108.00 1188.00");
  CHECK(s.reload(order).status() == "invoiced");
  CHECK(s.reload(cf).status() == "billed");
}

}  // namespace invoices_tests
