#include "crm/store/file_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
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

bool has_config(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(config_path(dir), ec);
}

Config read_config(const fs::path& root) {
  std::string text = read_regular_file(config_path(root), k_config_file, k_max_record_bytes);
  return config_from_yaml(parse_yaml(text, k_config_file), k_config_file);
}

// Marks the directory as being written to for the life of one write. Not fsynced: it only
// tells recovery to sweep temp files, which are harmless if a power cut loses the mark.
class DirtyMark {
 public:
  explicit DirtyMark(fs::path path) : m_path(std::move(path)) {
    int fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) ::close(fd);
  }
  ~DirtyMark() { ::unlink(m_path.c_str()); }
  DirtyMark(const DirtyMark&) = delete;
  DirtyMark& operator=(const DirtyMark&) = delete;

 private:
  fs::path m_path;
};

void sweep_temp_files(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_symlink(dir, ec)) return;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_temp_file_name(it->path().filename().string())) ::unlink(it->path().c_str());
}

std::string gitignore_text() {
  return "# crm's local state: lock, journal, cache. Never committed.\n.crm/\n"
         "# Temp files of a write in progress (or interrupted).\n.*.tmp\n";
}

std::string gitattributes_text() {
  return "# crm records are text with LF line endings.\n*.yaml text eol=lf\n";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Finding and creating the directory

fs::path find_data_dir(const std::optional<std::string>& dir_option) {
  auto require = [](const fs::path& dir, const std::string& how) {
    if (!has_config(dir))
      throw UsageError(fmt::format("{} ({}) is not a crm data directory: it has no {}",
                                   dir.string(), how, k_config_file),
                       fmt::format("create one with `crm init {}`", dir.string()));
    return dir;
  };
  if (dir_option) return require(fs::path(*dir_option), "-C/--dir");
  if (const char* env = std::getenv("CRM_DIR"); env && *env)
    return require(fs::path(env), "$CRM_DIR");
  std::error_code ec;
  fs::path start = fs::current_path(ec);
  for (fs::path p = start; !p.empty(); p = p.parent_path()) {
    if (has_config(p)) return p;
    if (p == p.parent_path()) break;
  }
  throw UsageError(
      fmt::format("no crm data directory here: neither {} nor any folder above it holds {}",
                  start.string(), k_config_file),
      "create one with `crm init`, or point to one with -C DIR or $CRM_DIR");
}

InitResult init_data_dir(const fs::path& root, bool git, bool dry_run) {
  if (has_config(root))
    throw RefusedError(fmt::format("{} already holds {}; init does not overwrite it", root.string(),
                                   k_config_file),
                       "use the existing directory, or init a new folder");
  InitResult result{root, {}};
  bool use_git = git || inside_git_work_tree(root);
  result.written.push_back(k_config_file);
  if (!fs::exists(root / ".gitignore")) result.written.push_back(".gitignore");
  if (use_git && !fs::exists(root / ".gitattributes")) result.written.push_back(".gitattributes");
  if (dry_run) return result;

  Config defaults;
  ensure_directory(root, defaults.folder_mode);
  if (git && !inside_git_work_tree(root)) {
    GitResult r = run_git(root, {"init", "--quiet"});
    if (r.exit_code != 0)
      throw Error(ExitCode::refused, fmt::format("git init failed: {}", r.errors),
                  "install git, or run crm init without --git");
  }
  for (const KindSpec& kind : all_kinds())
    ensure_directory(kind_folder(root, kind.kind), defaults.folder_mode);
  ensure_directory(local_dir(root), defaults.folder_mode);
  for (const std::string& file : result.written) {
    std::string content = file == k_config_file  ? default_config_text(git)
                          : file == ".gitignore" ? gitignore_text()
                                                 : gitattributes_text();
    write_file_atomic(root / file, content, defaults.file_mode);
  }
  // With --git, auto-commit is on from the start, so the directory's own files go first.
  if (git) git_commit_paths(root, result.written, "crm init");
  return result;
}

// ---------------------------------------------------------------------------------------------
// The lock

StoreLock::StoreLock(const fs::path& lock_file, double wait_seconds) {
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::duration<double>(wait_seconds);
  while (true) {
    if (auto taken = try_take(lock_file)) {
      m_fd = taken->m_fd;
      taken->m_fd = -1;
      return;
    }
    if (Clock::now() >= deadline)
      throw LockError(fmt::format("another crm command holds the lock {} (waited {} s)",
                                  lock_file.string(), wait_seconds),
                      "try again when it has finished, or wait longer with --wait SECONDS");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::optional<StoreLock> StoreLock::try_take(const fs::path& lock_file) {
  int fd = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    throw Error(ExitCode::invalid_data,
                fmt::format("cannot open the lock file {}", lock_file.string()),
                "check the permissions of the data directory");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return StoreLock(fd);
}

StoreLock::~StoreLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

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

}  // namespace

std::vector<std::string> FileStore::ids(Kind kind) const {
  std::vector<std::string> out;
  for (const std::string& name : folder_names(m_root, kind))
    if (auto id = id_of_file_name(kind, name)) out.push_back(std::move(*id));
  return out;
}

bool FileStore::exists(Kind kind, const std::string& id) const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(record_path(m_root, kind, id), ec));
}

Record FileStore::read(Kind kind, const std::string& id, bool well_formed) const {
  return read_record_file(kind, record_path(m_root, kind, id), record_relative_path(kind, id),
                          well_formed);
}

Record FileStore::load(Kind kind, const std::string& id) const {
  return read(kind, id, true);
}

Record FileStore::load_unchecked(Kind kind, const std::string& id) const {
  return read(kind, id, false);
}

namespace {

// Temp files are a writer's work in progress while it holds the lock, and leftovers of a crash
// only when they outlive it: `crm check` beside a running command must not report them. So
// when the lock is free, take it for a moment and keep the temp files that still exist.
void keep_stale_temps(const fs::path& root, std::vector<StoredEntry>& entries) {
  auto is_temp = [](const StoredEntry& e) {
    return e.type == StoredEntry::Type::temp || e.type == StoredEntry::Type::journal;
  };
  if (std::none_of(entries.begin(), entries.end(), is_temp)) return;
  std::optional<StoreLock> lock;
  try {
    lock.emplace(StoreLock::try_take(lock_path(root)).value());
  } catch (const std::bad_optional_access&) {  // a writer is at work: its temp files are its own
    std::erase_if(entries, is_temp);
    return;
  } catch (const Error&) {
    // No lock can be taken (a read-only directory): no writer can be at work either.
  }
  std::erase_if(entries, [&](const StoredEntry& e) {
    std::error_code ec;
    return is_temp(e) && !fs::exists(fs::symlink_status(root / e.relative, ec));
  });
}

}  // namespace

std::vector<StoredEntry> FileStore::entries(Kind kind) const {
  std::vector<StoredEntry> out;
  for (const std::string& name : folder_names(m_root, kind))
    out.push_back(classify_entry(kind, name));
  keep_stale_temps(m_root, out);
  return out;
}

std::vector<StoredEntry> FileStore::local_entries() const {
  std::vector<StoredEntry> out;
  std::error_code ec;
  for (const fs::path& journal : {journal_path(m_root), pending_journal_path(m_root)})
    if (fs::exists(fs::symlink_status(journal, ec)))
      out.push_back({StoredEntry::Type::journal,
                     std::string(k_local_dir) + "/" + journal.filename().string(),
                     {}});
  for (fs::directory_iterator it(local_dir(m_root), ec), end; !ec && it != end; it.increment(ec))
    if (std::string name = it->path().filename().string(); is_temp_file_name(name))
      out.push_back({StoredEntry::Type::temp, std::string(k_local_dir) + "/" + name, {}});
  keep_stale_temps(m_root, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

StoreLock FileStore::lock(double wait_seconds) const {
  ensure_directory(local_dir(m_root), m_config.folder_mode);
  StoreLock lock(lock_path(m_root), wait_seconds);
  recover();
  return lock;
}

namespace {

struct Planned {
  std::string relative;
  fs::path target;
  fs::path temp;
  std::string content;
};

void remove_quietly(const std::vector<Planned>& planned) {
  for (const auto& p : planned) ::unlink(p.temp.c_str());
}

std::string journal_text(const fs::path& root, const std::vector<Planned>& planned) {
  Value journal = Value::map();
  journal.set("version", Value::plain("1"));
  Value files = Value::sequence();
  for (const auto& p : planned) {
    Value entry = Value::map();
    entry.set("temp", Value::string(fs::relative(p.temp, root).string()));
    entry.set("target", Value::string(p.relative));
    files.push_back(std::move(entry));
  }
  journal.set("files", std::move(files));
  return emit_yaml(journal);
}

std::string after_commit_warning(const Error& e) {
  return fmt::format(
      "the change is made, but finishing it failed: {}; the next crm command "
      "completes it",
      e.what());
}

}  // namespace

// A multi-file write, step by step (each step durable before the next):
//   1. journal.pending lists every temp file and its target;
//   2. the temp files are written;
//   3. journal.pending is renamed to journal: the commit point;
//   4. each temp file is renamed over its target;
//   5. the journal is removed.
// recover() rolls a `journal` forward and a `journal.pending` back. A failure before the commit
// point removes what was written and throws (nothing changed); one after it is a warning (the
// change is made, and recovery finishes it).
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
    ensure_directory(p.target.parent_path(), m_config.folder_mode);
    p.temp = temp_path_beside(p.target);
    planned.push_back(std::move(p));
  }
  WriteResult result;
  for (const auto& p : planned) result.written.push_back(p.relative);
  if (planned.empty()) return result;
  DirtyMark dirty(dirty_path(m_root));
  if (planned.size() == 1) {
    const Planned& p = planned[0];
    write_temp(p.temp, p.content, m_config.file_mode);
    try {
      rename_file(p.temp, p.target);  // the commit point of a one-file write
    } catch (...) {
      remove_quietly(planned);
      throw;
    }
    try {
      fsync_directory(p.target.parent_path());
    } catch (const Error& e) {
      result.warnings.push_back(after_commit_warning(e));
    }
    return result;
  }

  ensure_directory(local_dir(m_root), m_config.folder_mode);
  fs::path pending = pending_journal_path(m_root);
  write_file_atomic(pending, journal_text(m_root, planned), 0600);
  try {
    for (const auto& p : planned) write_temp(p.temp, p.content, m_config.file_mode);
    rename_durably(pending, journal_path(m_root));  // the commit point
  } catch (...) {
    remove_quietly(planned);
    ::unlink(pending.c_str());
    throw;
  }
  try {
    for (const auto& p : planned) rename_durably(p.temp, p.target);
    remove_durably(journal_path(m_root));
  } catch (const Error& e) {
    result.warnings.push_back(after_commit_warning(e));
  }
  return result;
}

namespace {

// The (temp, target) pairs a journal names. A tampered journal must not reach outside the
// directory: every path must be a temp or record path of a kind's folder.
std::vector<std::pair<fs::path, fs::path>> journal_entries(const fs::path& root,
                                                           const fs::path& path) {
  std::vector<std::pair<fs::path, fs::path>> out;
  std::string text = read_regular_file(path, path.string(), k_max_record_bytes);
  Value journal = parse_yaml(text, path.string());
  const Value* files = journal.find("files");
  if (!files || !files->is_sequence())
    throw DataError(fmt::format("{}: the journal lists no files", path.string()),
                    "remove it by hand after checking the records it names");
  for (const Value& f : files->items()) {
    std::string temp = f.get("temp"), target = f.get("target");
    if (!is_safe_temp_path(temp) || !parse_record_path(target))
      throw DataError(fmt::format("{}: the journal names an unexpected path", path.string()),
                      "remove it by hand after checking the records it names");
    out.emplace_back(root / temp, root / target);
  }
  return out;
}

}  // namespace

void FileStore::recover() const {
  std::error_code ec;
  fs::path committed = journal_path(m_root);
  fs::path pending = pending_journal_path(m_root);
  if (fs::exists(fs::symlink_status(committed, ec))) {
    for (const auto& [temp, target] : journal_entries(m_root, committed))
      if (fs::exists(fs::symlink_status(temp, ec))) rename_durably(temp, target);
    remove_durably(committed);
  }
  if (fs::exists(fs::symlink_status(pending, ec))) {
    for (const auto& [temp, target] : journal_entries(m_root, pending)) remove_durably(temp);
    remove_durably(pending);
  }
  // A writer died between its first temp file and its last rename: whatever temp files are
  // left belong to nobody (writers hold the lock we hold now).
  if (fs::exists(fs::symlink_status(dirty_path(m_root), ec))) {
    sweep_temp_files(local_dir(m_root));
    for (const KindSpec& kind : all_kinds()) sweep_temp_files(kind_folder(m_root, kind.kind));
    ::unlink(dirty_path(m_root).c_str());
  }
}

void FileStore::recover_if_idle() const {
  std::error_code ec;
  if (!fs::exists(journal_path(m_root), ec) && !fs::exists(pending_journal_path(m_root), ec) &&
      !fs::exists(dirty_path(m_root), ec))
    return;
  if (auto lock = StoreLock::try_take(lock_path(m_root))) recover();
}

}  // namespace crm
