#include "crm/sales/invoices.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/kinds/numbering.h"
#include "crm/sales/pricing.h"

namespace crm {

Record issue_invoice(Session& session, const InvoiceTerms& terms) {
  Record invoice = new_record(session, Kind::invoice);
  Date issued = session.clock.today();
  invoice.set_text("number", next_number(session.store, Kind::invoice, issued));
  invoice.set_text("account", terms.account);
  invoice.set_text("currency", terms.currency);
  invoice.set("lines", terms.lines);
  invoice.set_text("discount", terms.discount.empty() ? "0" : terms.discount);
  invoice.set_text("tax_rate",
                   terms.tax_rate.empty() ? session.store.config().tax_rate : terms.tax_rate);
  store_totals(invoice);
  invoice.set_text("issued", issued.iso());
  invoice.set_text("due",
                   issued.plus_days(std::stol(session.store.config().payment_terms_days)).iso());
  invoice.set_text("balance", invoice.get("total"));
  return invoice;
}

ChangeSet create_invoice_for_order(Session& session, Record order) {
  fire(order, "invoice", session.actor(), {}, session.guards());
  const Value* lines = order.find("lines");
  Record invoice = issue_invoice(
      session, {order.get("account"), order.get("currency"), lines ? *lines : Value::sequence(),
                order.get("discount"), order.get("tax_rate")});
  invoice.set_text("deal", order.get("deal"));
  invoice.set_text("order", order.id());
  ChangeSet changes;
  changes.summary = fmt::format("invoice create {} for {}", invoice.id(), order.id());
  changes.created(std::move(invoice));
  changes.updated(std::move(order));
  return changes;
}

ChangeSet add_payment(Session& session, Record invoice, const PaymentInput& input) {
  Currency currency = currency_for(invoice.get("currency"));
  Money amount = Money::parse(input.amount, currency, "AMOUNT");
  if (!(Money::zero(currency) < amount)) throw UsageError("a payment must be more than 0");
  Date date =
      input.date.empty() ? session.clock.today() : parse_date(input.date, session.clock, "--date");
  if (session.clock.today() < date)
    throw UsageError(fmt::format("--date {} is in the future", date.iso()),
                     "record a payment once it has arrived");
  Money balance = Money::parse(invoice.get("balance"), currency, "balance");
  Value request = Value::map();
  request.set("amount", Value::string(amount.str()));
  // Paying the whole balance settles the invoice; less leaves it partly paid. The machine's
  // guard refuses more than the balance.
  Money left = amount <= balance ? balance - amount : Money::zero(currency);
  fire(invoice, balance <= amount ? "settle" : "pay", session.actor(), {}, session.guards(request));

  Value payment = Value::map();
  payment.set("date", Value::string(date.iso()));
  payment.set("amount", Value::string(amount.str()));
  if (!input.ref.empty()) payment.set("ref", Value::string(input.ref));
  invoice.list("payments").push_back(std::move(payment));
  invoice.set_text("balance", left.str());

  ChangeSet changes;
  changes.summary = fmt::format("payment add {}", invoice.id());
  if (left.is_zero() && !invoice.get("order").empty()) {
    Record order = session.store.load(Kind::order, invoice.get("order"));
    if (can_fire(order, "close", session.guards())) {
      fire(order, "close", session.actor(), {}, session.guards());
      changes.updated(std::move(order));
    }
  }
  changes.updated(std::move(invoice));
  return changes;
}

ChangeSet void_invoice(Session& session, Record invoice, const std::string& reason) {
  fire(invoice, "void", session.actor(), reason, session.guards());
  ChangeSet changes;
  changes.summary = fmt::format("invoice void {}", invoice.id());
  if (!invoice.get("order").empty()) {
    // The order can be billed again.
    Record order = session.store.load(Kind::order, invoice.get("order"));
    if (can_fire(order, "reopen", session.guards())) {
      fire(order, "reopen", session.actor(), {}, session.guards());
      changes.updated(std::move(order));
    }
  }
  changes.updated(std::move(invoice));
  return changes;
}

std::vector<Payment> payments_of(const Record& invoice) {
  std::vector<Payment> out;
  if (const Value* payments = invoice.find("payments"))
    for (const Value& p : payments->items())
      out.push_back({p.get("date"), p.get("amount"), p.get("ref")});
  return out;
}

}  // namespace crm
