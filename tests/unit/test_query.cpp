// Selecting records: equality filters, free-text search and the order of results.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/kinds/query.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/leads.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace query_tests {

namespace {

std::vector<std::string> names(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.get("name"));
  return out;
}

}  // namespace

TEST_CASE("matches compares fields exactly and searches text case-insensitively", "[query]") {
  Record r = crm_test::record_from_yaml(
      Kind::lead,
      "id: \"L-AAAAAAAA\"\nstatus: \"new\"\nname: \"Jan Kowalski\"\ncompany: \"Acme Ltd\"\n"
      "owner: \"anna\"\nhistory:\n  - note: \"hidden text\"\n");
  CHECK(matches(r, {}));
  CHECK(matches(r, {{{"status", "new"}}, ""}));
  CHECK(matches(r, {{{"status", "new"}, {"owner", "anna"}}, ""}));
  CHECK_FALSE(matches(r, {{{"status", "new"}, {"owner", "bob"}}, ""}));
  CHECK_FALSE(matches(r, {{{"status", "New"}}, ""}));
  CHECK_FALSE(matches(r, {{{"source", "web"}}, ""}));
  CHECK(matches(r, {{{"source", ""}}, ""}));  // an absent field equals ""
  CHECK(matches(r, {{}, "acme"}));
  CHECK(matches(r, {{}, "KOWAL"}));
  CHECK(matches(r, {{{"owner", "anna"}}, "jan k"}));
  CHECK_FALSE(matches(r, {{}, "nowak"}));
  CHECK_FALSE(matches(r, {{}, "hidden"}));  // only top-level text fields are searched
  CHECK_FALSE(matches(r, {{{"owner", "bob"}}, "acme"}));
}

TEST_CASE("query returns matching records oldest first", "[query]") {
  DataDir d;
  // Created out of order, with mixed offsets.
  Session s1 = d.as("anna", "2026-11-20T12:00:00+00:00");
  Session s2 = d.as("anna", "2026-11-20T13:00:00+02:00");
  Session s3 = d.as("bob", "2026-11-22T09:00:00+00:00");
  Session s4 = d.as("bob", "2026-11-23T09:00:00+00:00");
  d.commit(add_lead(s1, {{"name", "Second"}}));
  d.commit(add_lead(s2, {{"name", "First"}}));
  d.commit(add_lead(s3, {{"name", "Third"}}));
  ChangeSet lost = add_lead(s4, {{"name", "Fourth"}});
  d.commit(lost);
  d.commit(transition(d.session, lost.changes[0].record, "disqualify", Firing{"spam"}));

  CHECK(names(query(d.store, Kind::lead, {})) ==
        std::vector<std::string>{"First", "Second", "Third", "Fourth"});
  CHECK(names(query(d.store, Kind::lead, {{{"owner", "bob"}}, ""})) ==
        std::vector<std::string>{"Third", "Fourth"});
  CHECK(names(query(d.store, Kind::lead, {{{"status", "new"}}, ""})) ==
        std::vector<std::string>{"First", "Second", "Third"});
  CHECK(names(query(d.store, Kind::lead, {{}, "IR"})) ==
        std::vector<std::string>{"First", "Third"});
  CHECK(query(d.store, Kind::account, {}).empty());

  d.put("leads/L-ZZZZZZZZ.yaml", "id: [\n");
  CHECK_THROWS_AS(query(d.store, Kind::lead, {}), DataError);
  std::vector<LoadProblem> problems;
  CHECK(query(d.store, Kind::lead, {}, &problems).size() == 4);
  CHECK(problems.size() == 1);
}

TEST_CASE("require_filter_value refuses values no record can have", "[query]") {
  DataDir d;
  CHECK_NOTHROW(require_filter_value(d.store, Kind::lead, "status", "new"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::invoice, "status", "overdue"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::deal, "stage", "proposal"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::lead, "owner", "anyone"));
  CHECK_THROWS_AS(require_filter_value(d.store, Kind::deal, "status", "wonn"), UsageError);
  CHECK_THROWS_AS(require_filter_value(d.store, Kind::lead, "source", "fax"), UsageError);
  CHECK_THROWS_WITH(require_filter_value(d.store, Kind::deal, "stage", "propsal"),
                    "--stage 'propsal' is not one of qualification, needs-analysis, proposal, "
                    "negotiation");
}

TEST_CASE("matches_status takes the stored or the derived status", "[query]") {
  Record invoice = crm_test::record_from_yaml(
      Kind::invoice, "id: \"I-AAAAAAAA\"\nstatus: \"issued\"\ndue: \"2026-12-01\"\n");
  CHECK(matches_status(invoice, {"issued", Date(2026, 11, 23)}));
  CHECK_FALSE(matches_status(invoice, {"overdue", Date(2026, 11, 23)}));
  CHECK(matches_status(invoice, {"overdue", Date(2026, 12, 2)}));
  CHECK(matches_status(invoice, {"issued", Date(2026, 12, 2)}));
  CHECK_FALSE(matches_status(invoice, {"paid", Date(2026, 12, 2)}));
}

TEST_CASE("require_filter_value knows derived states, choices, lists and booleans", "[query]") {
  DataDir d;
  // Derived states are filter values of the kinds that have them, and only of those.
  for (auto [kind, status] :
       std::vector<std::pair<Kind, std::string>>{{Kind::activity, "overdue"},
                                                 {Kind::invoice, "overdue"},
                                                 {Kind::quote, "expired"},
                                                 {Kind::contract, "expired"},
                                                 {Kind::service_contract, "expired"},
                                                 {Kind::activity, "open"},
                                                 {Kind::invoice, "partially-paid"}}) {
    INFO(kind_spec(kind).name << " " << status);
    CHECK_NOTHROW(require_filter_value(d.store, kind, "status", status));
  }
  auto lead = crm_test::thrown<UsageError>(
      [&] { require_filter_value(d.store, Kind::lead, "status", "overdue"); });
  CHECK(std::string(lead.what()) ==
        "--status 'overdue' is not one of new, contacted, qualified, converted, disqualified");
  CHECK(lead.hint() == "list lead records with one of these values");
  auto invoice = crm_test::thrown<UsageError>(
      [&] { require_filter_value(d.store, Kind::invoice, "status", "open"); });
  CHECK(std::string(invoice.what()) ==
        "--status 'open' is not one of issued, partially-paid, paid, void, overdue");
  CHECK_THROWS_AS(require_filter_value(d.store, Kind::order, "status", "overdue"), UsageError);
  // Choices, with the option named as users type it.
  CHECK_THROWS_WITH(require_filter_value(d.store, Kind::activity, "type", "fax"),
                    "--type 'fax' is not one of note, call, meeting, email, task");
  CHECK_THROWS_WITH(
      require_filter_value(d.store, Kind::service_contract, "maintenance_every", "2m"),
      "--maintenance-every '2m' is not one of 1m, 3m, 6m, 1y");
  CHECK_NOTHROW(require_filter_value(d.store, Kind::service_request, "priority", "high"));
  // crm.yaml's lists.
  CHECK_NOTHROW(require_filter_value(d.store, Kind::lead, "source", "web"));
  CHECK_THROWS_WITH(require_filter_value(d.store, Kind::lead, "source", "fax"),
                    "--source 'fax' is not one of referral, business-card, fair, campaign, web, "
                    "other");
  DataDir fax("2026-11-23", [](Config& c) { c.lead_sources = {"fax"}; });
  CHECK_NOTHROW(require_filter_value(fax.store, Kind::lead, "source", "fax"));
  CHECK_THROWS_AS(require_filter_value(fax.store, Kind::lead, "source", "web"), UsageError);
  // Booleans.
  CHECK_NOTHROW(require_filter_value(d.store, Kind::service_request, "complaint", "true"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::service_request, "complaint", "false"));
  CHECK_THROWS_WITH(require_filter_value(d.store, Kind::service_request, "complaint", "yes"),
                    "--complaint 'yes' is not one of true, false");
  // Free text, references and fields the kind does not have take anything.
  CHECK_NOTHROW(require_filter_value(d.store, Kind::lead, "company", "Anything Ltd"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::deal, "account", "A-7K3QZ9AB"));
  CHECK_NOTHROW(require_filter_value(d.store, Kind::lead, "nonsense", "x"));
}

TEST_CASE("matches takes an absent boolean for false", "[query]") {
  const std::string common =
      "id: SR-7K3QZ9AB\nnumber: SR-2026-0001\nstatus: open\naccount: A-7K3QZ9AB\n"
      "summary: Leak\npriority: normal\n";
  Record plain = crm_test::record_from_yaml(Kind::service_request, common);
  Record complaint =
      crm_test::record_from_yaml(Kind::service_request, common + "complaint: true\n");
  Record denied = crm_test::record_from_yaml(Kind::service_request, common + "complaint: false\n");
  CHECK(matches(plain, {{{"complaint", "false"}}, ""}));
  CHECK_FALSE(matches(plain, {{{"complaint", "true"}}, ""}));
  CHECK(matches(complaint, {{{"complaint", "true"}}, ""}));
  CHECK_FALSE(matches(complaint, {{{"complaint", "false"}}, ""}));
  CHECK(matches(denied, {{{"complaint", "false"}}, ""}));
  // Only booleans: an absent text field is "", not "false".
  CHECK_FALSE(matches(plain, {{{"product", "false"}}, ""}));
  CHECK(matches(plain, {{{"product", ""}}, ""}));
}

TEST_CASE("query sorts by the kind's list order or the field asked for, to the fraction",
          "[query]") {
  DataDir d;
  // Created within one second: the system clock writes milliseconds.
  for (const auto& [when, name] : std::vector<std::pair<std::string, std::string>>{
           {"2026-11-23T10:00:00.500+00:00", "Third"},
           {"2026-11-23T10:00:00.25+00:00", "Second"},
           {"2026-11-23T11:00:00+01:00", "First"},  // 10:00:00 UTC
           {"2026-11-23T10:00:01+00:00", "Fourth"}}) {
    Session at = d.as("anna", when);
    d.commit(add_lead(at, {{"name", name}}));
  }
  CHECK(names(query(d.store, Kind::lead, {})) ==
        std::vector<std::string>{"First", "Second", "Third", "Fourth"});

  // Activities list by `at`, when they happened; order_by takes another date field.
  Record about = d.store.load_all(Kind::lead).at(0);
  d.commit(add_task(d.session, about, Date(2026, 12, 5), "Later"));
  d.commit(log_activity(d.session, about, {"call", "Earlier", "", "2026-11-20T09:00:00+00:00"}));
  Session later = d.on("2026-11-24");
  d.commit(add_task(later, about, Date(2026, 12, 1), "Sooner"));
  auto subjects = [](const std::vector<Record>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r.get("subject"));
    return out;
  };
  CHECK(subjects(query(d.store, Kind::activity, {})) ==
        std::vector<std::string>{"Earlier", "Later", "Sooner"});
  // Records without the field (the call has no due date) come first.
  CHECK(subjects(query(d.store, Kind::activity, {}, nullptr, nullptr, "due")) ==
        std::vector<std::string>{"Earlier", "Sooner", "Later"});
  StatusFilter overdue{"overdue", Date(2026, 12, 2)};
  CHECK(subjects(query(d.store, Kind::activity, {}, nullptr, &overdue)) ==
        std::vector<std::string>{"Sooner"});
}

}  // namespace query_tests
