// Invoices and payments: billing delivered orders (and, through the service layer, service
// confirmations), recording payments against the balance.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// What an invoice bills: the account, currency and priced lines of an order or confirmation.
struct InvoiceTerms {
  std::string account;
  std::string currency;
  Value lines;  // a sequence of {sku, name, qty, unit_price, discount, net}
  std::string discount = "0";
  std::string tax_rate = {};  // percent; crm.yaml's tax_rate when empty
};

// A new invoice, issued today: the next INV number, the totals of its lines, due after
// crm.yaml's payment_terms_days, and a balance of the whole total. Every invoice is issued
// here, whatever it bills.
Record issue_invoice(Session& session, const InvoiceTerms& terms);

// One invoice per delivered order: its lines and totals. The order becomes invoiced; both
// files are written together.
ChangeSet create_invoice_for_order(Session& session, Record order);

struct PaymentInput {
  std::string amount;
  std::string date;  // a date word; empty means today
  std::string ref;
};

// Records a payment: positive, never more than the balance. The invoice becomes
// partially-paid or paid; when paid, its order is closed.
ChangeSet add_payment(Session& session, Record invoice, const PaymentInput& input);

// Voids an invoice that has no payments (reason required); its order can be billed again.
ChangeSet void_invoice(Session& session, Record invoice, const std::string& reason);

// An invoice's payments, oldest first.
struct Payment {
  std::string date, amount, ref;
};
std::vector<Payment> payments_of(const Record& invoice);

}  // namespace crm
