// Resolving what a user typed into a record, in DESIGN section 2's order: full ID, human number
// or sku, unique ID prefix (at least 4 characters after the dash, case-insensitive), then exact
// name or e-mail. Which keys a kind has is the registry's to say.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/kinds/record_store.h"

namespace crm {

// Resolves `text` to one record of one of `kinds` (all kinds when empty). Throws
// NotFoundError (exit 3) when nothing matches, or when several do, listing the candidates.
Record resolve(const RecordStore& store, std::string_view text,
               const std::vector<Kind>& kinds = {});

// The record with this unique key (a product's sku, a document's number), if any.
std::optional<Record> find_by_key(const RecordStore& store, Kind kind, std::string_view field,
                                  std::string_view value);

// Replaces what a user typed into the reference fields of `edits` (`--account Acme`) by the
// IDs they resolve to, for records of `kind`.
void resolve_reference_edits(const RecordStore& store, Kind kind,
                             std::vector<std::pair<std::string, std::string>>& edits);

// One way a record may be typed where a command takes a reference, for shell completion.
struct ReferenceCandidate {
  std::string text;         // "L-7K3QZ9AB", "Q-2026-0001", "Jan Kowalski", "ewa@acme.example"
  std::string description;  // "lead Jan Kowalski"
};

// Everything `resolve` would accept for a record of `kinds` (all kinds when empty) that starts
// with `prefix`, in any letter case: IDs, human numbers and skus, names and e-mails (the kind's
// lookup keys). Reads through the store only; a prefix shaped like an ID lists IDs without
// loading records. Broken files are skipped, never reported: completion must stay silent.
std::vector<ReferenceCandidate> reference_candidates(const RecordStore& store,
                                                     const std::vector<Kind>& kinds,
                                                     std::string_view prefix);

}  // namespace crm
