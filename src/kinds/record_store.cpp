#include "crm/kinds/record_store.h"

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {

void ChangeSet::absorb(ChangeSet other) {
  for (auto& c : other.changes) changes.push_back(std::move(c));
  for (auto& f : other.files) files.push_back(std::move(f));
}

ChangeSet ChangeSet::of_created(Record r, std::string summary) {
  ChangeSet c;
  c.summary = std::move(summary);
  c.created(std::move(r));
  return c;
}

ChangeSet ChangeSet::of_updated(Record r, std::string summary) {
  ChangeSet c;
  c.summary = std::move(summary);
  c.updated(std::move(r));
  return c;
}

void RecordStore::for_each(Kind kind, const Visitor& visit,
                           std::vector<LoadProblem>* problems) const {
  for (const std::string& id : ids(kind)) {
    try {
      visit(load(kind, id));
    } catch (const DataError& e) {
      if (!problems) throw;
      problems->push_back({e.what()});
    }
  }
}

std::vector<Record> RecordStore::load_all(Kind kind, std::vector<LoadProblem>* problems) const {
  std::vector<Record> out;
  for_each(
      kind, [&](const Record& r) { out.push_back(r); }, problems);
  return out;
}

std::vector<Record> RecordStore::find_by(Kind kind, std::string_view field,
                                         std::string_view value) const {
  const FieldSpec* spec = kind_spec(kind).field(field);
  bool any_case = spec && spec->type == FieldType::email;
  std::string wanted = any_case ? to_lower(value) : std::string(value);
  std::vector<Record> out;
  for_each(kind, [&](const Record& r) {
    std::string text = r.fields().get(field);
    if (!text.empty() && (any_case ? to_lower(text) : text) == wanted) out.push_back(r);
  });
  return out;
}

std::string RecordStore::new_id(Kind kind) {
  while (true) {
    std::string id = m_ids.next(kind_spec(kind).prefix);
    if (!exists(kind, id) && m_issued.insert(id).second) return id;
  }
}

}  // namespace crm
