#include "crm/store/file_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/store/files.h"
#include "crm/store/git.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

Config read_config(const fs::path& root) {
  std::string text = read_regular_file(config_path(root), k_config_file, k_max_record_bytes);
  return config_from_yaml(parse_yaml(text, k_config_file), k_config_file);
}

// Marks the directory as being written to, from before the first temp file until the write
// has left none behind: recovery sweeps temp files only where it finds the mark, so that a
// mutation need not list every folder. Not fsynced: a power cut that loses it leaves at worst
// a temp file that `crm check` reports. A write that cannot make the mark writes nothing; one
// that fails and cannot remove its temp files keeps it, so that the next command sweeps them.
class DirtyMark {
 public:
  explicit DirtyMark(fs::path path) : m_path(std::move(path)) {
    int fd = fault_injected("create", m_path)
                 ? -1
                 : ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) io_failure("create", m_path);
    ::close(fd);
  }
  DirtyMark(const DirtyMark&) = delete;
  DirtyMark& operator=(const DirtyMark&) = delete;
  // The write left no temp file behind. (If the removal fails, the next command sweeps for
  // nothing: harmless.)
  void clear() {
    if (!fault_injected("remove", m_path)) ::unlink(m_path.c_str());
  }

 private:
  fs::path m_path;
};

// Removes the temp files of a sweep; true when none is left.
bool sweep_temp_files(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_symlink(dir, ec)) return true;
  bool clean = true;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_temp_file_name(it->path().filename().string())) continue;
    if (fault_injected("remove", it->path()) || ::unlink(it->path().c_str()) != 0)
      clean = clean && errno == ENOENT;
  }
  return clean;
}

// Removes `paths` if they exist (the clean-up of a write that did not happen); true when none
// is left.
bool remove_all_quietly(const std::vector<fs::path>& paths) {
  bool clean = true;
  for (const fs::path& path : paths)
    if (!path.empty() && ::unlink(path.c_str()) != 0 && errno != ENOENT) clean = false;
  return clean;
}

bool exists_no_follow(const fs::path& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

// The error of a write that failed before its commit point: the directory is as it was.
[[noreturn]] void throw_nothing_written(const Error& e) {
  throw Error(e.code(), std::string(e.what()) + "; nothing was written", e.hint());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading

Record read_record_file(Kind kind, const fs::path& path, const std::string& display,
                        bool well_formed) {
  std::string text = read_regular_file(path, display, k_max_record_bytes);
  return record_from_yaml(kind, text, display, path.stem().string(), well_formed);
}

FileStore::FileStore(fs::path root) : m_root(std::move(root)), m_config(read_config(m_root)) {}

namespace {

// Every name in a kind's folder, sorted. A folder that is a symbolic link is refused: crm never
// follows a link out of the directory. A missing folder (a fresh clone) holds nothing.
std::vector<std::string> folder_names(const fs::path& root, Kind kind) {
  fs::path dir = kind_folder(root, kind);
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return {};
  if (S_ISLNK(st.st_mode))
    throw DataError(kind_spec(kind).folder, 0,
                    "the folder is a symbolic link; crm does not follow links",
                    "replace the link with a real folder");
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The (temp, target) pairs a journal names, relative to the directory. A tampered journal must
// not reach outside the directory: every path must be a temp or record path of a kind's folder.
std::vector<std::pair<std::string, std::string>> journal_entries(const fs::path& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string display = std::string(k_local_dir) + "/" + path.filename().string();
  std::string text = read_regular_file(path, display, k_max_record_bytes);
  Value journal = parse_yaml(text, display);
  const Value* files = journal.find("files");
  auto refuse = [&display](const char* problem) {
    return DataError(display, 0, problem,
                     "remove it by hand after checking the records it names (it is crm's "
                     "record of an interrupted command)");
  };
  if (!files || !files->is_sequence()) throw refuse("the journal lists no files");
  for (const Value& f : files->items()) {
    std::string temp = f.get("temp"), target = f.get("target");
    if (!is_safe_temp_path(temp) || !(parse_record_path(target) || is_document_path(target)))
      throw refuse("the journal names an unexpected path");
    out.emplace_back(std::move(temp), std::move(target));
  }
  return out;
}

}  // namespace

std::vector<std::string> FileStore::ids(Kind kind) const {
  std::vector<std::string> out;
  for (const std::string& name : folder_names(m_root, kind))
    if (auto id = id_of_file_name(kind, name)) out.push_back(std::move(*id));
  if (m_view) {
    // The records an unfinished committed journal creates.
    for (const auto& [target, temp] : m_view->targets)
      if (auto parsed = parse_record_path(target); parsed && parsed->kind == kind)
        out.push_back(parsed->id);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  return out;
}

bool FileStore::exists(Kind kind, const std::string& id) const {
  if (m_view && m_view->targets.count(record_relative_path(kind, id))) return true;
  return exists_no_follow(record_path(m_root, kind, id));
}

Record FileStore::read(Kind kind, const std::string& id, bool well_formed) const {
  std::string relative = record_relative_path(kind, id);
  if (m_view) {
    // A committed journal's target reads from its temp file while that exists; once a writer
    // (or recovery) has renamed it, the target holds the same bytes.
    if (auto it = m_view->targets.find(relative); it != m_view->targets.end()) {
      try {
        std::string text = read_regular_file(it->second, relative, k_max_record_bytes);
        return record_from_yaml(kind, text, relative, id, well_formed);
      } catch (const NotFoundError&) {
      }
    }
  }
  return read_record_file(kind, m_root / relative, relative, well_formed);
}

Record FileStore::load(Kind kind, const std::string& id) const {
  return read(kind, id, true);
}

Record FileStore::load_unchecked(Kind kind, const std::string& id) const {
  return read(kind, id, false);
}

// Temp files and journals are a writer's work in progress while it holds the lock, and
// leftovers of a crash only when they outlive it: `crm check` beside a running command must not
// report them. So when the lock is free, take it for a moment and keep the ones that still
// exist. Where nobody can take it (a read-only directory) no writer can be at work either, and
// what a journal or a dirty mark accounts for is recovery's to clean up (the reader was warned).
void FileStore::drop_unreportable(std::vector<StoredEntry>& entries) const {
  auto is_temp = [](const StoredEntry& e) {
    return e.type == StoredEntry::Type::temp || e.type == StoredEntry::Type::journal;
  };
  if (std::none_of(entries.begin(), entries.end(), is_temp)) return;
  std::optional<StoreLock> held;  // held while the leftovers are told from a writer's files
  try {
    std::optional<StoreLock> taken = StoreLock::try_take(lock_path(m_root));
    if (!taken) {  // a writer is at work: its temp files and journal are its own
      std::erase_if(entries, is_temp);
      return;
    }
    held.emplace(std::move(*taken));
  } catch (const Error&) {
    if (m_view) {
      std::erase_if(entries, [&](const StoredEntry& e) {
        return e.type == StoredEntry::Type::journal ||
               (e.type == StoredEntry::Type::temp &&
                (m_view->hide_all_temps || m_view->temps.count(e.relative)));
      });
    }
  }
  std::erase_if(entries, [&](const StoredEntry& e) {
    return is_temp(e) && !exists_no_follow(m_root / e.relative);
  });
}

std::vector<StoredEntry> FileStore::entries(Kind kind) const {
  std::vector<StoredEntry> out;
  for (const std::string& name : folder_names(m_root, kind))
    out.push_back(classify_entry(kind, name));
  if (m_view) {
    for (const auto& [target, temp] : m_view->targets) {
      auto parsed = parse_record_path(target);
      if (!parsed || parsed->kind != kind) continue;
      bool listed = std::any_of(out.begin(), out.end(),
                                [&](const StoredEntry& e) { return e.relative == target; });
      if (!listed) out.push_back({StoredEntry::Type::record, target, parsed->id});
    }
    std::sort(out.begin(), out.end(),
              [](const StoredEntry& a, const StoredEntry& b) { return a.relative < b.relative; });
  }
  drop_unreportable(out);
  return out;
}

std::vector<StoredEntry> FileStore::local_entries() const {
  std::vector<StoredEntry> out;
  std::error_code ec;
  for (const fs::path& journal : {journal_path(m_root), pending_journal_path(m_root)})
    if (exists_no_follow(journal))
      out.push_back({StoredEntry::Type::journal,
                     std::string(k_local_dir) + "/" + journal.filename().string(),
                     {}});
  for (fs::directory_iterator it(local_dir(m_root), ec), end; !ec && it != end; it.increment(ec))
    if (std::string name = it->path().filename().string(); is_temp_file_name(name))
      out.push_back({StoredEntry::Type::temp, std::string(k_local_dir) + "/" + name, {}});
  drop_unreportable(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

StoreLock FileStore::lock(double wait_seconds) const {
  try {
    ensure_directory(local_dir(m_root), m_config.folder_mode);
    StoreLock lock(lock_path(m_root), wait_seconds);
    try {
      recover();
    } catch (const DataError&) {
      throw;
    } catch (const Error& e) {
      throw Error(e.code(), fmt::format("cannot finish an interrupted crm command: {}", e.what()),
                  e.hint());
    }
    m_view.reset();  // recovered: the files are the truth again
    return lock;
  } catch (const LockError&) {
    throw;
  } catch (const DataError&) {
    throw;
  } catch (const Error& e) {
    throw_nothing_written(e);
  }
}

namespace {

// From this many files on, a write syncs the file system once instead of each temp file.
constexpr std::size_t k_batch_files = 64;

struct Planned {
  std::string relative;
  fs::path target;
  fs::path temp;
  std::string content;
};

std::string journal_text(const fs::path& root, const std::vector<Planned>& planned) {
  Value journal = Value::map();
  journal.set("version", Value::plain("1"));
  Value files = Value::sequence();
  for (const auto& p : planned) {
    Value entry = Value::map();
    // Lexically: the temp path is built under the root, and fs::relative resolves every
    // component of every path (70,000 readlink calls for an import of 10,000 records).
    entry.set("temp", Value::string(p.temp.lexically_relative(root).string()));
    entry.set("target", Value::string(p.relative));
    files.push_back(std::move(entry));
  }
  journal.set("files", std::move(files));
  return emit_yaml(journal);
}

// The folders of `paths`, once each.
std::vector<fs::path> folders_of(const std::vector<fs::path>& paths) {
  std::vector<fs::path> out;
  for (const fs::path& p : paths)
    if (std::find(out.begin(), out.end(), p.parent_path()) == out.end())
      out.push_back(p.parent_path());
  return out;
}

std::string unsynced_warning(const Error& e) {
  return fmt::format(
      "the change is made, but {}; it may not survive a power cut or a crash of the system",
      e.what());
}

}  // namespace

// A write, step by step (each step durable before the next):
//   one file:   the temp file is written and fsynced, then renamed over its target (the commit
//               point), then the folder is fsynced;
//   several:    1. journal.pending lists every temp file and its target;
//               2. the temp files are written, and their folders fsynced;
//               3. journal.pending is renamed to journal: the commit point;
//               4. each temp file is renamed over its target, and the folders fsynced;
//               5. the journal is removed.
// recover() rolls a `journal` forward and a `journal.pending` back. A failure before the commit
// point removes what was written and throws ("nothing was written": the directory is as it
// was). One after it is a warning: the change is made, readers see it whole (a reader that
// finds the journal reads through it), and the next command that can write finishes it.
WriteResult FileStore::write(const ChangeSet& change_set) {
  std::vector<Planned> planned;
  for (const auto& change : change_set.changes) {
    const Record& r = change.record;
    Planned p{
        record_relative_path(r), record_path(m_root, r.kind(), r.id()), {}, record_to_yaml(r)};
    require_writable(r, p.content);
    if (!change.created) {
      std::error_code ec;
      if (fs::exists(p.target, ec)) {
        std::string current = read_regular_file(p.target, p.relative, k_max_record_bytes);
        if (current == p.content) continue;  // never rewrite a file whose data did not change
      }
    }
    p.temp = temp_path_beside(p.target);
    planned.push_back(std::move(p));
  }
  // Files beside the records (attachments): new paths, written with the records.
  std::vector<fs::path> new_folders;
  for (const ChangeSet::File& file : change_set.files) {
    if (!is_document_path(file.relative))
      throw UsageError(fmt::format("'{}' is not a path crm stores files at",
                                   escape_for_terminal(file.relative)));
    Planned p{file.relative, m_root / file.relative, {}, file.bytes};
    p.temp = temp_path_beside(p.target);
    if (!exists_no_follow(p.target.parent_path())) new_folders.push_back(p.target.parent_path());
    planned.push_back(std::move(p));
  }
  WriteResult result;
  for (const auto& p : planned) result.written.push_back(p.relative);
  if (planned.empty()) return result;
  std::vector<fs::path> temps, targets;
  for (const auto& p : planned) {
    temps.push_back(p.temp);
    targets.push_back(p.target);
  }

  std::optional<DirtyMark> dirty;
  fs::path pending = pending_journal_path(m_root);
  fs::path pending_temp;
  try {
    for (const fs::path& folder : folders_of(targets))
      ensure_directory(folder, m_config.folder_mode);
    // A new documents/<ID>/ folder's name must be durable before a journal points into it.
    std::vector<fs::path> parents;
    for (const fs::path& folder : new_folders)
      for (const fs::path& parent : {folder.parent_path(), folder.parent_path().parent_path()})
        if (std::find(parents.begin(), parents.end(), parent) == parents.end())
          parents.push_back(parent);
    for (const fs::path& parent : parents) fsync_directory(parent);
    ensure_directory(local_dir(m_root), m_config.folder_mode);
    dirty.emplace(dirty_path(m_root));
    if (planned.size() == 1) {
      write_temp(planned[0].temp, planned[0].content, m_config.file_mode);
      rename_file(planned[0].temp, planned[0].target);  // the commit point of a one-file write
    } else {
      pending_temp = temp_path_beside(pending);
      write_temp(pending_temp, journal_text(m_root, planned), 0600);
      rename_file(pending_temp, pending);
      fsync_directory(local_dir(m_root));
      // Many files (an import) are made durable by one syncfs rather than an fsync each:
      // thousands of fsyncs took a minute where one syncfs takes a moment, and either way every
      // temp file is on disk before the journal that points at it is committed.
      bool batch = planned.size() > k_batch_files;
      for (const auto& p : planned) write_temp(p.temp, p.content, m_config.file_mode, !batch);
      if (batch) sync_file_system(m_root);
      // The temp files' names must be durable before the journal that points at them is.
      for (const fs::path& folder : folders_of(temps)) fsync_directory(folder);
      rename_file(pending, journal_path(m_root));  // the commit point
    }
  } catch (const Error& e) {
    std::vector<fs::path> leftovers = temps;
    leftovers.push_back(pending_temp);
    if (!pending_temp.empty()) leftovers.push_back(pending);
    if (remove_all_quietly(leftovers) && dirty) dirty->clear();
    throw_nothing_written(e);
  }

  // Past the commit point: the change is made, whatever fails now.
  bool finished = true;
  if (planned.size() > 1) {
    try {
      fsync_directory(local_dir(m_root));
    } catch (const Error& e) {
      result.warnings.push_back(unsynced_warning(e));
    }
    for (const auto& p : planned) {
      try {
        rename_file(p.temp, p.target);
      } catch (const Error& e) {
        finished = false;
        result.warnings.push_back(
            fmt::format("the change is made, but putting {} in place failed: {}; readers see "
                        "the change all the same, and the next crm command that can write "
                        "finishes it",
                        p.relative, e.what()));
      }
    }
  }
  for (const fs::path& folder : folders_of(targets)) {
    try {
      fsync_directory(folder);
    } catch (const Error& e) {
      result.warnings.push_back(unsynced_warning(e));
    }
  }
  if (planned.size() > 1 && finished) {
    try {
      remove_durably(journal_path(m_root));
    } catch (const Error& e) {
      finished = false;
      result.warnings.push_back(
          fmt::format("the change is made, but removing its journal failed: {}; the next crm "
                      "command that can write removes it",
                      e.what()));
    }
  }
  if (finished) dirty->clear();
  return result;
}

void FileStore::recover() const {
  fs::path committed = journal_path(m_root);
  fs::path pending = pending_journal_path(m_root);
  if (exists_no_follow(committed)) {
    std::vector<fs::path> targets;
    for (const auto& [temp, target] : journal_entries(committed)) {
      if (exists_no_follow(m_root / temp)) rename_file(m_root / temp, m_root / target);
      targets.push_back(m_root / target);
    }
    for (const fs::path& folder : folders_of(targets)) fsync_directory(folder);
    remove_durably(committed);
  }
  if (exists_no_follow(pending)) {
    for (const auto& [temp, target] : journal_entries(pending)) remove_durably(m_root / temp);
    remove_durably(pending);
  }
  // A writer died (or failed and could not clean up) between its first temp file and its last
  // rename: whatever temp files are left belong to nobody (writers hold the lock we hold now).
  fs::path dirty = dirty_path(m_root);
  if (exists_no_follow(dirty)) {
    bool clean = sweep_temp_files(local_dir(m_root));
    for (const KindSpec& kind : all_kinds())
      clean = sweep_temp_files(kind_folder(m_root, kind.kind)) && clean;
    std::error_code ec;
    if (!fs::is_symlink(documents_dir(m_root), ec))
      for (fs::directory_iterator it(documents_dir(m_root), ec), end; !ec && it != end;
           it.increment(ec))
        if (it->is_directory(ec) && !it->is_symlink(ec))
          clean = sweep_temp_files(it->path()) && clean;
    if (!clean) io_failure("remove the temp files of an interrupted write in", m_root);
    if (!fault_injected("remove", dirty)) ::unlink(dirty.c_str());
  }
}

// Readers that cannot recover (a writer holds the lock, or the directory is read-only) read
// through the journal rather than the files alone, so that they see all of an interrupted
// command or none of it: a committed `journal` is the state after the command, and a target
// whose temp file still exists reads from that temp (the records the journal creates are
// listed); a `journal.pending` is the state before it, whose temp files no reader opens. The
// state before a committed journal is not an option: its first renames may be done already.
std::vector<std::string> FileStore::recover_if_idle() {
  fs::path committed = journal_path(m_root);
  fs::path pending = pending_journal_path(m_root);
  bool has_committed = exists_no_follow(committed);
  bool has_pending = exists_no_follow(pending);
  bool has_dirty = exists_no_follow(dirty_path(m_root));
  if (!has_committed && !has_pending && !has_dirty) return {};
  std::string cannot;  // why recovery cannot run now; empty when a writer is simply at work
  try {
    if (auto lock = StoreLock::try_take(lock_path(m_root))) {
      recover();
      return {};
    }
  } catch (const DataError&) {
    throw;  // a broken journal: every command says so, as for a broken record
  } catch (const ReadOnlyError&) {
    cannot = "the data directory is read-only";
  } catch (const Error& e) {
    cannot = fmt::format("crm cannot finish it now: {}", e.what());
  }
  JournalView view;
  view.hide_all_temps = !cannot.empty() && exists_no_follow(dirty_path(m_root));
  std::vector<std::string> warnings;
  try {
    if (exists_no_follow(committed)) {
      for (auto& [temp, target] : journal_entries(committed)) {
        view.temps.insert(temp);
        view.targets.emplace(target, m_root / temp);
      }
      if (!cannot.empty())
        warnings.push_back(fmt::format(
            "an interrupted crm command is not finished on disk, and {}: showing its change "
            "as made; the next crm command that can write finishes it",
            cannot));
    }
  } catch (const NotFoundError&) {
    // The writer finished meanwhile: the files are the state after it.
  }
  try {
    if (exists_no_follow(pending)) {
      for (auto& [temp, target] : journal_entries(pending)) view.temps.insert(temp);
      if (!cannot.empty())
        warnings.push_back(fmt::format(
            "an interrupted crm command left temp files, and {}: showing the records as before "
            "it; the next crm command that can write removes them",
            cannot));
    }
  } catch (const NotFoundError&) {
  }
  if (warnings.empty() && view.hide_all_temps)
    warnings.push_back(fmt::format(
        "an interrupted crm write may have left temp files, and {}: they hold no records; the "
        "next crm command that can write removes them",
        cannot));
  m_view = std::move(view);
  return warnings;
}

}  // namespace crm
