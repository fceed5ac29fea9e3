#include "crm/kinds/record.h"

#include <stdexcept>

namespace crm {

// In debug and test builds every top-level field named in code must be declared by the kind's
// schema: a misspelt key fails the tests instead of becoming a silent unknown field.
void Record::require_declared([[maybe_unused]] std::string_view key) const {
#ifdef CRM_FIELD_CHECKS
  if (!spec().has_field(key))
    throw std::logic_error("bug: field '" + std::string(key) + "' is not declared for kind " +
                           spec().name);
#endif
}

std::string Record::label() const {
  std::string text = m_fields.get(spec().label);
  return text.empty() ? id() : text;
}

std::string Record::number_or_id() const {
  if (!spec().number_prefix.empty()) {
    std::string number = m_fields.get("number");
    if (!number.empty()) return number;
  }
  return id();
}

std::string Record::get(std::string_view key) const {
  require_declared(key);
  return m_fields.get(key);
}

const Value* Record::find(std::string_view key) const {
  require_declared(key);
  return m_fields.find(key);
}

Value* Record::find(std::string_view key) {
  require_declared(key);
  return m_fields.find(key);
}

void Record::set_text(std::string_view key, std::string_view text) {
  require_declared(key);
  if (text.empty())
    m_fields.erase(key);
  else
    m_fields.set(key, Value::string(std::string(text)));
}

void Record::set(std::string_view key, Value value) {
  require_declared(key);
  m_fields.set(key, std::move(value));
}

void Record::erase(std::string_view key) {
  require_declared(key);
  m_fields.erase(key);
}

Value& Record::list(std::string_view key) {
  require_declared(key);
  Value* v = m_fields.find(key);
  if (!v || !v->is_sequence()) {
    m_fields.set(key, Value::sequence());
    v = m_fields.find(key);
  }
  return *v;
}

void Record::append_history(Value entry) {
  list("history").push_back(std::move(entry));
}

Value Record::view(const Config& config) const {
  Value out = canonical_order(spec(), m_fields);
  for (const DerivedField& d : spec().derived_fields) {
    std::string value = d.value(*this, config);
    if (!value.empty()) out.set(d.name, Value::string(std::move(value)));
  }
  return out;
}

}  // namespace crm
