// Identification: notes, calls, meetings and emails (records of fact) and tasks (with a
// lifecycle), each attached to the record it is about.
#pragma once

#include <string>

#include "crm/kinds/session.h"

namespace crm {

ChangeSet add_note(Session& session, const Record& about, const std::string& text);

struct LoggedActivity {
  std::string type;  // call, meeting or email
  std::string subject;
  std::string body;
  std::string at;  // ISO timestamp; empty means now
};
ChangeSet log_activity(Session& session, const Record& about, const LoggedActivity& activity);

ChangeSet add_task(Session& session, const Record& about, const Date& due, const std::string& text);

// One line saying what an activity is about: its subject, or a note's first line.
std::string activity_summary(const Record& activity);

// Fires `done` or `cancel` on a task.
ChangeSet transition_task(Session& session, Record task, const std::string& command);

}  // namespace crm
