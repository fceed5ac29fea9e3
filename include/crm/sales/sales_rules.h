// The guards of the quote, contract and invoice lifecycles.
#pragma once

#include "crm/kinds/lifecycle.h"

namespace crm {

// send, accept: the quote is still valid today.
Guard quote_not_expired();
// send, accept: the quote's deal is still open.
Guard quote_deal_open();
// accept: no other quote of the deal is accepted (a deal has at most one).
Guard deal_has_no_accepted_quote();
// revise: a sent quote may be revised only once it has expired.
Guard quote_revisable();
// release: today lies within the contract's from..to period.
Guard contract_in_period();
// void: only an invoice without payments.
Guard invoice_has_no_payments();

// A contract past its `to` date counts as expired.
bool contract_is_expired(const Record& contract, const Date& today);
// An invoice with a balance past its due date is overdue.
bool invoice_is_overdue(const Record& invoice, const Date& today);

// The status to show: stored, or derived from dates (expired quotes and contracts, overdue
// invoices).
std::string effective_status(const Record& record, const Date& today);

}  // namespace crm
