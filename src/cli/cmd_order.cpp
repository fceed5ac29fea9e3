// crm order create|deliver|cancel|list|show and crm contract create|release|terminate|list|show
#include <memory>

#include "commands.h"
#include "crm/kinds/reference.h"
#include "crm/sales/orders.h"
#include "document_view.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

void add_document_show(CLI::App* parent, Context& ctx, Kind kind, const std::string& example) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = parent->add_subcommand("show", "Show it like the document the customer gets");
  add_reference(cmd, *ref, "Number, ID or ID prefix");
  cmd->footer("Example: " + example);
  cmd->callback(
      [&ctx, ref, kind] { show_document(ctx, resolve(ctx.session().store, *ref, {kind})); });
}

void setup_order_verbs(CLI::App* order, Context& ctx) {
  auto quote = std::make_shared<std::string>();
  CLI::App* create = order->add_subcommand("create", "Make a sales order from an accepted quote");
  create->add_option("--quote", *quote, "The accepted quote")->required();
  create->footer("Example: crm order create --quote Q-2026-0003");
  create->callback([&ctx, quote] {
    ctx.mutate(
        [&](Session& s) { return create_order(s, resolve(s.store, *quote, {Kind::quote})); });
  });
  auto transition = [](Session& s, Record order, const std::string& verb, const Firing&) {
    return transition_order(s, std::move(order), verb);
  };
  add_transition_command(
      order, ctx, Kind::order,
      {"deliver", "Record delivery of an open order", "crm order deliver SO-2026-0001"},
      transition);
  add_transition_command(order, ctx, Kind::order,
                         {"cancel",
                          "Cancel an open order (a release order gives its quantity "
                          "back to its contract)",
                          "crm order cancel SO-2026-0001"},
                         transition);
}

void setup_contract_verbs(CLI::App* contract, Context& ctx) {
  struct CreateOptions {
    std::string quote, from, to;
  };
  auto o = std::make_shared<CreateOptions>();
  CLI::App* create = contract->add_subcommand(
      "create", "Make a sales contract (quantities released over time) from an accepted quote");
  create->add_option("--quote", o->quote, "The accepted quote")->required();
  create->add_option("--from", o->from, "First day of the contract period")->required();
  create->add_option("--to", o->to, "Last day of the contract period")->required();
  create->footer(
      "Example: crm contract create --quote Q-2026-0004 --from 2026-12-01 --to 2027-11-30");
  create->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      Date from = parse_date(o->from, s.clock, "--from"), to = parse_date(o->to, s.clock, "--to");
      return create_contract(s, resolve(s.store, o->quote, {Kind::quote}), from, to);
    });
  });

  struct ReleaseOptions {
    std::string ref;
    std::vector<std::string> lines;
  };
  auto r = std::make_shared<ReleaseOptions>();
  CLI::App* release = contract->add_subcommand("release", "Call off quantities: a release order");
  add_reference(release, r->ref, "The contract");
  release->add_option("--line", r->lines, "SKU:QTY, repeatable")->required();
  release->footer("Example: crm contract release SK-2026-0001 --line SENSOR-T1:40");
  release->callback([&ctx, r] {
    ctx.mutate([&](Session& s) {
      return release_from_contract(s, resolve(s.store, r->ref, {Kind::contract}), r->lines);
    });
  });

  add_transition_command(contract, ctx, Kind::contract,
                         {"terminate", "End an active contract early",
                          "crm contract terminate SK-2026-0001 --reason \"customer insolvent\""});
}

}  // namespace

void setup_order(CLI::App& app, Context& ctx) {
  auto cell = [&ctx](const Record& r, const std::string& c) { return document_cell(ctx, r, c); };
  CLI::App* order = app.add_subcommand("order", "Sales orders: create, deliver");
  order->require_subcommand(1);
  setup_order_verbs(order, ctx);
  add_list_command(
      order, ctx,
      {Kind::order,
       {"number", "status", "account", "quote", "contract", "total", "currency", "delivered"},
       {{"status", "Only orders in this state"},
        {"deal", "Only orders of this deal"},
        {"account", "Only orders of this account"},
        {"contract", "Only release orders of this contract"}},
       "crm order list --status open",
       {},
       cell});
  add_document_show(order, ctx, Kind::order, "crm order show SO-2026-0001");

  CLI::App* contract = app.add_subcommand("contract", "Sales contracts and their release orders");
  contract->require_subcommand(1);
  setup_contract_verbs(contract, ctx);
  add_list_command(contract, ctx,
                   {Kind::contract,
                    {"number", "status", "account", "from", "to", "total", "currency"},
                    {{"status", "Only contracts in this stored state"},
                     {"account", "Only contracts of this account"}},
                    "crm contract list --status active",
                    {},
                    cell});
  add_document_show(contract, ctx, Kind::contract, "crm contract show SK-2026-0001");
}

}  // namespace crm::cli
