#include "crm/store/data_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "crm/base/config.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/registry.h"
#include "crm/store/files.h"
#include "crm/store/git.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

std::string gitignore_text() {
  return "# crm's local state: lock, journal, cache. Never committed.\n.crm/\n"
         "# Temp files of a write in progress (or interrupted).\n.*.tmp\n";
}

std::string gitattributes_text() {
  std::string text = "# crm records are text with LF line endings.\n*.yaml text eol=lf\n";
  text +=
      "# git merges records field by field with crm's merge driver (`crm merge-file`), which\n"
      "# `crm init --git` registers in each clone's .git/config. crm.yaml is not a record.\n";
  for (const std::string& line : merge_driver_attributes()) text += line + "\n";
  return text;
}

const char* const k_driver_name = "crm: merge records field by field";

std::string git_config_value(const fs::path& root, const std::string& key) {
  GitResult r = run_git(root, {"config", "--local", "--get", key});
  return r.exit_code == 0 ? trim(r.output) : "";
}

// Registers the driver in the repository's own .git/config: git takes merge drivers from
// configuration only, never from a clone's files, so every clone needs this once.
void register_merge_driver(InitResult& result, const std::string& program, bool dry_run) {
  result.driver = program + " merge-file %O %A %B %P";
  if (git_config_value(result.root, "merge.crm.driver") == result.driver &&
      git_config_value(result.root, "merge.crm.name") == k_driver_name) {
    result.driver_already = true;
    return;
  }
  if (dry_run) return;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"merge.crm.name", k_driver_name}, {"merge.crm.driver", result.driver}}) {
    GitResult r = run_git(result.root, {"config", "--local", key, value});
    if (r.exit_code != 0)
      throw Error(ExitCode::refused,
                  fmt::format("git config {} failed: {}", key,
                              r.exit_code < 0 ? "git could not be started" : trim(r.errors)),
                  "check that the folder is a git clone you may write to");
  }
  result.driver_registered = true;
}

// The driver's lines that .gitattributes lacks.
std::vector<std::string> missing_attribute_lines(const fs::path& root) {
  std::vector<std::string> missing;
  std::string attributes;
  try {
    attributes = read_regular_file(root / ".gitattributes", ".gitattributes", 1 << 20);
  } catch (const Error&) {
    // missing or unreadable: every line is missing
  }
  std::vector<std::string> have = split(attributes, '\n');
  for (std::string& line : have) line = trim(line);
  for (const std::string& line : merge_driver_attributes())
    if (std::find(have.begin(), have.end(), line) == have.end()) missing.push_back(line);
  return missing;
}

// crm init --git in a clone that holds crm.yaml: the driver, and no data.
InitResult register_in_clone(const fs::path& root, bool dry_run, const std::string& program) {
  InitResult result{root, {}};
  result.existing = true;
  result.missing_attributes = missing_attribute_lines(root);
  register_merge_driver(result, program, dry_run);
  return result;
}

}  // namespace

std::vector<std::string> merge_driver_attributes() {
  std::vector<std::string> lines;
  for (const KindSpec& kind : all_kinds()) lines.push_back(kind.folder + "/*.yaml merge=crm");
  return lines;
}

bool is_data_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(config_path(dir), ec);
}

fs::path find_data_dir(const std::optional<std::string>& dir_option) {
  auto require = [](const fs::path& dir, const std::string& how) {
    if (!is_data_dir(dir))
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
    if (is_data_dir(p)) return p;
    if (p == p.parent_path()) break;
  }
  throw UsageError(
      fmt::format("no crm data directory here: neither {} nor any folder above it holds {}",
                  start.string(), k_config_file),
      "create one with `crm init`, or point to one with -C DIR or $CRM_DIR");
}

InitResult init_data_dir(const fs::path& root, bool git, bool dry_run,
                         const std::string& driver_program) {
  if (is_data_dir(root)) {
    if (git && inside_git_work_tree(root)) return register_in_clone(root, dry_run, driver_program);
    throw RefusedError(
        fmt::format("{} already holds {}; init does not overwrite it", root.string(),
                    k_config_file),
        inside_git_work_tree(root)
            ? "in a clone, `crm init --git` registers the merge driver and changes no data"
            : "use the existing directory, or init a new folder");
  }
  InitResult result{root, {}};
  bool use_git = git || inside_git_work_tree(root);
  result.written.push_back(k_config_file);
  if (!fs::exists(root / ".gitignore")) result.written.push_back(".gitignore");
  if (use_git && !fs::exists(root / ".gitattributes")) result.written.push_back(".gitattributes");
  if (dry_run) {
    if (use_git) result.driver = driver_program + " merge-file %O %A %B %P";
    return result;
  }

  Config defaults;
  ensure_directory(root, defaults.folder_mode);
  // The data directory itself is private too (DESIGN 7), also when it existed before: its
  // folders are 0700 but a 0755 parent would still show every file name. Not a folder that is
  // someone else's or shared by design (sticky, like /tmp): root must not lock others out.
  struct stat st {};
  if (::stat(root.c_str(), &st) != 0) io_failure("read the mode of", root);
  if (st.st_uid == ::geteuid() && !(st.st_mode & S_ISVTX) &&
      ::chmod(root.c_str(), defaults.folder_mode) != 0)
    io_failure("set the mode of", root);
  if (git && !inside_git_work_tree(root)) {
    // core.sharedRepository=0600 ("each file will have mode 0600", git-config(1)) makes git
    // create its objects, index, refs and logs with the mode of crm's files, whatever the
    // umask, also when the user runs git by hand later; run_git adds umask 077 for the few
    // files git leaves to the umask (COMMIT_EDITMSG).
    GitResult r =
        run_git(root, {"init", "--quiet", fmt::format("--shared=0{:o}", defaults.file_mode)});
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
  if (use_git) {
    register_merge_driver(result, driver_program, false);
    result.missing_attributes = missing_attribute_lines(root);
  }
  // With --git, auto-commit is on from the start, so the directory's own files go first.
  if (git) result.commit_failure = try_git_commit_paths(root, result.written, "crm init");
  return result;
}

}  // namespace crm
