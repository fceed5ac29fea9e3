#include "crm/exchange/json_exchange.h"

#include <regex>
#include <set>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/store/json.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm {
namespace json_exchange {

constexpr int k_format_version = 1;

// Plain YAML text that JSON writes as a literal of its own: a boolean or a number.
bool is_json_literal(const std::string& text) {
  static const std::regex k_number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
  return text == "true" || text == "false" || std::regex_match(text, k_number);
}

std::string pointer_token(std::string_view key) {
  return replace_all(replace_all(key, "~", "~0"), "/", "~1");
}

// Turns the plain scalars JSON has no literal for into strings, listing where they were.
void mark_plain(Value& v, const std::string& at, Value& plain) {
  if (v.is_scalar() && v.style() == Value::Style::plain && !is_json_literal(v.text())) {
    v.set_style(Value::Style::quoted);
    plain.push_back(Value::string(at));
  }
  for (std::size_t i = 0; i < v.items().size(); ++i)
    mark_plain(v.items()[i], fmt::format("{}/{}", at, i), plain);
  for (auto& [key, value] : v.entries()) mark_plain(value, at + "/" + pointer_token(key), plain);
}

// The value a JSON Pointer names inside `root`, or nullptr.
Value* follow_pointer(Value& root, std::string_view pointer) {
  if (!pointer.starts_with('/')) return nullptr;
  Value* at = &root;
  for (const std::string& raw : split(pointer.substr(1), '/')) {
    std::string token = replace_all(replace_all(raw, "~1", "/"), "~0", "~");
    if (at->is_map()) {
      at = at->find(token);
    } else if (at->is_sequence()) {
      if (token.empty() || token.size() > 9 ||
          token.find_first_not_of("0123456789") != std::string::npos)
        return nullptr;
      std::size_t i = std::stoul(token);
      at = i < at->items().size() ? &at->items()[i] : nullptr;
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

[[noreturn]] void refuse(const std::string& display, int line, const std::string& what) {
  throw UsageError(fmt::format("{}:{}: {}; nothing was imported", display, line, what),
                   "import a document written by `crm export json` (docs/import.md)");
}

// One record of the document as the record crm would write.
Record read_record(const Value& item, const std::string& display) {
  if (!item.is_map()) refuse(display, item.line(), "a record must be an object");
  for (const auto& [key, value] : item.entries())
    if (key != "kind" && key != "fields" && key != "plain")
      refuse(display, value.line(),
             fmt::format("a record has a key \"{}\"; only kind, fields and plain belong there",
                         escape_for_terminal(key)));
  const Value* kind_name = item.find("kind");
  if (!kind_name || !kind_name->is_scalar() || kind_name->style() != Value::Style::quoted)
    refuse(display, item.line(), "a record needs a \"kind\" string");
  std::optional<Kind> kind = kind_by_name(kind_name->text());
  if (!kind)
    refuse(display, kind_name->line(),
           fmt::format("\"{}\" is not a kind of record", escape_for_terminal(kind_name->text())));
  const KindSpec& spec = kind_spec(*kind);
  const Value* fields_in = item.find("fields");
  if (!fields_in || !fields_in->is_map())
    refuse(display, item.line(), "a record needs \"fields\", an object");
  Value fields = *fields_in;
  const Value* id = fields.find("id");
  if (!id || !id->is_scalar() || !is_valid_id(id->text(), spec.prefix))
    refuse(display, fields.line(),
           fmt::format("a {} needs an \"id\" such as {}-7K3QZ9AB{}", spec.name, spec.prefix,
                       id && id->is_scalar()
                           ? fmt::format(", not \"{}\"", escape_for_terminal(id->text()))
                           : ""));
  std::string record_id = id->text();
  // The export writes every text as a string: a number or a boolean where text belongs is a
  // document made by hand or by another tool, and would not come back as it was meant.
  for (const auto& [key, value] : fields.entries()) {
    const FieldSpec* field = spec.field(key);
    if (field && value.is_scalar() && value.style() == Value::Style::plain &&
        field->type != FieldType::boolean && field->type != FieldType::integer)
      refuse(display, value.line(),
             fmt::format("{}: \"{}\" must be a string, not {}", record_id, key, value.text()));
  }
  if (const Value* plain = item.find("plain")) {
    if (!plain->is_sequence()) refuse(display, plain->line(), "\"plain\" must be a list");
    for (const Value& pointer : plain->items()) {
      Value* target = pointer.is_scalar() ? follow_pointer(fields, pointer.text()) : nullptr;
      if (!target || !target->is_scalar() || target->style() != Value::Style::quoted)
        refuse(display, pointer.line(),
               fmt::format("{}: \"plain\" names no string of its fields", record_id));
      target->set_style(Value::Style::plain);
    }
  }
  Record record(*kind, canonical_order(spec, std::move(fields)));
  std::string relative = record_relative_path(record);
  if (auto bad = malformed_field(record))
    refuse(display, bad->at->line() ? bad->at->line() : fields_in->line(),
           fmt::format("{}: {}", relative, bad->message));
  // What a record file may hold (depth, sizes, counts): the limits every load applies.
  try {
    parse_yaml(record_to_yaml(record), relative);
  } catch (const DataError& e) {
    refuse(display, fields_in->line(),
           fmt::format("{} would be refused as a file: {}", relative, e.problem()));
  }
  return record;
}

}  // namespace json_exchange

std::string export_json(const RecordStore& store, std::optional<Kind> kind,
                        std::vector<LoadProblem>* problems) {
  Value records = Value::sequence();
  for (const KindSpec& spec : all_kinds()) {
    if (kind && spec.kind != *kind) continue;
    store.for_each(
        spec.kind,
        [&](const Record& record) {
          Value fields = record.fields();
          Value plain = Value::sequence();
          json_exchange::mark_plain(fields, "", plain);
          Value item = Value::map();
          item.set("kind", Value::string(spec.name));
          item.set("fields", std::move(fields));
          if (!plain.items().empty()) item.set("plain", std::move(plain));
          records.push_back(std::move(item));
        },
        problems);
  }
  Value document = Value::map();
  document.set("crm_export", Value::plain(std::to_string(json_exchange::k_format_version)));
  document.set("records", std::move(records));
  return emit_json(document) + "\n";
}

JsonImport import_json(Session& session, std::string_view text, const std::string& display) {
  using json_exchange::refuse;
  Value document;
  try {
    // Deep enough for a record's own nesting (8) under the document's three levels.
    document = parse_json(text, display, JsonLimits{.max_depth = 12});
  } catch (const DataError& e) {
    throw UsageError(fmt::format("{}; nothing was imported", e.what()), e.hint());
  }
  if (!document.is_map()) refuse(display, 1, "the document must be an object");
  const Value* version = document.find("crm_export");
  if (!version || !version->is_scalar() || version->style() != Value::Style::plain ||
      version->text() != std::to_string(json_exchange::k_format_version))
    refuse(display, version ? version->line() : 1,
           fmt::format("not a crm export of format {} (\"crm_export\": {} is missing)",
                       json_exchange::k_format_version, json_exchange::k_format_version));
  const Value* records = document.find("records");
  if (!records || !records->is_sequence())
    refuse(display, document.line(), "the document needs \"records\", a list");

  JsonImport result;
  std::set<std::string> seen;
  std::vector<std::string> created_ids;
  for (const Value& item : records->items()) {
    Record record = json_exchange::read_record(item, display);
    std::string relative = record_relative_path(record);
    if (!seen.insert(record.id()).second)
      refuse(display, item.line(), fmt::format("{} appears twice", record.id()));
    if (session.store.exists(record.kind(), record.id())) {
      Record held = session.store.load(record.kind(), record.id());
      if (record_to_yaml(held) == record_to_yaml(record)) {
        ++result.unchanged;
        continue;
      }
      throw RefusedError(
          fmt::format("{} exists and differs from the record in {}; nothing was imported", relative,
                      display),
          "import into a directory made with `crm init`, or remove the record from the file "
          "(`crm import json` never overwrites a record)");
    }
    created_ids.push_back(record.id());
    result.changes.created(std::move(record));
  }
  std::string named = join(
      std::vector<std::string>(created_ids.begin(),
                               created_ids.begin() + std::min<std::size_t>(created_ids.size(), 10)),
      ", ");
  result.changes.summary = created_ids.size() > 10 ? fmt::format("import json -> {} and {} more",
                                                                 named, created_ids.size() - 10)
                                                   : fmt::format("import json -> {}", named);
  return result;
}

}  // namespace crm
