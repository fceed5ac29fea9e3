// Where records live, as the rest of crm sees them: list the IDs of a kind, load one or all,
// look records up by a key, and write one command's changes all or nothing. Implementations:
// the data directory on disk (store/file_store.h), an in-memory store for unit tests
// (store/memory_store.h) and, later, the local index. No other code lists folders or opens
// record files (ninja's DiskInterface, TaskChampion's storage backends).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/config.h"
#include "crm/base/ids.h"
#include "crm/kinds/record.h"

namespace crm {

// A problem met while loading, kept when a caller asked to keep going.
struct LoadProblem {
  std::string message;
};

// One command's writes: records created or changed, files stored beside them (an e-mail's
// attachments under documents/), and a summary for the commit message (IDs only, never
// personal data).
struct ChangeSet {
  struct Change {
    Record record;
    bool created;
  };
  // A file that is no record: its path relative to the store, which the store validates
  // (store/paths.h, is_document_path), and its bytes. Written with the records, all or none.
  struct File {
    std::string relative;
    std::string bytes;
  };
  std::vector<Change> changes;
  std::vector<File> files;
  std::string summary;

  void created(Record r) { changes.push_back({std::move(r), true}); }
  void updated(Record r) { changes.push_back({std::move(r), false}); }
  void stored(std::string relative, std::string bytes) {
    files.push_back({std::move(relative), std::move(bytes)});
  }
  // Appends another change set's changes and files (keeping this summary).
  void absorb(ChangeSet other);
  bool empty() const { return changes.empty() && files.empty(); }

  // A change set of one record.
  static ChangeSet of_created(Record r, std::string summary);
  static ChangeSet of_updated(Record r, std::string summary);
};

// What a folder of the store holds, name by name, for `crm check`.
struct StoredEntry {
  enum class Type {
    record,      // a file named like a record of the folder's kind
    temp,        // a temp file a crashed write left behind
    other_kind,  // a record file of another kind (in the wrong folder)
    stray,       // anything else
    journal,     // an interrupted multi-file write that no command could finish yet
  };
  Type type;
  std::string relative;  // "leads/L-7K3QZ9AB.yaml"
  std::string id;        // for record and other_kind
};

// What a write did. `warnings` says what failed after the change became certain (after its
// commit point): the change happened, and the next command finishes what is left.
struct WriteResult {
  std::vector<std::string> written;  // paths, relative to the store
  std::vector<std::string> warnings;
};

class RecordStore {
 public:
  using Visitor = std::function<void(const Record&)>;

  virtual ~RecordStore() = default;

  virtual const Config& config() const = 0;

  // IDs of a kind, sorted.
  virtual std::vector<std::string> ids(Kind kind) const = 0;
  virtual bool exists(Kind kind, const std::string& id) const = 0;
  // One record, checked to be well-formed. Throws NotFoundError or DataError.
  virtual Record load(Kind kind, const std::string& id) const = 0;
  // Every record of a kind in ID order. Broken ones throw, or with `problems` are reported
  // there and skipped (`--keep-going`).
  virtual void for_each(Kind kind, const Visitor& visit,
                        std::vector<LoadProblem>* problems = nullptr) const;
  std::vector<Record> load_all(Kind kind, std::vector<LoadProblem>* problems = nullptr) const;
  // Records of `kind` whose top-level `field` equals `value` (in any letter case for e-mail
  // fields), in ID order: numbers, skus, names, and the children of a record by a reference.
  virtual std::vector<Record> find_by(Kind kind, std::string_view field,
                                      std::string_view value) const;

  // Writes a change set: all of it or, after a crash and the next command, none. Only records
  // whose bytes change are written (files always are). Throws when nothing was written.
  virtual WriteResult write(const ChangeSet& changes) = 0;

  // For `crm check`: everything a kind's folder holds, and a record read without the
  // well-formedness check that load() makes (check reports every problem itself).
  virtual std::vector<StoredEntry> entries(Kind kind) const = 0;
  virtual Record load_unchecked(Kind kind, const std::string& id) const = 0;
  // Entries of the store's own state worth reporting (an unfinished journal, stale temp files).
  virtual std::vector<StoredEntry> local_entries() const { return {}; }

  // A fresh ID for a record of `kind` that no record has and this command has not handed out.
  std::string new_id(Kind kind);
  // The highest sequence a number stem ("Q-2026-") was given by this command, so that one
  // command creating several documents numbers them apart before any is written.
  int& issued_sequence(const std::string& stem) const { return m_issued_sequences[stem]; }

 protected:
  RecordStore() = default;
  explicit RecordStore(IdGenerator ids) : m_ids(std::move(ids)) {}

 private:
  IdGenerator m_ids;
  std::set<std::string> m_issued;
  mutable std::map<std::string, int> m_issued_sequences;
};

}  // namespace crm
