#include "crm/kinds/fields.h"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/money.h"
#include "crm/base/text.h"

namespace crm {

std::optional<std::string> field_value_problem(const FieldSpec& field, const std::string& text) {
  switch (field.type) {
    case FieldType::text:
      if (field.name == "email" && !text.empty() &&
          (text.find('@') == std::string::npos || text.find(' ') != std::string::npos))
        return fmt::format("'{}' is not an email address", text);
      return std::nullopt;
    case FieldType::date:
      if (!Date::parse_iso(text)) return fmt::format("'{}' is not a date (YYYY-MM-DD)", text);
      return std::nullopt;
    case FieldType::timestamp:
      if (!is_iso_timestamp(text))
        return fmt::format("'{}' is not an ISO 8601 timestamp with offset", text);
      return std::nullopt;
    case FieldType::choice:
      if (std::find(field.choices.begin(), field.choices.end(), text) == field.choices.end())
        return fmt::format("'{}' is not one of {}", text, join(field.choices, ", "));
      return std::nullopt;
    case FieldType::reference: {
      auto prefix = id_prefix(text);
      auto kind = prefix ? kind_by_prefix(*prefix) : std::nullopt;
      bool target_ok =
          kind && (field.targets.empty() || std::find(field.targets.begin(), field.targets.end(),
                                                      *kind) != field.targets.end());
      if (!target_ok || !is_valid_id(text, *prefix))
        return fmt::format("'{}' is not the ID of {}", text,
                           field.targets.empty() ? std::string("a record")
                                                 : with_article(kind_spec(field.targets[0]).name));
      return std::nullopt;
    }
    case FieldType::boolean:
      if (text != "true" && text != "false") return fmt::format("'{}' is not true or false", text);
      return std::nullopt;
    case FieldType::integer:
      if (!std::regex_match(text, std::regex("-?[0-9]{1,15}")))
        return fmt::format("'{}' is not a whole number", text);
      return std::nullopt;
    case FieldType::decimal:
    case FieldType::money:
      if (!Decimal::parse(text))
        return fmt::format("'{}' is not a decimal number such as 12.50", text);
      return std::nullopt;
    case FieldType::history:
    case FieldType::list:
    case FieldType::entries:
      return fmt::format("{} is a list, not a single value", field.name);
  }
  return std::nullopt;
}

std::optional<std::pair<const Value*, std::string>> malformed_field(const Record& record) {
  for (const FieldSpec& f : record.spec().fields) {
    const Value* v = record.fields().find(f.name);
    if (!v || v->is_null()) continue;
    bool is_list =
        f.type == FieldType::history || f.type == FieldType::list || f.type == FieldType::entries;
    if (is_list) {
      if (!v->is_sequence()) return std::pair{v, fmt::format("'{}' must be a list", f.name)};
      continue;
    }
    if (!v->is_scalar()) return std::pair{v, fmt::format("'{}' must be a single value", f.name)};
    if (v->text().empty()) continue;  // missing values are `crm check`'s business
    if (auto problem = field_value_problem(f, v->text()))
      return std::pair{v, fmt::format("{}: {}", f.name, *problem)};
  }
  return std::nullopt;
}

bool apply_edits(Record& record, const FieldEdits& edits, const Actor& actor) {
  bool changed = false;
  for (const auto& [name, raw] : edits) {
    const FieldSpec* field = record.spec().field(name);
    if (!field || name == "id" || name == "status" || name == "created" || name == "history")
      throw UsageError(fmt::format("{} cannot be edited", name),
                       "status changes go through the lifecycle commands (`crm lifecycle`)");
    std::string text = trim(raw);
    if (!text.empty())
      if (auto problem = field_value_problem(*field, text))
        throw UsageError(fmt::format("--{}: {}", name, *problem));
    if (text.empty() && field->required) throw UsageError(fmt::format("{} cannot be empty", name));
    std::string before = record.get(name);
    if (before == text) continue;
    if (name == "owner" && !before.empty())
      record.append_history(field_change_entry(actor, name, before, text));
    record.set_text(name, text);
    changed = true;
  }
  return changed;
}

}  // namespace crm
