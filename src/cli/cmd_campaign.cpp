// crm campaign add|list|show|edit|close
#include <memory>

#include "commands.h"
#include "crm/kinds/registry.h"
#include "crm/relationship/campaigns.h"
#include "field_options.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

const std::vector<std::string> k_campaign_columns = {"id",   "status",   "name", "channel",
                                                     "cost", "currency", "from", "to"};

void setup_campaign_add(CLI::App* campaign, Context& ctx) {
  auto o = std::make_shared<CampaignInput>();
  CLI::App* cmd = campaign->add_subcommand("add", "Start a campaign: the marketing behind leads");
  cmd->add_option("--name", o->name, "What it is called")->required();
  cmd->add_option("--channel", o->channel, "fair, web, mail, ads, referral or other")->required();
  cmd->add_option("--cost", o->cost, "What it cost, e.g. 4500.00")->required();
  cmd->add_option("--currency", o->currency, "ISO 4217 code (default: crm.yaml's)");
  cmd->add_option("--from", o->from, "First day (default: today)");
  cmd->add_option("--to", o->to, "Last day")->required();
  cmd->add_option("--owner", o->owner, "Responsible user (default: the acting user)");
  cmd->add_option("--notes", o->notes, "Free text");
  cmd->footer(
      "Example: crm campaign add --name \"Hannover Messe 2026\" --channel fair --cost 4500 "
      "--from 2026-04-20 --to 2026-04-24\n"
      "Then: crm lead add --name \"Jan Kowalski\" --campaign \"Hannover Messe 2026\"");
  cmd->callback([&ctx, o] { ctx.mutate([&](Session& s) { return add_campaign(s, *o); }); });
}

void bind_campaign_fields(CLI::App* cmd, FieldOptions& fields) {
  fields.bind(cmd, "name", "What it is called");
  fields.bind(cmd, "channel", "fair, web, mail, ads, referral or other");
  fields.bind(cmd, "cost", "What it cost, in its currency");
  fields.bind(cmd, "from", "First day (YYYY-MM-DD)");
  fields.bind(cmd, "to", "Last day (YYYY-MM-DD)");
  fields.bind(cmd, "owner", "Responsible user");
  fields.bind(cmd, "notes", "Free text");
}

}  // namespace

void setup_campaign(CLI::App& app, Context& ctx) {
  CLI::App* campaign =
      app.add_subcommand("campaign", "Campaigns: the marketing that brings leads in");
  campaign->require_subcommand(1);
  setup_campaign_add(campaign, ctx);
  add_list_command(campaign, ctx,
                   {Kind::campaign,
                    k_campaign_columns,
                    {{"status", "Only campaigns in this state (active, ended, closed)"},
                     {"channel", "Only campaigns of this channel"},
                     {"owner", "Only campaigns of this owner"}},
                    "crm campaign list --status active",
                    {},
                    {},
                    {},
                    "from"});
  add_show_command(campaign, ctx, Kind::campaign, "crm campaign show \"Hannover Messe 2026\"");
  add_edit_command(campaign, ctx, Kind::campaign, bind_campaign_fields,
                   "crm campaign edit M-7K3Q --cost 5120.00");
  add_transition_command(campaign, ctx, Kind::campaign,
                         {"close", "Close a campaign once its leads are in",
                          "crm campaign close \"Hannover Messe 2026\""});
}

}  // namespace crm::cli
