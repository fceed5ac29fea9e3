// The service report: requests, orders and confirmed work, figures worked out by hand.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_service_tests {
namespace {

using Entry = std::vector<std::pair<std::string, std::string>>;

Entry moved(const std::string& at, const std::string& from, const std::string& to) {
  return {{"at", at}, {"from", from}, {"to", to}, {"by", "sam"}};
}

// Today is 2026-11-23. Acme is anna's (with contract SC-2026-0001), Beta ben's.
struct Service : ReportDir {
  Service() {
    acme = put_record(Kind::account, {f("name", "Acme"), f("owner", "anna")}).id();
    beta = put_record(Kind::account, {f("name", "Beta"), f("owner", "ben")}).id();
    contract = put_record(Kind::service_contract,
                          {f("number", "SC-2026-0001"), f("status", "active"), f("account", acme),
                           f("from", "2026-01-01"), f("currency", "EUR"), f("hourly_rate", "80.00"),
                           f("included_hours", "4"), f("period", "month")})
                   .id();
    // r1: solved from the KB 2 hours after it came in, within its deadline.
    request(acme, "solved", "2026-11-02T09:00:00+00:00", "2026-11-02T13:00:00+00:00", false,
            {moved("2026-11-02T11:00:00+00:00", "open", "solved")});
    // r2: a complaint escalated at 15:00, 2 hours past its deadline; closed 48 hours after.
    request(acme, "closed", "2026-11-03T09:00:00+00:00", "2026-11-03T13:00:00+00:00", true,
            {moved("2026-11-03T15:00:00+00:00", "open", "escalated"),
             moved("2026-11-05T09:00:00+00:00", "escalated", "closed")});
    // r3: a complaint, open, without a deadline.
    request(beta, "open", "2026-11-10T08:00:00+00:00", "", true, {});
    // r4: open, its deadline (2026-11-21) passed: missed.
    request(acme, "open", "2026-11-20T09:00:00+00:00", "2026-11-21T09:00:00+00:00", false, {});
    // r5: October, solved in half an hour.
    request(beta, "solved", "2026-10-15T09:00:00+00:00", "2026-10-15T17:00:00+00:00", false,
            {moved("2026-10-15T09:30:00+00:00", "open", "solved")});
    // r6: open, its deadline is today: not missed yet.
    request(acme, "open", "2026-11-22T09:00:00+00:00", "2026-11-23T09:00:00+00:00", false, {});

    std::string sv1 = order(acme, "completed", "tom", "2026-11-03");
    std::string sv2 = order(acme, "in-progress", "uma", "2026-11-12");
    std::string sv3 = order(beta, "billed", "tom", "2026-10-20");
    order(beta, "open", "", "2026-11-21");
    confirmation(sv1, acme, contract, "2026-11-04", "EUR", "3", "1", "80.00");
    confirmation(sv1, acme, contract, "2026-11-05", "EUR", "2.5", "2.5", "250.00");
    confirmation(sv2, acme, contract, "2026-11-15", "EUR", "1.25", "0", "30.00");
    confirmation(sv3, beta, "", "2026-10-25", "USD", "4", "4", "400.00");
  }
  void request(const std::string& account, const std::string& status, const std::string& created,
               const std::string& respond_by, bool complaint, std::vector<Entry> history) {
    Fields fields = {f("number", "SR-2026-0001"), f("status", status),     f("account", account),
                     f("summary", "it broke"),    f("priority", "normal"), f("created", created)};
    if (!respond_by.empty()) fields.push_back(f("respond_by", respond_by));
    if (complaint) fields.push_back(f("complaint", "true"));
    if (status == "solved") fields.push_back(f("solution", "KB-00000000"));
    if (status == "closed") fields.push_back(f("service_order", "SV-00000000"));
    if (!history.empty()) fields.push_back(entries("history", history));
    put_record(Kind::service_request, fields);
  }
  std::string order(const std::string& account, const std::string& status,
                    const std::string& assignee, const std::string& created) {
    Fields fields = {f("number", "SV-2026-0001"), f("status", status),
                     f("kind", "repair"),         f("account", account),
                     f("summary", "repair it"),   f("created", created + "T08:00:00+00:00")};
    if (!assignee.empty()) fields.push_back(f("assignee", assignee));
    return put_record(Kind::service_order, fields).id();
  }
  void confirmation(const std::string& order, const std::string& account,
                    const std::string& contract_id, const std::string& date,
                    const std::string& currency, const std::string& effort,
                    const std::string& billable, const std::string& amount) {
    Fields fields = {f("status", "confirmed"),
                     f("service_order", order),
                     f("account", account),
                     f("date", date),
                     f("currency", currency),
                     f("effort", effort),
                     f("billable_hours", billable),
                     f("rate", "0.00"),
                     f("labour", amount),
                     f("parts", "0.00"),
                     f("amount", amount)};
    if (!contract_id.empty()) fields.push_back(f("contract", contract_id));
    put_record(Kind::confirmation, fields);
  }
  std::string acme, beta, contract;
};

}  // namespace

TEST_CASE("Service: requests, deadlines, time to resolve, orders and work", "[report][service]") {
  Service s;
  Report r = s.report("service");
  // opened 6; solved from KB r1 r5 = 2; escalated r2 = 1; open r3 r4 r6 = 3; complaints r2 r3;
  // with a deadline r1 r2 r4 r5 r6 = 5; missed r2 (escalated after it) and r4 (open past it).
  // Resolved: r5 0.5 h, r1 2 h, r2 48 h: median 2 h -> 2.0.
  CHECK(rows_of(r, "requests") == std::vector<std::string>{"6 2 1 3 2 5 2 2.0"});
  CHECK(rows_of(r, "orders") == std::vector<std::string>{"open 1", "assigned 0", "in-progress 1",
                                                         "completed 1", "billed 1", "cancelled 0"});
  // tom EUR: sv1, 2 confirmations, 3 + 2.5 = 5.5 h, billable 1 + 2.5 = 3.5, covered 2 + 0 = 2,
  // 80.00 + 250.00 = 330.00. tom USD: sv3, 4 h all billed, 400.00. uma: 1.25 h all covered.
  CHECK(rows_of(r, "technicians") == std::vector<std::string>{"tom EUR 1 2 5.5 3.5 2 330.00",
                                                              "tom USD 1 1 4 4 0 400.00",
                                                              "uma EUR 1 1 1.25 0 1.25 30.00"});
  // SC-2026-0001: sv1 sv2, 3 confirmations, 3 + 2.5 + 1.25 = 6.75 h, billable 3.5,
  // covered 2 + 0 + 1.25 = 3.25, 80.00 + 250.00 + 30.00 = 360.00. No contract: sv3.
  CHECK(rows_of(r, "contracts") ==
        std::vector<std::string>{"SC-2026-0001 Acme EUR 2 3 6.75 3.5 3.25 360.00",
                                 "(none) - USD 1 1 4 4 0 400.00"});
}

TEST_CASE("Service: a period, an owner, a currency", "[report][service]") {
  Service s;
  ReportOptions november;
  november.from = Date(2026, 11, 1);
  november.to = Date(2026, 11, 30);
  Report n = s.report("service", november);
  // r5 (October) drops out: opened 5, solved 1, deadlines 4; resolved r1 2 h and r2 48 h:
  // median (7200 + 172800) / 2 s = 90000 s = 25 h.
  CHECK(rows_of(n, "requests") == std::vector<std::string>{"5 1 1 3 2 4 2 25.0"});
  // sv3 was created in October.
  CHECK(rows_of(n, "orders") == std::vector<std::string>{"open 1", "assigned 0", "in-progress 1",
                                                         "completed 1", "billed 0", "cancelled 0"});
  CHECK(rows_of(n, "technicians") ==
        std::vector<std::string>{"tom EUR 1 2 5.5 3.5 2 330.00", "uma EUR 1 1 1.25 0 1.25 30.00"});

  ReportOptions ben;
  ben.owner = "ben";  // Beta's: r3, r5; sv3 and the open order; sv3's work
  Report b = s.report("service", ben);
  CHECK(rows_of(b, "requests") == std::vector<std::string>{"2 1 0 1 1 1 0 0.5"});
  CHECK(rows_of(b, "contracts") == std::vector<std::string>{"(none) - USD 1 1 4 4 0 400.00"});

  ReportOptions euros;
  euros.currency = "EUR";
  Report e = s.report("service", euros);
  CHECK(rows_of(e, "contracts") ==
        std::vector<std::string>{"SC-2026-0001 Acme EUR 2 3 6.75 3.5 3.25 360.00"});
  CHECK(rows_of(e, "requests") == std::vector<std::string>{"6 2 1 3 2 5 2 2.0"});
}

TEST_CASE("Service: an empty directory", "[report][service]") {
  ReportDir empty;
  Report r = empty.report("service");
  CHECK(rows_of(r, "requests") == std::vector<std::string>{"0 0 0 0 0 0 0 -"});
  CHECK(rows_of(r, "orders").size() == 6);
  CHECK(rows_of(r, "technicians").empty());
  CHECK(rows_of(r, "contracts").empty());
}

}  // namespace report_service_tests
