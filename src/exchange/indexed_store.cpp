#include "crm/exchange/indexed_store.h"

#include <stdexcept>

#include "crm/base/text.h"

namespace crm {

IndexedStore::KindCache& IndexedStore::cache(Kind kind) const {
  auto it = m_caches.find(kind);
  if (it != m_caches.end()) return it->second;
  KindCache& c = m_caches[kind];
  m_base.for_each(kind, [&](const Record& r) { c.records.emplace(r.id(), r); });
  return c;
}

std::string IndexedStore::index_key(Kind kind, std::string_view field, std::string_view value) {
  const FieldSpec* spec = kind_spec(kind).field(field);
  return spec && spec->type == FieldType::email ? to_lower(value) : std::string(value);
}

void IndexedStore::index_record(KindCache& c, const Record& record, bool add) const {
  for (auto& [field, index] : c.indexes) {
    std::string text = record.fields().get(field);
    if (text.empty()) continue;
    auto& ids = index[index_key(record.kind(), field, text)];
    if (add)
      ids.insert(record.id());
    else
      ids.erase(record.id());
  }
}

std::vector<std::string> IndexedStore::ids(Kind kind) const {
  std::vector<std::string> out;
  for (const auto& [id, record] : cache(kind).records) out.push_back(id);
  return out;
}

bool IndexedStore::exists(Kind kind, const std::string& id) const {
  return cache(kind).records.count(id) > 0;
}

Record IndexedStore::load(Kind kind, const std::string& id) const {
  const KindCache& c = cache(kind);
  auto it = c.records.find(id);
  if (it == c.records.end()) return m_base.load(kind, id);  // throws NotFoundError
  return it->second;
}

std::vector<Record> IndexedStore::find_by(Kind kind, std::string_view field,
                                          std::string_view value) const {
  KindCache& c = cache(kind);
  auto index = c.indexes.find(std::string(field));
  if (index == c.indexes.end()) {
    index =
        c.indexes.emplace(std::string(field), std::map<std::string, std::set<std::string>>{}).first;
    for (const auto& [id, record] : c.records) {
      std::string text = record.fields().get(field);
      if (!text.empty()) index->second[index_key(kind, field, text)].insert(id);
    }
  }
  std::vector<Record> out;
  if (value.empty()) return out;
  auto hit = index->second.find(index_key(kind, field, value));
  if (hit != index->second.end())
    for (const std::string& id : hit->second) out.push_back(c.records.at(id));
  return out;
}

WriteResult IndexedStore::write(const ChangeSet&) {
  throw std::logic_error("IndexedStore is a read view; write through the store it views");
}

void IndexedStore::put(const Record& record) {
  KindCache& c = cache(record.kind());
  auto it = c.records.find(record.id());
  if (it != c.records.end()) {
    index_record(c, it->second, false);
    it->second = record;
  } else {
    c.records.emplace(record.id(), record);
  }
  index_record(c, record, true);
}

}  // namespace crm
