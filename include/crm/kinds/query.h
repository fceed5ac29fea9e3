// Selecting records for list commands: field equality filters, a status (stored or derived),
// free-text search, and the order a kind lists in.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crm/base/dates.h"
#include "crm/kinds/record_store.h"

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

// A typo in a filter must not look like "nothing matches": values of choice fields, the
// kind's derived states, crm.yaml's lists (stages, lead sources) and booleans are checked.
// Throws UsageError naming the values that exist.
void require_filter_value(const RecordStore& store, Kind kind, const std::string& field,
                          const std::string& value);

// The selection a list command's options make. Each option is (field, value as typed): a
// reference field takes any reference (`--account Acme`, resolved here), every value is checked
// by require_filter_value, and the lifecycle's field matches the stored or the derived state
// (`invoice list --status overdue`). `fixed` filters apply as they are (`task list` is the
// activities of type task).
struct ListSelection {
  RecordFilter filter;
  std::optional<StatusFilter> status;
};
ListSelection list_selection(const RecordStore& store, Kind kind,
                             const std::vector<std::pair<std::string, std::string>>& options,
                             const std::vector<std::pair<std::string, std::string>>& fixed,
                             const std::string& text, const Date& today);

bool matches(const Record& record, const RecordFilter& filter);
bool matches_status(const Record& record, const StatusFilter& filter);

// The records of `kind` that match, in the kind's list order (KindSpec::list_order; ties by
// number, then ID), or by `order_by` when given.
std::vector<Record> query(const RecordStore& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems = nullptr,
                          const StatusFilter* status = nullptr, const std::string& order_by = {});

}  // namespace crm
