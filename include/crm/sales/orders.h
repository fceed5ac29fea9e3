// Sales orders (from an accepted quote, or released from a sales contract) and sales
// contracts (quantities delivered over time through release orders).
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// A one-time order copying an accepted quote's lines and totals. One order or contract per
// quote.
ChangeSet create_order(Session& session, const Record& quote);

// deliver (sets `delivered` to today) or cancel.
ChangeSet transition_order(Session& session, Record order, const std::string& command);

// A sales contract over an accepted quote's quantities, releasable from `from` to `to`.
ChangeSet create_contract(Session& session, const Record& quote, const Date& from, const Date& to);

// A release order for `lines` (SKU:QTY each), priced as the contract; refused beyond any
// line's remaining quantity or outside the period. The contract is fulfilled when nothing
// remains. Both files are written together.
ChangeSet release_from_contract(Session& session, Record contract,
                                const std::vector<std::string>& lines);

// Per contract line: ordered, released and remaining quantities.
struct ContractLineState {
  std::string sku, name, ordered, released, remaining;
};
std::vector<ContractLineState> contract_state(const Record& contract);

}  // namespace crm
