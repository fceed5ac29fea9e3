// The lead, task and campaign lifecycles.
#include <fmt/format.h>

#include "machines.h"

namespace crm {
namespace {

// Unless the command names an account, conversion links the one account that bears the
// company's exact name, or creates one: two of that name make the choice a person's.
Guard one_account_of_that_name() {
  return Guard{"account-unambiguous",
               "unless --account names one, at most one account has the lead's company name",
               [](const Record& lead, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (ctx.input && !ctx.input->get("account").empty()) return std::nullopt;
                 std::string name =
                     lead.get("company").empty() ? lead.get("name") : lead.get("company");
                 auto same = guards::referencing(ctx, Kind::account, "name", name);
                 if (same.size() < 2) return std::nullopt;
                 return fmt::format("{} accounts are named '{}'", same.size(), name);
               },
               "name the one to link: crm lead convert ID --account A-..."};
}

}  // namespace

Machine lead_machine() {
  Machine m;
  m.kind = "lead";
  m.command = {"lead"};
  m.initial = "new";
  m.states = {"new", "contacted", "qualified", "converted", "disqualified"};
  m.terminal = {"converted", "disqualified"};
  m.transitions = {
      {"contact", {"new"}, "contacted"},
      {"qualify", {"new", "contacted"}, "qualified"},
      {"convert",
       {"new", "contacted", "qualified"},
       "converted",
       false,
       {one_account_of_that_name()}},
      {"disqualify", {"new", "contacted", "qualified"}, "disqualified", true},
  };
  return m;
}

Machine task_machine() {
  Machine m;
  m.kind = "task";
  m.command = {"task"};
  m.initial = "open";
  m.states = {"open", "done", "cancelled"};
  m.terminal = {"done", "cancelled"};
  m.transitions = {
      {"done", {"open"}, "done"},
      {"cancel", {"open"}, "cancelled"},
  };
  m.derived = {
      {"overdue", "an open task past its due date", [](const Record& task, const Date& today) {
         return task.status() == "open" && guards::date_passed(task, "due", today);
       }}};
  return m;
}

// A campaign runs from its first day and is closed by hand once its leads are in; its cost
// stays editable, since the last bill often comes later.
Machine campaign_machine() {
  Machine m;
  m.kind = "campaign";
  m.command = {"campaign"};
  m.initial = "active";
  m.states = {"active", "closed"};
  m.terminal = {"closed"};
  m.transitions = {
      {"close", {"active"}, "closed"},
  };
  m.derived = {{"ended", "an active campaign past its last day (close it)",
                [](const Record& campaign, const Date& today) {
                  return campaign.status() == "active" &&
                         guards::date_passed(campaign, "to", today);
                }}};
  return m;
}

}  // namespace crm
