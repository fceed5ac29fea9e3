// Selecting records for list commands: field equality filters and free-text search.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crm/store.h"

namespace crm {

struct RecordFilter {
  std::vector<std::pair<std::string, std::string>> equals;  // field == value
  std::string text;  // case-insensitive substring of any top-level text field
};

bool matches(const Record& record, const RecordFilter& filter);

// The records of `kind` that match, oldest first: activities by `at`, others by `created`.
std::vector<Record> query(const Store& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems = nullptr);

}  // namespace crm
