// Selecting records for list commands: field equality filters and free-text search.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crm/base/dates.h"
#include "crm/store/store.h"

namespace crm {

struct RecordFilter {
  std::vector<std::pair<std::string, std::string>> equals;  // field == value
  std::string text;  // case-insensitive substring of any top-level text field
};

// A status to match as stored or as derived (`overdue`, `expired`) on `today`.
struct StatusFilter {
  std::string status;
  Date today;
};

// A typo in a filter must not look like "nothing matches": values of choice fields (and the
// derived statuses) and deal stages are checked. Throws UsageError.
void require_filter_value(const Store& store, Kind kind, const std::string& field,
                          const std::string& value);

bool matches(const Record& record, const RecordFilter& filter);
bool matches_status(const Record& record, const StatusFilter& filter);

// The records of `kind` that match, oldest first: activities by `at`, others by `created`.
std::vector<Record> query(const Store& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems = nullptr,
                          const StatusFilter* status = nullptr);

}  // namespace crm
