// The sales report, on a few won deals, quotes, invoices and payments whose figures are worked
// out by hand in comments.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_sales_tests {
namespace {

using Rows = std::vector<std::string>;
using Entry = std::vector<std::pair<std::string, std::string>>;

// Two accounts (A-00000001 Nordwind, A-00000002 Atelier Martin), three won deals (EUR, EUR and
// JPY), a lost and an open one, their quotes and four invoices (one void).
struct Sales : ReportDir {
  Sales() {
    put_record(Kind::account, {f("name", "Nordwind")});        // A-00000001
    put_record(Kind::account, {f("name", "Atelier Martin")});  // A-00000002
    // D-00000003: won 2026-10-15 by anna
    deal("won", "1200.00", "EUR", "anna", "A-00000001", {f("closed", "2026-10-15")});
    // D-00000004: completed, closed only in its history: won on 2026-11-02
    deal("completed", "500.00", "EUR", "ben", "A-00000002",
         {entries(
             "history",
             {{{"at", "2026-11-02T10:00:00+00:00"}, {"from", "open"}, {"to", "won"}, {"by", "ben"}},
              {{"at", "2026-11-20T10:00:00+00:00"},
               {"from", "won"},
               {"to", "completed"},
               {"by", "ben"}}})});
    // D-00000005: won in yen, no accepted quote
    deal("won", "80000", "JPY", "ben", "A-00000002", {f("closed", "2026-11-20")});
    // D-00000006, D-00000007: lost and open: never sales
    deal("lost", "999.00", "EUR", "anna", "A-00000001",
         {f("closed", "2026-11-01"), f("reason", "price")});
    deal("open", "5000.00", "EUR", "anna", "A-00000001", {});

    // Quotes: only the accepted one of a deal sells products.
    quote("D-00000003", "rejected", {{"OLD-1", "1300.00"}});
    quote("D-00000003", "accepted", {{"TLM-400", "900.00"}, {"GW-200", "400.00"}});
    quote("D-00000004", "accepted", {{"TLM-400", "500.00"}});

    // Invoices: totals with tax; lines net.
    invoice("D-00000003", "A-00000001", "paid", "EUR", "2026-10-20", "1428.00",
            {{"TLM-400", "900.00"}, {"GW-200", "300.00"}},
            {{{"date", "2026-10-30"}, {"amount", "1000.00"}, {"ref", "bank 1"}},
             {{"date", "2026-11-05"}, {"amount", "428.00"}, {"ref", "bank 2"}}});
    invoice("D-00000004", "A-00000002", "issued", "EUR", "2026-11-10", "595.00",
            {{"TLM-400", "500.00"}}, {});
    invoice("D-00000003", "A-00000001", "void", "EUR", "2026-11-12", "100.00",
            {{"TLM-400", "100.00"}}, {});
    invoice("D-00000005", "A-00000002", "partially-paid", "JPY", "2026-11-21", "88000",
            {{"SVC-X", "80000"}}, {{{"date", "2026-11-22"}, {"amount", "40000"}, {"ref", "x"}}});
  }

  void deal(const std::string& status, const std::string& amount, const std::string& currency,
            const std::string& owner, const std::string& account, Fields more) {
    Fields fields = {f("title", status + " " + owner),
                     f("status", status),
                     f("stage", "negotiation"),
                     f("account", account),
                     f("owner", owner),
                     f("currency", currency),
                     f("amount", amount)};
    fields.insert(fields.end(), more.begin(), more.end());
    put_record(Kind::deal, fields);
  }
  static std::pair<std::string, Value> lines(
      const std::vector<std::pair<std::string, std::string>>& sku_net) {
    std::vector<Entry> items;
    for (const auto& [sku, net] : sku_net)
      items.push_back(
          {{"sku", sku}, {"name", sku}, {"qty", "1"}, {"unit_price", net}, {"net", net}});
    return entries("lines", items);
  }
  void quote(const std::string& deal, const std::string& status,
             const std::vector<std::pair<std::string, std::string>>& sku_net) {
    put_record(Kind::quote, {f("number", "Q-2026-0001"), f("status", status), f("deal", deal),
                             f("account", "A-00000001"), f("revision", "1"), f("currency", "EUR"),
                             lines(sku_net), f("subtotal", "0.00"), f("net", "0.00"),
                             f("tax", "0.00"), f("total", "0.00"), f("valid_until", "2026-12-31")});
  }
  void invoice(const std::string& deal, const std::string& account, const std::string& status,
               const std::string& currency, const std::string& issued, const std::string& total,
               const std::vector<std::pair<std::string, std::string>>& sku_net,
               const std::vector<Entry>& payments) {
    std::string zero = currency == "JPY" ? "0" : "0.00";
    Fields fields = {f("number", "INV-2026-0001"),
                     f("status", status),
                     f("deal", deal),
                     f("account", account),
                     f("currency", currency),
                     lines(sku_net),
                     f("subtotal", zero),
                     f("net", zero),
                     f("tax", zero),
                     f("total", total),
                     f("issued", issued),
                     f("due", "2026-12-31"),
                     f("balance", zero)};
    if (status == "void") fields.push_back(f("reason", "typo"));
    if (!payments.empty()) fields.push_back(entries("payments", payments));
    put_record(Kind::invoice, fields);
  }
};

ReportOptions by(const std::string& grouping) {
  ReportOptions o;
  o.by = grouping;
  return o;
}

}  // namespace

TEST_CASE("Sales: won, invoiced and paid per month and currency", "[report][sales]") {
  Sales s;
  Report r = s.report("sales");
  // 2026-10 EUR: won D-3 (1200.00), invoiced 1428.00 (issued 10-20), paid 1000.00 (10-30)
  // 2026-11 EUR: won D-4 (history: won 11-02) 500.00, invoiced 595.00 (the void one: not),
  //              paid 428.00 (11-05)
  // 2026-11 JPY: won D-5 80000, invoiced 88000, paid 40000
  CHECK(rows_of(r, "sales") == Rows{"2026-10 EUR 1 1200.00 1428.00 1000.00",
                                    "2026-11 EUR 1 500.00 595.00 428.00",
                                    "2026-11 JPY 1 80000 88000 40000"});
  // EUR: 1200.00 + 500.00 = 1700.00; 1428.00 + 595.00 = 2023.00; 1000.00 + 428.00 = 1428.00
  CHECK(rows_of(r, "totals") == Rows{"EUR 2 1700.00 2023.00 1428.00", "JPY 1 80000 88000 40000"});
  CHECK(r.notes.empty());
}

TEST_CASE("Sales: by quarter, owner and account", "[report][sales]") {
  Sales s;
  CHECK(rows_of(s.report("sales", by("quarter")), "sales") ==
        Rows{"2026-Q4 EUR 2 1700.00 2023.00 1428.00", "2026-Q4 JPY 1 80000 88000 40000"});
  // An invoice is its deal's owner's: anna has D-3 and its invoice, ben D-4, D-5 and theirs.
  CHECK(rows_of(s.report("sales", by("owner")), "sales") ==
        Rows{"anna EUR 1 1200.00 1428.00 1428.00", "ben EUR 1 500.00 595.00 0.00",
             "ben JPY 1 80000 88000 40000"});
  // Accounts by name: Atelier Martin before Nordwind.
  CHECK(rows_of(s.report("sales", by("account")), "sales") ==
        Rows{"Atelier Martin EUR 1 500.00 595.00 0.00", "Atelier Martin JPY 1 80000 88000 40000",
             "Nordwind EUR 1 1200.00 1428.00 1428.00"});
}

TEST_CASE("Sales: by product, from the accepted quote's and the invoices' line nets",
          "[report][sales]") {
  Sales s;
  Report r = s.report("sales", by("product"));
  // (no quote) JPY: D-5 has no accepted quote: its amount 80000; nothing invoiced under it
  // GW-200 EUR: D-3's accepted quote 400.00; invoiced 300.00
  // SVC-X JPY: on no quote; invoiced 80000
  // TLM-400 EUR: D-3 900.00 + D-4 500.00 = 1400.00; invoiced 900.00 + 500.00 = 1400.00 (the
  // void invoice's 100.00 not). OLD-1 was on a rejected quote only. Paid has no product.
  CHECK(rows_of(r, "sales") == Rows{"(no quote) JPY 1 80000 0 -", "GW-200 EUR 1 400.00 300.00 -",
                                    "SVC-X JPY 0 0 80000 -", "TLM-400 EUR 2 1400.00 1400.00 -"});
  // EUR: deals D-3 and D-4 once each; 400.00 + 1400.00 = 1800.00; 300.00 + 1400.00 = 1700.00
  CHECK(rows_of(r, "totals") == Rows{"EUR 2 1800.00 1700.00 -", "JPY 1 80000 80000 -"});
  CHECK(r.notes ==
        Rows{"by product, amounts are line nets (before the document discount and tax); "
             "payments have no product",
             "1 won deal without an accepted quote counts under (no quote) with its amount"});
}

TEST_CASE("Sales: for one owner, in one currency, in a period", "[report][sales]") {
  Sales s;
  ReportOptions anna;
  anna.owner = "anna";
  // The payment of 11-05 falls in November, where anna won nothing.
  CHECK(rows_of(s.report("sales", anna), "sales") ==
        Rows{"2026-10 EUR 1 1200.00 1428.00 1000.00", "2026-11 EUR 0 0.00 0.00 428.00"});
  ReportOptions yen;
  yen.currency = "JPY";
  CHECK(rows_of(s.report("sales", yen), "totals") == Rows{"JPY 1 80000 88000 40000"});
  ReportOptions november;
  november.from = Date(2026, 11, 1);
  november.to = Date(2026, 11, 30);
  Report r = s.report("sales", november);
  CHECK(rows_of(r, "sales") ==
        Rows{"2026-11 EUR 1 500.00 595.00 428.00", "2026-11 JPY 1 80000 88000 40000"});
  CHECK(r.notes == Rows{"won deals by the day they were closed, invoices by issue date, "
                        "payments by payment date"});
}

TEST_CASE("Sales: an empty directory has a zero total", "[report][sales]") {
  ReportDir empty;
  Report r = empty.report("sales");
  CHECK(rows_of(r, "sales").empty());
  CHECK(rows_of(r, "totals") == Rows{"EUR 0 0.00 0.00 0.00"});
  CHECK(rows_of(empty.report("sales", by("product")), "totals") == Rows{"EUR 0 0.00 0.00 -"});
}

}  // namespace report_sales_tests
