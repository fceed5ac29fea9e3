// A record store in memory, for unit tests: the same canonical bytes and defensive reading as
// the data directory, without a disk. Tests put hand-written (and hand-broken) files in it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/record_store.h"

namespace crm {

class MemoryStore : public RecordStore {
 public:
  explicit MemoryStore(Config config = default_config(), std::uint64_t id_seed = 1);

  const Config& config() const override { return m_config; }
  Config& mutable_config() { return m_config; }

  std::vector<std::string> ids(Kind kind) const override;
  bool exists(Kind kind, const std::string& id) const override;
  Record load(Kind kind, const std::string& id) const override;
  WriteResult write(const ChangeSet& changes) override;
  std::vector<StoredEntry> entries(Kind kind) const override;
  Record load_unchecked(Kind kind, const std::string& id) const override;

  // The files, by path relative to the store ("leads/L-7K3QZ9AB.yaml").
  void put(const std::string& relative, std::string text) { m_files[relative] = std::move(text); }
  std::optional<std::string> text_of(const std::string& relative) const;
  const std::map<std::string, std::string>& files() const { return m_files; }
  // How many writes changed something: a test of "nothing is rewritten" counts them.
  int writes() const { return m_writes; }

  // The configuration `crm init` writes.
  static Config default_config();

 private:
  Record read(Kind kind, const std::string& id, bool well_formed) const;

  Config m_config;
  std::map<std::string, std::string> m_files;
  int m_writes = 0;
};

}  // namespace crm
