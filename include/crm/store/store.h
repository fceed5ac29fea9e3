// The store: the data directory on disk. It owns every path (leveldb's filename.h idea), finds
// the directory, loads records through one function, and writes changes atomically under a
// lock, with an intent journal when one command writes several files.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crm/base/config.h"
#include "crm/base/ids.h"
#include "crm/kinds/record.h"

namespace crm {

namespace fs = std::filesystem;

inline constexpr const char* k_config_file = "crm.yaml";
inline constexpr const char* k_local_dir = ".crm";

// Finds the data directory like git finds a repository: `dir_option` (-C/--dir), else
// $CRM_DIR, else the nearest folder at or above the working directory holding crm.yaml.
// Throws UsageError naming `crm init` when there is none.
fs::path find_data_dir(const std::optional<std::string>& dir_option);

// What `crm init` did, for its report.
struct InitResult {
  fs::path root;
  std::vector<std::string> written;  // paths relative to root
};

// Creates a data directory: crm.yaml with commented defaults, the record folders, .gitignore
// for .crm/, and with `git` (or inside a git work tree) .gitattributes. Refuses (RefusedError)
// when crm.yaml already exists. With `dry_run` it only says what it would write.
InitResult init_data_dir(const fs::path& root, bool git, bool dry_run = false);

// A problem met while loading, kept when a caller asked to keep going.
struct LoadProblem {
  std::string message;
};

// One command's writes: records created or changed, and a summary for the commit message
// (IDs only, never personal data).
struct ChangeSet {
  struct Change {
    Record record;
    bool created;
  };
  std::vector<Change> changes;
  std::string summary;

  void created(Record r) { changes.push_back({std::move(r), true}); }
  void updated(Record r) { changes.push_back({std::move(r), false}); }

  // A change set of one record.
  static ChangeSet of_created(Record r, std::string summary) {
    ChangeSet c;
    c.summary = std::move(summary);
    c.created(std::move(r));
    return c;
  }
  static ChangeSet of_updated(Record r, std::string summary) {
    ChangeSet c;
    c.summary = std::move(summary);
    c.updated(std::move(r));
    return c;
  }
};

// Holds the exclusive mutation lock (.crm/lock, flock) for its lifetime.
class StoreLock {
 public:
  StoreLock(const fs::path& lock_file, double wait_seconds);
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  // Non-blocking attempt; nullopt if another process holds it.
  static std::optional<StoreLock> try_take(const fs::path& lock_file);

  StoreLock(StoreLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

 private:
  explicit StoreLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

class Store {
 public:
  // Opens an existing data directory and reads crm.yaml.
  explicit Store(fs::path root);

  const fs::path& root() const { return m_root; }
  const Config& config() const { return m_config; }

  fs::path folder(Kind kind) const;
  fs::path record_path(Kind kind, const std::string& id) const;

  // IDs of a kind, from file names only (no file is parsed), sorted.
  std::vector<std::string> ids(Kind kind) const;
  bool exists(Kind kind, const std::string& id) const;

  // The one place records are read. Throws NotFoundError or DataError.
  Record load(Kind kind, const std::string& id) const;
  // Every record of a kind. Broken files throw, or with `problems` are reported there and
  // skipped (`--keep-going`).
  std::vector<Record> load_all(Kind kind, std::vector<LoadProblem>* problems = nullptr) const;
  // Visits every record of a kind without keeping them all.
  void for_each(Kind kind, const std::function<void(const Record&)>& visit,
                std::vector<LoadProblem>* problems = nullptr) const;

  // A fresh ID for a record of `kind` that no file has yet.
  std::string new_id(Kind kind);

  // The highest sequence a number stem ("Q-2026-") was given by this command, so that one
  // command creating several documents numbers them apart before any is written.
  int& issued_sequence(const std::string& stem) const { return m_issued_sequences[stem]; }

  // Mutations: take the lock (waiting up to `wait_seconds`, else LockError), then finish any
  // interrupted command's journal.
  StoreLock lock(double wait_seconds) const;
  // Writes a change set. One file is replaced atomically; several go through the intent
  // journal so that a crash leaves all or none of them once recover() has run. Only files
  // whose bytes change are written. Returns the relative paths written.
  std::vector<std::string> write(const ChangeSet& changes) const;
  // Completes or discards an interrupted multi-file write. Needs the lock.
  void recover() const;
  // For readers: recovers if the lock is free right now, else leaves it to the writer.
  void recover_if_idle() const;

 private:
  fs::path local_dir() const { return m_root / k_local_dir; }
  fs::path journal_path() const { return local_dir() / "journal"; }
  fs::path dirty_path() const { return local_dir() / "dirty"; }

  fs::path m_root;
  Config m_config;
  IdGenerator m_ids;
  std::set<std::string> m_issued;  // IDs handed out by this command, not yet written
  mutable std::map<std::string, int> m_issued_sequences;
};

// Reads and parses a record file with every defence of DESIGN section 7. `display` is the path
// as shown in messages. Checks that the file's `id` matches its name and, when `well_formed`,
// that every known field has the right shape and type (DataError otherwise), so that no
// command works on a record it would misread. `crm check` passes false to report every
// problem itself.
Record read_record_file(Kind kind, const fs::path& path, const std::string& display,
                        bool well_formed = true);

}  // namespace crm
