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

}  // namespace query_tests
