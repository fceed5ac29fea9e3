// Service work: requests (answered from the knowledge base or escalated), service orders
// (assigned to a technician, started, cancelled) and confirmations (effort and parts, billed
// from the contract terms).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/session.h"
#include "crm/service/billing.h"

namespace crm {

struct RequestInput {
  std::string account, contact, product, summary;
  std::string priority = "normal";
  bool complaint = false;
};

// A new open request; its response deadline comes from the account's active contract.
ChangeSet add_service_request(Session& session, const RequestInput& input);
// open -> solved with a knowledge-base solution.
ChangeSet solve_service_request(Session& session, Record request, const std::string& solution);
// open -> escalated, creating a service order with the customer, product and summary.
ChangeSet escalate_service_request(Session& session, Record request);
// Assigns a technician (--to) and a day. (close, start and cancel need nothing but
// `transition` in kinds/session.h.)
ChangeSet assign_service_order(Session& session, Record order, const std::string& technician,
                               const std::string& scheduled);
// Replaces the planned parts (SKU:QTY each).
ChangeSet plan_service_parts(Session& session, Record order, const std::vector<std::string>& parts);

struct ConfirmInput {
  std::string effort;              // hours
  std::vector<std::string> parts;  // SKU:QTY
  std::string note;
  std::string date;      // date word; empty: today
  bool partial = false;  // keep the order in progress
};

// Records effort and parts on an in-progress order, prices them (DESIGN 4) and, unless
// partial, completes the order.
ChangeSet confirm_service(Session& session, Record order, const ConfirmInput& input);

// Bills a confirmation: an invoice with a labour line and its parts; the confirmation and, for
// a final one, its order become billed.
ChangeSet create_invoice_for_confirmation(Session& session, Record confirmation);

// What `crm invoice create` bills: exactly one of a sales order and a service confirmation
// (any references). UsageError for none or both.
struct InvoiceSource {
  std::string order;
  std::string confirmation;
};
ChangeSet create_invoice(Session& session, const InvoiceSource& source);

}  // namespace crm
