// A read view of a record store for commands that look up thousands of records (imports): each
// kind is loaded once, find_by answers from an index instead of reading every record again,
// and records the command is about to create or change are seen as if written, so that the
// ordinary reference resolution (kinds/reference.h) finds them. It never writes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "crm/kinds/record_store.h"

namespace crm {

class IndexedStore : public RecordStore {
 public:
  explicit IndexedStore(const RecordStore& base) : m_base(base) {}

  const Config& config() const override { return m_base.config(); }
  std::vector<std::string> ids(Kind kind) const override;
  bool exists(Kind kind, const std::string& id) const override;
  Record load(Kind kind, const std::string& id) const override;
  std::vector<Record> find_by(Kind kind, std::string_view field,
                              std::string_view value) const override;
  // Throws std::logic_error: the view is for reading.
  WriteResult write(const ChangeSet& changes) override;
  std::vector<StoredEntry> entries(Kind kind) const override { return m_base.entries(kind); }
  Record load_unchecked(Kind kind, const std::string& id) const override {
    return m_base.load_unchecked(kind, id);
  }

  // A record as the command will write it (new or changed): seen by every lookup from now on.
  void put(const Record& record);

 private:
  struct KindCache {
    std::map<std::string, Record> records;  // every record of the kind, by ID
    // field -> value (lower case for e-mail fields) -> IDs
    std::map<std::string, std::map<std::string, std::set<std::string>>> indexes;
  };
  KindCache& cache(Kind kind) const;
  static std::string index_key(Kind kind, std::string_view field, std::string_view value);
  void index_record(KindCache& cache, const Record& record, bool add) const;

  const RecordStore& m_base;
  mutable std::map<Kind, KindCache> m_caches;
};

}  // namespace crm
