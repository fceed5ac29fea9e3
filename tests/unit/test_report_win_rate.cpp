// The win-rate report, on a few closed deals whose figures are worked out by hand in comments.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_win_rate_tests {
namespace {

using Rows = std::vector<std::string>;

// Leads L-00000001 (fair), L-00000002 (web), L-00000003 (no source); seven closed deals and an
// open one.
struct WinRate : ReportDir {
  WinRate() {
    lead("fair");
    lead("web");
    lead("");
    deal("won", "anna", "EUR", "2026-10-05", "L-00000001", "");  // D-4
    deal("lost", "anna", "EUR", "2026-10-20", "L-00000002", "price");
    // Completed, closed only in its history: won on 2026-11-03.
    put_record(Kind::deal,
               {f("title", "completed"), f("status", "completed"), f("stage", "negotiation"),
                f("account", "A-00000000"), f("owner", "anna"), f("lead", "L-00000001"),
                entries("history", {{{"at", "2026-11-03T09:00:00+00:00"},
                                     {"from", "open"},
                                     {"to", "won"},
                                     {"by", "anna"}},
                                    {{"at", "2026-11-18T09:00:00+00:00"},
                                     {"from", "won"},
                                     {"to", "completed"},
                                     {"by", "anna"}}})});
    deal("lost", "ben", "EUR", "2026-11-10", "", "price");
    deal("lost", "ben", "JPY", "2026-11-12", "L-00000003", "timing");
    deal("won", "ben", "EUR", "2026-11-15", "L-00000002", "");
    deal("lost", "chloe", "EUR", "2026-09-30", "", " no budget ");
    deal("open", "chloe", "EUR", "", "", "");
  }
  void lead(const std::string& source) {
    Fields fields = {f("status", "new"), f("name", "lead " + source)};
    if (!source.empty()) fields.push_back(f("source", source));
    put_record(Kind::lead, fields);
  }
  void deal(const std::string& status, const std::string& owner, const std::string& currency,
            const std::string& closed, const std::string& lead, const std::string& reason) {
    Fields fields = {
        f("title", status + " " + owner), f("status", status), f("stage", "proposal"),
        f("account", "A-00000000"),       f("owner", owner),   f("currency", currency)};
    if (!closed.empty()) fields.push_back(f("closed", closed));
    if (!lead.empty()) fields.push_back(f("lead", lead));
    if (!reason.empty()) fields.push_back(f("reason", reason));
    put_record(Kind::deal, fields);
  }
};

ReportOptions by(const std::string& grouping) {
  ReportOptions o;
  o.by = grouping;
  return o;
}

}  // namespace

TEST_CASE("Win rate: won / (won + lost) per owner, and why deals were lost", "[report][win-rate]") {
  WinRate w;
  Report r = w.report("win-rate");
  // anna: won 2 (one completed), lost 1: 2/3 = 66.67 -> 66.7
  // ben: won 1, lost 2: 1/3 = 33.33 -> 33.3; chloe: lost 1: 0.0. The open deal: none.
  CHECK(rows_of(r, "win_rate") == Rows{"anna 2 1 66.7", "ben 1 2 33.3", "chloe 0 1 0.0"});
  // 3 / 7 = 42.857 -> 42.9
  CHECK(rows_of(r, "totals") == Rows{"3 4 42.9"});
  // price 2 of 4 = 50.0; then the ties alphabetically; " no budget " is trimmed.
  CHECK(rows_of(r, "lost_reasons") == Rows{"price 2 50.0", "no budget 1 25.0", "timing 1 25.0"});
  CHECK(r.notes.empty());
}

TEST_CASE("Win rate: by month, quarter and lead source", "[report][win-rate]") {
  WinRate w;
  // 2026-09: chloe's loss; 2026-10: a win and a loss; 2026-11: the completed deal (11-03) and
  // ben's win, ben's two losses.
  CHECK(rows_of(w.report("win-rate", by("month")), "win_rate") ==
        Rows{"2026-09 0 1 0.0", "2026-10 1 1 50.0", "2026-11 2 2 50.0"});
  CHECK(rows_of(w.report("win-rate", by("quarter")), "win_rate") ==
        Rows{"2026-Q3 0 1 0.0", "2026-Q4 3 3 50.0"});
  // fair: both wins of L-1; web: a loss and a win; (none): no lead (2) or a lead without a
  // source (1), all lost.
  CHECK(rows_of(w.report("win-rate", by("source")), "win_rate") ==
        Rows{"(none) 0 3 0.0", "fair 2 0 100.0", "web 1 1 50.0"});
}

TEST_CASE("Win rate: for one owner, in one currency, in a period", "[report][win-rate]") {
  WinRate w;
  ReportOptions ben;
  ben.owner = "ben";
  Report r = w.report("win-rate", ben);
  CHECK(rows_of(r, "win_rate") == Rows{"ben 1 2 33.3"});
  CHECK(rows_of(r, "lost_reasons") == Rows{"price 1 50.0", "timing 1 50.0"});
  ReportOptions yen;
  yen.currency = "JPY";
  CHECK(rows_of(w.report("win-rate", yen), "totals") == Rows{"0 1 0.0"});
  ReportOptions november;
  november.from = Date(2026, 11, 1);
  november.to = Date(2026, 11, 30);
  Report nov = w.report("win-rate", november);
  CHECK(rows_of(nov, "win_rate") == Rows{"anna 1 0 100.0", "ben 1 2 33.3"});
  CHECK(rows_of(nov, "totals") == Rows{"2 2 50.0"});
  CHECK(nov.notes == Rows{"only deals closed (won or lost) in the period"});
}

TEST_CASE("Win rate: an empty directory has no rate", "[report][win-rate]") {
  ReportDir empty;
  Report r = empty.report("win-rate");
  CHECK(rows_of(r, "win_rate").empty());
  CHECK(rows_of(r, "totals") == Rows{"0 0 -"});
  CHECK(rows_of(r, "lost_reasons").empty());
}

}  // namespace report_win_rate_tests
