// The registration list: one setup function per noun, each in its own cmd_<noun>.cpp, binding
// an Options struct to a CLI11 subcommand whose callback calls the library.
#pragma once

#include <CLI/CLI.hpp>

#include "context.h"

namespace crm::cli {

void setup_init(CLI::App& app, Context& ctx);
void setup_lead(CLI::App& app, Context& ctx);
void setup_account(CLI::App& app, Context& ctx);
void setup_contact(CLI::App& app, Context& ctx);
void setup_activities(CLI::App& app, Context& ctx);  // note, activity, task
void setup_campaign(CLI::App& app, Context& ctx);
void setup_product(CLI::App& app, Context& ctx);
void setup_deal(CLI::App& app, Context& ctx);
void setup_deal_quote(CLI::App* deal, Context& ctx);  // `crm deal quote`, in cmd_quote.cpp
void setup_quote(CLI::App& app, Context& ctx);
void setup_order(CLI::App& app, Context& ctx);     // order and contract
void setup_invoice(CLI::App& app, Context& ctx);   // invoice, payment, doc
void setup_service(CLI::App& app, Context& ctx);   // service ..., kb
void setup_timeline(CLI::App& app, Context& ctx);  // timeline, history
void setup_lifecycle(CLI::App& app, Context& ctx);
void setup_report(CLI::App& app, Context& ctx);
void setup_agenda(CLI::App& app, Context& ctx);
void setup_check(CLI::App& app, Context& ctx);
void setup_renumber(CLI::App& app, Context& ctx);  // in cmd_check.cpp
void setup_merge(CLI::App& app, Context& ctx);     // merge-file (git's merge driver), resolve
void setup_import(CLI::App& app, Context& ctx);    // import and export, in cmd_import.cpp
// One per format, each in its own cmd_import_<format>.cpp, adding its verb to both nouns.
void setup_import_csv(CLI::App& import, CLI::App& export_, Context& ctx);
void setup_import_vcard(CLI::App& import, CLI::App& export_, Context& ctx);
void setup_import_json(CLI::App& import, CLI::App& export_, Context& ctx);
void setup_mail(CLI::App& app, Context& ctx);          // mail REF
void setup_mail_import(CLI::App* mail, Context& ctx);  // mail import, in cmd_mail_import.cpp
void setup_call(CLI::App& app, Context& ctx);          // call REF, call end
void setup_hooks(CLI::App& app, Context& ctx);         // hooks list, hooks allow
void setup_completion(CLI::App& app, Context& ctx);    // completion, the hidden __complete

// In registration order; `crm --help` lists the nouns in this order.
inline void register_commands(CLI::App& app, Context& ctx) {
  setup_init(app, ctx);
  setup_lead(app, ctx);
  setup_account(app, ctx);
  setup_contact(app, ctx);
  setup_activities(app, ctx);
  setup_campaign(app, ctx);
  setup_product(app, ctx);
  setup_deal(app, ctx);
  setup_quote(app, ctx);
  setup_order(app, ctx);
  setup_invoice(app, ctx);
  setup_service(app, ctx);
  setup_timeline(app, ctx);
  setup_lifecycle(app, ctx);
  setup_report(app, ctx);
  setup_agenda(app, ctx);
  setup_check(app, ctx);
  setup_renumber(app, ctx);
  setup_merge(app, ctx);
  setup_import(app, ctx);
  setup_mail(app, ctx);
  setup_call(app, ctx);
  setup_hooks(app, ctx);
  setup_completion(app, ctx);
}

}  // namespace crm::cli
