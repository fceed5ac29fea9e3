// The receivables report: open balances aged by days past due, worked out by hand.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_receivables_tests {
namespace {

// Today is 2026-11-23. Acme is anna's, Beta GmbH ben's; Beta's ID comes first, its name second.
struct Receivables : ReportDir {
  Receivables() {
    beta = put_record(Kind::account, {f("name", "Beta GmbH"), f("owner", "ben")}).id();
    acme = put_record(Kind::account, {f("name", "Acme"), f("owner", "anna")}).id();
    // Days past due on 2026-11-23:
    invoice(acme, "issued", "EUR", "2026-11-01", "2026-11-30", "100.00");          // -7: current
    invoice(acme, "partially-paid", "EUR", "2026-10-01", "2026-10-31", "200.00");  // 23: 1-30
    invoice(acme, "issued", "EUR", "2026-08-01", "2026-08-31", "300.00");  // 30+31+23 = 84: 61-90
    invoice(beta, "issued", "EUR", "2026-06-01", "2026-07-01", "400.00");  // 30+31+30+31+23 = 145
    invoice(beta, "issued", "USD", "2026-09-15", "2026-10-15", "50.00");   // 16+23 = 39: 31-60
    invoice(beta, "paid", "EUR", "2026-06-01", "2026-07-01", "0.00");      // paid: out
    invoice(acme, "void", "EUR", "2026-06-01", "2026-07-01", "999.00");    // void: out
    invoice(beta, "issued", "EUR", "2026-11-20", "2026-11-23", "25.00");   // 0: due today, current
    invoice(acme, "issued", "EUR", "2026-09-24", "2026-10-24", "10.00");   // 7+23 = 30: 1-30
    invoice(acme, "issued", "EUR", "2026-09-23", "2026-10-23", "5.00");    // 8+23 = 31: 31-60
  }
  void invoice(const std::string& account, const std::string& status, const std::string& currency,
               const std::string& issued, const std::string& due, const std::string& balance) {
    put_record(
        Kind::invoice,
        {f("number", "INV-2026-0001"), f("status", status), f("account", account),
         f("currency", currency), f("subtotal", "999.00"), f("net", "999.00"), f("tax", "0.00"),
         f("total", "999.00"), f("issued", issued), f("due", due), f("balance", balance)});
  }
  std::string beta, acme;
};

}  // namespace

TEST_CASE("Receivables: open balances per account and currency in ageing buckets",
          "[report][receivables]") {
  Receivables p;
  Report r = p.report("receivables");
  // Acme EUR (5 invoices): current 100.00; 1-30 200.00 + 10.00 = 210.00; 31-60 5.00;
  // 61-90 300.00; total 615.00, overdue 615.00 - 100.00 = 515.00.
  // Beta GmbH EUR (2): current 25.00, over 90 400.00; total 425.00, overdue 400.00.
  // Beta GmbH USD (1): 31-60 50.00.
  CHECK(rows_of(r, "accounts") ==
        std::vector<std::string>{
            p.acme + " Acme EUR 5 100.00 210.00 5.00 300.00 0.00 615.00 515.00",
            p.beta + " Beta GmbH EUR 2 25.00 0.00 0.00 0.00 400.00 425.00 400.00",
            p.beta + " Beta GmbH USD 1 0.00 0.00 50.00 0.00 0.00 50.00 50.00",
        });
  // EUR: current 100.00 + 25.00 = 125.00; total 615.00 + 425.00 = 1040.00; overdue 915.00.
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"EUR 7 125.00 210.00 5.00 300.00 400.00 1040.00 915.00",
                                 "USD 1 0.00 0.00 50.00 0.00 0.00 50.00 50.00"});
  CHECK(r.notes.empty());
}

TEST_CASE("Receivables: for one owner, in one currency, issued in a period",
          "[report][receivables]") {
  Receivables p;
  ReportOptions anna;
  anna.owner = "anna";  // the account's owner: Acme
  CHECK(rows_of(p.report("receivables", anna), "totals") ==
        std::vector<std::string>{"EUR 5 100.00 210.00 5.00 300.00 0.00 615.00 515.00"});
  ReportOptions dollars;
  dollars.currency = "USD";
  Report usd = p.report("receivables", dollars);
  CHECK(
      rows_of(usd, "accounts") ==
      std::vector<std::string>{p.beta + " Beta GmbH USD 1 0.00 0.00 50.00 0.00 0.00 50.00 50.00"});
  // Issued in October or November: Acme's 100.00 (current) and 200.00 (1-30), Beta's 25.00.
  ReportOptions recent;
  recent.from = Date(2026, 10, 1);
  recent.to = Date(2026, 11, 30);
  Report r = p.report("receivables", recent);
  CHECK(rows_of(r, "accounts") ==
        std::vector<std::string>{
            p.acme + " Acme EUR 2 100.00 200.00 0.00 0.00 0.00 300.00 200.00",
            p.beta + " Beta GmbH EUR 1 25.00 0.00 0.00 0.00 0.00 25.00 0.00",
        });
  CHECK(r.notes.size() == 1);
  ReportOptions by_month;
  by_month.by = "month";
  CHECK_THROWS_AS(p.report("receivables", by_month), UsageError);
}

TEST_CASE("Receivables: today moves balances from bucket to bucket", "[report][receivables]") {
  Receivables p;
  // On 2026-12-01 Acme's invoice due 2026-11-30 is 1 day late, the one due 2026-10-31 31 days.
  ReportOptions later;
  later.today = Date(2026, 12, 1);
  // Acme: due 11-30 -> 1 (1-30): 100.00; 10-31 -> 31: 200.00; 10-24 -> 38: 10.00;
  // 10-23 -> 39: 5.00; 08-31 -> 92: 300.00 over 90.
  CHECK(rows_of(p.report("receivables", later), "accounts").front() ==
        p.acme + " Acme EUR 5 0.00 100.00 215.00 0.00 300.00 615.00 615.00");
}

TEST_CASE("Receivables: an empty directory gives zeros", "[report][receivables]") {
  ReportDir empty;
  Report r = empty.report("receivables");
  CHECK(rows_of(r, "accounts").empty());
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"EUR 0 0.00 0.00 0.00 0.00 0.00 0.00 0.00"});
}

}  // namespace report_receivables_tests
