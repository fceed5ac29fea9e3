// crm quote list|show|edit|send|accept|reject|revise (quotes are made by `crm deal quote`)
#include <memory>

#include "commands.h"
#include "crm/kinds/reference.h"
#include "crm/sales/quotes.h"
#include "document_view.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

// --line/--discount/--tax/--valid-days, shared by `deal quote` and `quote edit`.
struct QuoteOptions {
  std::vector<std::string> lines;
  std::string discount, tax;
  int valid_days = 0;
  CLI::Option *discount_option = nullptr, *tax_option = nullptr, *valid_option = nullptr;

  QuoteInput input() const {
    QuoteInput in;
    in.lines = lines;
    if (discount_option->count()) in.discount = discount;
    if (tax_option->count()) in.tax_rate = tax;
    if (valid_option->count()) in.valid_days = valid_days;
    return in;
  }
};

void bind_quote_options(CLI::App* cmd, QuoteOptions& o, bool lines_required) {
  auto* line = cmd->add_option("--line", o.lines,
                               "SKU:QTY[@PRICE][-DISC%], repeatable: PUMP-200:3@999.00-10%");
  if (lines_required) line->required();
  o.discount_option = cmd->add_option("--discount", o.discount, "Quote discount, percent");
  o.tax_option =
      cmd->add_option("--tax", o.tax, "Tax rate, percent (default: crm.yaml's tax_rate)");
  o.valid_option =
      cmd->add_option("--valid-days", o.valid_days, "Days the quote is valid (default 30)");
}

void setup_quote_show(CLI::App* quote, Context& ctx) {
  add_document_show_command(
      quote, ctx, Kind::quote, "Show a quote, or render it for the customer (--format md|html|pdf)",
      "crm quote show Q-2026-0001 --format pdf -o Q-2026-0001.pdf", show_document);
}

void setup_quote_edit(CLI::App* quote, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  auto o = std::make_shared<QuoteOptions>();
  CLI::App* cmd = quote->add_subcommand("edit", "Change a draft: --line replaces all lines");
  add_reference(cmd, *ref, "The quote");
  bind_quote_options(cmd, *o, false);
  cmd->footer("Example: crm quote edit Q-2026-0001 --discount 5 --line PUMP-200:4");
  cmd->callback([&ctx, ref, o] {
    ctx.mutate([&](Session& s) {
      return edit_quote(s, resolve(s.store, *ref, {Kind::quote}), o->input());
    });
  });
}

}  // namespace

void setup_deal_quote(CLI::App* deal, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  auto o = std::make_shared<QuoteOptions>();
  CLI::App* cmd = deal->add_subcommand("quote", "Make a draft quote for a deal");
  add_reference(cmd, *ref, "The deal");
  bind_quote_options(cmd, *o, true);
  cmd->footer(
      "Example: crm deal quote D-7K3Q --line PUMP-200:3 --line SVC-INSTALL:8@85.00-10% "
      "--discount 5 --tax 23 --valid-days 14");
  cmd->callback([&ctx, ref, o] {
    ctx.mutate([&](Session& s) {
      return create_quote(s, resolve(s.store, *ref, {Kind::deal}), o->input());
    });
  });
}

void setup_quote(CLI::App& app, Context& ctx) {
  CLI::App* quote = app.add_subcommand("quote", "Quotes: send, accept, reject, revise");
  quote->require_subcommand(1);
  add_list_command(
      quote, ctx,
      {Kind::quote,
       {"number", "status", "deal", "account", "revision", "total", "currency", "valid_until"},
       {{"status", "Only quotes in this stored state"},
        {"deal", "Only quotes of this deal"},
        {"account", "Only quotes of this account"}},
       "crm quote list --deal D-7K3Q",
       {},
       [&ctx](const Record& r, const std::string& c) { return document_cell(ctx, r, c); }});
  setup_quote_show(quote, ctx);
  setup_quote_edit(quote, ctx);
  add_transition_command(
      quote, ctx, Kind::quote,
      {"send", "Send a draft to the customer (freezes it)", "crm quote send Q-2026-0001"});
  add_transition_command(
      quote, ctx, Kind::quote,
      {"accept", "Record the customer's acceptance", "crm quote accept Q-2026-0001"});
  add_transition_command(quote, ctx, Kind::quote,
                         {"reject", "Record the customer's rejection, with the reason",
                          "crm quote reject Q-2026-0001 --reason \"price too high\""});
  add_transition_command(
      quote, ctx, Kind::quote,
      {"revise", "Copy a rejected or expired quote into a new draft (revision n+1)",
       "crm quote revise Q-2026-0001"},
      [](Session& s, Record quote, const std::string&, const Firing&) {
        return revise_quote(s, std::move(quote));
      });
}

}  // namespace crm::cli
