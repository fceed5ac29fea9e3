// A record as the bytes of its file: canonical YAML out, and the defensive reading in that
// every store shares (the id must match the file's name; known fields must be well-formed).
#pragma once

#include <string>
#include <string_view>

#include "crm/kinds/record.h"

namespace crm {

// The largest record file crm reads (DESIGN 7: a record needs far less).
inline constexpr std::size_t k_max_record_bytes = 1 << 20;

// Canonical YAML bytes of a record: schema key order, unknown keys after, strings quoted.
std::string record_to_yaml(const Record& record);

// Parses a record file's `text` (as read from `display`, the path shown in messages). Throws
// DataError when the YAML is hostile or broken, when its `id` is not `expected_id`, or, when
// `well_formed`, when a known field has the wrong shape or type.
Record record_from_yaml(Kind kind, std::string_view text, const std::string& display,
                        const std::string& expected_id, bool well_formed);

// Refuses (UsageError, "nothing was written") a record crm must not write: a value longer than
// a record may hold, text that is not UTF-8, a known field of the wrong shape, or bytes that
// would not read back.
void require_writable(const Record& record, const std::string& yaml);

}  // namespace crm
