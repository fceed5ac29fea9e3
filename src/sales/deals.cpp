#include "crm/sales/deals.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/parties.h"

namespace crm {
namespace {

std::string normalized_amount(const Session& session, const Record& deal,
                              const std::string& amount) {
  std::string code =
      deal.get("currency").empty() ? session.store.config().currency : deal.get("currency");
  Money money = Money::parse(amount, currency_for(code), "--amount");
  if (money.is_negative()) throw UsageError("--amount cannot be negative");
  return money.str();
}

ChangeSet updated(Record deal, const std::string& summary) {
  return ChangeSet::of_updated(std::move(deal), summary);
}

void require_choice(const std::string& option, const std::string& value,
                    const std::vector<std::string>& choices) {
  if (std::find(choices.begin(), choices.end(), value) == choices.end())
    throw UsageError(fmt::format("{} '{}' is not one of {}", option, value, join(choices, ", ")));
}

// The activities about a deal.
std::vector<Record> deal_tasks(const RecordStore& store, const std::string& deal_id) {
  return store.find_by(Kind::activity, "about", deal_id);
}

Date next_working_day(Date day) {
  while (day.weekday() >= 5) day = day.plus_days(1);
  return day;
}

}  // namespace

ChangeSet add_deal(Session& session, const DealInput& input) {
  if (trim(input.title).empty()) throw UsageError("a deal needs --title");
  Record account = resolve(session.store, input.account, {Kind::account});
  Record deal = new_record(session, Kind::deal);
  deal.set_text("title", trim(input.title));
  deal.set_text("stage", session.store.config().stages.front().name);
  deal.set_text("account", account.id());
  if (!input.contact.empty())
    deal.set_text("contact", resolve(session.store, input.contact, {Kind::contact}).id());
  deal.set_text("owner", input.owner.empty() ? session.user : input.owner);
  deal.set_text("currency", session.store.config().currency);
  if (!input.amount.empty())
    deal.set_text("amount", normalized_amount(session, deal, input.amount));
  if (!input.close_by.empty())
    deal.set_text("close_by", parse_date(input.close_by, session.clock, "--close-by").iso());
  ChangeSet changes;
  changes.summary = fmt::format("deal add {}", deal.id());
  changes.created(std::move(deal));
  return changes;
}

ChangeSet edit_deal(Session& session, Record deal, FieldEdits edits) {
  resolve_reference_edits(session.store, Kind::deal, edits);
  for (auto& [field, value] : edits) {
    if (value.empty()) continue;
    if (field == "amount") value = normalized_amount(session, deal, value);
    if (field == "close_by") value = parse_date(value, session.clock, "--close-by").iso();
    if (field == "stage" || field == "reason" || field == "roles")
      throw UsageError(fmt::format("{} cannot be edited", field),
                       "move stages with `crm deal stage`, roles with `crm deal role`");
  }
  ChangeSet changes;
  if (!apply_edits(deal, edits, session.actor(), session.store.config())) return changes;
  return updated(std::move(deal), fmt::format("deal edit {}", deal.id()));
}

ChangeSet move_deal_stage(Session& session, Record deal, const std::string& stage) {
  const Config& config = session.store.config();
  if (!config.stage(stage))
    throw UsageError(
        fmt::format("'{}' is not a stage", stage),
        fmt::format("the stages in crm.yaml are: {}", join(config.stage_names(), ", ")));
  require_allowed(deal, "stage", session.guards());
  std::string from = deal.get("stage");
  if (from == stage) return {};
  deal.append_history(field_change_entry(session.actor(), "stage", from, stage));
  deal.set_text("stage", stage);
  std::string id = deal.id();
  return updated(std::move(deal), fmt::format("deal stage {} {}", id, stage));
}

ChangeSet transition_deal(Session& session, Record deal, const std::string& command,
                          const Firing& firing) {
  fire(deal, command, session.actor(), firing, session.guards());
  if (command == "win" || command == "lose") deal.set_text("closed", session.clock.today().iso());
  std::string id = deal.id();
  return updated(std::move(deal), fmt::format("deal {} {}", command, id));
}

namespace {

ChangeSet remove_deal_role(Session& session, Record deal, const std::string& contact_ref) {
  Record contact = resolve(session.store, contact_ref, {Kind::contact});
  Value& roles = deal.list("roles");
  auto before = roles.items().size();
  std::erase_if(roles.items(), [&](const Value& r) { return r.get("contact") == contact.id(); });
  if (roles.items().size() == before)
    throw NotFoundError(fmt::format("{} has no role in deal {}", contact.id(), deal.id()),
                        fmt::format("see the buying centre with `crm deal show {}`", deal.id()));
  if (roles.items().empty()) deal.erase("roles");
  std::string id = deal.id();
  return updated(std::move(deal), fmt::format("deal role {} {} removed", id, contact.id()));
}

}  // namespace

ChangeSet change_deal_role(Session& session, Record deal, const RoleInput& input) {
  if (input.remove) return remove_deal_role(session, std::move(deal), input.contact);
  if (input.role.empty() || input.influence.empty())
    throw UsageError("deal role needs --role and --influence (or --remove)",
                     "e.g. --role decision-maker --influence high");
  require_choice("--role", input.role, buying_roles());
  require_choice("--influence", input.influence, influence_levels());
  if (!input.attitude.empty()) require_choice("--attitude", input.attitude, attitudes());
  Record contact = resolve(session.store, input.contact, {Kind::contact});
  Value entry = Value::map();
  entry.set("contact", Value::string(contact.id()));
  entry.set("role", Value::string(input.role));
  entry.set("influence", Value::string(input.influence));
  if (!input.attitude.empty()) entry.set("attitude", Value::string(input.attitude));
  Value& roles = deal.list("roles");
  auto it = std::find_if(roles.items().begin(), roles.items().end(),
                         [&](const Value& r) { return r.get("contact") == contact.id(); });
  if (it != roles.items().end()) {
    if (*it == entry) return {};
    *it = std::move(entry);
  } else {
    roles.push_back(std::move(entry));
  }
  std::string id = deal.id();
  return updated(std::move(deal), fmt::format("deal role {} {}", id, contact.id()));
}

std::vector<std::string> deal_warnings(const RecordStore& store, const Record& deal) {
  std::vector<std::string> warnings;
  if (!can_fire(deal, "stage")) return warnings;  // a closed deal needs no buying centre
  const auto& stages = store.config().stages;
  auto position = [&](const std::string& name) {
    auto it =
        std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.name == name; });
    return it == stages.end() ? -1 : static_cast<int>(it - stages.begin());
  };
  int proposal = position("proposal");
  int current = position(deal.get("stage"));
  if (proposal < 0 || current < proposal) return warnings;
  const Value* roles = deal.find("roles");
  bool has_decision_maker =
      roles && roles->is_sequence() &&
      std::any_of(roles->items().begin(), roles->items().end(),
                  [](const Value& r) { return r.get("role") == "decision-maker"; });
  if (!has_decision_maker)
    warnings.push_back(fmt::format(
        "no decision maker is known in the {} stage; add one with `crm deal role {} --contact "
        "REF --role decision-maker --influence high`",
        deal.get("stage"), deal.id()));
  return warnings;
}

std::vector<PlaybookStep> next_steps(const RecordStore& store, const Record& deal) {
  std::vector<PlaybookStep> steps;
  const Stage* stage = store.config().stage(deal.get("stage"));
  if (!stage || !can_fire(deal, "stage")) return steps;  // a closed deal has no next step
  auto tasks = deal_tasks(store, deal.id());
  for (const std::string& step : stage->playbook) {
    PlaybookStep s{step, "todo", "", ""};
    for (const Record& a : tasks) {
      if (activity_summary(a) != step) continue;
      bool done = a.get("type") != "task" || a.status() == "done";
      if (a.get("type") == "task" && a.status() == "cancelled") continue;
      s = PlaybookStep{step, done ? "done" : "open", a.id(), a.get("due")};
      if (done) break;
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

ChangeSet create_playbook_tasks(Session& session, const Record& deal) {
  require_allowed(deal, "stage", session.guards());  // only open deals have a next step
  ChangeSet changes;
  int n = 0;
  for (const PlaybookStep& step : next_steps(session.store, deal)) {
    ++n;
    if (step.state != "todo") continue;
    Date due = next_working_day(session.clock.today().plus_days(2L * n));
    changes.absorb(add_task(session, deal, due, step.step));
  }
  changes.summary = fmt::format("deal next {} --create-tasks", deal.id());
  return changes;
}

}  // namespace crm
