// One record: its kind and its fields, as loaded from or written to `<folder>/<ID>.yaml`.
#pragma once

#include <string>
#include <string_view>

#include "crm/base/value.h"
#include "crm/kinds/schema.h"

namespace crm {

class Record {
 public:
  Record(Kind kind, Value fields) : m_kind(kind), m_fields(std::move(fields)) {}

  Kind kind() const { return m_kind; }
  const KindSpec& spec() const { return kind_spec(m_kind); }
  std::string id() const { return m_fields.get("id"); }
  std::string status() const { return m_fields.get("status"); }
  // What a person calls this record: its name, title or subject, else its ID.
  std::string label() const;

  const Value& fields() const { return m_fields; }
  Value& fields() { return m_fields; }

  // The scalar text of a field, "" when absent.
  std::string get(std::string_view key) const { return m_fields.get(key); }
  bool has(std::string_view key) const { return m_fields.find(key) != nullptr; }
  // Sets a text field; an empty text removes it, so that records carry no empty keys.
  void set_text(std::string_view key, std::string_view text);
  void set(std::string_view key, Value value) { m_fields.set(key, std::move(value)); }
  void erase(std::string_view key) { m_fields.erase(key); }

  // Appends an entry to `history`.
  void append_history(Value entry);

  // The path of the file, relative to the data directory: "leads/L-7K3QZ9AB.yaml".
  std::string relative_path() const;

  // Canonical YAML bytes of this record.
  std::string to_yaml() const;

 private:
  Kind m_kind;
  Value m_fields;
};

}  // namespace crm
