#include "crm/kinds/query.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/sales/sales_rules.h"

namespace crm {

void require_filter_value(const Store& store, Kind kind, const std::string& field,
                          const std::string& value) {
  if (field == "stage" && kind == Kind::deal) {
    if (!store.config().stage(value))
      throw UsageError(fmt::format("--stage '{}' is not a stage of crm.yaml", value));
    return;
  }
  const FieldSpec* spec = kind_spec(kind).field(field);
  if (!spec || spec->type != FieldType::choice) return;
  bool derived = field == "status" && (value == "overdue" || value == "expired");
  if (!derived &&
      std::find(spec->choices.begin(), spec->choices.end(), value) == spec->choices.end())
    throw UsageError(
        fmt::format("--{} '{}' is not one of {}", field, value, join(spec->choices, ", ")));
}

bool matches_status(const Record& record, const StatusFilter& filter) {
  return record.status() == filter.status ||
         effective_status(record, filter.today) == filter.status;
}

bool matches(const Record& record, const RecordFilter& filter) {
  for (const auto& [field, value] : filter.equals)
    if (record.get(field) != value) return false;
  if (filter.text.empty()) return true;
  for (const auto& [key, value] : record.fields().entries())
    if (value.is_scalar() && contains_case_insensitive(value.text(), filter.text)) return true;
  return false;
}

std::vector<Record> query(const Store& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems, const StatusFilter* status) {
  std::vector<Record> out;
  store.for_each(
      kind,
      [&](const Record& r) {
        if (matches(r, filter) && (!status || matches_status(r, *status))) out.push_back(r);
      },
      problems);
  // Activities are listed by when they happened, everything else by when it was created.
  // Sort keys computed once per record, not once per comparison.
  const char* key = kind == Kind::activity ? "at" : "created";
  std::vector<std::pair<long long, std::size_t>> order;
  for (std::size_t i = 0; i < out.size(); ++i)
    order.emplace_back(epoch_seconds(out[i].get(key)).value_or(0), i);
  // Ties (records made by one command) go by number, then ID.
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const Record &x = out[a.second], &y = out[b.second];
    if (x.get("number") != y.get("number")) return x.get("number") < y.get("number");
    return x.id() < y.id();
  });
  std::vector<Record> sorted;
  sorted.reserve(out.size());
  for (const auto& [key, index] : order) sorted.push_back(std::move(out[index]));
  return sorted;
}

}  // namespace crm
