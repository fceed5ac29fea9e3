// The forecast report, on a handful of deals whose figures are worked out by hand in comments.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_forecast_tests {
namespace {

using Rows = std::vector<std::string>;

// Today is 2026-11-23. Default stages: qualification 10%, needs-analysis 25%, proposal 50%,
// negotiation 75%.
struct Forecast : ReportDir {
  Forecast() {
    deal("proposal", "open", "1000.00", "EUR", "anna", "2026-11-10");       // 13 days late
    deal("qualification", "open", "2000.00", "EUR", "anna", "2026-12-05");  // weighted 200.00
    deal("proposal", "open", "333.33", "EUR", "ben", "2026-12-20");         // 166.665 -> 166.67
    deal("negotiation", "open", "100000", "JPY", "ben", "2027-01-15");      // 75000
    deal("needs-analysis", "open", "", "EUR", "chloe", "2026-10-31");       // 23 days late, 0
    deal("proposal", "open", "500.00", "EUR", "anna", "");                  // in no month
    deal("negotiation", "won", "9999.00", "EUR", "anna", "2026-12-01");     // not open
    deal("proposal", "lost", "700.00", "EUR", "ben", "2026-12-01");         // not open
  }
  Record deal(const std::string& stage, const std::string& status, const std::string& amount,
              const std::string& currency, const std::string& owner, const std::string& close_by) {
    Fields fields = {f("title", stage + " " + owner), f("status", status), f("stage", stage),
                     f("account", "A-00000000"),      f("owner", owner),   f("currency", currency)};
    if (!amount.empty()) fields.push_back(f("amount", amount));
    if (!close_by.empty()) fields.push_back(f("close_by", close_by));
    return put_record(Kind::deal, fields);
  }
};

ReportOptions by(const std::string& grouping) {
  ReportOptions o;
  o.by = grouping;
  return o;
}

}  // namespace

TEST_CASE("Forecast: open deals by expected close month, best case and weighted per currency",
          "[report][forecast]") {
  Forecast d;
  Report r = d.report("forecast");
  // 2026-10 EUR: chloe's deal without an amount: 0.00, weighted 0.00
  // 2026-11 EUR: 1000.00, weighted 50% = 500.00
  // 2026-12 EUR: 2000.00 + 333.33 = 2333.33; weighted 200.00 + 166.67 = 366.67
  // 2027-01 JPY: 100000, weighted 75% = 75000. Won, lost and the deal without close_by: none.
  CHECK(rows_of(r, "forecast") == Rows{"2026-10 EUR 1 0.00 0.00", "2026-11 EUR 1 1000.00 500.00",
                                       "2026-12 EUR 2 2333.33 366.67",
                                       "2027-01 JPY 1 100000 75000"});
  // EUR: 0 + 1000.00 + 2333.33 = 3333.33; 0 + 500.00 + 366.67 = 866.67
  CHECK(rows_of(r, "totals") == Rows{"EUR 4 3333.33 866.67", "JPY 1 100000 75000"});
  // Late: 2026-10-31 -> 2026-11-23 is 23 days, 2026-11-10 -> 2026-11-23 is 13; most late first.
  CHECK(rows_of(r, "overdue") ==
        Rows{"D-00000005 needs-analysis chloe needs-analysis chloe 2026-10-31 23 EUR -",
             "D-00000001 proposal anna proposal anna 2026-11-10 13 EUR 1000.00"});
  CHECK(r.notes == Rows{"1 open deal without an expected close date (close_by) is in no month",
                        "1 open deal without an amount counts as 0"});
}

TEST_CASE("Forecast: by quarter and by owner", "[report][forecast]") {
  Forecast d;
  // 2026-Q4 EUR: the four EUR deals: 0 + 1000.00 + 2333.33; 0 + 500.00 + 366.67
  CHECK(rows_of(d.report("forecast", by("quarter")), "forecast") ==
        Rows{"2026-Q4 EUR 4 3333.33 866.67", "2027-Q1 JPY 1 100000 75000"});
  // anna: 1000.00 + 2000.00 = 3000.00; 500.00 + 200.00 = 700.00 (her deal without close_by: none)
  Report owners = d.report("forecast", by("owner"));
  CHECK(rows_of(owners, "forecast") == Rows{"anna EUR 2 3000.00 700.00", "ben EUR 1 333.33 166.67",
                                            "ben JPY 1 100000 75000", "chloe EUR 1 0.00 0.00"});
  CHECK(owners.notes.front() ==
        "1 open deal without an expected close date (close_by) is in no row");
}

TEST_CASE("Forecast: for one owner, in one currency, in a close-by period", "[report][forecast]") {
  Forecast d;
  ReportOptions ben;
  ben.owner = "ben";
  Report r = d.report("forecast", ben);
  CHECK(rows_of(r, "totals") == Rows{"EUR 1 333.33 166.67", "JPY 1 100000 75000"});
  CHECK(rows_of(r, "overdue").empty());
  CHECK(r.notes.empty());

  ReportOptions yen;
  yen.currency = "JPY";
  CHECK(rows_of(d.report("forecast", yen), "forecast") == Rows{"2027-01 JPY 1 100000 75000"});

  // December: the two deals expected then; none of them is late.
  ReportOptions december;
  december.from = Date(2026, 12, 1);
  december.to = Date(2026, 12, 31);
  Report dec = d.report("forecast", december);
  CHECK(rows_of(dec, "forecast") == Rows{"2026-12 EUR 2 2333.33 366.67"});
  CHECK(rows_of(dec, "totals") == Rows{"EUR 2 2333.33 366.67"});
  CHECK(rows_of(dec, "overdue").empty());
  CHECK(dec.notes.back() == "only deals expected to close (close_by) in the period");
}

TEST_CASE("Forecast: an empty directory has a zero total and nothing else", "[report][forecast]") {
  ReportDir empty;
  Report r = empty.report("forecast");
  CHECK(rows_of(r, "forecast").empty());
  CHECK(rows_of(r, "totals") == Rows{"EUR 0 0.00 0.00"});
  CHECK(rows_of(r, "overdue").empty());
  CHECK(r.notes.empty());
}

}  // namespace report_forecast_tests
