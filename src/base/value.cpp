#include "crm/base/value.h"

#include <algorithm>

namespace crm {

Value Value::string(std::string text) {
  Value v;
  v.m_type = Type::scalar;
  v.m_style = Style::quoted;
  v.m_text = std::move(text);
  return v;
}

Value Value::plain(std::string text) {
  Value v = string(std::move(text));
  v.m_style = Style::plain;
  return v;
}

Value Value::sequence() {
  Value v;
  v.m_type = Type::sequence;
  return v;
}

Value Value::map() {
  Value v;
  v.m_type = Type::map;
  return v;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [k, v] : m_entries)
    if (k == key) return &v;
  return nullptr;
}

Value* Value::find(std::string_view key) {
  for (auto& [k, v] : m_entries)
    if (k == key) return &v;
  return nullptr;
}

void Value::set(std::string_view key, Value value) {
  if (m_type != Type::map) {
    *this = map();
  }
  if (Value* existing = find(key)) {
    int line = existing->m_line;
    *existing = std::move(value);
    if (existing->m_line == 0) existing->m_line = line;
    return;
  }
  m_entries.emplace_back(std::string(key), std::move(value));
}

bool Value::erase(std::string_view key) {
  auto it = std::find_if(m_entries.begin(), m_entries.end(),
                         [&](const Entry& e) { return e.first == key; });
  if (it == m_entries.end()) return false;
  m_entries.erase(it);
  return true;
}

std::string Value::get(std::string_view key) const {
  const Value* v = find(key);
  return v && v->is_scalar() ? v->text() : std::string();
}

bool operator==(const Value& a, const Value& b) {
  return a.m_type == b.m_type && a.m_style == b.m_style && a.m_text == b.m_text &&
         a.m_items == b.m_items && a.m_entries == b.m_entries;
}

}  // namespace crm
