#include "crm/store/store.h"

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
#include "crm/store/yaml.h"

namespace crm {
namespace {

constexpr std::size_t k_max_record_bytes = 1 << 20;

bool has_config(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / k_config_file, ec);
}

Config read_config(const fs::path& root) {
  std::string text = read_regular_file(root / k_config_file, k_config_file, k_max_record_bytes);
  return config_from_yaml(parse_yaml(text, k_config_file), k_config_file);
}

// The journal names files relative to the root; a tampered journal must not reach outside it.
bool is_safe_record_path(const std::string& relative, bool temp) {
  auto slash = relative.find('/');
  if (slash == std::string::npos || relative.find('/', slash + 1) != std::string::npos)
    return false;
  auto kind = kind_by_folder(relative.substr(0, slash));
  if (!kind) return false;
  std::string name = relative.substr(slash + 1);
  if (temp) return is_temp_file_name(name) && name.find("..") == std::string::npos;
  if (!name.ends_with(".yaml")) return false;
  return is_valid_id(name.substr(0, name.size() - 5), kind_spec(*kind).prefix);
}

// Never write a file crm could not read back: a writer bug must fail here rather than in the
// next command. (Text from the command line is checked for UTF-8 before it is written.)
std::size_t longest_value(const Value& v) {
  std::size_t longest = v.text().size();
  for (const Value& item : v.items()) longest = std::max(longest, longest_value(item));
  for (const auto& [key, value] : v.entries()) longest = std::max(longest, longest_value(value));
  return longest;
}

bool is_valid_utf8_tree(const Value& v) {
  if (!is_valid_utf8(v.text())) return false;
  for (const Value& item : v.items())
    if (!is_valid_utf8_tree(item)) return false;
  for (const auto& [key, value] : v.entries())
    if (!is_valid_utf8(key) || !is_valid_utf8_tree(value)) return false;
  return true;
}

void verify_readable(const std::string& content, const std::string& relative) {
  try {
    parse_yaml(content, relative);
  } catch (const DataError& e) {
    throw Error(
        ExitCode::invalid_data,
        fmt::format("refusing to write {}: it would not read back ({})", relative, e.what()),
        "please report this as a bug, with the command you ran");
  }
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
    ensure_directory(root / kind.folder, defaults.folder_mode);
  ensure_directory(root / k_local_dir, defaults.folder_mode);
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
  Value fields = parse_yaml(text, display);
  std::string expected = path.stem().string();
  const Value* id = fields.find("id");
  if (!id || !id->is_scalar() || id->text() != expected)
    throw DataError(display, id ? id->line() : 1,
                    fmt::format("the id field '{}' does not match the file name {}",
                                id ? id->text() : "", expected),
                    "an ID is fixed at creation: restore the file's id, or rename nothing");
  Record record(kind, canonical_order(kind_spec(kind), std::move(fields)));
  if (well_formed)
    if (auto bad = malformed_field(record))
      throw DataError(display, bad->first->line(), bad->second,
                      "fix the field by hand (docs/data-format.md), then run `crm check`");
  return record;
}

Store::Store(fs::path root) : m_root(std::move(root)), m_config(read_config(m_root)) {}

fs::path Store::folder(Kind kind) const {
  return m_root / kind_spec(kind).folder;
}

fs::path Store::record_path(Kind kind, const std::string& id) const {
  if (!is_valid_id(id, kind_spec(kind).prefix))
    throw UsageError(fmt::format("'{}' is not a valid {} ID", id, kind_spec(kind).name));
  return folder(kind) / (id + ".yaml");
}

std::vector<std::string> Store::ids(Kind kind) const {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path dir = folder(kind);
  if (fs::is_symlink(dir, ec))  // never follow a link out of the directory
    throw DataError(kind_spec(kind).folder, 0,
                    "the folder is a symbolic link; crm does not follow links",
                    "replace the link with a real folder");
  const std::string& prefix = kind_spec(kind).prefix;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.ends_with(".yaml")) continue;
    std::string id = name.substr(0, name.size() - 5);
    if (is_valid_id(id, prefix)) out.push_back(std::move(id));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Store::exists(Kind kind, const std::string& id) const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(record_path(kind, id), ec));
}

Record Store::load(Kind kind, const std::string& id) const {
  fs::path path = record_path(kind, id);
  return read_record_file(kind, path, kind_spec(kind).folder + "/" + id + ".yaml");
}

void Store::for_each(Kind kind, const std::function<void(const Record&)>& visit,
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

std::vector<Record> Store::load_all(Kind kind, std::vector<LoadProblem>* problems) const {
  std::vector<Record> out;
  for_each(
      kind, [&](const Record& r) { out.push_back(r); }, problems);
  return out;
}

std::string Store::new_id(Kind kind) {
  while (true) {
    std::string id = m_ids.next(kind_spec(kind).prefix);
    if (!exists(kind, id) && m_issued.insert(id).second) return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

StoreLock Store::lock(double wait_seconds) const {
  ensure_directory(local_dir(), m_config.folder_mode);
  StoreLock lock(local_dir() / "lock", wait_seconds);
  recover();
  return lock;
}

// A multi-file write, step by step (each step durable before the next):
//   1. journal.pending lists every temp file and its target;
//   2. the temp files are written;
//   3. journal.pending is renamed to journal: the commit point;
//   4. each temp file is renamed over its target;
//   5. the journal is removed.
// recover() rolls a `journal` forward and a `journal.pending` back.
std::vector<std::string> Store::write(const ChangeSet& change_set) const {
  struct Planned {
    std::string relative;
    fs::path target;
    fs::path temp;
    std::string content;
  };
  std::vector<Planned> planned;
  for (const auto& change : change_set.changes) {
    const Record& r = change.record;
    if (auto too_long = longest_value(r.fields()); too_long > YamlLimits{}.max_scalar)
      throw UsageError(
          fmt::format("a value of {} bytes for {} is longer than the {} a record allows", too_long,
                      r.relative_path(), YamlLimits{}.max_scalar),
          "put long texts in a file and link it with `crm doc add`");
    if (!is_valid_utf8_tree(r.fields()))
      throw UsageError(
          fmt::format("a value for {} is not valid UTF-8; nothing was written", r.relative_path()),
          "check the encoding of your terminal or script");
    Planned p{r.relative_path(), record_path(r.kind(), r.id()), {}, r.to_yaml()};
    verify_readable(p.content, p.relative);
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
  std::vector<std::string> written;
  for (const auto& p : planned) written.push_back(p.relative);
  if (planned.empty()) return written;
  DirtyMark dirty(dirty_path());
  if (planned.size() == 1) {
    write_temp(planned[0].temp, planned[0].content, m_config.file_mode);
    rename_durably(planned[0].temp, planned[0].target);
    return written;
  }

  Value journal = Value::map();
  journal.set("version", Value::plain("1"));
  Value files = Value::sequence();
  for (const auto& p : planned) {
    Value entry = Value::map();
    entry.set("temp", Value::string(fs::relative(p.temp, m_root).string()));
    entry.set("target", Value::string(p.relative));
    files.push_back(std::move(entry));
  }
  journal.set("files", std::move(files));
  ensure_directory(local_dir(), m_config.folder_mode);
  fs::path pending = local_dir() / "journal.pending";
  write_file_atomic(pending, emit_yaml(journal), 0600);
  for (const auto& p : planned) write_temp(p.temp, p.content, m_config.file_mode);
  rename_durably(pending, journal_path());
  for (const auto& p : planned) rename_durably(p.temp, p.target);
  remove_durably(journal_path());
  return written;
}

void Store::recover() const {
  auto entries_of = [&](const fs::path& path) {
    std::vector<std::pair<fs::path, fs::path>> out;  // temp, target
    std::string text = read_regular_file(path, path.string(), k_max_record_bytes);
    Value journal = parse_yaml(text, path.string());
    const Value* files = journal.find("files");
    if (!files || !files->is_sequence())
      throw DataError(fmt::format("{}: the journal lists no files", path.string()),
                      "remove it by hand after checking the records it names");
    for (const Value& f : files->items()) {
      std::string temp = f.get("temp"), target = f.get("target");
      if (!is_safe_record_path(temp, true) || !is_safe_record_path(target, false))
        throw DataError(fmt::format("{}: the journal names an unexpected path", path.string()),
                        "remove it by hand after checking the records it names");
      out.emplace_back(m_root / temp, m_root / target);
    }
    return out;
  };
  std::error_code ec;
  fs::path committed = journal_path();
  fs::path pending = local_dir() / "journal.pending";
  if (fs::exists(fs::symlink_status(committed, ec))) {
    for (const auto& [temp, target] : entries_of(committed))
      if (fs::exists(fs::symlink_status(temp, ec))) rename_durably(temp, target);
    remove_durably(committed);
  }
  if (fs::exists(fs::symlink_status(pending, ec))) {
    for (const auto& [temp, target] : entries_of(pending)) remove_durably(temp);
    remove_durably(pending);
  }
  // A writer died between its first temp file and its last rename: whatever temp files are
  // left belong to nobody (writers hold the lock we hold now).
  if (fs::exists(fs::symlink_status(dirty_path(), ec))) {
    sweep_temp_files(local_dir());
    for (const KindSpec& kind : all_kinds()) sweep_temp_files(m_root / kind.folder);
    ::unlink(dirty_path().c_str());
  }
}

void Store::recover_if_idle() const {
  std::error_code ec;
  if (!fs::exists(journal_path(), ec) && !fs::exists(local_dir() / "journal.pending", ec) &&
      !fs::exists(dirty_path(), ec))
    return;
  if (auto lock = StoreLock::try_take(local_dir() / "lock")) recover();
}

}  // namespace crm
