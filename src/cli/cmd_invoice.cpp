// crm invoice create|list|show|void, crm payment add, crm doc add
#include <memory>

#include "commands.h"
#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/attachments.h"
#include "crm/sales/invoices.h"
#include "crm/sales/sales_rules.h"
#include "crm/service/service_work.h"
#include "document_view.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

void setup_invoice_verbs(CLI::App* invoice, Context& ctx) {
  struct CreateOptions {
    std::string order, confirmation;
  };
  auto o = std::make_shared<CreateOptions>();
  CLI::App* create = invoice->add_subcommand("create", "Bill a delivered order");
  auto* order = create->add_option("--order", o->order, "The delivered order");
  auto* confirmation =
      create->add_option("--confirmation", o->confirmation, "A service confirmation");
  order->excludes(confirmation);
  create->footer("Example: crm invoice create --order SO-2026-0001");
  create->callback([&ctx, o, order] {
    if (!order->count() && o->confirmation.empty())
      throw UsageError("invoice create needs --order or --confirmation",
                       "bill a delivered order or a service confirmation");
    ctx.mutate([&](Session& s) {
      if (!order->count())
        return create_invoice_for_confirmation(
            s, resolve(s.store, o->confirmation, {Kind::confirmation}));
      return create_invoice_for_order(s, resolve(s.store, o->order, {Kind::order}));
    });
  });

  struct VoidOptions {
    std::string ref, reason;
  };
  auto v = std::make_shared<VoidOptions>();
  CLI::App* void_cmd = invoice->add_subcommand("void", "Void an invoice that has no payments");
  add_reference(void_cmd, v->ref, "The invoice");
  void_cmd->add_option("--reason", v->reason, "Why (required)")->required();
  void_cmd->footer("Example: crm invoice void INV-2026-0002 --reason \"wrong address\"");
  void_cmd->callback([&ctx, v] {
    ctx.mutate([&](Session& s) {
      return void_invoice(s, resolve(s.store, v->ref, {Kind::invoice}), v->reason);
    });
  });
}

void setup_list_and_show(CLI::App* invoice, Context& ctx) {
  add_list_command(
      invoice, ctx,
      {Kind::invoice,
       {"number", "status", "account", "order", "total", "balance", "currency", "due"},
       {{"status", "Only invoices in this stored state"},
        {"account", "Only invoices of this account"}},
       "crm invoice list --status issued",
       {},
       [&ctx](const Record& r, const std::string& c) { return document_cell(ctx, r, c); }});
  auto ref = std::make_shared<std::string>();
  CLI::App* show = invoice->add_subcommand("show", "Show an invoice with its payments");
  add_reference(show, *ref, "Number, ID or ID prefix");
  show->footer("Example: crm invoice show INV-2026-0001");
  show->callback(
      [&ctx, ref] { show_document(ctx, resolve(ctx.session().store, *ref, {Kind::invoice})); });
}

void setup_payment(CLI::App& app, Context& ctx) {
  struct Options {
    std::string invoice;
    PaymentInput payment;
  };
  auto o = std::make_shared<Options>();
  CLI::App* payment = app.add_subcommand("payment", "Payments against invoices");
  payment->require_subcommand(1);
  CLI::App* add = payment->add_subcommand("add", "Record a payment (never more than the balance)");
  add->add_option("INVOICE", o->invoice, "The invoice: number, ID or ID prefix")->required();
  add->add_option("AMOUNT", o->payment.amount, "The amount, e.g. 1500.00")->required();
  add->add_option("--date", o->payment.date, "When it was paid (default today)");
  add->add_option("--ref", o->payment.ref, "Bank reference");
  add->footer("Example: crm payment add INV-2026-0001 1500.00 --date 2026-11-20 --ref \"TX 4711\"");
  add->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      return add_payment(s, resolve(s.store, o->invoice, {Kind::invoice}), o->payment);
    });
  });
}

void setup_doc(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref, link, title;
  };
  auto o = std::make_shared<Options>();
  CLI::App* doc = app.add_subcommand("doc", "Document links on any record");
  doc->require_subcommand(1);
  CLI::App* add = doc->add_subcommand("add", "Link a file or URL to a record");
  add_reference(add, o->ref, "The record");
  add->add_option("PATH_OR_URL", o->link, "Where the document is")->required();
  add->add_option("--title", o->title, "What it is");
  add->footer("Example: crm doc add Q-2026-0001 docs/offer-signed.pdf --title \"Signed offer\"");
  add->callback([&ctx, o] {
    ctx.mutate([&](Session& s) {
      return add_document_link(s, resolve(s.store, o->ref), o->link, o->title);
    });
  });
}

}  // namespace

void setup_invoice(CLI::App& app, Context& ctx) {
  CLI::App* invoice = app.add_subcommand("invoice", "Invoices: bill orders, track payment");
  invoice->require_subcommand(1);
  setup_invoice_verbs(invoice, ctx);
  setup_list_and_show(invoice, ctx);
  setup_payment(app, ctx);
  setup_doc(app, ctx);
}

}  // namespace crm::cli
