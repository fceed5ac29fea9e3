// Notes, logged calls, meetings and emails, and tasks with their lifecycle.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/leads.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace activities_tests {

namespace {

Record a_lead(DataDir& d) {
  ChangeSet changes = add_lead(d.session, {{"name", "Jan"}});
  d.commit(changes);
  return changes.changes[0].record;
}

Record only(const ChangeSet& changes) {
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  return changes.changes[0].record;
}

}  // namespace

TEST_CASE("add_note records a note about a record", "[activities]") {
  DataDir d;
  Record lead = a_lead(d);
  ChangeSet changes = add_note(d.session, lead, "Prefers email.\nCall after 3 pm.");
  Record note = only(changes);
  CHECK(note.kind() == Kind::activity);
  CHECK(is_valid_id(note.id(), "T"));
  CHECK(changes.summary == "note add " + note.id() + " on " + lead.id());
  d.commit(changes);
  CHECK(d.text_of(record_relative_path(note)) ==
        "id: \"" + note.id() + "\"\ntype: \"note\"\nabout: \"" + lead.id() +
            "\"\nbody: |-\n  Prefers email.\n  Call after 3 pm.\n"
            "at: \"2026-11-23T00:00:00+00:00\"\nby: \"tester\"\n"
            "created: \"2026-11-23T00:00:00+00:00\"\n");
  CHECK_FALSE(note.has("status"));
  CHECK_THROWS_AS(add_note(d.session, lead, "  \n "), UsageError);
}

TEST_CASE("log_activity records calls, meetings and emails", "[activities]") {
  DataDir d;
  Record lead = a_lead(d);
  for (const char* type : {"call", "meeting", "email"}) {
    INFO(type);
    Record a = only(log_activity(d.session, lead, {type, "Intro", "Talked about prices", ""}));
    CHECK(a.get("type") == type);
    CHECK(a.get("subject") == "Intro");
    CHECK(a.get("body") == "Talked about prices");
    CHECK(a.get("about") == lead.id());
    CHECK(a.get("by") == "tester");
    CHECK(a.get("at") == d.session.clock.now());
    CHECK_FALSE(a.has("status"));
  }
  Record past =
      only(log_activity(d.session, lead, {"meeting", "Visit", "", "2026-11-20T14:00:00+01:00"}));
  CHECK(past.get("at") == "2026-11-20T14:00:00+01:00");
  CHECK_FALSE(past.has("body"));
}

TEST_CASE("log_activity refuses notes, tasks, unknown types and a missing subject",
          "[activities]") {
  DataDir d;
  Record lead = a_lead(d);
  for (const char* type : {"note", "task", "fax", ""}) {
    INFO(type);
    auto e = thrown<UsageError>([&] { log_activity(d.session, lead, {type, "S", "", ""}); });
    CHECK_THAT(e.what(), Catch::Contains("is not call, meeting or email"));
  }
  CHECK_THAT(thrown<UsageError>([&] {
               log_activity(d.session, lead, {"call", " ", "", ""});
             }).what(),
             Catch::Contains("--subject"));
}

TEST_CASE("add_task opens a task with a due date", "[activities][tasks]") {
  DataDir d;
  Record lead = a_lead(d);
  Record task = only(add_task(d.session, lead, Date(2026, 11, 30), "Send the catalogue"));
  CHECK(task.get("type") == "task");
  CHECK(task.status() == "open");
  CHECK(task.get("due") == "2026-11-30");
  CHECK(task.get("subject") == "Send the catalogue");
  CHECK(task.get("about") == lead.id());
  CHECK_THROWS_AS(add_task(d.session, lead, Date(2026, 11, 30), " "), UsageError);
}

TEST_CASE("transition_task finishes or cancels a task, once", "[activities][tasks]") {
  DataDir d;
  Record lead = a_lead(d);
  ChangeSet created = add_task(d.session, lead, Date(2026, 11, 30), "Call back");
  d.commit(created);
  Record task = created.changes[0].record;

  Session later = d.as("anna", "2026-11-25T10:00:00+00:00");
  ChangeSet done = transition_task(later, task, "done");
  CHECK(done.summary == "task done " + task.id());
  d.commit(done);
  Record stored = d.store.load(Kind::activity, task.id());
  CHECK(stored.status() == "done");
  const auto& history = stored.fields().find("history")->items();
  REQUIRE(history.size() == 1);
  CHECK(history[0].get("from") == "open");
  CHECK(history[0].get("to") == "done");
  CHECK(history[0].get("by") == "anna");
  CHECK(history[0].get("at") == "2026-11-25T10:00:00+00:00");

  auto again = thrown<RefusedError>([&] { transition_task(d.session, stored, "cancel"); });
  CHECK_THAT(again.what(), Catch::Contains(task.id()) && Catch::Contains("it is done"));

  ChangeSet other = add_task(d.session, lead, Date(2026, 12, 1), "Visit");
  Record cancelled =
      transition_task(d.session, other.changes[0].record, "cancel").changes[0].record;
  CHECK(cancelled.status() == "cancelled");
  CHECK_THROWS_AS(transition_task(d.session, other.changes[0].record, "finish"), RefusedError);
}

TEST_CASE("transition_task refuses an activity that is not a task", "[activities][tasks]") {
  DataDir d;
  Record lead = a_lead(d);
  Record note = only(add_note(d.session, lead, "hello"));
  auto e = thrown<RefusedError>([&] { transition_task(d.session, note, "done"); });
  CHECK(std::string(e.what()) == note.id() + " is a note, not a task");
  CHECK_FALSE(e.hint().empty());
  Record call = only(log_activity(d.session, lead, {"call", "Hi", "", ""}));
  CHECK_THROWS_AS(transition_task(d.session, call, "cancel"), RefusedError);
}

}  // namespace activities_tests
