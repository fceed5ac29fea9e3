// Leads: capturing them, moving them through their lifecycle, and converting a qualified lead
// into an account, a contact and a deal.
#pragma once

#include <optional>
#include <string>

#include "crm/kinds/fields.h"
#include "crm/kinds/session.h"

namespace crm {

// A new lead in state `new`. `edits` must name it; `source` must be one of crm.yaml's
// lead_sources; `campaign` may be any reference to a campaign. (Its other transitions need
// nothing but `transition` in kinds/session.h.)
ChangeSet add_lead(Session& session, FieldEdits edits);

struct ConvertOptions {
  std::optional<std::string> account;  // link this existing account instead of creating one
  std::optional<std::string> title;    // the deal's title; default "<company or name> deal"
};

// Converts a lead: creates (or links) the account, creates a contact and a deal in the first
// stage of crm.yaml (carrying the lead's campaign), records their IDs on the lead and marks it
// converted. All files are written together or not at all.
ChangeSet convert_lead(Session& session, Record lead, const ConvertOptions& options);

}  // namespace crm
