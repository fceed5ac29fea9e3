// crm invoice create|list|show|void, crm payment add, crm doc add
#include <memory>

#include "commands.h"
#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/attachments.h"
#include "crm/sales/invoices.h"
#include "crm/service/service_work.h"
#include "document_view.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

void setup_invoice_verbs(CLI::App* invoice, Context& ctx) {
  auto o = std::make_shared<InvoiceSource>();
  CLI::App* create =
      invoice->add_subcommand("create", "Bill a delivered order or a service confirmation");
  create->add_option("--order", o->order, "The delivered order");
  create->add_option("--confirmation", o->confirmation, "A service confirmation");
  create->footer("Example: crm invoice create --order SO-2026-0001   (or --confirmation CF-7K3Q)");
  create->callback([&ctx, o] { ctx.mutate([&](Session& s) { return create_invoice(s, *o); }); });
  add_transition_command(invoice, ctx, Kind::invoice,
                         {"void", "Void an invoice that has no payments",
                          "crm invoice void INV-2026-0002 --reason \"wrong address\""},
                         [](Session& s, Record i, const std::string&, const Firing& firing) {
                           return void_invoice(s, std::move(i), firing.note);
                         });
}

void setup_list_and_show(CLI::App* invoice, Context& ctx) {
  add_list_command(
      invoice, ctx,
      {Kind::invoice,
       {"number", "status", "account", "order", "total", "balance", "currency", "due"},
       {{"status", "Only invoices in this state (overdue is derived from `due`)"},
        {"account", "Only invoices of this account"}},
       "crm invoice list --status issued",
       {},
       [&ctx](const Record& r, const std::string& c) { return document_cell(ctx, r, c); }});
  add_document_show_command(
      invoice, ctx, Kind::invoice,
      "Show an invoice with its payments, or render it for the customer (--format md|html|pdf)",
      "crm invoice show INV-2026-0001 --format html -o INV-2026-0001.html", show_document);
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
  auto ref = std::make_shared<std::string>();
  CLI::App* list = payment->add_subcommand("list", "List an invoice's payments, oldest first");
  add_reference(list, *ref, "The invoice: number, ID or ID prefix", {{Kind::invoice}});
  list->footer("Example: crm payment list INV-2026-0001 --json");
  list->callback([&ctx, ref] {
    Record invoice = resolve(ctx.session().store, *ref, {Kind::invoice});
    Table table{{"invoice", "date", "amount", "currency", "ref"}, {}};
    for (const Payment& p : payments_of(invoice))
      table.rows.push_back(
          {invoice.number_or_id(), p.date, p.amount, invoice.get("currency"), p.ref});
    ctx.out().table(table);
  });
}

void setup_doc(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref, link, title;
  };
  auto o = std::make_shared<Options>();
  CLI::App* doc = app.add_subcommand("doc", "Document links on any record: add, list, remove");
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
  auto list_ref = std::make_shared<std::string>();
  CLI::App* list = doc->add_subcommand("list", "List the documents linked to a record");
  add_reference(list, *list_ref, "The record");
  list->footer("Example: crm doc list Q-2026-0001");
  list->callback([&ctx, list_ref] {
    Record record = resolve(ctx.session().store, *list_ref);
    Table table{{"record", "path", "title", "added", "by"}, {}};
    for (const DocumentLink& d : document_links(record))
      table.rows.push_back({record.id(), d.path, d.title, d.added, d.by});
    ctx.out().table(table);
  });
  auto r = std::make_shared<Options>();
  CLI::App* remove = doc->add_subcommand("remove", "Unlink a document from a record");
  add_reference(remove, r->ref, "The record");
  remove->add_option("PATH_OR_URL", r->link, "The link to remove, as `crm doc list` shows it")
      ->required();
  remove->footer("Example: crm doc remove Q-2026-0001 docs/offer-draft.pdf");
  remove->callback([&ctx, r] {
    ctx.mutate(
        [&](Session& s) { return remove_document_link(s, resolve(s.store, r->ref), r->link); });
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
