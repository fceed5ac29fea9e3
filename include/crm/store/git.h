// Running git: spawned with an argument vector (never a shell), `-C DIR`, a scrubbed GIT_*
// environment and `--` before paths, so that hooks and signing behave as for the user.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace crm {

struct GitResult {
  int exit_code = -1;  // -1 when git could not be started
  std::string output;  // stdout
  std::string errors;  // stderr
};

// Runs `git -C dir args...` with umask 077, so that what git creates is private to the user
// like the records (DESIGN 7). Never throws for git's own failures; see exit_code.
GitResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args);

// True when `dir` is inside a git work tree (looks for a .git entry upward; spawns nothing).
bool inside_git_work_tree(const std::filesystem::path& dir);

// git's user.name as seen from `dir`, if set.
std::optional<std::string> git_user_name(const std::filesystem::path& dir);

// A commit that touched a file: when (ISO 8601) and "<short hash> <subject>".
struct Commit {
  std::string at;
  std::string summary;
};
// The commits that touched `relative` (a path under `dir`), oldest first; none outside git.
std::vector<Commit> commits_touching(const std::filesystem::path& dir, const std::string& relative);

// Commits exactly `paths` (relative to `dir`) with `message`: with git's plumbing, which
// stats no other file, unless `git commit` would do more (a hook, signing, a merge under way,
// changes the user staged); then with `git add` and `git commit -- paths` (docs/git.md). Returns
// git's message (its stderr, else its stdout, as git wrote it, possibly several lines) when git
// refused (a hook, no identity, ...), nullopt when it committed.
std::optional<std::string> try_git_commit_paths(const std::filesystem::path& dir,
                                                const std::vector<std::string>& paths,
                                                const std::string& message);

// True when `relative` (a path under `dir`) is unmerged in git's index: a merge is under way
// and has not settled that file yet (`git ls-files -u`).
bool git_path_unmerged(const std::filesystem::path& dir, const std::string& relative);

// True when a merge is under way in the repository of `dir` (MERGE_HEAD exists): git then
// refuses to commit single paths, and the merge ends with a `git commit` of its own.
bool git_merge_in_progress(const std::filesystem::path& dir);

// Stages `paths` (`git add -- paths`), as a user marks a conflicted file settled. Returns git's
// message when git refused, nullopt when it staged them.
std::optional<std::string> try_git_add(const std::filesystem::path& dir,
                                       const std::vector<std::string>& paths);

// The same, throwing Error (exit 1) with git's message when git refuses.
void git_commit_paths(const std::filesystem::path& dir, const std::vector<std::string>& paths,
                      const std::string& message);

}  // namespace crm
