#include "crm/kinds/record.h"

#include "crm/store/yaml.h"

namespace crm {

std::string Record::label() const {
  std::string text = get(spec().label);
  return text.empty() ? id() : text;
}

void Record::set_text(std::string_view key, std::string_view text) {
  if (text.empty())
    m_fields.erase(key);
  else
    m_fields.set(key, Value::string(std::string(text)));
}

void Record::append_history(Value entry) {
  Value* history = m_fields.find("history");
  if (!history || !history->is_sequence()) {
    m_fields.set("history", Value::sequence());
    history = m_fields.find("history");
  }
  history->push_back(std::move(entry));
}

std::string Record::relative_path() const {
  return spec().folder + "/" + id() + ".yaml";
}

std::string Record::to_yaml() const {
  return emit_yaml(canonical_order(spec(), m_fields));
}

}  // namespace crm
