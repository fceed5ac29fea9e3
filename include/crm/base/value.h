// The in-memory form of a YAML document: an ordered tree of scalars, sequences and maps.
//
// We keep our own small tree instead of YAML::Node: it is a fraction of the size, keeps key
// order (so unknown keys survive in place), and remembers whether a scalar was quoted so that
// nothing a user wrote is retyped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm {

class Value {
 public:
  enum class Type { null, scalar, sequence, map };
  // How a scalar is written: quoted text, or plain (booleans, integers, and values a user
  // wrote unquoted that some YAML reader would retype, kept as written).
  enum class Style { quoted, plain };
  using Entry = std::pair<std::string, Value>;

  Value() = default;
  static Value null() { return Value(); }
  static Value string(std::string text);
  static Value plain(std::string text);
  static Value boolean(bool b) { return plain(b ? "true" : "false"); }
  static Value sequence();
  static Value map();

  Type type() const { return m_type; }
  bool is_null() const { return m_type == Type::null; }
  bool is_scalar() const { return m_type == Type::scalar; }
  bool is_sequence() const { return m_type == Type::sequence; }
  bool is_map() const { return m_type == Type::map; }
  Style style() const { return m_style; }
  void set_style(Style style) { m_style = style; }

  // Scalar text; empty for anything else.
  const std::string& text() const { return m_text; }

  // Sequence items.
  const std::vector<Value>& items() const { return m_items; }
  std::vector<Value>& items() { return m_items; }
  void push_back(Value item) { m_items.push_back(std::move(item)); }

  // Map entries, in order.
  const std::vector<Entry>& entries() const { return m_entries; }
  std::vector<Entry>& entries() { return m_entries; }
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  // Replaces the value of `key` in place, or appends the entry.
  void set(std::string_view key, Value value);
  bool erase(std::string_view key);
  // The scalar text at `key`, or "" when absent, null or not a scalar.
  std::string get(std::string_view key) const;

  // The 1-based line where this value starts in its source file, 0 if unknown.
  int line() const { return m_line; }
  void set_line(int line) { m_line = line; }

  friend bool operator==(const Value& a, const Value& b);

 private:
  Type m_type = Type::null;
  Style m_style = Style::quoted;
  int m_line = 0;
  std::string m_text;
  std::vector<Value> m_items;
  std::vector<Entry> m_entries;
};

}  // namespace crm
