// The third record store: the data directory (FileStore) read through the local index
// `.crm/index` (store/index_file.h), so that a query parses only the files that changed since
// the last run. The YAML files stay the truth: each kind's folder is listed and every file
// stat'ed before the index answers for it, and a file whose size, mtime or inode differs is
// parsed again (on two threads). Writes go to the FileStore. A file that does not parse is not
// indexed: it is read through the FileStore, which raises its usual error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crm/kinds/record_store.h"
#include "crm/store/file_store.h"
#include "crm/store/index_file.h"

namespace crm {

class IndexedFileStore : public RecordStore {
 public:
  struct Options {
    // Start from `.crm/index` (else from nothing: every file is parsed).
    bool read_saved = true;
    // Write `.crm/index` back when something changed (silently not when it cannot).
    bool save = true;
    // A kind is validated (listed, stat'ed, its changed files parsed) when its records are
    // listed or looked up by a field, or at its Nth load of one record: a command that reads
    // one or two records of a kind parses just those.
    int validate_after_loads = 8;
    // Threads that parse changed files.
    int threads = 2;
    // A file changed (ctime) this close to being indexed is parsed again on the next run
    // (IndexEntry::racy): far more than a file system's clock tick. Tests set 0.
    std::int64_t racy_ns = 1000000000;
  };

  explicit IndexedFileStore(FileStore& files) : IndexedFileStore(files, Options{}) {}
  IndexedFileStore(FileStore& files, Options options);
  // Saves the index (never throws).
  ~IndexedFileStore() override;
  IndexedFileStore(const IndexedFileStore&) = delete;
  IndexedFileStore& operator=(const IndexedFileStore&) = delete;

  const Config& config() const override { return m_files.config(); }
  std::vector<std::string> ids(Kind kind) const override;
  bool exists(Kind kind, const std::string& id) const override;
  Record load(Kind kind, const std::string& id) const override;
  std::vector<Record> find_by(Kind kind, std::string_view field,
                              std::string_view value) const override;
  // Writes through the FileStore, then refreshes the written records of the kinds this run
  // has validated.
  WriteResult write(const ChangeSet& changes) override;
  std::vector<StoredEntry> entries(Kind kind) const override { return m_files.entries(kind); }
  Record load_unchecked(Kind kind, const std::string& id) const override;
  std::vector<StoredEntry> local_entries() const override { return m_files.local_entries(); }

  // Writes `.crm/index` if something changed since it was read. Never throws: the index is a
  // cache, and a read-only directory simply has none.
  void save() noexcept;

  // For tests and benchmarks: files parsed so far by validation, and files answered from the
  // saved index unparsed.
  std::size_t parsed_files() const { return m_parsed_files; }
  std::size_t reused_files() const { return m_reused_files; }

 private:
  struct Slot {
    IndexEntry entry;
    bool indexed = false;  // false: read through the FileStore (not regular, did not parse)
  };
  struct KindState {
    bool validated = false;
    bool bypassed = false;  // the folder is no plain folder: the FileStore answers
    int loads = 0;
    std::vector<Slot> slots;  // sorted by ID, every record-named name in the folder
    // find_by's answers: field -> value (lower case for e-mail fields) -> slot positions.
    std::map<std::string, std::unordered_map<std::string, std::vector<std::size_t>>, std::less<>>
        by_field;
  };

  bool bypassed() const { return m_files.reads_through_journal(); }
  // The kind's state once validated; nullptr when the FileStore must answer.
  KindState* validated(Kind kind) const;
  // Counts a load of one record and validates the kind at the Nth.
  KindState* validated_for_load(Kind kind) const;
  void validate(Kind kind, KindState& state) const;
  void ensure_saved_read() const;
  const Slot* find_slot(const KindState& state, const std::string& id) const;
  Record decode(Kind kind, const Slot& slot) const;

  FileStore& m_files;
  Options m_options;
  mutable bool m_saved_read = false;
  mutable std::string m_saved_bytes;  // `.crm/index` as read
  mutable IndexSections m_saved;      // its sections; validated kinds move out of it
  mutable std::map<Kind, KindState> m_kinds;
  mutable bool m_changed = false;
  mutable std::size_t m_parsed_files = 0;
  mutable std::size_t m_reused_files = 0;
};

}  // namespace crm
