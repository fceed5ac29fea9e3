// Service contracts: the lifecycle table, validation and defaults of add, which contract covers
// a day and a product, hours used per contract and period, and planned maintenance (once each).
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/service/service_contracts.h"
#include "service_helpers.h"

using namespace crm;
using crm_test::history_of;
using crm_test::Service;
using crm_test::thrown;

namespace service_contracts_tests {

namespace {

Record contract_in(const std::string& status) {
  return crm_test::bare_record(Kind::service_contract, "SC-7K3QZ9AB", status);
}

// A contract record as a file would hold it.
Record contract_record(const std::string& status, const std::string& from, const std::string& to,
                       const std::string& products = "") {
  std::string text = "id: SC-7K3QZ9AB\nnumber: SC-2026-0001\nstatus: " + status +
                     "\naccount: A-7K3QZ9AB\nfrom: " + from + "\n";
  if (!to.empty()) text += "to: " + to + "\n";
  if (!products.empty()) text += "products: [" + products + "]\n";
  text += "currency: EUR\nhourly_rate: \"95.00\"\nincluded_hours: \"10\"\nperiod: month\n";
  return crm_test::record_from_yaml(Kind::service_contract, text);
}

std::vector<std::string> scheduled_of(const ChangeSet& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes.changes)
    out.push_back(c.record.get("number") + " " + c.record.get("scheduled"));
  return out;
}

}  // namespace

TEST_CASE("Every service contract transition is allowed or refused as the table says",
          "[service][lifecycle]") {
  crm_test::check_transitions(
      "service-contract", {"active", "expired", "terminated"}, {"expire", "terminate"},
      {{{"active", "expire"}, "expired"}, {{"active", "terminate"}, "terminated"}}, contract_in);
  const Machine& m = *machine_named("service-contract");
  CHECK(m.initial == "active");
  CHECK(m.terminal == std::vector<std::string>{"expired", "terminated"});
  CHECK(m.find("terminate")->needs_reason);
  CHECK_FALSE(m.find("expire")->needs_reason);
}

TEST_CASE("add_service_contract stores the terms with their defaults", "[service]") {
  Service s;
  auto in = Service::terms();
  in.from = "";
  Record c = s.service_contract(in);
  CHECK(c.status() == "active");
  CHECK(c.get("number") == "SC-2026-0001");
  CHECK(c.get("account") == s.account.id());
  CHECK(c.get("currency") == "EUR");
  CHECK(c.get("hourly_rate") == "95.00");
  CHECK(c.get("included_hours") == "10");
  CHECK(c.get("period") == "month");
  CHECK(c.get("parts_coverage") == "0");
  CHECK(c.get("from") == "2026-11-23");
  CHECK(c.get("to").empty());
  CHECK(c.get("response_hours").empty());
  CHECK(c.get("maintenance_every").empty());
  CHECK(c.fields().find("products") == nullptr);

  // One contract prices a day's work: this one ends the day before the first begins.
  auto full = Service::terms("50");
  full.response_hours = "12";
  full.maintenance_every = "3m";
  full.to = "2026-11-22";
  full.included_hours = "7.5";
  full.period = "quarter";
  full.products = {"PUMP-200", "VALVE-10"};
  Record d = s.service_contract(full);
  CHECK(d.get("number") == "SC-2026-0002");
  CHECK(d.get("parts_coverage") == "50");
  CHECK(d.get("response_hours") == "12");
  CHECK(d.get("maintenance_every") == "3m");
  CHECK(d.get("from") == "2026-01-01");
  CHECK(d.get("to") == "2026-11-22");
  CHECK(d.get("included_hours") == "7.5");
  CHECK(d.get("period") == "quarter");
  const Value* products = d.fields().find("products");
  REQUIRE(products != nullptr);
  REQUIRE(products->items().size() == 2);
  CHECK(products->items()[0].text() == "PUMP-200");
  CHECK(products->items()[1].text() == "VALVE-10");
}

TEST_CASE("add_service_contract refuses bad terms", "[service]") {
  Service s;
  auto before = s.snapshot();
  auto with = [](auto edit) {
    auto in = Service::terms();
    edit(in);
    return in;
  };
  using In = ServiceContractInput;
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.rate = "95.123"; })),
                  UsageError);
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.rate = "-1.00"; })),
                  UsageError);
  auto hours = thrown<UsageError>(
      [&] { add_service_contract(s.session, with([](In& i) { i.included_hours = "-2"; })); });
  CHECK(std::string(hours.what()) == "--included-hours '-2' is not a number of hours");
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.included_hours = "ten"; })),
                  UsageError);
  auto period = thrown<UsageError>(
      [&] { add_service_contract(s.session, with([](In& i) { i.period = "week"; })); });
  CHECK(std::string(period.what()) == "period 'week' is not month, quarter or year");
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.parts_coverage = "101"; })),
                  UsageError);
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.parts_coverage = "-5"; })),
                  UsageError);
  auto every = thrown<UsageError>(
      [&] { add_service_contract(s.session, with([](In& i) { i.maintenance_every = "2m"; })); });
  CHECK(std::string(every.what()) == "--maintenance-every '2m' is not 1m, 3m, 6m or 1y");
  // Response hours are a decimal now (fractional hours are fine), above 0 and at most a year.
  for (const char* hours : {"0", "-1", "abc", "8760.5", "1e2"}) {
    INFO(hours);
    auto response = thrown<UsageError>(
        [&] { add_service_contract(s.session, with([&](In& i) { i.response_hours = hours; })); });
    CHECK(std::string(response.what()) ==
          std::string("--response-hours '") + hours + "' is not a number of hours from 0 to 8760");
  }
  auto order = thrown<UsageError>([&] {
    add_service_contract(s.session, with([](In& i) {
                           i.from = "2026-06-01";
                           i.to = "2026-05-31";
                         }));
  });
  CHECK(std::string(order.what()) == "--to must not be before --from");
  CHECK_NOTHROW(add_service_contract(s.session, with([](In& i) {
                                       i.from = "2026-06-01";
                                       i.to = "2026-06-01";
                                     })));
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.products = {"NOPE-1"}; })),
                  NotFoundError);
  CHECK_THROWS_AS(add_service_contract(s.session, with([](In& i) { i.account = "Nobody Inc"; })),
                  NotFoundError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("Terminating a service contract needs a reason and ends the cover", "[service]") {
  Service s;
  Record c = s.service_contract(Service::terms());
  auto e = thrown<UsageError>([&] { transition(s.session, c, "terminate", Firing{"  "}); });
  CHECK(std::string(e.what()) == "terminate " + c.id() + " needs a reason");
  Record t = s.apply(transition(s.session, c, "terminate", Firing{"customer left"}));
  CHECK(t.status() == "terminated");
  CHECK(t.get("reason") == "customer left");
  auto history = history_of(t);
  REQUIRE(history.size() == 1);
  CHECK(history[0].get("note") == "customer left");
  CHECK_FALSE(service_contract_covers(t, Date(2026, 11, 23)));
  CHECK_FALSE(active_service_contract(s.store, s.account.id(), Date(2026, 11, 23)));
  CHECK_THROWS_AS(transition(s.session, t, "terminate", Firing{"again"}), RefusedError);
}

TEST_CASE("service_contract_covers the days from `from` to `to` of an active contract",
          "[service]") {
  Record c = contract_record("active", "2026-01-01", "2026-06-30");
  CHECK_FALSE(service_contract_covers(c, Date(2025, 12, 31)));
  CHECK(service_contract_covers(c, Date(2026, 1, 1)));
  CHECK(service_contract_covers(c, Date(2026, 3, 15)));
  CHECK(service_contract_covers(c, Date(2026, 6, 30)));
  CHECK_FALSE(service_contract_covers(c, Date(2026, 7, 1)));
  Record open = contract_record("active", "2026-01-01", "");
  CHECK(service_contract_covers(open, Date(2099, 12, 31)));
  CHECK_FALSE(service_contract_covers(open, Date(2025, 12, 31)));
  CHECK_FALSE(
      service_contract_covers(contract_record("terminated", "2026-01-01", ""), Date(2026, 3, 1)));
  CHECK_FALSE(
      service_contract_covers(contract_record("expired", "2026-01-01", ""), Date(2026, 3, 1)));
}

TEST_CASE("active_service_contract finds the account's contract for the day and product",
          "[service]") {
  Service s;
  auto in = Service::terms();
  in.to = "2026-12-31";
  in.products = {"PUMP-200"};
  Record c = s.service_contract(in);
  Record beta = s.apply(add_account(s.session, {{"name", "Beta GmbH"}}));
  const std::string acme = s.account.id();

  auto found = active_service_contract(s.store, acme, Date(2026, 11, 23), "PUMP-200");
  REQUIRE(found);
  CHECK(found->id() == c.id());
  CHECK(active_service_contract(s.store, acme, Date(2026, 11, 23)));  // no sku: any
  CHECK_FALSE(active_service_contract(s.store, acme, Date(2026, 11, 23), "VALVE-10"));
  CHECK_FALSE(active_service_contract(s.store, acme, Date(2025, 12, 31), "PUMP-200"));
  CHECK_FALSE(active_service_contract(s.store, acme, Date(2027, 1, 1), "PUMP-200"));
  CHECK_FALSE(active_service_contract(s.store, beta.id(), Date(2026, 11, 23)));

  // A contract without products covers every product.
  auto all = Service::terms();
  all.account = "Beta GmbH";
  Record b = s.service_contract(all);
  auto beta_found = active_service_contract(s.store, beta.id(), Date(2026, 11, 23), "VALVE-10");
  REQUIRE(beta_found);
  CHECK(beta_found->id() == b.id());
}

TEST_CASE("terms_of reads the billing terms of a contract", "[service]") {
  Service s;
  auto in = Service::terms("25");
  in.included_hours = "12.5";
  in.period = "year";
  ServiceTerms t = terms_of(s.service_contract(in));
  CHECK(t.hourly_rate.str() == "95.00");
  CHECK(t.included_hours.str() == "12.5");
  CHECK(t.period == "year");
  CHECK(t.parts_coverage.str() == "25");
}

TEST_CASE("hours_used sums the contract's confirmations in the same calendar period", "[service]") {
  Service s;
  Record acme = s.service_contract(Service::terms());
  s.apply(add_account(s.session, {{"name", "Beta GmbH"}}));
  auto beta_terms = Service::terms();
  beta_terms.account = "Beta GmbH";
  Record beta = s.service_contract(beta_terms);

  s.work("3", "2026-11-02");
  s.work("2.5", "2026-11-30");
  s.work("4", "2026-12-01");
  s.work("1", "2026-10-31");
  s.confirm(s.started(s.repair({}, "Beta GmbH")), "5", "2026-11-10");

  CHECK(hours_used(s.store, acme, Date(2026, 11, 1)).str() == "5.5");
  CHECK(hours_used(s.store, acme, Date(2026, 11, 23)).str() == "5.5");
  CHECK(hours_used(s.store, acme, Date(2026, 12, 31)).str() == "4");
  CHECK(hours_used(s.store, acme, Date(2026, 10, 1)).str() == "1");
  CHECK(hours_used(s.store, acme, Date(2026, 9, 30)).str() == "0");
  CHECK(hours_used(s.store, beta, Date(2026, 11, 23)).str() == "5");
  // Remaining = included − used, never below 0 (the terms include 10 hours a month).
  CHECK(hours_remaining(s.store, acme, Date(2026, 11, 23)).str() == "4.5");
  CHECK(hours_remaining(s.store, acme, Date(2026, 9, 30)).str() == "10");
  s.work("6", "2026-11-20");
  CHECK(hours_remaining(s.store, acme, Date(2026, 11, 23)).str() == "0");
}

TEST_CASE("hours_used follows a quarterly period", "[service]") {
  Service s;
  auto in = Service::terms();
  in.period = "quarter";
  Record c = s.service_contract(in);
  s.work("3", "2026-10-01");
  s.work("2", "2026-12-31");
  s.work("4", "2026-09-30");
  CHECK(hours_used(s.store, c, Date(2026, 11, 15)).str() == "5");
  CHECK(hours_used(s.store, c, Date(2026, 7, 1)).str() == "4");
}

TEST_CASE("plan_maintenance creates the orders owed up to the date, once each", "[service]") {
  Service s;
  auto in = Service::terms();
  in.from = "2026-01-15";
  in.maintenance_every = "3m";
  Record c = s.service_contract(in);

  ChangeSet first = plan_maintenance(s.session, Date(2026, 11, 23));
  CHECK(scheduled_of(first) == std::vector<std::string>{"SV-2026-0001 2026-04-15",
                                                        "SV-2026-0002 2026-07-15",
                                                        "SV-2026-0003 2026-10-15"});
  CHECK(first.summary == "service plan --until 2026-11-23");
  const Record& o = first.changes.at(0).record;
  CHECK(first.changes.at(0).created);
  CHECK(o.status() == "open");
  CHECK(o.get("kind") == "maintenance");
  CHECK(o.get("account") == s.account.id());
  CHECK(o.get("contract") == c.id());
  CHECK(o.get("summary") == "Planned maintenance (SC-2026-0001 2026-04-15)");
  s.commit(first);
  CHECK(s.count(Kind::service_order) == 3);

  // Idempotent: a second run, and a run on the same day from cron, create nothing.
  CHECK(plan_maintenance(s.session, Date(2026, 11, 23)).changes.empty());
  CHECK(plan_maintenance(s.session, Date(2026, 12, 31)).changes.empty());

  // Later, only the new due date.
  ChangeSet later = plan_maintenance(s.session, Date(2027, 1, 15));
  CHECK(scheduled_of(later) == std::vector<std::string>{"SV-2027-0001 2027-01-15"});
  s.commit(later);
  CHECK(plan_maintenance(s.session, Date(2027, 4, 14)).changes.empty());
  CHECK(s.count(Kind::service_order) == 4);
}

TEST_CASE("plan_maintenance skips due dates after `to` and contracts that owe nothing",
          "[service]") {
  Service s;
  // Four contracts of one account side by side, each for other products (one contract prices
  // any product's work on a day).
  auto ended = Service::terms();
  ended.from = "2026-01-01";
  ended.to = "2026-08-31";
  ended.maintenance_every = "6m";
  ended.products = {"PUMP-200"};
  s.service_contract(ended);  // owes 2026-07-01 only
  auto yearly = Service::terms();
  yearly.from = "2025-11-23";
  yearly.maintenance_every = "1y";
  yearly.products = {"VALVE-10"};
  s.service_contract(yearly);  // owes 2026-11-23 (the day itself counts)
  auto none = Service::terms();
  none.products = {"SERVICE-H"};
  s.service_contract(none);  // no maintenance_every
  auto gone = Service::terms();
  gone.maintenance_every = "1m";
  gone.products = {"TOKYO-1"};
  Record t = s.service_contract(gone);
  s.commit(transition(s.session, t, "terminate", Firing{"customer left"}));

  ChangeSet plan = plan_maintenance(s.session, Date(2026, 11, 23));
  auto got = scheduled_of(plan);
  std::sort(got.begin(), got.end(),
            [](const std::string& a, const std::string& b) { return a.substr(13) < b.substr(13); });
  REQUIRE(got.size() == 2);
  CHECK(got[0].substr(13) == "2026-07-01");
  CHECK(got[1].substr(13) == "2026-11-23");
  std::vector<std::string> numbers = {got[0].substr(0, 12), got[1].substr(0, 12)};
  std::sort(numbers.begin(), numbers.end());
  CHECK(numbers == std::vector<std::string>{"SV-2026-0001", "SV-2026-0002"});
  s.commit(plan);
  CHECK(plan_maintenance(s.session, Date(2027, 6, 30)).changes.empty());
}

TEST_CASE("plan_maintenance creates nothing for a terminated contract", "[service]") {
  Service s;
  auto in = Service::terms();
  in.maintenance_every = "1m";
  Record c = s.service_contract(in);
  s.commit(transition(s.session, c, "terminate", Firing{"customer left"}));
  CHECK(plan_maintenance(s.session, Date(2026, 11, 23)).changes.empty());
}

TEST_CASE("plan_maintenance with a monthly interval keeps month ends", "[service]") {
  Service s;
  auto in = Service::terms();
  in.from = "2026-01-31";
  in.maintenance_every = "1m";
  s.service_contract(in);
  ChangeSet plan = plan_maintenance(s.session, Date(2026, 4, 30));
  // from + n months, each clamped to the month's last day.
  CHECK(scheduled_of(plan) == std::vector<std::string>{"SV-2026-0001 2026-02-28",
                                                       "SV-2026-0002 2026-03-31",
                                                       "SV-2026-0003 2026-04-30"});
}

// response_hours used to be a whole number; it is a decimal now, kept as a quoted string, and
// a request's deadline is its creation plus those hours, to the second.
TEST_CASE("Response hours may be fractional, and set a request's deadline to the second",
          "[service]") {
  Service s("2026-11-23T15:30:00+01:00");
  auto in = Service::terms();
  in.response_hours = "0.75";
  Record c = s.service_contract(in);
  CHECK(c.get("response_hours") == "0.75");
  CHECK_THAT(s.text_of(c), Catch::Contains("\nresponse_hours: \"0.75\"\n"));
  CHECK(s.request("Pump leaks").get("respond_by") == "2026-11-23T16:15:00+01:00");

  Service t("2026-11-23T23:59:59+00:00");
  auto long_terms = Service::terms();
  long_terms.response_hours = "8760";  // a year, the most allowed
  t.service_contract(long_terms);
  CHECK(t.request("Pump leaks").get("respond_by") == "2027-11-23T23:59:59+00:00");
  Service u("2026-11-23T10:00:00+00:00");
  auto odd = Service::terms();
  odd.response_hours = "0.0001";  // 0.36 s: whole seconds only
  u.service_contract(odd);
  CHECK(u.request("Pump leaks").get("respond_by") == "2026-11-23T10:00:00+00:00");
}

}  // namespace service_contracts_tests
