// Resolving what a user typed into a record: full ID, human number or sku, unique ID prefix
// (at least 4 characters after the dash, case-insensitive), then exact name or email.
#pragma once

#include <string_view>
#include <vector>

#include "crm/kinds/record.h"
#include "crm/store/store.h"

namespace crm {

// Resolves `text` to one record of one of `kinds` (all kinds when empty). Throws
// NotFoundError (exit 3) when nothing matches, or when several do, listing the candidates.
Record resolve(const Store& store, std::string_view text, const std::vector<Kind>& kinds = {});

}  // namespace crm
