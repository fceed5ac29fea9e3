// crm lead add|list|show|edit|contact|qualify|disqualify|convert|erase
#include <memory>

#include "commands.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/kinds/registry.h"
#include "crm/relationship/leads.h"
#include "field_options.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

const std::vector<std::string> k_lead_columns = {"id",      "status", "name",
                                                 "company", "source", "owner"};

// `adding`: what a new lead must have is required by `add` (and optional for `edit`).
void bind_lead_fields(CLI::App* cmd, FieldOptions& fields, bool adding) {
  CLI::Option* name = fields.bind(cmd, "name", "Person or company the lead is about");
  if (adding) name->required();
  fields.bind(cmd, "company", "Company name");
  fields.bind(cmd, "email", "Email address");
  fields.bind(cmd, "phone", "Phone number");
  fields.bind(cmd, "source", "Where it came from: one of crm.yaml's lead_sources");
  fields.bind(cmd, "campaign", "The campaign that brought it in (ID, name)");
  fields.bind(cmd, "owner", "Responsible user (default: the acting user)");
  fields.bind(cmd, "notes", "Free text");
}

void setup_lead_add(CLI::App* lead, Context& ctx) {
  auto fields = std::make_shared<FieldOptions>();
  CLI::App* cmd = lead->add_subcommand("add", "Capture a new lead");
  bind_lead_fields(cmd, *fields, true);
  cmd->footer("Example: crm lead add --name \"Jan Kowalski\" --company \"Acme\" --source fair");
  cmd->callback(
      [&ctx, fields] { ctx.mutate([&](Session& s) { return add_lead(s, fields->edits()); }); });
}

void setup_lead_convert(CLI::App* lead, Context& ctx) {
  struct Options {
    std::string ref, account, title;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = lead->add_subcommand(
      "convert", "Turn a lead into an account (or link one), a contact and a deal");
  add_reference(cmd, o->ref, "The lead");
  auto* account = cmd->add_option("--account", o->account, "Link this existing account");
  auto* title = cmd->add_option("--title", o->title, "The deal's title");
  cmd->footer("Example: crm lead convert L-7K3Q --account \"Acme\"");
  cmd->callback([&ctx, o, account, title] {
    ctx.mutate([&](Session& s) {
      ConvertOptions options;
      if (account->count()) options.account = o->account;
      if (title->count()) options.title = o->title;
      return convert_lead(s, resolve(s.store, o->ref, {Kind::lead}), options);
    });
  });
}

}  // namespace

void setup_lead(CLI::App& app, Context& ctx) {
  CLI::App* lead = app.add_subcommand("lead", "Leads: capture, identify, qualify, convert");
  lead->require_subcommand(1);
  setup_lead_add(lead, ctx);
  add_list_command(lead, ctx,
                   {Kind::lead,
                    k_lead_columns,
                    {{"status", "Only leads in this state"},
                     {"owner", "Only leads of this owner"},
                     {"source", "Only leads from this source"},
                     {"campaign", "Only leads this campaign brought in"}},
                    "crm lead list --status new --owner anna --json"});
  add_show_command(lead, ctx, Kind::lead, "crm lead show L-7K3Q");
  add_edit_command(
      lead, ctx, Kind::lead,
      [](CLI::App* cmd, FieldOptions& fields) { bind_lead_fields(cmd, fields, false); },
      "crm lead edit L-7K3Q --owner anna --phone \"+48 42 683 74 61\"");
  add_transition_command(lead, ctx, Kind::lead,
                         {"contact", "Mark a new lead as contacted", "crm lead contact L-7K3Q"});
  add_transition_command(lead, ctx, Kind::lead,
                         {"qualify", "Mark a lead as qualified", "crm lead qualify L-7K3Q"});
  add_transition_command(lead, ctx, Kind::lead,
                         {"disqualify", "Drop a lead, saying why",
                          "crm lead disqualify L-7K3Q --reason \"no budget this year\""});
  setup_lead_convert(lead, ctx);
  add_erase_command(lead, ctx, Kind::lead, "crm lead erase L-7K3Q");
}

}  // namespace crm::cli
