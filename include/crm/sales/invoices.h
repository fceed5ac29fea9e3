// Invoices and payments: billing delivered orders, recording payments against the balance.
#pragma once

#include <string>

#include "crm/kinds/session.h"

namespace crm {

// One invoice per delivered order: its lines and totals, due after crm.yaml's
// payment_terms_days. The order becomes invoiced; both files are written together.
ChangeSet create_invoice_for_order(Session& session, Record order);

struct PaymentInput {
  std::string amount;
  std::string date;  // a date word; empty means today
  std::string ref;
};

// Records a payment: positive, never more than the balance. The invoice becomes
// partially-paid or paid; when paid, its order is closed.
ChangeSet add_payment(Session& session, Record invoice, const PaymentInput& input);

// Voids an invoice that has no payments (reason required).
ChangeSet void_invoice(Session& session, Record invoice, const std::string& reason);

}  // namespace crm
