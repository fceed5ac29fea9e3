#include "crm/acting/document_render.h"
#include "crm/base/money.h"

namespace crm {

std::string payment_terms_text(const CustomerDocument& doc, const DocumentLabels& labels) {
  if (doc.has_payments) {
    auto due = Decimal::parse(doc.amount_due);
    if (due && *due == Decimal::from_int(0)) return labels("paid_in_full");
    return labels.format("terms_invoice", {{"amount", doc.amount_due},
                                           {"currency", doc.currency},
                                           {"date", doc.due_date},
                                           {"days", doc.payment_days}});
  }
  if (!doc.valid_until.empty())
    return labels.format("terms_quote", {{"date", doc.valid_until}, {"days", doc.payment_days}});
  return labels.format("terms_service", {{"days", doc.payment_days}});
}

}  // namespace crm
