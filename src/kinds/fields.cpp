#include "crm/kinds/fields.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/money.h"
#include "crm/base/text.h"

namespace crm {
namespace {

bool is_whole_number(const std::string& text) {
  std::string_view digits = text;
  if (digits.starts_with('-')) digits.remove_prefix(1);
  return !digits.empty() && digits.size() <= 15 &&
         digits.find_first_not_of("0123456789") == std::string_view::npos;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_empty(const Value* v) {
  return !v || v->is_null() || (v->is_scalar() && v->text().empty());
}

std::optional<FieldProblem> shape_problem(const FieldSpec& f, const Value* v) {
  if (!v || v->is_null()) return std::nullopt;
  if (f.is_list()) {
    if (!v->is_sequence()) return FieldProblem{v, fmt::format("'{}' must be a list", f.name)};
    return std::nullopt;
  }
  if (!v->is_scalar()) return FieldProblem{v, fmt::format("'{}' must be a single value", f.name)};
  if (v->text().empty()) return std::nullopt;  // a missing value is a presence problem
  if (auto problem = field_value_problem(f, v->text()))
    return FieldProblem{v, fmt::format("{}: {}", f.name, *problem)};
  return std::nullopt;
}

}  // namespace

std::optional<std::string> field_value_problem(const FieldSpec& field, const std::string& text) {
  switch (field.type) {
    case FieldType::text:
      return std::nullopt;
    case FieldType::email:
      if (!is_valid_email(text)) return fmt::format("'{}' is not an e-mail address", text);
      return std::nullopt;
    case FieldType::date:
      if (!Date::parse_iso(text)) return fmt::format("'{}' is not a date (YYYY-MM-DD)", text);
      return std::nullopt;
    case FieldType::timestamp:
      if (!is_iso_timestamp(text))
        return fmt::format("'{}' is not an ISO 8601 timestamp with offset", text);
      return std::nullopt;
    case FieldType::choice:
      if (!contains(field.choices, text))
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
      if (!is_whole_number(text)) return fmt::format("'{}' is not a whole number", text);
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

std::vector<FieldProblem> shape_problems(const Record& record) {
  std::vector<FieldProblem> out;
  for (const FieldSpec& f : record.spec().fields)
    if (auto problem = shape_problem(f, record.fields().find(f.name)))
      out.push_back(std::move(*problem));
  return out;
}

std::optional<FieldProblem> malformed_field(const Record& record) {
  for (const FieldSpec& f : record.spec().fields)
    if (auto problem = shape_problem(f, record.fields().find(f.name))) return problem;
  return std::nullopt;
}

std::vector<FieldProblem> presence_problems(const Record& record) {
  std::vector<FieldProblem> out;
  const KindSpec& spec = record.spec();
  // The state that decides which fields belong: only where the record follows its machine (a
  // note's stray status decides nothing; that stray status is itself the problem).
  const Machine* machine = machine_of(spec, record.fields());
  std::string status = machine ? record.fields().get(machine->field) : "";
  // A machine limited to some records (tasks among activities): its state field belongs to
  // those and is required there.
  if (spec.machine && spec.machine_when) {
    const auto& [field, value] = *spec.machine_when;
    const Value* state = record.fields().find(spec.machine->field);
    bool applies = record.fields().get(field) == value;
    if (applies && is_empty(state))
      out.push_back({&record.fields(),
                     fmt::format("missing field '{}', required when {} is {}", spec.machine->field,
                                 field, value),
                     "add it by hand, or restore the file with git"});
    if (!applies && !is_empty(state))
      out.push_back(
          {state,
           fmt::format("'{}' belongs to {} records whose {} is {}, not {}", spec.machine->field,
                       spec.name, field, value, record.fields().get(field)),
           "remove the field, or restore the file with git"});
  }
  for (const FieldSpec& f : spec.fields) {
    const Value* v = record.fields().find(f.name);
    bool required = f.required || contains(f.required_in, status);
    if (is_empty(v)) {
      if (required)
        out.push_back({&record.fields(),
                       status.empty() || f.required
                           ? fmt::format("missing required field '{}'", f.name)
                           : fmt::format("missing field '{}', required when {} is {}", f.name,
                                         spec.name, status),
                       "add it by hand, or restore the file with git"});
      continue;
    }
    if (f.only_then && !required)
      out.push_back({v,
                     fmt::format("'{}' belongs to {} that is {}{}", f.name, with_article(spec.name),
                                 fmt::join(f.required_in, " or "),
                                 status.empty() ? "" : ", not " + status),
                     "remove the field, or restore the file with git"});
  }
  return out;
}

std::vector<FieldProblem> vocabulary_problems(const Record& record, const Config& config) {
  std::vector<FieldProblem> out;
  for (const FieldSpec& f : record.spec().fields) {
    if (f.vocabulary.empty()) continue;
    const Value* v = record.fields().find(f.name);
    if (is_empty(v) || !v->is_scalar()) continue;
    std::vector<std::string> allowed = config.vocabulary(f.vocabulary);
    if (!contains(allowed, v->text()))
      out.push_back(
          {v, fmt::format("{} '{}' is not one of crm.yaml's {}", f.name, v->text(), f.vocabulary),
           fmt::format("use one of: {} (or add it to crm.yaml)", join(allowed, ", "))});
  }
  return out;
}

std::vector<FieldProblem> field_problems(const Record& record, const Config& config) {
  std::vector<FieldProblem> out = shape_problems(record);
  for (auto& p : presence_problems(record)) out.push_back(std::move(p));
  for (auto& p : vocabulary_problems(record, config)) out.push_back(std::move(p));
  return out;
}

bool apply_edits(Record& record, const FieldEdits& edits, const Actor& actor,
                 const Config& config) {
  bool changed = false;
  for (const auto& [name, raw] : edits) {
    const FieldSpec* field = record.spec().field(name);
    if (!field || name == "id" || name == "status" || name == "created" || name == "history")
      throw UsageError(fmt::format("{} cannot be edited", name),
                       "status changes go through the lifecycle commands (`crm lifecycle`)");
    std::string text = trim(raw);
    if (!text.empty()) {
      if (auto problem = field_value_problem(*field, text))
        throw UsageError(fmt::format("--{}: {}", name, *problem));
      if (!field->vocabulary.empty() && !contains(config.vocabulary(field->vocabulary), text))
        throw UsageError(
            fmt::format("--{} '{}' is not one of crm.yaml's {}", name, text, field->vocabulary),
            fmt::format("use one of: {}, or add it to crm.yaml",
                        join(config.vocabulary(field->vocabulary), ", ")));
    }
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
