// `crm check` as named checks: the list, `--only`, each problem naming its check; and the
// service-billing check, which re-derives what confirmations bill from their hours, rate and
// parts, per contract period, and what their invoices bill.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/check/check.h"
#include "service_helpers.h"

using namespace crm;
using crm_test::Service;
using crm_test::thrown;

namespace service_check_tests {

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += "[" + p.check + "] " + format_problem_location(p) + "\n";
  return out;
}

std::vector<std::string> checks_of(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.check);
  return out;
}

// A directory with one problem for each of three checks, and a file no check can read.
struct Broken : crm_test::DataDir {
  Broken() {
    const std::string created = "created: \"2026-11-23T00:00:00+00:00\"\n";
    put("leads/L-AAAAAAAA.yaml", "id: \"L-AAAAAAAA\"\nstatus: \"new\"\n" + created);  // fields
    put("contacts/C-AAAAAAAA.yaml",
        "id: \"C-AAAAAAAA\"\nname: \"Piotr\"\naccount: \"A-ZZZZZZZZ\"\n" + created);  // references
    put("leads/L-BBBBBBBB.yaml",
        "id: \"L-BBBBBBBB\"\nstatus: \"contacted\"\nname: \"Jan\"\n" + created);  // states
    put("leads/L-CCCCCCCC.yaml", "id: [\n");                                      // files
    put("leads/notes.txt", "hello\n");                                            // files
  }
};

TEST_CASE("The checks are a named list", "[check]") {
  std::vector<std::string> names;
  for (const CheckInfo& c : all_checks()) {
    names.push_back(c.name);
    CHECK_FALSE(c.description.empty());
  }
  CHECK(names == std::vector<std::string>{"files", "fields", "references", "states", "numbers",
                                          "totals", "one-per-parent", "service-billing",
                                          "service-cover", "conflicts"});
}

TEST_CASE("Each problem names the check that found it", "[check]") {
  Broken d;
  auto problems = check_store(d.store);
  INFO(describe(problems));
  auto checks = checks_of(problems);
  std::sort(checks.begin(), checks.end());
  CHECK(checks == std::vector<std::string>{"fields", "files", "files", "references", "states"});
  for (const Problem& p : problems) {
    INFO(format_problem_location(p));
    CHECK(std::any_of(all_checks().begin(), all_checks().end(),
                      [&](const CheckInfo& c) { return c.name == p.check; }));
  }
}

TEST_CASE("check_store runs only the named checks, and always reports unreadable files",
          "[check]") {
  Broken d;
  auto fields = check_store(d.store, {"fields"});
  INFO(describe(fields));
  // A file that cannot be read at all is reported whatever was asked: no check saw inside it.
  REQUIRE(checks_of(fields) == std::vector<std::string>{"fields", "files"});
  CHECK(fields[0].message == "missing required field 'name'");
  CHECK(fields[1].file == "leads/L-CCCCCCCC.yaml");

  auto two = check_store(d.store, {"references", "states"});
  INFO(describe(two));
  auto checks = checks_of(two);
  std::sort(checks.begin(), checks.end());
  CHECK(checks == std::vector<std::string>{"files", "references", "states"});

  auto files = check_store(d.store, {"files"});
  CHECK(checks_of(files) == std::vector<std::string>{"files", "files"});
  CHECK(check_store(d.store, {}).size() == 5);  // empty: every check

  auto e = thrown<UsageError>([&] { check_store(d.store, {"fields", "nonsense"}); });
  CHECK(std::string(e.what()) == "there is no check named 'nonsense'");
  CHECK(e.hint() ==
        "the checks are: files, fields, references, states, numbers, totals, one-per-parent, "
        "service-billing, service-cover, conflicts (crm check --list)");
}

// 95.00 an hour, 10 hours a month included: 8 h then 4 h in November bill 0 h and 2 h.
struct Billed : Service {
  Record contract = service_contract(terms("50"));
  Record first = work("8", "2026-11-05");
  Record second = work("4", "2026-11-20", {"VALVE-10:2"});

  std::vector<Problem> billing() { return check_store(store, {"service-billing"}); }
};

TEST_CASE("service-billing finds nothing wrong in confirmations crm priced", "[check][service]") {
  Billed s;
  REQUIRE(crm_test::billing_of(s.first) == "0 95.00 0.00 0.00 0.00");
  REQUIRE(crm_test::billing_of(s.second) == "2 95.00 190.00 12.50 202.50");
  Record partial = s.confirm(s.started(s.repair()), "1", "2026-12-01", {}, true);
  s.commit(create_invoice_for_confirmation(s.session, s.second));
  s.commit(create_invoice_for_confirmation(s.session, partial));
  auto problems = check_store(s.store);
  INFO(describe(problems));
  CHECK(problems.empty());
}

TEST_CASE("service-billing catches a tampered labour, parts or amount", "[check][service]") {
  const std::string hint = "amounts are derived (docs/money.md); restore the file with git";
  {
    Billed s;
    s.hand_edit(s.second, "labour: \"190.00\"", "labour: \"150.00\"");
    auto problems = s.billing();
    INFO(describe(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].file == record_relative_path(s.second));
    CHECK(problems[0].line == crm_test::line_of(s.text_of(s.second), "labour: "));
    CHECK(problems[0].message == "labour is 150.00 but 2 h at 95.00 is 190.00");
    CHECK(problems[0].hint == hint);
    CHECK(problems[1].message == "amount is 202.50 but labour + parts is 162.50");
    CHECK(problems[1].line == crm_test::line_of(s.text_of(s.second), "amount: "));
  }
  {
    Billed s;
    s.hand_edit(s.second, "amount: \"202.50\"", "amount: \"200.00\"");
    auto problems = s.billing();
    INFO(describe(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "amount is 200.00 but labour + parts is 202.50");
  }
  {
    Billed s;
    s.hand_edit(s.second, "parts: \"12.50\"", "parts: \"10.00\"");
    auto problems = s.billing();
    INFO(describe(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].message == "parts is 10.00 but its parts lines give 12.50");
    CHECK(problems[1].message == "amount is 202.50 but labour + parts is 200.00");
  }
  {
    Billed s;
    s.hand_edit(s.first, "billable_hours: \"0\"", "billable_hours: \"9\"");
    s.hand_edit(s.first, "labour: \"0.00\"", "labour: \"855.00\"");
    s.hand_edit(s.first, "amount: \"0.00\"", "amount: \"855.00\"");
    auto problems = s.billing();
    INFO(describe(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].message == "billable_hours 9 is more than the effort 8");
    CHECK(problems[1].file == record_relative_path(s.contract));
  }
}

// Each confirmation may be priced right on its own and the period still be wrong: after a
// merge two clones' confirmations each used the whole allowance.
TEST_CASE("service-billing catches billable hours that do not add up over a period",
          "[check][service]") {
  Billed s;
  s.hand_edit(s.second, "billable_hours: \"2\"", "billable_hours: \"0\"");
  s.hand_edit(s.second, "labour: \"190.00\"", "labour: \"0.00\"");
  s.hand_edit(s.second, "amount: \"202.50\"", "amount: \"12.50\"");
  auto problems = s.billing();
  INFO(describe(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].check == "service-billing");
  CHECK(problems[0].file == record_relative_path(s.contract));
  CHECK(problems[0].line == crm_test::line_of(s.text_of(s.contract), "included_hours: "));
  CHECK(problems[0].message ==
        "in the month from 2026-11-01, confirmations bill 0 h of 12 h worked, but 10 h are "
        "included, so 2 h are billable");
  // Another month is judged on its own.
  s.work("11", "2026-12-03");
  CHECK(s.billing().size() == 1);
}

TEST_CASE("service-billing catches an invoice that bills other than the confirmation's amount",
          "[check][service]") {
  Billed s;
  ChangeSet billed = create_invoice_for_confirmation(s.session, s.second);
  s.commit(billed);
  Record invoice =
      s.reload(billed.changes.at(0).record.kind() == Kind::invoice ? billed.changes.at(0).record
                                                                   : billed.changes.at(1).record);
  REQUIRE(invoice.kind() == Kind::invoice);
  REQUIRE(s.billing().empty());
  s.hand_edit(invoice, "subtotal: \"202.50\"", "subtotal: \"190.00\"");
  auto problems = s.billing();
  INFO(describe(problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == record_relative_path(s.second));
  CHECK(problems[0].line == crm_test::line_of(s.text_of(s.second), "invoice: "));
  CHECK(problems[0].message ==
        "its invoice INV-2026-0001 bills 190.00 before tax, but the confirmation's amount is "
        "202.50");
  // The totals check sees the same edit from the invoice's side.
  auto totals = check_store(s.store, {"totals"});
  REQUIRE(totals.size() == 1);
  CHECK(totals[0].file == record_relative_path(invoice));
}

}  // namespace service_check_tests
