// Field values: the one validation of what a user or a file puts in a field, shared by loads
// (shape), writes (shape) and `crm check` (shape, presence, vocabulary), and applying edits to
// a record so that hand-overs land in its history.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crm/base/config.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"

namespace crm {

// Why `text` is not a valid value of `field`, or nullopt when it is.
std::optional<std::string> field_value_problem(const FieldSpec& field, const std::string& text);

// One problem of one field, located at a value of the record (for its line).
struct FieldProblem {
  const Value* at;
  std::string message;
  std::string hint = {};
};

// Shape: every known field present has the right shape and type (a map where text belongs, a
// status that is not a state, a date that is not a date). Cheap: run on every load and write.
std::vector<FieldProblem> shape_problems(const Record& record);
std::optional<FieldProblem> malformed_field(const Record& record);  // the first of them
// Presence: required fields (always, or in the record's state) are there; fields that belong
// to other states are not.
std::vector<FieldProblem> presence_problems(const Record& record);
// Vocabulary: values that come from a list in crm.yaml (deal stages, lead sources).
std::vector<FieldProblem> vocabulary_problems(const Record& record, const Config& config);
// All of them: what `crm check` reports of one record's fields.
std::vector<FieldProblem> field_problems(const Record& record, const Config& config);

// A list of (field, new text) pairs; an empty text clears the field.
using FieldEdits = std::vector<std::pair<std::string, std::string>>;

// Validates and applies edits to known text fields (values from crm.yaml's lists too). A change
// of `owner` appends a hand-over entry to history. Throws UsageError for an invalid value or a
// field that cannot be edited this way. Returns true when anything changed.
bool apply_edits(Record& record, const FieldEdits& edits, const Actor& actor, const Config& config);

}  // namespace crm
