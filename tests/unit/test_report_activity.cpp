// The activity report: activities per owner, period and type, and idle accounts, by hand.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_activity_tests {
namespace {

// Today is 2026-11-23.
struct Activity : ReportDir {
  Activity() {
    acme = account("Acme", "anna", "2026-01-01");
    beta = account("Beta", "ben", "2026-01-01");
    gamma = account("Gamma", "anna", "2026-11-01");  // new, never contacted: 22 days
    // Never contacted since 2026-06-01: 29 + 31 + 31 + 30 + 31 + 23 = 175 days.
    delta = account("Delta", "ben", "2026-06-01");
    std::string deal = put_record(Kind::deal, {f("title", "big one"), f("status", "open"),
                                               f("stage", "proposal"), f("account", acme)})
                           .id();
    std::string contact =
        put_record(Kind::contact, {f("name", "Bea Berg"), f("account", beta)}).id();
    activity("note", acme, "2026-11-20", "anna");
    activity("call", deal, "2026-11-21", "anna");     // Acme's last contact, through its deal
    activity("email", contact, "2026-09-01", "ben");  // Beta's, through its contact
    activity("task", beta, "2026-11-22", "ben");      // a plan, not a contact
    activity("meeting", acme, "2026-10-15", "ben");
    activity("call", beta, "2026-08-10", "anna");
    activity("email", acme, "2026-10-02", "chloe");
  }
  std::string account(const std::string& name, const std::string& owner,
                      const std::string& created) {
    return put_record(Kind::account, {f("name", name), f("owner", owner),
                                      f("created", created + "T09:00:00+00:00")})
        .id();
  }
  void activity(const std::string& type, const std::string& about, const std::string& at,
                const std::string& by) {
    Fields fields = {f("type", type), f("about", about), f("at", at + "T10:00:00+00:00"),
                     f("by", by), f("subject", type + " " + by)};
    if (type == "task") {
      fields.push_back(f("status", "open"));
      fields.push_back(f("due", "2026-11-30"));
    }
    put_record(Kind::activity, fields);
  }
  std::string acme, beta, gamma, delta;
};

}  // namespace

TEST_CASE("Activity: per owner with a column per type, and idle accounts", "[report][activity]") {
  Activity a;
  Report r = a.report("activity");
  // Columns note call meeting email task total.
  // anna: note, call, call; ben: email, task, meeting; chloe: email.
  CHECK(rows_of(r, "activities") ==
        std::vector<std::string>{"anna 1 2 0 0 0 3", "ben 0 0 1 1 1 3", "chloe 0 0 0 1 0 1"});
  // Acme: last contact 2026-11-21 (2 days), Gamma 22 days since created: not idle at 30.
  // Beta: 2026-09-01 (the task of 11-22 is no contact): 29 + 31 + 23 = 83 days.
  CHECK(rows_of(r, "idle") ==
        std::vector<std::string>{a.delta + " Delta ben - 175", a.beta + " Beta ben 2026-09-01 83"});
}

TEST_CASE("Activity: by month, quarter and type", "[report][activity]") {
  Activity a;
  ReportOptions by;
  by.by = "month";
  CHECK(rows_of(a.report("activity", by), "activities") ==
        std::vector<std::string>{"2026-08 0 1 0 0 0 1", "2026-09 0 0 0 1 0 1",
                                 "2026-10 0 0 1 1 0 2", "2026-11 1 1 0 0 1 3"});
  by.by = "quarter";
  CHECK(rows_of(a.report("activity", by), "activities") ==
        std::vector<std::string>{"2026-Q3 0 1 0 1 0 2", "2026-Q4 1 1 1 1 1 5"});
  by.by = "type";
  // Of 7: 1/7 = 14.29 -> 14.3; 2/7 = 28.57 -> 28.6.
  CHECK(rows_of(a.report("activity", by), "activities") ==
        std::vector<std::string>{"note 1 14.3", "call 2 28.6", "meeting 1 14.3", "email 2 28.6",
                                 "task 1 14.3"});
}

TEST_CASE("Activity: an owner, a period, another idle threshold", "[report][activity]") {
  Activity a;
  ReportOptions anna;
  anna.owner = "anna";
  anna.idle_days = 20;
  Report r = a.report("activity", anna);
  CHECK(rows_of(r, "activities") == std::vector<std::string>{"anna 1 2 0 0 0 3"});
  // anna's accounts: Acme (2 days) and Gamma (22, never contacted).
  CHECK(rows_of(r, "idle") == std::vector<std::string>{a.gamma + " Gamma anna - 22"});

  ReportOptions november;
  november.from = Date(2026, 11, 1);
  november.to = Date(2026, 11, 30);
  november.idle_days = 0;
  Report n = a.report("activity", november);
  CHECK(rows_of(n, "activities") ==
        std::vector<std::string>{"anna 1 1 0 0 0 2", "ben 0 0 0 0 1 1"});
  // The period leaves the idle accounts alone; at 0 days every account is listed.
  CHECK(rows_of(n, "idle") ==
        std::vector<std::string>{a.delta + " Delta ben - 175", a.beta + " Beta ben 2026-09-01 83",
                                 a.gamma + " Gamma anna - 22", a.acme + " Acme anna 2026-11-21 2"});
}

TEST_CASE("Activity: an empty directory", "[report][activity]") {
  ReportDir empty;
  CHECK(rows_of(empty.report("activity"), "activities").empty());
  CHECK(rows_of(empty.report("activity"), "idle").empty());
  ReportOptions by_type;
  by_type.by = "type";
  CHECK(rows_of(empty.report("activity", by_type), "activities") ==
        std::vector<std::string>{"note 0 -", "call 0 -", "meeting 0 -", "email 0 -", "task 0 -"});
}

}  // namespace report_activity_tests
