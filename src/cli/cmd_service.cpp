// crm service contract|request|order|confirm|plan and crm kb
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/service/knowledge.h"
#include "crm/service/service_contracts.h"
#include "crm/service/service_work.h"
#include "document_view.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

void print_suggestions(Context& ctx, const Record& request) {
  if (ctx.out().format() != Format::table || ctx.out().quiet()) return;
  auto matches = suggestions_for(ctx.session().store, request);
  if (matches.empty()) return;
  std::string text = "suggested solutions:\n";
  for (const auto& m : matches)
    text += fmt::format("  {}  {} (score {})\n", m.solution.id(),
                        escape_for_terminal(m.solution.get("title")), m.score);
  ctx.out().text(text);
}

void setup_service_contract(CLI::App* service, Context& ctx) {
  CLI::App* contract =
      service->add_subcommand("contract", "Service contracts: the terms of service");
  contract->require_subcommand(1);
  auto o = std::make_shared<ServiceContractInput>();
  CLI::App* add = contract->add_subcommand("add", "Add a service contract for an account");
  add->add_option("--account", o->account, "The customer")->required();
  add->add_option("--rate", o->rate, "Hourly rate beyond the included hours")->required();
  add->add_option("--included-hours", o->included_hours, "Hours included per period")->required();
  add->add_option("--period", o->period, "month, quarter or year")->required();
  add->add_option("--parts-coverage", o->parts_coverage, "Percent of parts price covered");
  add->add_option("--response-hours", o->response_hours, "Hours to respond to a request");
  add->add_option("--maintenance-every", o->maintenance_every, "1m, 3m, 6m or 1y");
  add->add_option("--from", o->from, "First day (default today)");
  add->add_option("--to", o->to, "Last day (default open-ended)");
  add->add_option("--product", o->products, "Covered sku, repeatable (default: everything)");
  add->footer(
      "Example: crm service contract add --account Nordwind --rate 95 --included-hours 10 "
      "--period month --parts-coverage 50 --response-hours 8 --maintenance-every 3m");
  add->callback([&ctx, o] { ctx.mutate([&](Session& s) { return add_service_contract(s, *o); }); });
  add_list_command(
      contract, ctx,
      {Kind::service_contract,
       {"number", "status", "account", "hourly_rate", "included_hours", "period", "from", "to"},
       {{"status", "Only contracts in this state (expired is derived from `to`)"},
        {"account", "Only this account's"}},
       "crm service contract list --account Nordwind",
       {},
       [&ctx](const Record& r, const std::string& c) { return document_cell(ctx, r, c); }});
  auto ref = std::make_shared<std::string>();
  CLI::App* show = contract->add_subcommand("show", "Show terms and the hours used this period");
  add_reference(show, *ref, "The service contract");
  show->footer("Example: crm service contract show SC-2026-0001");
  show->callback([&ctx, ref] {
    Session& s = ctx.session();
    Record c = resolve(s.store, *ref, {Kind::service_contract});
    ctx.out().record(c, s.store.config());
    if (ctx.out().format() != Format::table) return;
    Date today = s.clock.today();
    auto [first, last] = period_bounds(today, c.get("period"));
    Decimal used = hours_used(s.store, c, today);
    ctx.out().text(fmt::format("this {} ({} .. {}): {} h used, {} h remaining{}\n", c.get("period"),
                               first.iso(), last.iso(), used.str(),
                               hours_remaining(s.store, c, today).str(),
                               service_contract_covers(c, today) ? "" : " (not active today)"));
  });
  add_transition_command(contract, ctx, Kind::service_contract,
                         {"terminate", "End a service contract early",
                          "crm service contract terminate SC-2026-0001 --reason \"site closed\""});
}

void setup_service_request(CLI::App* service, Context& ctx) {
  CLI::App* request = service->add_subcommand("request", "Service requests and complaints");
  request->require_subcommand(1);
  auto o = std::make_shared<RequestInput>();
  CLI::App* add = request->add_subcommand("add", "Open a service request (suggests KB solutions)");
  add->add_option("--account", o->account, "The customer")->required();
  add->add_option("--contact", o->contact, "Who called");
  add->add_option("--product", o->product, "The sku concerned");
  add->add_option("--summary", o->summary, "What is wrong")->required();
  add->add_option("--priority", o->priority, "low, normal or high (default normal)");
  add->add_flag("--complaint", o->complaint, "It is a complaint");
  add->footer(
      "Example: crm service request add --account Nordwind --product PUMP-200 "
      "--summary \"pump leaks at the seal\" --priority high");
  add->callback([&ctx, o] {
    ChangeSet made;
    ctx.mutate([&](Session& s) { return made = add_service_request(s, *o); });
    for (const auto& c : made.changes) print_suggestions(ctx, c.record);
  });
  add_list_command(request, ctx,
                   {Kind::service_request,
                    {"number", "status", "priority", "account", "product", "summary", "respond_by"},
                    {{"status", "Only requests in this state"},
                     {"account", "Only this account's"},
                     {"complaint", "true: complaints only"}},
                    "crm service request list --status open --complaint true"});
  auto ref = std::make_shared<std::string>();
  CLI::App* show = request->add_subcommand("show", "Show a request and suggested solutions");
  add_reference(show, *ref, "The request");
  show->footer("Example: crm service request show SR-2026-0001");
  show->callback([&ctx, ref] {
    const RecordStore& store = ctx.session().store;
    Record r = resolve(store, *ref, {Kind::service_request});
    ctx.out().record(r, store.config());
    print_suggestions(ctx, r);
  });
  struct SolveOptions {
    std::string ref, solution;
  };
  auto so = std::make_shared<SolveOptions>();
  CLI::App* solve = request->add_subcommand("solve", "Solve a request with a KB solution");
  add_reference(solve, so->ref, "The request");
  solve->add_option("--solution", so->solution, "The knowledge-base solution")->required();
  solve->footer("Example: crm service request solve SR-2026-0001 --solution KB-7K3Q");
  solve->callback([&ctx, so] {
    ctx.mutate([&](Session& s) {
      return solve_service_request(s, resolve(s.store, so->ref, {Kind::service_request}),
                                   so->solution);
    });
  });
  add_transition_command(
      request, ctx, Kind::service_request,
      {"escalate", "Escalate: create a service order", "crm service request escalate SR-2026-0001"},
      [](Session& s, Record r, const std::string&, const Firing&) {
        return escalate_service_request(s, std::move(r));
      });
  add_transition_command(
      request, ctx, Kind::service_request,
      {"close", "Close an escalated request", "crm service request close SR-2026-0001"});
}

void setup_service_order(CLI::App* service, Context& ctx) {
  CLI::App* order = service->add_subcommand("order", "Service orders: assign, start, cancel");
  order->require_subcommand(1);
  add_list_command(order, ctx,
                   {Kind::service_order,
                    {"number", "status", "kind", "assignee", "scheduled", "account", "summary"},
                    {{"status", "Only orders in this state"},
                     {"assignee", "Only this technician's"},
                     {"scheduled", "Only orders planned for this day (YYYY-MM-DD)"},
                     {"account", "Only this account's"}},
                    "crm service order list --assignee tom --scheduled 2026-11-24"});
  add_show_command(order, ctx, Kind::service_order, "crm service order show SV-2026-0001");
  struct AssignOptions {
    std::string ref, to, date;
  };
  auto a = std::make_shared<AssignOptions>();
  CLI::App* assign = order->add_subcommand("assign", "Assign a technician (and a day)");
  add_reference(assign, a->ref, "The service order");
  assign->add_option("--to", a->to, "The technician")->required();
  assign->add_option("--date", a->date, "The scheduled day");
  assign->footer("Example: crm service order assign SV-2026-0001 --to tom --date tomorrow");
  assign->callback([&ctx, a] {
    ctx.mutate([&](Session& s) {
      return assign_service_order(s, resolve(s.store, a->ref, {Kind::service_order}), a->to,
                                  a->date);
    });
  });
  add_transition_command(order, ctx, Kind::service_order,
                         {"start", "Start the work", "crm service order start SV-2026-0001"});
  add_transition_command(order, ctx, Kind::service_order,
                         {"cancel", "Cancel the order", "crm service order cancel SV-2026-0001"});
  struct PartsOptions {
    std::string ref;
    std::vector<std::string> parts;
  };
  auto p = std::make_shared<PartsOptions>();
  CLI::App* parts = order->add_subcommand("parts", "Plan the parts an order needs");
  add_reference(parts, p->ref, "The service order");
  parts->add_option("--part", p->parts, "SKU:QTY, repeatable")->required();
  parts->footer("Example: crm service order parts SV-2026-0001 --part SEAL-7:2");
  parts->callback([&ctx, p] {
    ctx.mutate([&](Session& s) {
      return plan_service_parts(s, resolve(s.store, p->ref, {Kind::service_order}), p->parts);
    });
  });
}

void setup_service_confirmation(CLI::App* service, Context& ctx) {
  CLI::App* confirmation = service->add_subcommand(
      "confirmation", "Service confirmations: the effort and parts confirmed, and their billing");
  confirmation->require_subcommand(1);
  add_list_command(confirmation, ctx,
                   {Kind::confirmation,
                    {"id", "status", "date", "service_order", "account", "effort", "billable_hours",
                     "amount", "currency"},
                    {{"status", "Only confirmations in this state: confirmed, billed"},
                     {"service_order", "Only this service order's"},
                     {"account", "Only this account's"},
                     {"contract", "Only those priced by this service contract"}},
                    "crm service confirmation list --status confirmed",
                    {},
                    {},
                    "List service confirmations, oldest first",
                    "date"});
  add_document_show_command(
      confirmation, ctx, Kind::confirmation,
      "Show a confirmation with its history, or render it for the customer (--format md|html|pdf)",
      "crm service confirmation show CF-7K3Q --format pdf -o confirmation.pdf",
      [](Context& c, const Record& r) { c.out().record(r, c.session().store.config()); });
}

void setup_confirm_and_plan(CLI::App* service, Context& ctx) {
  struct Options {
    std::string ref;
    ConfirmInput in;
    bool final_flag = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* confirm =
      service->add_subcommand("confirm", "Confirm effort and parts; shows the billing computation");
  add_reference(confirm, o->ref, "The service order (in progress)", {{Kind::service_order}});
  confirm->add_option("--effort", o->in.effort, "Hours worked")->required();
  confirm->add_option("--part", o->in.parts, "SKU:QTY used, repeatable");
  confirm->add_option("--note", o->in.note, "What was done");
  confirm->add_option("--date", o->in.date, "When (default today)");
  auto* partial = confirm->add_flag("--partial", o->in.partial, "More confirmations will follow");
  confirm->add_flag("--final", o->final_flag, "The last confirmation (the default)")
      ->excludes(partial);
  confirm->footer("Example: crm service confirm SV-2026-0001 --effort 2.5 --part SEAL-7:2");
  confirm->callback([&ctx, o] {
    ChangeSet shown;
    ctx.mutate([&](Session& s) {
      shown = confirm_service(s, resolve(s.store, o->ref, {Kind::service_order}), o->in);
      return shown;
    });
    if (ctx.out().format() == Format::table && !ctx.out().quiet())
      for (const auto& c : shown.changes)
        if (const Value* steps = c.record.fields().find("computation"))
          for (const Value& step : steps->items()) ctx.out().text("  " + step.text() + "\n");
  });
  auto until = std::make_shared<std::string>();
  CLI::App* plan = service->add_subcommand(
      "plan", "Create the maintenance orders contracts owe (idempotent; for cron)");
  plan->add_option("--until", *until, "Up to this day (default today)");
  plan->footer("Example: crm service plan --until +30d   (daily from cron: creates nothing twice)");
  plan->callback([&ctx, until] {
    ctx.mutate([&](Session& s) {
      Date day = until->empty() ? s.clock.today() : parse_date(*until, s.clock, "--until");
      return plan_maintenance(s, day);
    });
  });
}

void setup_kb(CLI::App& app, Context& ctx) {
  CLI::App* kb = app.add_subcommand("kb", "The knowledge base of known solutions");
  kb->require_subcommand(1);
  struct Options {
    std::string title, symptoms, resolution, product;
  };
  auto o = std::make_shared<Options>();
  CLI::App* add = kb->add_subcommand("add", "Add a known solution");
  add->add_option("--title", o->title, "Short title")->required();
  add->add_option("--symptoms", o->symptoms, "What the customer sees")->required();
  add->add_option("--resolution", o->resolution, "How to fix it")->required();
  add->add_option("--product", o->product, "The sku it applies to");
  add->footer(
      "Example: crm kb add --title \"Seal leak\" --symptoms \"water under the pump\" "
      "--resolution \"replace SEAL-7\" --product PUMP-200");
  add->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      return add_solution(s, o->title, o->symptoms, o->resolution, o->product);
    });
  });
  add_list_command(kb, ctx,
                   {Kind::solution,
                    {"id", "title", "product"},
                    {{"product", "Only for this sku"}},
                    "crm kb list"});
  add_show_command(kb, ctx, Kind::solution, "crm kb show KB-7K3Q");
  struct SearchOptions {
    std::string text, product;
  };
  auto so = std::make_shared<SearchOptions>();
  CLI::App* search = kb->add_subcommand("search", "Find solutions by words, best first");
  search->add_option("TEXT", so->text, "Words to look for")->required();
  search->add_option("--product", so->product, "Prefer solutions for this sku");
  search->footer("Example: crm kb search \"pump leaks\" --product PUMP-200");
  search->callback([&ctx, so] {
    Table table{{"id", "score", "title", "product"}, {}};
    for (const auto& m : search_solutions(ctx.session().store, so->text, so->product))
      table.rows.push_back({m.solution.id(), std::to_string(m.score), m.solution.get("title"),
                            m.solution.get("product")});
    ctx.out().table(table);
  });
}

}  // namespace

void setup_service(CLI::App& app, Context& ctx) {
  CLI::App* service =
      app.add_subcommand("service", "After-sale service: contracts, requests, orders");
  service->require_subcommand(1);
  setup_service_contract(service, ctx);
  setup_service_request(service, ctx);
  setup_service_order(service, ctx);
  setup_service_confirmation(service, ctx);
  setup_confirm_and_plan(service, ctx);
  setup_kb(app, ctx);
}

}  // namespace crm::cli
