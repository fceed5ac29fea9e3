// The funnel report, on five leads and two deals made without one, whose way down (quotes,
// orders, invoices) and days between the steps are worked out by hand in comments.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_funnel_tests {
namespace {

using Rows = std::vector<std::string>;

std::string at(const std::string& day) {
  return day + "T09:00:00+00:00";
}

//   L-1 2026-09-01 anna  converted (its `deal` names D-6) -> D-6 09-05 -> Q-11 09-10,
//       accepted 09-20 -> O-16 09-22 -> I-19 (of O-16) paid 10-02
//   L-2 2026-09-03 anna  -> D-7 09-13 (deal.lead) -> Q-12 09-17, sent only
//   L-3 2026-10-01 ben   -> D-8 10-02 in JPY -> Q-13 10-06, accepted (no history: its created
//       day) -> contract K-15 (its quote names the deal) -> release order O-17 10-20 -> I-20
//       partly paid
//   L-4 2026-10-15 ben, L-5 2026-11-01 chloe: no deal
//   D-9 2026-10-10 anna, no lead -> Q-14 10-12, accepted 10-14 -> O-18 cancelled
//   D-10 2026-11-05 ben, no lead: nothing more
struct Funnel : ReportDir {
  Funnel() {
    put_record(Kind::lead, {f("status", "converted"), f("name", "one"), f("owner", "anna"),
                            f("created", at("2026-09-01")), f("account", "A-00000000"),
                            f("contact", "C-00000000"), f("deal", "D-00000006")});
    lead("two", "anna", "2026-09-03");
    lead("three", "ben", "2026-10-01");
    lead("four", "ben", "2026-10-15");
    lead("five", "chloe", "2026-11-01");
    deal("", "anna", "EUR", "2026-09-05");                        // D-6: its lead names it
    deal("L-00000002", "anna", "EUR", "2026-09-13");              // D-7
    deal("L-00000003", "ben", "JPY", "2026-10-02");               // D-8
    deal("", "anna", "EUR", "2026-10-10");                        // D-9
    deal("", "ben", "EUR", "2026-11-05");                         // D-10
    quote("D-00000006", "accepted", "2026-09-10", "2026-09-20");
    quote("D-00000007", "sent", "2026-09-17", "");
    quote("D-00000008", "accepted", "2026-10-06", "");
    quote("D-00000009", "accepted", "2026-10-12", "2026-10-14");
    put_record(Kind::contract,
               {f("number", "SK-2026-0001"), f("status", "fulfilled"), f("account", "A-00000000"),
                f("quote", "Q-00000013"), f("from", "2026-10-06"), f("to", "2026-12-31"),
                f("currency", "JPY"), f("subtotal", "0"), f("net", "0"), f("tax", "0"),
                f("total", "0")});                                    // K-15
    order({f("deal", "D-00000006")}, "closed", "2026-09-22");         // O-16
    order({f("contract", "K-00000015")}, "delivered", "2026-10-20");  // O-17
    order({f("deal", "D-00000009")}, "cancelled", "2026-10-16");      // O-18
    invoice({f("order", "O-00000016")}, "paid",
            entries("history", {{{"at", at("2026-10-02")},
                                 {"from", "issued"},
                                 {"to", "paid"},
                                 {"by", "anna"}}}));  // I-19
    invoice({f("order", "O-00000017")}, "partially-paid",
            entries("payments", {{{"date", "2026-10-30"}, {"amount", "100"}}}));  // I-20
  }
  void lead(const std::string& name, const std::string& owner, const std::string& created) {
    put_record(Kind::lead, {f("status", "qualified"), f("name", name), f("owner", owner),
                            f("created", at(created))});
  }
  void deal(const std::string& lead, const std::string& owner, const std::string& currency,
            const std::string& created) {
    Fields fields = {f("title", "deal of " + owner), f("status", "open"), f("stage", "proposal"),
                     f("account", "A-00000000"),     f("owner", owner),   f("currency", currency),
                     f("created", at(created))};
    if (!lead.empty()) fields.push_back(f("lead", lead));
    put_record(Kind::deal, fields);
  }
  void quote(const std::string& deal, const std::string& status, const std::string& created,
             const std::string& accepted) {
    Fields fields = {f("number", "Q-2026-0001"),
                     f("status", status),
                     f("deal", deal),
                     f("account", "A-00000000"),
                     f("revision", "1"),
                     f("currency", "EUR"),
                     f("subtotal", "0.00"),
                     f("net", "0.00"),
                     f("tax", "0.00"),
                     f("total", "0.00"),
                     f("valid_until", "2026-12-31"),
                     f("created", at(created))};
    if (!accepted.empty())
      fields.push_back(
          entries("history",
                  {{{"at", at(accepted)}, {"from", "sent"}, {"to", "accepted"}, {"by", "anna"}}}));
    put_record(Kind::quote, fields);
  }
  void order(Fields link, const std::string& status, const std::string& created) {
    Fields fields = {f("number", "SO-2026-0001"),
                     f("status", status),
                     f("account", "A-00000000"),
                     f("currency", "EUR"),
                     f("subtotal", "0.00"),
                     f("net", "0.00"),
                     f("tax", "0.00"),
                     f("total", "0.00"),
                     f("created", at(created))};
    if (status != "open" && status != "cancelled") fields.push_back(f("delivered", created));
    fields.insert(fields.end(), link.begin(), link.end());
    put_record(Kind::order, fields);
  }
  void invoice(Fields link, const std::string& status, std::pair<std::string, Value> more) {
    Fields fields = {f("number", "INV-2026-0001"),
                     f("status", status),
                     f("account", "A-00000000"),
                     f("currency", "EUR"),
                     f("subtotal", "0.00"),
                     f("net", "0.00"),
                     f("tax", "0.00"),
                     f("total", "0.00"),
                     f("issued", "2026-09-25"),
                     f("due", "2026-10-25"),
                     f("balance", "0.00"),
                     more};
    fields.insert(fields.end(), link.begin(), link.end());
    put_record(Kind::invoice, fields);
  }
};

}  // namespace

TEST_CASE("Funnel: leads down to paid invoices, with rates and median days", "[report][funnel]") {
  Funnel d;
  Report r = d.report("funnel");
  // lead: 5
  // deal: L-1, L-2, L-3: 3 of 5 = 60.0; days 4 (09-01..05), 10 (09-03..13), 1 (10-01..02): 4
  // quoted: all three: 100.0, 3/5 = 60.0; days 5 (09-05..10), 4 (09-13..17), 4 (10-02..06): 4
  // accepted: L-1, L-3: 2/3 = 66.7, 2/5 = 40.0; days 10 (09-10..20), 0 (10-06): (0+10)/2 = 5
  // ordered: L-1 (O-16), L-3 (release O-17 via K-15 and Q-13): 100.0, 40.0; days 2 (09-20..22)
  //          and 14 (10-06..20): 8
  // paid: L-1 (I-19); I-20 is only partly paid: 1/2 = 50.0, 1/5 = 20.0; days 09-22..10-02: 10
  CHECK(rows_of(r, "leads") == Rows{"lead 5 - 100.0 -", "deal 3 60.0 60.0 4",
                                    "quoted 3 100.0 60.0 4", "accepted 2 66.7 40.0 5",
                                    "ordered 2 100.0 40.0 8", "paid 1 50.0 20.0 10"});
  // D-9 and D-10 (D-6 is L-1's, named by the lead): D-9 quoted 10-10..12 (2 days), accepted
  // 10-12..14 (2 days); its only order is cancelled.
  CHECK(rows_of(r, "direct") == Rows{"deal 2 - 100.0 -", "quoted 1 50.0 50.0 2",
                                     "accepted 1 100.0 50.0 2", "ordered 0 0.0 0.0 -",
                                     "paid 0 - 0.0 -"});
  CHECK(r.notes ==
        Rows{"2 deals made without a lead are counted apart (section direct), not as leads"});
}

TEST_CASE("Funnel: for one owner, in one currency, for the leads of a period", "[report][funnel]") {
  Funnel d;
  ReportOptions anna;
  anna.owner = "anna";
  Report r = d.report("funnel", anna);
  // L-1 and L-2: deal days 4 and 10: 7; quoted 5 and 4: 4.5; then L-1 alone.
  CHECK(rows_of(r, "leads") == Rows{"lead 2 - 100.0 -", "deal 2 100.0 100.0 7",
                                    "quoted 2 100.0 100.0 4.5", "accepted 1 50.0 50.0 10",
                                    "ordered 1 100.0 50.0 2", "paid 1 100.0 50.0 10"});
  CHECK(rows_of(r, "direct").front() == "deal 1 - 100.0 -");

  // Leads have no currency: all five count; from the deal on only D-8 (JPY).
  ReportOptions yen;
  yen.currency = "JPY";
  Report y = d.report("funnel", yen);
  CHECK(rows_of(y, "leads") == Rows{"lead 5 - 100.0 -", "deal 1 20.0 20.0 1",
                                    "quoted 1 100.0 20.0 4", "accepted 1 100.0 20.0 0",
                                    "ordered 1 100.0 20.0 14", "paid 0 0.0 0.0 -"});
  CHECK(rows_of(y, "direct").front() == "deal 0 - - -");
  CHECK(y.notes ==
        Rows{"a lead has no currency: every lead counts, and from the deal on only deals in JPY"});

  // October's leads: L-3 and L-4; October's deal without a lead: D-9. The steps may lie later.
  ReportOptions october;
  october.from = Date(2026, 10, 1);
  october.to = Date(2026, 10, 31);
  Report o = d.report("funnel", october);
  CHECK(rows_of(o, "leads") == Rows{"lead 2 - 100.0 -", "deal 1 50.0 50.0 1",
                                    "quoted 1 100.0 50.0 4", "accepted 1 100.0 50.0 0",
                                    "ordered 1 100.0 50.0 14", "paid 0 0.0 0.0 -"});
  CHECK(rows_of(o, "direct") == Rows{"deal 1 - 100.0 -", "quoted 1 100.0 100.0 2",
                                     "accepted 1 100.0 100.0 2", "ordered 0 0.0 0.0 -",
                                     "paid 0 - 0.0 -"});
}

TEST_CASE("Funnel: an empty directory has every step at 0 and no rate", "[report][funnel]") {
  ReportDir empty;
  Report r = empty.report("funnel");
  CHECK(rows_of(r, "leads") == Rows{"lead 0 - - -", "deal 0 - - -", "quoted 0 - - -",
                                    "accepted 0 - - -", "ordered 0 - - -", "paid 0 - - -"});
  CHECK(rows_of(r, "direct").size() == 5);
  CHECK(r.notes.empty());
  // The funnel has no groupings.
  ReportOptions by_owner;
  by_owner.by = "owner";
  CHECK_THROWS_AS(empty.report("funnel", by_owner), UsageError);
}

}  // namespace report_funnel_tests
