// The record store over the data directory's folders (finding and creating the directory:
// data_dir.h; the lock: store_lock.h). Reads take no lock and see whole files only; writes
// replace files atomically under the lock, with an intent journal when one command writes
// several files (DESIGN 7).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crm/base/config.h"
#include "crm/base/error.h"
#include "crm/kinds/record_store.h"
#include "crm/store/data_dir.h"
#include "crm/store/paths.h"
#include "crm/store/store_lock.h"

namespace crm {

namespace fs = std::filesystem;

class FileStore : public RecordStore {
 public:
  // Opens an existing data directory and reads crm.yaml.
  explicit FileStore(fs::path root);

  const fs::path& root() const { return m_root; }
  const Config& config() const override { return m_config; }

  std::vector<std::string> ids(Kind kind) const override;
  bool exists(Kind kind, const std::string& id) const override;
  Record load(Kind kind, const std::string& id) const override;
  WriteResult write(const ChangeSet& changes) override;
  std::vector<StoredEntry> entries(Kind kind) const override;
  Record load_unchecked(Kind kind, const std::string& id) const override;
  std::vector<StoredEntry> local_entries() const override;

  // Mutations: take the lock (waiting up to `wait_seconds`, else LockError), then finish any
  // interrupted command's journal.
  StoreLock lock(double wait_seconds) const;
  // Completes or discards an interrupted multi-file write, and removes the temp files of an
  // interrupted one-file write. Needs the lock.
  void recover() const;
  // For readers: recovers if the lock is free right now. When it cannot (a writer holds the
  // lock, or the directory is read-only), reads go through the journal instead (JournalView;
  // why, above recover_if_idle in file_store.cpp). Returns what a reader should be warned of
  // (an interrupted command that crm cannot finish now), for the caller to print.
  std::vector<std::string> recover_if_idle();
  // True while reads go through an unfinished journal (recover_if_idle could not recover):
  // the local index stands aside then, since the files alone are not what readers see.
  bool reads_through_journal() const { return m_view.has_value(); }

 private:
  // The state an interrupted multi-file write leaves to readers that cannot recover it.
  struct JournalView {
    std::map<std::string, fs::path> targets;  // committed journal: "leads/L-X.yaml" -> its temp
    std::set<std::string> temps;              // temp files (relative) that belong to recovery
    bool hide_all_temps = false;              // a dirty mark on a directory nobody can recover now
  };

  Record read(Kind kind, const std::string& id, bool well_formed) const;
  // Drops from `entries` the temp files and journals that are a writer's work in progress or
  // recovery's to finish; keeps the ones left by a crash that a writer can clean up.
  void drop_unreportable(std::vector<StoredEntry>& entries) const;

  fs::path m_root;
  Config m_config;
  mutable std::optional<JournalView> m_view;  // set while readers cannot recover
};

// Reads and parses a record file with every defence of DESIGN section 7. `display` is the path
// as shown in messages. Checks that the file's `id` matches its name and, when `well_formed`,
// that every known field has the right shape and type (DataError otherwise), so that no
// command works on a record it would misread. `crm check` passes false to report every
// problem itself.
Record read_record_file(Kind kind, const fs::path& path, const std::string& display,
                        bool well_formed = true);

}  // namespace crm
