// The pipeline report, on a handful of deals whose figures are worked out by hand in comments.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_pipeline_tests {
namespace {

// Default stages: qualification 10%, needs-analysis 25%, proposal 50%, negotiation 75%.
struct Pipeline : ReportDir {
  Pipeline() {
    deal("qualification", "open", "1000.00", "EUR", "anna", "2026-12-15");
    deal("proposal", "open", "2500.50", "EUR", "anna", "2027-01-20",
         {{{"at", "2026-10-01T10:00:00+00:00"},
           {"field", "stage"},
           {"from", "qualification"},
           {"to", "proposal"},
           {"by", "anna"}}});
    deal("proposal", "open", "333.33", "EUR", "ben", "2026-12-01");
    deal("negotiation", "open", "100000", "JPY", "ben", "");
    deal("negotiation", "won", "9999.00", "EUR", "anna", "2026-11-01");
    deal("proposal", "lost", "500.00", "EUR", "ben", "2026-11-01");
    deal("qualification", "open", "", "EUR", "chloe", "");
  }
  Record deal(const std::string& stage, const std::string& status, const std::string& amount,
              const std::string& currency, const std::string& owner, const std::string& close_by,
              std::vector<std::vector<std::pair<std::string, std::string>>> history = {}) {
    Fields fields = {f("title", stage + " " + owner),
                     f("status", status),
                     f("stage", stage),
                     f("account", "A-00000000"),
                     f("owner", owner),
                     f("currency", currency),
                     f("created", "2026-09-01T09:00:00+00:00")};
    if (!amount.empty()) fields.push_back(f("amount", amount));
    if (!close_by.empty()) fields.push_back(f("close_by", close_by));
    if (!history.empty()) fields.push_back(entries("history", history));
    return put_record(Kind::deal, fields);
  }
};

}  // namespace

TEST_CASE("Pipeline: open deals per stage and currency, weighted by the stage's probability",
          "[report][pipeline]") {
  Pipeline p;
  Report r = p.report("pipeline");
  // qualification EUR: 1000.00 + 0 (no amount) = 1000.00; weighted 10% = 100.00
  // proposal EUR: 2500.50 + 333.33 = 2833.83; weighted 1250.25 + 166.67 (166.665 half up)
  // negotiation JPY: 100000, weighted 75000. Won and lost deals are not open.
  CHECK(rows_of(r, "stages") == std::vector<std::string>{
                                    "qualification EUR 2 1000.00 10 100.00",
                                    "needs-analysis EUR 0 0.00 25 0.00",
                                    "proposal EUR 2 2833.83 50 1416.92",
                                    "negotiation JPY 1 100000 75 75000",
                                });
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"EUR 4 3833.83 1516.92", "JPY 1 100000 75000"});
  // In their stage since: the stage change on 2026-10-01 for one, created 2026-09-01 for the
  // others; today is 2026-11-23: 83 and 53 days.
  auto longest = rows_of(r, "longest");
  REQUIRE(longest.size() == 5);
  CHECK(longest[0].find("2026-09-01 83") != std::string::npos);
  CHECK(longest[4].find("proposal anna 2026-10-01 53 EUR 2500.50") != std::string::npos);
  CHECK(r.notes == std::vector<std::string>{"1 open deal without an amount counts as 0"});
}

TEST_CASE("Pipeline: by owner, for one owner, in one currency, in a close-by period",
          "[report][pipeline]") {
  Pipeline p;
  ReportOptions by_owner;
  by_owner.by = "owner";
  CHECK(rows_of(p.report("pipeline", by_owner), "stages") ==
        std::vector<std::string>{"anna EUR 2 3500.50 - 1350.25", "ben EUR 1 333.33 - 166.67",
                                 "ben JPY 1 100000 - 75000", "chloe EUR 1 0.00 - 0.00"});
  ReportOptions anna;
  anna.owner = "anna";
  CHECK(rows_of(p.report("pipeline", anna), "totals") ==
        std::vector<std::string>{"EUR 2 3500.50 1350.25"});
  ReportOptions yen;
  yen.currency = "JPY";
  CHECK(rows_of(p.report("pipeline", yen), "totals") ==
        std::vector<std::string>{"JPY 1 100000 75000"});
  ReportOptions december;
  december.from = Date(2026, 12, 1);
  december.to = Date(2026, 12, 31);
  CHECK(rows_of(p.report("pipeline", december), "totals") ==
        std::vector<std::string>{"EUR 2 1333.33 266.67"});
}

TEST_CASE("Reports refuse a grouping they do not offer and a period that ends before it starts",
          "[report]") {
  Pipeline p;
  ReportOptions bad_by;
  bad_by.by = "product";
  CHECK_THROWS_AS(p.report("pipeline", bad_by), UsageError);
  ReportOptions backwards;
  backwards.from = Date(2026, 12, 1);
  backwards.to = Date(2026, 11, 1);
  CHECK_THROWS_AS(p.report("pipeline", backwards), UsageError);
  CHECK_THROWS_AS(p.report("no-such-report"), UsageError);
  ReportOptions bad_currency;
  bad_currency.currency = "euro";
  CHECK_THROWS_AS(p.report("pipeline", bad_currency), UsageError);
}

}  // namespace report_pipeline_tests

namespace report_pipeline_tests {

TEST_CASE("With no amounts at all, totals show zero in the currency asked for, else crm.yaml's",
          "[report][pipeline]") {
  ReportDir empty;
  CHECK(rows_of(empty.report("pipeline"), "totals") == std::vector<std::string>{"EUR 0 0.00 0.00"});
  ReportOptions yen;
  yen.currency = "JPY";
  // JPY has no minor digits: zero is written 0.
  CHECK(rows_of(empty.report("pipeline", yen), "totals") == std::vector<std::string>{"JPY 0 0 0"});
}

}  // namespace report_pipeline_tests
