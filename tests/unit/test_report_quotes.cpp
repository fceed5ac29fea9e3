// The quotes report, on a handful of quotes whose figures are worked out by hand in comments.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_quotes_tests {
namespace {

using Entry = std::vector<std::pair<std::string, std::string>>;

Entry moved(const std::string& at, const std::string& from, const std::string& to,
            const std::string& note = "") {
  Entry e = {{"at", at + "T10:00:00+00:00"}, {"from", from}, {"to", to}, {"by", "anna"}};
  if (!note.empty()) e.push_back({"note", note});
  return e;
}

// Today is 2026-11-23. Deals: d1, d3, d6 are anna's; d2, d4, d5 ben's.
struct Quotes : ReportDir {
  Quotes() {
    std::string d1 = deal("anna"), d2 = deal("ben"), d3 = deal("anna"), d4 = deal("ben"),
                d5 = deal("ben"), d6 = deal("anna");
    // q1: sent in October, accepted; 10% discount.
    quote(d1, "accepted", "EUR", "1000.00", "10", "1", "2026-12-31",
          {moved("2026-10-05", "draft", "sent"), moved("2026-10-07", "sent", "accepted")});
    // q2: sent in October, rejected ("too expensive", in history), then revised into q3.
    quote(d2, "superseded", "EUR", "500.00", "5", "1", "2026-12-31",
          {moved("2026-10-10", "draft", "sent"),
           moved("2026-10-12", "sent", "rejected", "too expensive"),
           moved("2026-10-20", "rejected", "superseded")});
    // q3: revision 2 of q2, sent in November, accepted; 12.5%.
    quote(d2, "accepted", "EUR", "450.00", "12.5", "2", "2026-12-31",
          {moved("2026-11-02", "draft", "sent"), moved("2026-11-03", "sent", "accepted")});
    // q4: sent in November, valid until 2026-11-15, no answer: expired today. No discount.
    quote(d4, "sent", "EUR", "300.00", "", "1", "2026-11-15",
          {moved("2026-11-05", "draft", "sent")});
    // q5: rejected; the reason only in its field.
    quote(d5, "rejected", "EUR", "200.00", "0", "1", "2026-12-31",
          {moved("2026-11-10", "draft", "sent"), moved("2026-11-11", "sent", "rejected")},
          "too expensive");
    // q6: in dollars, sent, still valid: awaiting an answer; 7%.
    quote(d3, "sent", "USD", "800.00", "7", "1", "2026-12-31",
          {moved("2026-11-12", "draft", "sent")});
    // q7: a draft, never sent: in no figure.
    quote(d3, "draft", "USD", "999.00", "50", "2", "2026-12-31", {});
    // q8: rejected for a competitor; 3%.
    quote(d6, "rejected", "EUR", "100.00", "3", "1", "2026-12-31",
          {moved("2026-11-15", "draft", "sent"),
           moved("2026-11-16", "sent", "rejected", "chose a competitor")},
          "chose a competitor");
  }
  std::string deal(const std::string& owner) {
    return put_record(Kind::deal,
                      {f("title", "deal of " + owner), f("status", "open"), f("stage", "proposal"),
                       f("account", "A-00000000"), f("owner", owner)})
        .id();
  }
  void quote(const std::string& deal, const std::string& status, const std::string& currency,
             const std::string& total, const std::string& discount, const std::string& revision,
             const std::string& valid_until, std::vector<Entry> history,
             const std::string& reason = "") {
    Fields fields = {f("number", "Q-2026-" + deal.substr(2)),
                     f("status", status),
                     f("deal", deal),
                     f("account", "A-00000000"),
                     f("revision", revision),
                     f("currency", currency),
                     f("subtotal", total),
                     f("net", total),
                     f("tax", "0.00"),
                     f("total", total),
                     f("valid_until", valid_until)};
    if (!discount.empty()) fields.push_back(f("discount", discount));
    if (!reason.empty()) fields.push_back(f("reason", reason));
    if (!history.empty()) fields.push_back(entries("history", history));
    put_record(Kind::quote, fields);
  }
};

}  // namespace

TEST_CASE("Quotes: outcomes, acceptance rate, accepted value and discount per currency",
          "[report][quotes]") {
  Quotes q;
  Report r = q.report("quotes");
  // EUR sent: q1 q2 q3 q4 q5 q8 = 6. accepted q1 q3 = 2; rejected q2 q5 q8 = 3 (q2 counts though
  // revised later); expired q4 = 1; awaiting 0; revised (superseded) q2 = 1.
  // rate 2 / (2 + 3 + 1) = 33.33 -> 33.3; accepted value 1000.00 + 450.00 = 1450.00;
  // discount (10 + 5 + 12.5 + 0 + 0 + 3) / 6 = 30.5 / 6 = 5.083 -> 5.1.
  // USD: q6 only (q7 is a draft): awaiting 1, no rate, discount 7.0.
  CHECK(rows_of(r, "summary") ==
        std::vector<std::string>{"EUR 6 2 3 1 0 1 33.3 1450.00 5.1", "USD 1 0 0 0 1 0 - 0.00 7.0"});
  CHECK(r.section("totals") == nullptr);
  // Deals with a sent quote: d1 d2 d3 d4 d5 d6 = 6; quotes 7; revisions: q3 = 1.
  // 7 / 6 = 1.17 -> 1.2; 1 / 6 = 0.17 -> 0.2.
  CHECK(rows_of(r, "revisions") == std::vector<std::string>{"6 7 1 1.2 0.2"});
  // "too expensive": q2 (history note) and q5 (field); "chose a competitor": q8.
  CHECK(rows_of(r, "rejection_reasons") ==
        std::vector<std::string>{"too expensive 2", "chose a competitor 1"});
  CHECK(r.notes.empty());
}

TEST_CASE("Quotes: by month and by owner, with totals per currency", "[report][quotes]") {
  Quotes q;
  ReportOptions by_month;
  by_month.by = "month";
  Report r = q.report("quotes", by_month);
  // 2026-10 EUR: q1 q2: accepted 1, rejected 1, revised 1; 1/2 = 50.0; (10 + 5) / 2 = 7.5.
  // 2026-11 EUR: q3 q4 q5 q8: accepted 1, rejected 2, expired 1; 1/4 = 25.0; value 450.00;
  // (12.5 + 0 + 0 + 3) / 4 = 3.875 -> 3.9.
  CHECK(rows_of(r, "summary") == std::vector<std::string>{
                                     "2026-10 EUR 2 1 1 0 0 1 50.0 1000.00 7.5",
                                     "2026-11 EUR 4 1 2 1 0 0 25.0 450.00 3.9",
                                     "2026-11 USD 1 0 0 0 1 0 - 0.00 7.0",
                                 });
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"EUR 6 2 3 1 0 1 33.3 1450.00 5.1", "USD 1 0 0 0 1 0 - 0.00 7.0"});
  ReportOptions by_quarter;
  by_quarter.by = "quarter";
  CHECK(rows_of(q.report("quotes", by_quarter), "summary") ==
        std::vector<std::string>{"2026-Q4 EUR 6 2 3 1 0 1 33.3 1450.00 5.1",
                                 "2026-Q4 USD 1 0 0 0 1 0 - 0.00 7.0"});

  ReportOptions by_owner;
  by_owner.by = "owner";
  // anna: q1 (accepted), q8 (rejected) in EUR: 50.0, 1000.00, (10 + 3) / 2 = 6.5; q6 in USD.
  // ben: q2 q3 q4 q5: accepted q3, rejected q2 q5, expired q4: 1/4 = 25.0; 450.00;
  // (5 + 12.5 + 0 + 0) / 4 = 4.375 -> 4.4.
  CHECK(rows_of(q.report("quotes", by_owner), "summary") ==
        std::vector<std::string>{"anna EUR 2 1 1 0 0 0 50.0 1000.00 6.5",
                                 "anna USD 1 0 0 0 1 0 - 0.00 7.0",
                                 "ben EUR 4 1 2 1 0 1 25.0 450.00 4.4"});
}

TEST_CASE("Quotes: for one owner, in one currency, sent in a period", "[report][quotes]") {
  Quotes q;
  ReportOptions anna;
  anna.owner = "anna";
  Report r = q.report("quotes", anna);
  CHECK(rows_of(r, "summary") ==
        std::vector<std::string>{"EUR 2 1 1 0 0 0 50.0 1000.00 6.5", "USD 1 0 0 0 1 0 - 0.00 7.0"});
  // anna's deals d1 d3 d6, one quote each sent; no revision.
  CHECK(rows_of(r, "revisions") == std::vector<std::string>{"3 3 0 1.0 0.0"});
  CHECK(rows_of(r, "rejection_reasons") == std::vector<std::string>{"chose a competitor 1"});

  ReportOptions dollars;
  dollars.currency = "USD";
  CHECK(rows_of(q.report("quotes", dollars), "summary") ==
        std::vector<std::string>{"USD 1 0 0 0 1 0 - 0.00 7.0"});

  // Sent in November: q3 q4 q5 q8 in EUR, q6 in USD (q1 and q2 went out in October).
  ReportOptions november;
  november.from = Date(2026, 11, 1);
  november.to = Date(2026, 11, 30);
  Report n = q.report("quotes", november);
  CHECK(rows_of(n, "summary") ==
        std::vector<std::string>{"EUR 4 1 2 1 0 0 25.0 450.00 3.9", "USD 1 0 0 0 1 0 - 0.00 7.0"});
  // Deals d2 d4 d5 d6 d3; quotes 5; q3 is a revision: 5/5 = 1.0, 1/5 = 0.2.
  CHECK(rows_of(n, "revisions") == std::vector<std::string>{"5 5 1 1.0 0.2"});
  CHECK(rows_of(n, "rejection_reasons") ==
        std::vector<std::string>{"chose a competitor 1", "too expensive 1"});
  CHECK(n.notes.size() == 1);
}

TEST_CASE("Quotes: an empty directory gives zeros in crm.yaml's currency", "[report][quotes]") {
  ReportDir empty;
  Report r = empty.report("quotes");
  CHECK(rows_of(r, "summary") == std::vector<std::string>{"EUR 0 0 0 0 0 0 - 0.00 -"});
  CHECK(rows_of(r, "revisions") == std::vector<std::string>{"0 0 0 - -"});
  CHECK(rows_of(r, "rejection_reasons").empty());
}

}  // namespace report_quotes_tests
