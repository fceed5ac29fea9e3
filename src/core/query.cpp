#include "crm/query.h"

#include <algorithm>

#include "crm/dates.h"
#include "crm/text.h"

namespace crm {

bool matches(const Record& record, const RecordFilter& filter) {
  for (const auto& [field, value] : filter.equals)
    if (record.get(field) != value) return false;
  if (filter.text.empty()) return true;
  for (const auto& [key, value] : record.fields().entries())
    if (value.is_scalar() && contains_case_insensitive(value.text(), filter.text)) return true;
  return false;
}

std::vector<Record> query(const Store& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems) {
  std::vector<Record> out;
  store.for_each(
      kind,
      [&](const Record& r) {
        if (matches(r, filter)) out.push_back(r);
      },
      problems);
  auto key = [](const Record& r) { return epoch_seconds(r.get("created")).value_or(0); };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Record& a, const Record& b) { return key(a) < key(b); });
  return out;
}

}  // namespace crm
