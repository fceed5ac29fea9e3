#include "crm/kinds/query.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/reference.h"

namespace crm {
namespace {

// The values a filter on `field` may take, or empty when any value goes.
std::vector<std::string> allowed_values(const RecordStore& store, const KindSpec& spec,
                                        const FieldSpec& field) {
  if (!field.vocabulary.empty()) return store.config().vocabulary(field.vocabulary);
  if (field.type == FieldType::boolean) return {"true", "false"};
  if (field.type != FieldType::choice) return {};
  std::vector<std::string> values = field.choices;
  if (spec.machine && field.name == spec.machine->field)
    for (const DerivedState& d : spec.machine->derived)
      if (std::find(values.begin(), values.end(), d.name) == values.end()) values.push_back(d.name);
  return values;
}

}  // namespace

void require_filter_value(const RecordStore& store, Kind kind, const std::string& field,
                          const std::string& value) {
  const KindSpec& spec = kind_spec(kind);
  const FieldSpec* f = spec.field(field);
  if (!f) return;
  std::vector<std::string> values = allowed_values(store, spec, *f);
  if (values.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  std::string option = field;
  std::replace(option.begin(), option.end(), '_', '-');
  throw UsageError(fmt::format("--{} '{}' is not one of {}", option, value, join(values, ", ")),
                   fmt::format("list {} records with one of these values", spec.name));
}

ListSelection list_selection(const RecordStore& store, Kind kind,
                             const std::vector<std::pair<std::string, std::string>>& options,
                             const std::vector<std::pair<std::string, std::string>>& fixed,
                             const std::string& text, const Date& today) {
  const KindSpec& spec = kind_spec(kind);
  ListSelection selection{{fixed, text}, std::nullopt};
  for (auto [field, value] : options) {
    const FieldSpec* f = spec.field(field);
    if (f && f->type == FieldType::reference) value = resolve(store, value, f->targets).id();
    require_filter_value(store, kind, field, value);
    if (spec.machine && field == spec.machine->field)
      selection.status = StatusFilter{value, today};
    else
      selection.filter.equals.emplace_back(field, value);
  }
  return selection;
}

bool matches_status(const Record& record, const StatusFilter& filter) {
  return record.status() == filter.status ||
         effective_status(record, filter.today) == filter.status;
}

bool matches(const Record& record, const RecordFilter& filter) {
  for (const auto& [field, value] : filter.equals) {
    const FieldSpec* f = record.spec().field(field);
    std::string text = record.fields().get(field);
    // An absent boolean is false: non-complaints carry no `complaint` field.
    if (text.empty() && f && f->type == FieldType::boolean) text = "false";
    if (text != value) return false;
  }
  if (filter.text.empty()) return true;
  for (const auto& [key, value] : record.fields().entries())
    if (value.is_scalar() && contains_case_insensitive(value.text(), filter.text)) return true;
  return false;
}

std::vector<Record> query(const RecordStore& store, Kind kind, const RecordFilter& filter,
                          std::vector<LoadProblem>* problems, const StatusFilter* status,
                          const std::string& order_by) {
  std::vector<Record> out;
  store.for_each(
      kind,
      [&](const Record& r) {
        if (matches(r, filter) && (!status || matches_status(r, *status))) out.push_back(r);
      },
      problems);
  const std::string& key = order_by.empty() ? kind_spec(kind).list_order : order_by;
  // Sort keys computed once per record, not once per comparison.
  std::vector<std::pair<MomentKey, std::size_t>> order;
  for (std::size_t i = 0; i < out.size(); ++i)
    order.emplace_back(moment_key(out[i].fields().get(key)), i);
  // Ties (records made by one command) go by number, then ID.
  std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const Record &x = out[a.second], &y = out[b.second];
    if (x.fields().get("number") != y.fields().get("number"))
      return x.fields().get("number") < y.fields().get("number");
    return x.id() < y.id();
  });
  std::vector<Record> sorted;
  sorted.reserve(out.size());
  for (const auto& [moment, index] : order) sorted.push_back(std::move(out[index]));
  return sorted;
}

}  // namespace crm
