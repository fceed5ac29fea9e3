#include "crm/exchange/csv_export.h"

#include <algorithm>

#include "crm/store/csv.h"

namespace crm {

std::vector<std::string> csv_export_columns(Kind kind, const std::vector<Record>& records) {
  const KindSpec& spec = kind_spec(kind);
  std::vector<std::string> columns;
  for (const FieldSpec& f : spec.fields)
    if (!f.is_list()) columns.push_back(f.name);
  for (const Record& r : records)
    for (const auto& [key, value] : r.fields().entries())
      if (!spec.has_field(key) && value.is_scalar() &&
          std::find(columns.begin(), columns.end(), key) == columns.end())
        columns.push_back(key);
  return columns;
}

std::string export_csv(Kind kind, const std::vector<Record>& records, bool escape) {
  std::vector<std::string> columns = csv_export_columns(kind, records);
  std::string out = csv_line(columns, escape);
  std::vector<std::string> cells(columns.size());
  for (const Record& r : records) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Value* v = r.fields().find(columns[i]);
      cells[i] = v && v->is_scalar() ? v->text() : std::string();
    }
    out += csv_line(cells, escape);
  }
  return out;
}

}  // namespace crm
