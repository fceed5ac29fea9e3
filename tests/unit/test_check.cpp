// `crm check`: a clean directory passes; each kind of damage gives a located problem, and all
// of them are reported in one run.
#include <catch2/catch.hpp>

#include "crm/check/check.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace check_tests {

namespace {

const char* k_created = "created: \"2026-11-23T00:00:00+00:00\"\n";

std::string describe(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += format_problem_location(p) + "\n";
  return out;
}

// The problems of `file` (relative path), or of messages that name it.
std::vector<Problem> about(const std::vector<Problem>& problems, const std::string& file) {
  std::vector<Problem> out;
  for (const auto& p : problems)
    if (p.file == file || std::string_view(p.message).starts_with(file)) out.push_back(p);
  return out;
}

// Expects exactly one problem about `file`, at `line`, whose message contains `text`.
void expect_problem(const std::vector<Problem>& problems, const std::string& file, int line,
                    const std::string& text) {
  INFO(describe(problems));
  auto mine = about(problems, file);
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].file == file);
  CHECK(mine[0].line == line);
  CHECK_THAT(mine[0].message, Catch::Contains(text));
}

std::string lead_text(const std::string& id, const std::string& status, const std::string& rest) {
  return "id: \"" + id + "\"\nstatus: \"" + status + "\"\nname: \"Jan\"\n" + k_created + rest;
}

}  // namespace

TEST_CASE("check_store finds nothing wrong in a directory crm wrote", "[check]") {
  DataDir d;
  CHECK(check_store(d.store).empty());

  ChangeSet lead = add_lead(d.session, {{"name", "Jan Kowalski"},
                                        {"company", "Acme"},
                                        {"email", "jan@acme.example"},
                                        {"source", "web"}});
  d.commit(lead);
  Record stored = lead.changes[0].record;
  ChangeSet contacted = transition(d.session, stored, "contact");
  d.commit(contacted);
  d.commit(add_note(d.session, stored, "Interested in the\nbig package"));
  d.commit(add_task(d.session, stored, Date(2026, 11, 30), "Send the catalogue"));
  LoggedActivity call{"call", "First call", "", ""};
  d.commit(log_activity(d.session, stored, call));
  ChangeSet converted = convert_lead(d.session, contacted.changes[0].record, {});
  d.commit(converted);
  ChangeSet other = add_lead(d.session, {{"name", "Ewa"}});
  d.commit(other);
  d.commit(transition(d.session, other.changes[0].record, "disqualify", Firing{"no budget"}));

  auto problems = check_store(d.store);
  INFO(describe(problems));
  CHECK(problems.empty());
}

TEST_CASE("check_store reports a missing required field", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", "id: \"L-AAAAAAAA\"\nstatus: \"new\"\n" + std::string(k_created));
  d.put("accounts/A-AAAAAAAA.yaml", "id: \"A-AAAAAAAA\"\nname: \"Acme\"\n");
  auto problems = check_store(d.store);
  expect_problem(problems, "leads/L-AAAAAAAA.yaml", 1, "missing required field 'name'");
  expect_problem(problems, "accounts/A-AAAAAAAA.yaml", 1, "missing required field 'created'");
  CHECK(problems.size() == 2);
}

TEST_CASE("check_store reports a field required only in some states", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml",
        lead_text("L-AAAAAAAA", "disqualified",
                  "history:\n  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"new\"\n"
                  "    to: \"disqualified\"\n    by: \"x\"\n"));
  auto problems = check_store(d.store);
  expect_problem(problems, "leads/L-AAAAAAAA.yaml", 1,
                 "missing field 'reason', required when lead is disqualified");
}

TEST_CASE("check_store reports a lead status that is not in the machine", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "won", ""));
  auto problems = check_store(d.store);
  INFO(describe(problems));
  auto mine = about(problems, "leads/L-AAAAAAAA.yaml");
  REQUIRE_FALSE(mine.empty());
  for (const auto& p : mine) {
    CHECK(p.line == 2);
    CHECK_THAT(p.message, Catch::Contains("'won'"));
  }
}

TEST_CASE("check_store reports history that does not follow the machine", "[check]") {
  DataDir d;
  // Line 10 is the second entry: contacted was never reached.
  d.put("leads/L-AAAAAAAA.yaml",
        lead_text("L-AAAAAAAA", "qualified",
                  "history:\n"
                  "  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"new\"\n"
                  "    to: \"qualified\"\n    by: \"x\"\n"
                  "  - at: \"2026-11-24T00:00:00+00:00\"\n    from: \"contacted\"\n"
                  "    to: \"qualified\"\n    by: \"x\"\n"));
  // A step the machine does not allow.
  d.put("leads/L-BBBBBBBB.yaml",
        lead_text("L-BBBBBBBB", "new",
                  "history:\n"
                  "  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"new\"\n"
                  "    to: \"new\"\n    by: \"x\"\n"));
  // A history entry without a valid timestamp.
  d.put("leads/L-CCCCCCCC.yaml",
        lead_text("L-CCCCCCCC", "contacted",
                  "history:\n  - at: \"yesterday\"\n    from: \"new\"\n    to: \"contacted\"\n"));
  auto problems = check_store(d.store);
  expect_problem(problems, "leads/L-AAAAAAAA.yaml", 10,
                 "history says contacted -> qualified, but the lead was qualified at that point");
  expect_problem(problems, "leads/L-BBBBBBBB.yaml", 6,
                 "history says new -> new, which the lead lifecycle does not allow");
  expect_problem(problems, "leads/L-CCCCCCCC.yaml", 6, "no valid 'at' timestamp");
}

TEST_CASE("check_store reports history that does not end in the current status", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml",
        lead_text("L-AAAAAAAA", "qualified",
                  "history:\n  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"new\"\n"
                  "    to: \"contacted\"\n    by: \"x\"\n"));
  d.put("leads/L-BBBBBBBB.yaml", lead_text("L-BBBBBBBB", "contacted", ""));
  auto problems = check_store(d.store);
  expect_problem(problems, "leads/L-AAAAAAAA.yaml", 2,
                 "status is 'qualified' but its history ends in 'contacted'");
  expect_problem(problems, "leads/L-BBBBBBBB.yaml", 2,
                 "status is 'contacted' but its history ends in 'new'");
}

TEST_CASE("check_store reports a reference to a missing record", "[check]") {
  DataDir d;
  d.put("contacts/C-AAAAAAAA.yaml",
        "id: \"C-AAAAAAAA\"\nname: \"Piotr\"\naccount: \"A-ZZZZZZZZ\"\n" + std::string(k_created));
  d.put("activities/T-AAAAAAAA.yaml",
        "id: \"T-AAAAAAAA\"\ntype: \"note\"\nabout: \"L-ZZZZZZZZ\"\n"
        "at: \"2026-11-23T00:00:00+00:00\"\n" +
            std::string(k_created));
  d.put("contacts/C-BBBBBBBB.yaml",
        "id: \"C-BBBBBBBB\"\nname: \"Ola\"\naccount: \"Acme Ltd\"\n" + std::string(k_created));
  auto problems = check_store(d.store);
  expect_problem(problems, "contacts/C-AAAAAAAA.yaml", 3,
                 "account refers to A-ZZZZZZZZ, which does not exist");
  expect_problem(problems, "activities/T-AAAAAAAA.yaml", 3,
                 "about refers to L-ZZZZZZZZ, which does not exist");
  expect_problem(problems, "contacts/C-BBBBBBBB.yaml", 3, "'Acme Ltd' is not the ID of");
}

TEST_CASE("check_store reports a record in the wrong folder and stray files", "[check]") {
  DataDir d;
  d.put("contacts/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "new", ""));
  d.put("leads/readme.txt", "hello\n");
  d.put("leads/.L-BBBBBBBB.yaml.1-0.tmp", "id: x\n");
  auto problems = check_store(d.store);
  expect_problem(problems, "contacts/L-AAAAAAAA.yaml", 0, "a lead file in the contacts folder");
  CHECK_THAT(about(problems, "contacts/L-AAAAAAAA.yaml")[0].hint, Catch::Contains("leads/"));
  expect_problem(problems, "leads/readme.txt", 0, "not a lead record");
  expect_problem(problems, "leads/.L-BBBBBBBB.yaml.1-0.tmp", 0, "temp file");
}

TEST_CASE("check_store reports the same ID in two files", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "new", ""));
  d.put("contacts/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "new", ""));
  auto problems = check_store(d.store);
  INFO(describe(problems));
  CHECK(std::count_if(problems.begin(), problems.end(), [](const Problem& p) {
          return p.message == "ID L-AAAAAAAA is used by 2 files";
        }) == 2);
}

TEST_CASE("check_store reports an unparsable file with its location", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", "id: \"L-AAAAAAAA\"\nname: a\nname: b\n");
  auto problems = check_store(d.store);
  INFO(describe(problems));
  REQUIRE(problems.size() == 1);
  CHECK(format_problem_location(problems[0]) == "leads/L-AAAAAAAA.yaml:3: duplicate key 'name'");
  CHECK_FALSE(problems[0].hint.empty());
}

TEST_CASE("check_store puts an unparsable file's path and line in the problem's fields",
          "[check]") {
  // Problem::file is "relative to the data directory", and scripts read it from
  // `crm check --json`; for a file that does not parse it is left empty and line 0.
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", "id: \"L-AAAAAAAA\"\nname: a\nname: b\n");
  auto problems = check_store(d.store);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "leads/L-AAAAAAAA.yaml");
  CHECK(problems[0].line == 3);
}

TEST_CASE("check_store reports activity fields that do not fit the type", "[check]") {
  DataDir d;
  d.put("activities/T-AAAAAAAA.yaml",
        "id: \"T-AAAAAAAA\"\ntype: \"task\"\nstatus: \"open\"\nabout: \"L-AAAAAAAA\"\n"
        "subject: \"Call\"\nat: \"2026-11-23T00:00:00+00:00\"\n" +
            std::string(k_created));
  d.put("activities/T-BBBBBBBB.yaml",
        "id: \"T-BBBBBBBB\"\ntype: \"note\"\nabout: \"L-AAAAAAAA\"\n"
        "body: \"x\"\nat: \"2026-11-23T00:00:00+00:00\"\ndue: \"2026-11-30\"\n" +
            std::string(k_created));
  d.put("leads/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "new", ""));
  auto problems = check_store(d.store);
  expect_problem(problems, "activities/T-AAAAAAAA.yaml", 1,
                 "missing field 'due', required when activity is open");
  expect_problem(problems, "activities/T-BBBBBBBB.yaml", 6, "'due' belongs to an activity that is");
  CHECK(problems.size() == 2);
}

// A note that carries a status has one problem: the status. Its stray status must not make
// the fields of a task's states (subject, due) required of it: fields that belong to a state
// are judged only where the record follows its machine.
TEST_CASE("check_store reports a status on a note once", "[check]") {
  DataDir d;
  d.put("activities/T-BBBBBBBB.yaml",
        "id: \"T-BBBBBBBB\"\ntype: \"note\"\nstatus: \"open\"\nabout: \"L-AAAAAAAA\"\n"
        "body: \"x\"\nat: \"2026-11-23T00:00:00+00:00\"\n" +
            std::string(k_created));
  d.put("leads/L-AAAAAAAA.yaml", lead_text("L-AAAAAAAA", "new", ""));
  auto problems = check_store(d.store);
  expect_problem(problems, "activities/T-BBBBBBBB.yaml", 3,
                 "'status' belongs to activity records whose type is task, not note");
  CHECK(problems.size() == 1);
}

TEST_CASE("check_store reports a deal stage that crm.yaml does not have", "[check]") {
  DataDir d;
  d.put("accounts/A-AAAAAAAA.yaml",
        "id: \"A-AAAAAAAA\"\nname: \"Acme\"\n" + std::string(k_created));
  d.put("deals/D-AAAAAAAA.yaml",
        "id: \"D-AAAAAAAA\"\ntitle: \"Big\"\nstatus: \"open\"\nstage: \"closing\"\n"
        "account: \"A-AAAAAAAA\"\n" +
            std::string(k_created));
  d.put("deals/D-BBBBBBBB.yaml",
        "id: \"D-BBBBBBBB\"\ntitle: \"Small\"\nstatus: \"open\"\nstage: \"proposal\"\n"
        "account: \"A-AAAAAAAA\"\namount: \"12,50\"\n" +
            std::string(k_created));
  auto problems = check_store(d.store);
  expect_problem(problems, "deals/D-AAAAAAAA.yaml", 4,
                 "stage 'closing' is not one of crm.yaml's stages");
  CHECK_THAT(about(problems, "deals/D-AAAAAAAA.yaml")[0].hint, Catch::Contains("qualification"));
  expect_problem(problems, "deals/D-BBBBBBBB.yaml", 6, "amount: '12,50' is not a decimal");
}

TEST_CASE("check_store reports every problem in one run", "[check]") {
  DataDir d;
  d.put("leads/L-AAAAAAAA.yaml", "id: \"L-AAAAAAAA\"\nstatus: \"new\"\n" + std::string(k_created));
  d.put("leads/L-BBBBBBBB.yaml", lead_text("L-BBBBBBBB", "won", ""));
  d.put("leads/L-CCCCCCCC.yaml", "id: [\n");
  d.put("contacts/L-DDDDDDDD.yaml", lead_text("L-DDDDDDDD", "new", ""));
  d.put("contacts/C-AAAAAAAA.yaml",
        "id: \"C-AAAAAAAA\"\nname: \"P\"\naccount: \"A-ZZZZZZZZ\"\n" + std::string(k_created));
  d.put("activities/T-AAAAAAAA.yaml",
        "id: \"T-AAAAAAAA\"\ntype: \"task\"\nstatus: \"open\"\nabout: \"C-AAAAAAAA\"\n"
        "subject: \"x\"\nat: \"2026-11-23T00:00:00+00:00\"\n" +
            std::string(k_created));
  auto problems = check_store(d.store);
  INFO(describe(problems));
  for (const char* file :
       {"leads/L-AAAAAAAA.yaml", "leads/L-BBBBBBBB.yaml", "leads/L-CCCCCCCC.yaml",
        "contacts/L-DDDDDDDD.yaml", "contacts/C-AAAAAAAA.yaml", "activities/T-AAAAAAAA.yaml"}) {
    INFO(file);
    CHECK_FALSE(about(problems, file).empty());
  }
  CHECK(problems.size() >= 6);
}

TEST_CASE("format_problem_location writes FILE:LINE: message", "[check]") {
  CHECK(format_problem_location({"leads/L-AAAAAAAA.yaml", 7, "bad", "hint", "fields"}) ==
        "leads/L-AAAAAAAA.yaml:7: bad");
  CHECK(format_problem_location({"leads/L-AAAAAAAA.yaml", 0, "bad", "", "files"}) ==
        "leads/L-AAAAAAAA.yaml: bad");
  CHECK(format_problem_location({"", 0, "x.yaml:3: bad", "", "files"}) == "x.yaml:3: bad");
}

}  // namespace check_tests
