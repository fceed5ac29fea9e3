// The guards of the deal lifecycle: rules that look at the deal's quotes and orders.
#pragma once

#include <vector>

#include "crm/kinds/lifecycle.h"

namespace crm {

// win needs an accepted quote of the deal.
Guard deal_needs_accepted_quote();
// lose is refused while a quote of the deal is sent and still open (neither accepted,
// rejected nor expired).
Guard deal_has_no_pending_quote();
// complete needs at least one order of the deal, and every one not cancelled delivered.
Guard deal_orders_delivered();

// The quotes and orders that belong to a deal.
std::vector<Record> quotes_of_deal(const Store& store, const std::string& deal_id);
std::vector<Record> orders_of_deal(const Store& store, const std::string& deal_id);

// A sent quote whose valid_until lies before `today` counts as expired.
bool quote_is_expired(const Record& quote, const Date& today);

}  // namespace crm
