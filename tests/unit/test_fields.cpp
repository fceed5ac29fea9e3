// Field values: what each field type accepts and refuses, and how edits land on a record.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/kinds/fields.h"
#include "crm/store/memory_store.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace fields_tests {

namespace {

const Actor k_actor{"tester", "2026-11-23T00:00:00+00:00"};
const Config k_config = MemoryStore::default_config();

FieldSpec of_type(FieldType type, std::string name = "f") {
  FieldSpec f;
  f.name = std::move(name);
  f.type = type;
  return f;
}

void accepts(const FieldSpec& f, std::initializer_list<const char*> texts) {
  for (const char* text : texts) {
    INFO(f.name << " accepts '" << text << "'");
    CHECK(field_value_problem(f, text) == std::nullopt);
  }
}

void refuses(const FieldSpec& f, std::initializer_list<const char*> texts) {
  for (const char* text : texts) {
    INFO(f.name << " refuses '" << text << "'");
    auto problem = field_value_problem(f, text);
    REQUIRE(problem.has_value());
    if (f.type != FieldType::history && f.type != FieldType::list && f.type != FieldType::entries)
      CHECK_THAT(*problem, Catch::Contains(std::string("'") + text + "'"));
  }
}

Record lead(const std::string& owner = {}) {
  Value fields = Value::map();
  fields.set("id", Value::string("L-7K3QZ9AB"));
  fields.set("status", Value::string("new"));
  fields.set("name", Value::string("Jan Kowalski"));
  if (!owner.empty()) fields.set("owner", Value::string(owner));
  fields.set("created", Value::string("2026-11-20T10:00:00+00:00"));
  return Record(Kind::lead, fields);
}

}  // namespace

// The fine points of e-mail syntax are crm/base/email.h's (HTML's rule); here only that an
// email field takes an address and refuses what is plainly none.
TEST_CASE("text fields take any text, and email fields an e-mail address", "[fields]") {
  accepts(of_type(FieldType::text), {"", "anything at all", "+48 42 683 74 61", "01234"});
  const FieldSpec& email = *kind_spec(Kind::lead).field("email");
  REQUIRE(email.type == FieldType::email);
  accepts(email, {"jan@kowalski-meble.example"});
  refuses(email, {"a@", "@b", "jan.example.com", "jan @example.com", "jan@exa mple.com"});
  for (Kind kind : {Kind::account, Kind::contact, Kind::lead})
    CHECK(kind_spec(kind).field("email")->type == FieldType::email);
}

TEST_CASE("date fields take YYYY-MM-DD only", "[fields]") {
  const FieldSpec& due = *kind_spec(Kind::activity).field("due");
  REQUIRE(due.type == FieldType::date);
  accepts(due, {"2026-11-23", "2024-02-29"});
  refuses(due, {"2026-02-30", "2025-02-29", "23.11.2026", "2026-11-23T00:00:00Z", "tomorrow", ""});
}

TEST_CASE("timestamp fields take ISO 8601 with an offset", "[fields]") {
  const FieldSpec& created = *kind_spec(Kind::lead).field("created");
  REQUIRE(created.type == FieldType::timestamp);
  accepts(created,
          {"2026-11-23T00:00:00+00:00", "2026-11-23T23:59:59-05:00", "2026-11-23T10:00:00Z"});
  refuses(created, {"2026-11-23", "2026-11-23T10:00:00", "2026-11-23 10:00:00+00:00", "now"});
}

TEST_CASE("choice fields take one of their choices, exactly", "[fields]") {
  const FieldSpec& type = *kind_spec(Kind::activity).field("type");
  REQUIRE(type.type == FieldType::choice);
  accepts(type, {"note", "call", "meeting", "email", "task"});
  refuses(type, {"Note", "fax", "", "note "});
  CHECK(*field_value_problem(type, "fax") ==
        "'fax' is not one of note, call, meeting, email, task");
  const FieldSpec& status = *kind_spec(Kind::lead).field("status");
  accepts(status, {"new", "contacted", "qualified", "converted", "disqualified"});
  refuses(status, {"open", "won"});
}

TEST_CASE("reference fields take a valid ID of a target kind", "[fields]") {
  const FieldSpec& account = *kind_spec(Kind::contact).field("account");
  accepts(account, {"A-7K3QZ9AB"});
  refuses(account, {"L-7K3QZ9AB", "A-7K3QZ9A", "A-7k3qz9ab", "Acme Ltd", "A-../../x", "ZZ-7K3QZ9AB",
                    "-7K3QZ9AB", ""});
  CHECK_THAT(*field_value_problem(account, "L-7K3QZ9AB"),
             Catch::StartsWith("'L-7K3QZ9AB' is not the ID of a") && Catch::EndsWith("account"));
  // `about` may point at any kind.
  const FieldSpec& about = *kind_spec(Kind::activity).field("about");
  accepts(about, {"A-7K3QZ9AB", "L-7K3QZ9AB", "D-7K3QZ9AB", "SC-7K3QZ9AB"});
  refuses(about, {"X-7K3QZ9AB", "L-7K3QZ9A", "nothing"});
}

TEST_CASE("boolean, integer and decimal fields", "[fields]") {
  FieldSpec boolean = of_type(FieldType::boolean);
  accepts(boolean, {"true", "false"});
  refuses(boolean, {"yes", "True", "1", ""});

  FieldSpec integer = of_type(FieldType::integer);
  accepts(integer, {"0", "42", "-7", "123456789012345"});
  refuses(integer, {"4.2", "", "1e3", "0x1F", "1234567890123456", "+5", " 5"});

  FieldSpec decimal = of_type(FieldType::decimal);
  accepts(decimal, {"12.50", "-3", "0.123456", "3374.97", "0"});
  refuses(decimal, {"1.2345678", "1e3", "12,50", "abc", ".5", "5.", "", "NaN"});
}

TEST_CASE("list-like fields take no single value", "[fields]") {
  for (FieldType type : {FieldType::history, FieldType::list, FieldType::entries}) {
    FieldSpec f = of_type(type, "items");
    auto problem = field_value_problem(f, "x");
    REQUIRE(problem.has_value());
    CHECK(*problem == "items is a list, not a single value");
  }
}

// Lead sources used to be a fixed choice; they are crm.yaml's list now (Config::lead_sources),
// so the field is text checked against that vocabulary where the configuration is known.
TEST_CASE("A lead's source is text from crm.yaml's lead_sources", "[fields]") {
  const FieldSpec& source = *kind_spec(Kind::lead).field("source");
  CHECK(source.type == FieldType::text);
  CHECK(source.vocabulary == "lead_sources");
  CHECK(field_value_problem(source, "tv") == std::nullopt);
  CHECK(k_config.lead_sources ==
        std::vector<std::string>{"referral", "business-card", "fair", "campaign", "web", "other"});
  CHECK(k_config.vocabulary("lead_sources") == k_config.lead_sources);
  CHECK(k_config.vocabulary("stages") ==
        std::vector<std::string>{"qualification", "needs-analysis", "proposal", "negotiation"});
  CHECK(k_config.vocabulary("nonsense").empty());
  const FieldSpec& stage = *kind_spec(Kind::deal).field("stage");
  CHECK(stage.vocabulary == "stages");
}

TEST_CASE("apply_edits sets, trims and clears text fields", "[fields]") {
  Record r = lead();
  CHECK(apply_edits(r, {{"company", "  Acme Ltd "}, {"phone", "01234"}}, k_actor, k_config));
  CHECK(r.get("company") == "Acme Ltd");
  CHECK(r.get("phone") == "01234");
  CHECK_FALSE(apply_edits(r, {{"company", "Acme Ltd"}}, k_actor, k_config));  // nothing changed
  CHECK(apply_edits(r, {{"phone", ""}}, k_actor, k_config));
  CHECK_FALSE(r.has("phone"));  // records carry no empty keys
  CHECK_FALSE(r.has("history"));
}

TEST_CASE("apply_edits records an owner change as a hand-over", "[fields]") {
  Record r = lead("anna");
  CHECK(apply_edits(r, {{"owner", "bob"}}, Actor{"carol", "2026-11-23T12:00:00+00:00"}, k_config));
  CHECK(r.get("owner") == "bob");
  const Value* history = r.fields().find("history");
  REQUIRE(history != nullptr);
  REQUIRE(history->items().size() == 1);
  CHECK(emit_yaml(history->items()[0]) ==
        "at: \"2026-11-23T12:00:00+00:00\"\nfield: \"owner\"\nfrom: \"anna\"\nto: \"bob\"\n"
        "by: \"carol\"\n");
  // Giving it to the same owner again is no change and no entry.
  CHECK_FALSE(apply_edits(r, {{"owner", "bob"}}, k_actor, k_config));
  CHECK(r.fields().find("history")->items().size() == 1);
}

TEST_CASE("apply_edits sets a first owner without a hand-over", "[fields]") {
  Record r = lead();
  CHECK(apply_edits(r, {{"owner", "anna"}}, k_actor, k_config));
  CHECK(r.get("owner") == "anna");
  CHECK_FALSE(r.has("history"));
}

TEST_CASE("apply_edits refuses invalid values, required blanks and lifecycle fields", "[fields]") {
  for (const char* field : {"status", "id", "history", "created", "nonsense"}) {
    INFO(field);
    Record r = lead("anna");
    const Record before = r;
    auto e = thrown<UsageError>([&] { apply_edits(r, {{field, "x"}}, k_actor, k_config); });
    CHECK(std::string(e.what()) == std::string(field) + " cannot be edited");
    CHECK(r.fields() == before.fields());
  }
  Record r = lead();
  auto required = thrown<UsageError>([&] { apply_edits(r, {{"name", "  "}}, k_actor, k_config); });
  CHECK(std::string(required.what()) == "name cannot be empty");
  CHECK(r.get("name") == "Jan Kowalski");

  auto email = thrown<UsageError>([&] { apply_edits(r, {{"email", "nope"}}, k_actor, k_config); });
  CHECK(std::string(email.what()) == "--email: 'nope' is not an e-mail address");
  auto source = thrown<UsageError>([&] { apply_edits(r, {{"source", "tv"}}, k_actor, k_config); });
  CHECK(std::string(source.what()) == "--source 'tv' is not one of crm.yaml's lead_sources");
  CHECK_THAT(source.hint(), Catch::Contains("referral, business-card, fair"));
  Record contact(Kind::contact, Value::map());
  CHECK_THROWS_AS(apply_edits(contact, {{"account", "L-7K3QZ9AB"}}, k_actor, k_config), UsageError);
  CHECK_FALSE(r.has("email"));
  CHECK_FALSE(r.has("source"));
}

TEST_CASE("A reference problem names the target kind with the right article", "[fields]") {
  const FieldSpec& account = *kind_spec(Kind::contact).field("account");
  CHECK(field_value_problem(account, "L-7K3QZ9AB") ==
        std::optional<std::string>("'L-7K3QZ9AB' is not the ID of an account"));
}

// The messages of a record's field problems, in order.
std::vector<std::string> messages(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const FieldProblem& p : problems) out.push_back(p.message);
  return out;
}

const std::string k_stamps = "at: 2026-11-23T00:00:00+00:00\ncreated: 2026-11-23T00:00:00+00:00\n";

Record activity(const std::string& fields) {
  return crm_test::record_from_yaml(Kind::activity,
                                    "id: T-7K3QZ9AB\nabout: L-7K3QZ9AB\n" + fields + k_stamps);
}

Record deal(const std::string& fields) {
  return crm_test::record_from_yaml(
      Kind::deal, "id: D-7K3QZ9AB\ntitle: Pumps\nstatus: open\naccount: A-7K3QZ9AB\n" + fields +
                      "created: 2026-11-23T00:00:00+00:00\n");
}

TEST_CASE("apply_edits takes values of crm.yaml's lists from the configuration", "[fields]") {
  Record d = deal("stage: qualification\n");
  CHECK(apply_edits(d, {{"stage", "proposal"}}, k_actor, k_config));
  CHECK(d.get("stage") == "proposal");
  auto stage = thrown<UsageError>([&] {
    apply_edits(d, {{"stage", "closing"}}, k_actor, k_config);
  });
  CHECK(std::string(stage.what()) == "--stage 'closing' is not one of crm.yaml's stages");
  CHECK(stage.hint() ==
        "use one of: qualification, needs-analysis, proposal, negotiation, or add it to crm.yaml");
  CHECK(d.get("stage") == "proposal");

  Config fax = k_config;
  fax.lead_sources = {"fax", "web"};
  fax.stages.push_back({"closing", "90", {}});
  CHECK(apply_edits(d, {{"stage", "closing"}}, k_actor, fax));
  Record r = lead();
  CHECK(apply_edits(r, {{"source", "fax"}}, k_actor, fax));
  CHECK(r.get("source") == "fax");
  CHECK_THROWS_AS(apply_edits(r, {{"source", "fair"}}, k_actor, fax), UsageError);
  CHECK_THROWS_AS(apply_edits(r, {{"source", "fax"}}, k_actor, k_config), UsageError);
  CHECK(apply_edits(r, {{"source", ""}}, k_actor, k_config));  // an optional value is cleared
  CHECK_FALSE(r.has("source"));
}

TEST_CASE("field_problems: a task's fields belong to tasks, and tasks need them", "[fields]") {
  CHECK(field_problems(activity("type: task\nstatus: open\nsubject: Call\ndue: 2026-11-30\n"),
                       k_config)
            .empty());
  CHECK(field_problems(activity("type: note\nbody: Hello\n"), k_config).empty());
  CHECK(field_problems(activity("type: call\nsubject: Hello\n"), k_config).empty());
  // A task without its status, and an open one without subject and due.
  CHECK(messages(field_problems(activity("type: task\nsubject: Call\n"), k_config)) ==
        std::vector<std::string>{"missing field 'status', required when type is task"});
  CHECK(messages(field_problems(activity("type: task\nstatus: done\n"), k_config)) ==
        std::vector<std::string>{"missing field 'subject', required when activity is done",
                                 "missing field 'due', required when activity is done"});
  // A note with a due date or a status.
  // (The problems point into the record: it must outlive them.)
  Record note_due = activity("type: note\nbody: Hello\ndue: 2026-11-30\n");
  auto due = field_problems(note_due, k_config);
  REQUIRE(due.size() == 1);
  // A note follows no machine, so it has no state to compare with.
  CHECK(due[0].message == "'due' belongs to an activity that is open or done or cancelled");
  CHECK(due[0].at->line() == 5);
  CHECK(due[0].hint == "remove the field, or restore the file with git");
  // A note's stray status is its one problem: it does not make a task's fields (subject, due)
  // required of the note.
  Record note_status = activity("type: note\nstatus: open\nbody: Hello\n");
  auto status = field_problems(note_status, k_config);
  REQUIRE(status.size() == 1);
  CHECK(status[0].message == "'status' belongs to activity records whose type is task, not note");
  CHECK(status[0].at->line() == 4);
  // With a due date as well, the date is judged as on any note: no state decides it.
  CHECK(
      messages(field_problems(activity("type: note\nstatus: done\nbody: Hello\ndue: 2026-11-30\n"),
                              k_config)) ==
      std::vector<std::string>{"'status' belongs to activity records whose type is task, not note",
                               "'due' belongs to an activity that is open or done or cancelled"});
  // presence_problems is the part of field_problems that says so.
  CHECK(messages(presence_problems(activity("type: task\nsubject: Call\n"))) ==
        std::vector<std::string>{"missing field 'status', required when type is task"});
}

TEST_CASE("field_problems: stages and lead sources come from crm.yaml", "[fields]") {
  Record closing = deal("stage: closing\n");
  CHECK(shape_problems(closing).empty());  // a shape is fine; the value is not in the list
  CHECK_FALSE(malformed_field(closing));
  auto vocabulary = vocabulary_problems(closing, k_config);
  REQUIRE(vocabulary.size() == 1);
  CHECK(vocabulary[0].message == "stage 'closing' is not one of crm.yaml's stages");
  CHECK(vocabulary[0].hint ==
        "use one of: qualification, needs-analysis, proposal, negotiation (or add it to crm.yaml)");
  CHECK(vocabulary[0].at->line() == 5);
  Config more = k_config;
  more.stages.push_back({"closing", "90", {}});
  CHECK(field_problems(closing, more).empty());

  Record tv = crm_test::record_from_yaml(
      Kind::lead,
      "id: L-7K3QZ9AB\nstatus: new\nname: Jan\nsource: tv\ncreated: 2026-11-23T00:00:00+00:00\n");
  CHECK(messages(field_problems(tv, k_config)) ==
        std::vector<std::string>{"source 'tv' is not one of crm.yaml's lead_sources"});
  more.lead_sources.push_back("tv");
  CHECK(field_problems(tv, more).empty());

  // All of them, in order: shape, presence, vocabulary.
  Record bad = crm_test::record_from_yaml(
      Kind::deal,
      "id: D-7K3QZ9AB\ntitle: Pumps\nstatus: open\nstage: closing\namount: \"12,50\"\n"
      "created: 2026-11-23T00:00:00+00:00\n");
  CHECK(messages(field_problems(bad, k_config)) ==
        std::vector<std::string>{"amount: '12,50' is not a decimal number such as 12.50",
                                 "missing required field 'account'",
                                 "stage 'closing' is not one of crm.yaml's stages"});
  REQUIRE(malformed_field(bad));
  CHECK(malformed_field(bad)->message == "amount: '12,50' is not a decimal number such as 12.50");
}

}  // namespace fields_tests
