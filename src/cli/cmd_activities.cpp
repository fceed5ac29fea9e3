// crm note add, crm activity log|list, crm task add|done|cancel|list
#include <memory>

#include "commands.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/activities.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

std::string summary_cell(const Record& r, const std::string& column) {
  return column == "subject" ? activity_summary(r) : r.get(column);
}

void setup_note(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref, text;
  };
  auto o = std::make_shared<Options>();
  CLI::App* note = app.add_subcommand("note", "Notes on any record");
  note->require_subcommand(1);
  CLI::App* add = note->add_subcommand("add", "Add a note to a record");
  add_reference(add, o->ref, "The record the note is about");
  add->add_option("TEXT", o->text, "The note")->required();
  add->footer("Example: crm note add L-7K3Q \"Met at the Poznan fair; wants a demo in March\"");
  add->callback([&ctx, o] {
    ctx.mutate([&](Session& s) { return add_note(s, resolve(s.store, o->ref), o->text); });
  });
}

void setup_activity(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref, type, subject, body, at;
  };
  auto o = std::make_shared<Options>();
  CLI::App* activity = app.add_subcommand("activity", "Calls, meetings and emails");
  activity->require_subcommand(1);
  CLI::App* log = activity->add_subcommand("log", "Record a call, meeting or email");
  add_reference(log, o->ref, "The record it was about", std::vector<Kind>{});
  log->add_option("--type", o->type, "call, meeting or email")->required();
  log->add_option("--subject", o->subject, "What it was about")->required();
  log->add_option("--body", o->body, "Details");
  log->add_option("--at", o->at, "When (default now): 2026-11-20T14:00, yesterday, ...");
  log->footer(
      "Example: crm activity log L-7K3Q --type call --subject \"Intro call\" --at \"2026-11-20 "
      "14:00\"");
  log->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      LoggedActivity logged{o->type, o->subject, o->body,
                            o->at.empty() ? std::string() : parse_moment(o->at, s.clock, "--at")};
      return log_activity(s, resolve(s.store, o->ref), logged);
    });
  });
  add_list_command(activity, ctx,
                   {Kind::activity,
                    {"id", "type", "at", "about", "subject", "by"},
                    {{"type", "Only this type: note, call, meeting, email, task"},
                     {"about", "Only activities about this record"},
                     {"by", "Only activities by this user"}},
                    "crm activity list --type call --about \"Jan Kowalski\"",
                    {},
                    summary_cell});
  add_show_command(activity, ctx, Kind::activity, "crm activity show T-9QX2");
}

void setup_task(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref, due, text;
  };
  auto o = std::make_shared<Options>();
  CLI::App* task =
      app.add_subcommand("task", "Tasks: things to do about a record, with a due date");
  task->require_subcommand(1);
  CLI::App* add = task->add_subcommand("add", "Add a task");
  add_reference(add, o->ref, "The record the task is about");
  add->add_option("--due", o->due, "Due date: 2026-12-01, tomorrow, +3d, friday, eom")->required();
  add->add_option("TEXT", o->text, "What to do")->required();
  add->footer("Example: crm task add L-7K3Q --due friday \"Send the brochure\"");
  add->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      Date due = parse_date(o->due, s.clock, "--due");
      return add_task(s, resolve(s.store, o->ref), due, o->text);
    });
  });
  auto transition = [](Session& s, Record t, const std::string& verb, const Firing&) {
    return transition_task(s, std::move(t), verb);
  };
  add_transition_command(task, ctx, Kind::activity,
                         {"done", "Mark a task done", "crm task done T-9QX2"}, transition);
  add_transition_command(task, ctx, Kind::activity,
                         {"cancel", "Cancel a task", "crm task cancel T-9QX2"}, transition);
  ListSpec spec{Kind::activity,
                {"id", "status", "due", "about", "subject"},
                {{"status",
                  "Only tasks in this state: open, done, cancelled, or overdue (open "
                  "and past its due date)"},
                 {"about", "Only tasks about this record"},
                 {"by", "Only tasks of this user"}},
                "crm task list --status overdue",
                {{"type", "task"}},
                [&ctx](const Record& r, const std::string& column) {
                  if (column == "status") return effective_status(r, ctx.session().clock.today());
                  return summary_cell(r, column);
                },
                "List tasks, by due date",
                "due"};
  add_list_command(task, ctx, spec);
}

}  // namespace

void setup_activities(CLI::App& app, Context& ctx) {
  setup_note(app, ctx);
  setup_activity(app, ctx);
  setup_task(app, ctx);
}

}  // namespace crm::cli
