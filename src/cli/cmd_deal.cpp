// crm deal add|list|show|edit|stage|win|lose|complete|role|next
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/sales/deals.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

void setup_deal_add(CLI::App* deal, Context& ctx) {
  auto o = std::make_shared<DealInput>();
  CLI::App* cmd = deal->add_subcommand("add", "Open a deal (sale opportunity) in the first stage");
  cmd->add_option("--account", o->account, "The customer: ID, prefix, name or email")->required();
  cmd->add_option("--title", o->title, "What is being sold")->required();
  cmd->add_option("--contact", o->contact, "The main contact");
  cmd->add_option("--amount", o->amount, "Expected value, in crm.yaml's currency");
  cmd->add_option("--close-by", o->close_by, "Expected close date: 2026-12-15, eom, +6w...");
  cmd->add_option("--owner", o->owner, "Responsible user (default: the acting user)");
  cmd->footer(
      "Example: crm deal add --account \"Nordwind Logistik GmbH\" --title \"Fleet sensors\" "
      "--amount 48000 --close-by 2027-01-31");
  cmd->callback([&ctx, o] { ctx.mutate([&](Session& s) { return add_deal(s, *o); }); });
}

void setup_deal_show(CLI::App* deal, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = deal->add_subcommand("show", "Show a deal, its buying centre and warnings");
  add_reference(cmd, *ref, "The deal");
  cmd->footer("Example: crm deal show D-7K3Q");
  cmd->callback([&ctx, ref] {
    const RecordStore& store = ctx.session().store;
    Record deal = resolve(store, *ref, {Kind::deal});
    ctx.out().record(deal, store.config());
    for (const std::string& warning : deal_warnings(store, deal))
      std::cerr << "crm: warning: " << escape_for_terminal(warning) << '\n';
  });
}

void bind_deal_fields(CLI::App* cmd, FieldOptions& fields) {
  fields.bind(cmd, "title", "What is being sold");
  fields.bind(cmd, "contact", "The main contact");
  fields.bind(cmd, "amount", "Expected value");
  fields.bind(cmd, "close_by", "Expected close date");
  fields.bind(cmd, "owner", "Responsible user; a change is a hand-over, kept in history");
  fields.bind(cmd, "notes", "Free text");
}

void setup_deal_edit(CLI::App* deal, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  auto fields = std::make_shared<FieldOptions>();
  CLI::App* cmd = deal->add_subcommand("edit", "Change a deal's title, amount, close date, owner");
  add_reference(cmd, *ref, "The deal");
  bind_deal_fields(cmd, *fields);
  cmd->footer("Example: crm deal edit D-7K3Q --amount 52000 --close-by eom");
  cmd->callback([&ctx, ref, fields] {
    ctx.mutate([&](Session& s) {
      return edit_deal(s, resolve(s.store, *ref, {Kind::deal}), fields->edits());
    });
  });
}

void setup_deal_stage(CLI::App* deal, Context& ctx) {
  struct Options {
    std::string ref, stage;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = deal->add_subcommand("stage", "Move an open deal to another stage of crm.yaml");
  add_reference(cmd, o->ref, "The deal");
  cmd->add_option("STAGE", o->stage, "The stage, e.g. needs-analysis, proposal")->required();
  cmd->footer("Example: crm deal stage D-7K3Q proposal");
  cmd->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      return move_deal_stage(s, resolve(s.store, o->ref, {Kind::deal}), o->stage);
    });
  });
}

void setup_deal_role(CLI::App* deal, Context& ctx) {
  struct Options {
    std::string ref;
    RoleInput role;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = deal->add_subcommand("role", "Add, change or remove a buying-centre member");
  add_reference(cmd, o->ref, "The deal");
  cmd->add_option("--contact", o->role.contact, "The person: ID, prefix, name or email")
      ->required();
  cmd->add_option("--role", o->role.role, "One of: " + join(buying_roles(), ", "))
      ->check(choices(buying_roles()));
  cmd->add_option("--influence", o->role.influence, "One of: " + join(influence_levels(), ", "))
      ->check(choices(influence_levels()));
  cmd->add_option("--attitude", o->role.attitude, "One of: " + join(attitudes(), ", "))
      ->check(choices(attitudes()));
  cmd->add_flag("--remove", o->role.remove, "Remove the contact from the buying centre");
  cmd->footer(
      "Example: crm deal role D-7K3Q --contact \"Ewa Nowak\" --role decision-maker "
      "--influence high --attitude supportive");
  cmd->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      return change_deal_role(s, resolve(s.store, o->ref, {Kind::deal}), o->role);
    });
  });
}

void setup_deal_next(CLI::App* deal, Context& ctx) {
  struct Options {
    std::string ref;
    bool create_tasks = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = deal->add_subcommand(
      "next", "Sales assistant: the current stage's playbook and what is left to do");
  add_reference(cmd, o->ref, "The deal");
  cmd->add_flag("--create-tasks", o->create_tasks,
                "Create a task for each step that has none (safe to run again)");
  cmd->footer("Example: crm deal next D-7K3Q --create-tasks");
  cmd->callback([&ctx, o] {
    if (o->create_tasks) {
      ctx.mutate([&](Session& s) {
        return create_playbook_tasks(s, resolve(s.store, o->ref, {Kind::deal}));
      });
      return;
    }
    const RecordStore& store = ctx.session().store;
    Record deal = resolve(store, o->ref, {Kind::deal});
    Table table{{"step", "state", "task", "due"}, {}};
    for (const auto& step : next_steps(store, deal))
      table.rows.push_back({step.step, step.state, step.task, step.due});
    ctx.out().table(table);
  });
}

}  // namespace

void setup_deal(CLI::App& app, Context& ctx) {
  CLI::App* deal = app.add_subcommand("deal", "Deals: stages, buying centre, next steps, outcome");
  deal->require_subcommand(1);
  setup_deal_add(deal, ctx);
  add_list_command(deal, ctx,
                   {Kind::deal,
                    {"id", "status", "stage", "title", "account", "amount", "close_by", "owner"},
                    {{"status", "Only deals in this state: open, won, lost, completed"},
                     {"stage", "Only deals in this stage"},
                     {"owner", "Only deals of this owner"},
                     {"account", "Only deals of this account"}},
                    "crm deal list --status open --stage proposal"});
  setup_deal_show(deal, ctx);
  setup_deal_edit(deal, ctx);
  setup_deal_stage(deal, ctx);
  auto transition = [](Session& s, Record deal, const std::string& verb, const Firing& firing) {
    return transition_deal(s, std::move(deal), verb, firing);
  };
  add_transition_command(
      deal, ctx, Kind::deal,
      {"win", "Mark a deal won (needs an accepted quote)", "crm deal win D-7K3Q"}, transition);
  add_transition_command(
      deal, ctx, Kind::deal,
      {"lose", "Mark a deal lost, saying why", "crm deal lose D-7K3Q --reason \"lost on price\""},
      transition);
  add_transition_command(
      deal, ctx, Kind::deal,
      {"complete",
       "Complete a won deal: the act that closes it (everything delivered, invoiced and paid)",
       "crm deal complete D-7K3Q   (or --force --reason \"...\" to override the rules)"},
      transition);
  setup_deal_role(deal, ctx);
  setup_deal_next(deal, ctx);
  setup_deal_quote(deal, ctx);
}

}  // namespace crm::cli
