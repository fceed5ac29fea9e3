// Deals (sale opportunities): stages from crm.yaml, win / lose / complete, the buying centre,
// and the sales assistant's next steps from each stage's playbook.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/fields.h"
#include "crm/kinds/session.h"

namespace crm {

struct DealInput {
  std::string account;  // any reference to an account
  std::string title;
  std::string contact;   // optional reference
  std::string amount;    // optional, in crm.yaml's currency
  std::string close_by;  // optional date word
  std::string owner;     // optional, default the acting user
};

// A new open deal in the first stage.
ChangeSet add_deal(Session& session, const DealInput& input);

// Edits title, amount, close_by, owner, notes; references in `contact` are resolved.
ChangeSet edit_deal(Session& session, Record deal, FieldEdits edits);

// Moves an open deal to another stage of crm.yaml; the move lands in history.
ChangeSet move_deal_stage(Session& session, Record deal, const std::string& stage);

// win (needs an accepted quote), lose (reason; no quote awaiting an answer) and complete (the
// act: every order delivered and invoiced, every invoice paid, every contract done; `firing`
// may force it with a reason). Winning and losing set `closed` to today.
ChangeSet transition_deal(Session& session, Record deal, const std::string& command,
                          const Firing& firing = {});

struct RoleInput {
  std::string contact;    // any reference to a contact
  std::string role;       // buying_roles()
  std::string influence;  // influence_levels()
  std::string attitude;   // attitudes(), optional
  bool remove = false;    // take the contact out of the buying centre instead
};

// Adds the contact to the buying centre or updates their entry (role and influence needed), or
// with `remove` takes them out. UsageError for a missing or unknown role or influence.
ChangeSet change_deal_role(Session& session, Record deal, const RoleInput& input);

// Warnings worth showing with a deal, e.g. no decision maker known from the proposal stage on.
std::vector<std::string> deal_warnings(const RecordStore& store, const Record& deal);

// One step of the current stage's playbook and how far it is.
struct PlaybookStep {
  std::string step;
  std::string state;  // "todo", "open" (a task exists), "done"
  std::string task;   // the task's ID when there is one
  std::string due;
};

// Nothing for a deal that is no longer open.
std::vector<PlaybookStep> next_steps(const RecordStore& store, const Record& deal);

// Creates a task for each step that has none, due on working days spread from today
// (+2, +4, +6... days, never on a weekend). Running it again creates nothing new.
ChangeSet create_playbook_tasks(Session& session, const Record& deal);

}  // namespace crm
