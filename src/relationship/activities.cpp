#include "crm/relationship/activities.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/relationship/parties.h"

namespace crm {
namespace {

Record new_activity(Session& session, const std::string& type, const Record& about) {
  Record activity = new_record(session, Kind::activity);
  activity.set_text("type", type);
  start_lifecycle(activity);  // tasks start open; notes and calls have no state
  activity.set_text("about", about.id());
  activity.set_text("by", session.user);
  return activity;
}

ChangeSet created(Record activity, const std::string& verb) {
  ChangeSet changes;
  changes.summary = fmt::format("{} {} on {}", verb, activity.id(), activity.get("about"));
  changes.created(std::move(activity));
  return changes;
}

}  // namespace

ChangeSet add_note(Session& session, const Record& about, const std::string& text) {
  if (trim(text).empty()) throw UsageError("a note needs text");
  Record note = new_activity(session, "note", about);
  note.set_text("body", text);
  note.set_text("at", session.clock.now());
  return created(std::move(note), "note add");
}

ChangeSet log_activity(Session& session, const Record& about, const LoggedActivity& logged) {
  if (logged.type != "call" && logged.type != "meeting" && logged.type != "email")
    throw UsageError(fmt::format("--type '{}' is not call, meeting or email", logged.type),
                     "notes use `crm note add`, tasks `crm task add`");
  if (trim(logged.subject).empty()) throw UsageError("an activity needs --subject");
  Record activity = new_activity(session, logged.type, about);
  activity.set_text("subject", logged.subject);
  activity.set_text("body", logged.body);
  activity.set_text("at", logged.at.empty() ? session.clock.now() : logged.at);
  return created(std::move(activity), "activity log");
}

ChangeSet add_task(Session& session, const Record& about, const Date& due,
                   const std::string& text) {
  if (trim(text).empty()) throw UsageError("a task needs text saying what to do");
  Record task = new_activity(session, "task", about);
  task.set_text("subject", text);
  task.set_text("at", session.clock.now());
  task.set_text("due", due.iso());
  return created(std::move(task), "task add");
}

std::string activity_summary(const Record& activity) {
  std::string subject = activity.get("subject");
  if (!subject.empty()) return subject;
  std::string body = activity.get("body");
  return body.substr(0, body.find('\n'));
}

ChangeSet transition_task(Session& session, Record task, const std::string& command) {
  if (!machine_for(task))
    throw RefusedError(fmt::format("{} is a {}, not a task", task.id(), task.get("type")),
                       "only tasks can be done or cancelled");
  return transition(session, std::move(task), command);
}

}  // namespace crm
