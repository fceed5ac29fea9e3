// Field values: validating what a user or a file puts in a field, and applying edits to a
// record so that hand-overs land in its history.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"

namespace crm {

// Why `text` is not a valid value of `field`, or nullopt when it is.
std::optional<std::string> field_value_problem(const FieldSpec& field, const std::string& text);

// The first field of `record` whose value has the wrong shape or type for its kind (a map
// where text belongs, a status that is not a state, a date that is not a date), as
// (field, problem); nullopt when every known field is well-formed. Cheap: run on every load.
std::optional<std::pair<const Value*, std::string>> malformed_field(const Record& record);

// A list of (field, new text) pairs; an empty text clears the field.
using FieldEdits = std::vector<std::pair<std::string, std::string>>;

// Validates and applies edits to known text fields. A change of `owner` appends a hand-over
// entry to history. Throws UsageError for an invalid value or a field that cannot be edited
// this way. Returns true when anything changed.
bool apply_edits(Record& record, const FieldEdits& edits, const Actor& actor);

}  // namespace crm
