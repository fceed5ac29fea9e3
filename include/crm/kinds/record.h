// One record: its kind and its fields, as loaded from or written to `<folder>/<ID>.yaml`.
//
// Top-level fields are read and written by name through this class, and in debug and test
// builds (CRM_FIELD_CHECKS) a name the kind's schema does not declare is a bug that throws
// std::logic_error, so that a misspelt key cannot become a silent unknown field. Unknown keys a
// user added by hand are kept; `custom()` reads them on purpose.
#pragma once

#include <string>
#include <string_view>

#include "crm/base/value.h"
#include "crm/kinds/registry.h"

namespace crm {

class Record {
 public:
  Record(Kind kind, Value fields) : m_kind(kind), m_fields(std::move(fields)) {}

  Kind kind() const { return m_kind; }
  const KindSpec& spec() const { return kind_spec(m_kind); }
  std::string id() const { return m_fields.get("id"); }
  // The lifecycle state as stored ("" for kinds without one).
  std::string status() const { return m_fields.get("status"); }
  // What a person calls this record: its name, title or number, else its ID.
  std::string label() const;
  // The human number (Q-2026-0001) or, for kinds without one, the ID.
  std::string number_or_id() const;

  const Value& fields() const { return m_fields; }
  Value& fields() { return m_fields; }

  // The scalar text of a declared field, "" when absent.
  std::string get(std::string_view key) const;
  // A declared field's value, nullptr when absent.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // Sets a declared text field; an empty text removes it, so that records carry no empty keys.
  void set_text(std::string_view key, std::string_view text);
  void set(std::string_view key, Value value);
  void erase(std::string_view key);
  // The items of a declared list field, created empty when missing or not a list.
  Value& list(std::string_view key);

  // The scalar text of any key, declared or not: for the custom fields users add.
  std::string custom(std::string_view key) const { return m_fields.get(key); }

  // Appends an entry to `history`.
  void append_history(Value entry);

  // The record as shown to people and scripts: its fields in canonical order, then the
  // kind's derived fields (a deal's probability).
  Value view(const Config& config) const;

 private:
  void require_declared(std::string_view key) const;

  Kind m_kind;
  Value m_fields;
};

}  // namespace crm
