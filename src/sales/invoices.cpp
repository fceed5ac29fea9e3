#include "crm/sales/invoices.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/kinds/numbering.h"
#include "crm/relationship/parties.h"
#include "crm/sales/pricing.h"

namespace crm {

ChangeSet create_invoice_for_order(Session& session, Record order) {
  std::optional<std::string> existing;
  session.store.for_each(Kind::invoice, [&](const Record& i) {
    if (i.get("order") == order.id() && i.status() != "void") existing = i.get("number");
  });
  if (existing)
    throw RefusedError(
        fmt::format("order {} is already billed by {}", order.get("number"), *existing),
        "one invoice per order; void that invoice first to bill again");
  fire(order, "invoice", session.actor(), {}, session.guards());

  Record invoice = new_record(session, Kind::invoice, "issued");
  invoice.set_text("number", next_number(session.store, Kind::invoice, session.clock.today()));
  for (const char* key : {"deal", "account", "currency", "lines", "discount", "tax_rate"})
    if (const Value* v = order.fields().find(key)) invoice.set(key, *v);
  invoice.set_text("order", order.id());
  store_totals(invoice);
  Date issued = session.clock.today();
  invoice.set_text("issued", issued.iso());
  invoice.set_text("due",
                   issued.plus_days(std::stol(session.store.config().payment_terms_days)).iso());
  invoice.set_text("balance", invoice.get("total"));

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
  Money balance = Money::parse(invoice.get("balance"), currency, "balance");
  if (balance < amount)
    throw RefusedError(
        fmt::format("payment add refused for invoice {}: {} {} is more than the "
                    "balance of {}",
                    invoice.get("number"), amount.str(), currency.code, balance.str()),
        "payments never exceed the balance; record at most " + balance.str());
  Money left = balance - amount;
  fire(invoice, left.is_zero() ? "settle" : "pay", session.actor(), {}, session.guards());

  Value payment = Value::map();
  Date date =
      input.date.empty() ? session.clock.today() : parse_date(input.date, session.clock, "--date");
  if (session.clock.today() < date)
    throw UsageError(fmt::format("--date {} is in the future", date.iso()),
                     "record a payment once it has arrived");
  payment.set("date", Value::string(date.iso()));
  payment.set("amount", Value::string(amount.str()));
  if (!input.ref.empty()) payment.set("ref", Value::string(input.ref));
  Value* payments = invoice.fields().find("payments");
  if (!payments || !payments->is_sequence()) {
    invoice.set("payments", Value::sequence());
    payments = invoice.fields().find("payments");
  }
  payments->push_back(std::move(payment));
  invoice.set_text("balance", left.str());

  ChangeSet changes;
  changes.summary = fmt::format("payment add {}", invoice.id());
  if (left.is_zero() && !invoice.get("order").empty()) {
    Record order = session.store.load(Kind::order, invoice.get("order"));
    if (order.status() == "invoiced") {
      fire(order, "close", session.actor(), {}, session.guards());
      changes.updated(std::move(order));
    }
  }
  changes.updated(std::move(invoice));
  return changes;
}

ChangeSet void_invoice(Session& session, Record invoice, const std::string& reason) {
  fire(invoice, "void", session.actor(), reason, session.guards());
  invoice.set_text("reason", reason);
  ChangeSet changes;
  changes.summary = fmt::format("invoice void {}", invoice.id());
  if (!invoice.get("order").empty()) {
    // The order can be billed again.
    Record order = session.store.load(Kind::order, invoice.get("order"));
    if (order.status() == "invoiced") {
      fire(order, "reopen", session.actor(), {}, session.guards());
      changes.updated(std::move(order));
    }
  }
  changes.updated(std::move(invoice));
  return changes;
}

}  // namespace crm
