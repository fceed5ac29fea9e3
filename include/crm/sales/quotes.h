// Quotes: priced offers for a deal. Drafts are editable; sent quotes are frozen, then
// accepted, rejected (and revised into a new draft) or expired.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

struct QuoteInput {
  std::vector<std::string> lines;  // SKU:QTY[@PRICE][-DISC%]
  std::optional<std::string> discount;
  std::optional<std::string> tax_rate;
  std::optional<int> valid_days;
};

// A draft quote for an open deal, numbered Q-YYYY-NNNN, priced from the catalogue.
ChangeSet create_quote(Session& session, const Record& deal, const QuoteInput& input);

// Changes a draft: --line replaces all lines; discount, tax and validity as given.
ChangeSet edit_quote(Session& session, Record quote, const QuoteInput& input);

// (send, accept and reject need nothing but `transition` in kinds/session.h.)
// Copies a rejected or expired quote into a new draft (revision n+1, linked both ways) and
// marks the old one superseded.
ChangeSet revise_quote(Session& session, Record quote);

}  // namespace crm
