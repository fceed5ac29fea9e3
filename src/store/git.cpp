#include "crm/store/git.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

extern char** environ;

namespace crm {
namespace {

// GIT_* variables that would redirect git away from the data directory are dropped; the
// identity ones are the user's choice and stay.
bool keep_variable(std::string_view entry) {
  if (!entry.starts_with("GIT_")) return true;
  return entry.starts_with("GIT_AUTHOR_") || entry.starts_with("GIT_COMMITTER_") ||
         entry.starts_with("GIT_SSH") || entry.starts_with("GIT_CONFIG_NOSYSTEM");
}

std::vector<std::string> scrubbed_environment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e)
    if (keep_variable(*e)) env.emplace_back(*e);
  env.emplace_back("GIT_TERMINAL_PROMPT=0");
  return env;
}

std::vector<char*> as_argv(std::vector<std::string>& strings) {
  std::vector<char*> argv;
  for (auto& s : strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

// Reads both pipes until they close, so a chatty git cannot block on a full pipe.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open_count = 2;
  char buffer[4096];
  while (open_count > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

}  // namespace

GitResult run_git(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings = {"git", "-C", dir.string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = scrubbed_environment();
  std::vector<char*> argv = as_argv(argv_strings);
  std::vector<char*> envp = as_argv(env_strings);

  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return {};
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return {};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  // posix_spawn has no umask action: the child inherits ours, set for the moment of the spawn
  // (crm runs one thread, and creates its own files with explicit modes).
  mode_t old_umask = ::umask(077);
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), envp.data());
  ::umask(old_umask);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  GitResult result;
  if (rc == 0) drain(out_pipe[0], err_pipe[0], result.output, result.errors);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  if (rc != 0) return result;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return result;
}

bool inside_git_work_tree(const std::filesystem::path& dir) {
  std::error_code ec;
  for (auto p = std::filesystem::absolute(dir, ec); !p.empty(); p = p.parent_path()) {
    if (std::filesystem::exists(p / ".git", ec)) return true;
    if (p == p.parent_path()) break;
  }
  return false;
}

std::optional<std::string> git_user_name(const std::filesystem::path& dir) {
  GitResult r = run_git(dir, {"config", "user.name"});
  std::string name = trim(r.output);
  if (r.exit_code != 0 || name.empty()) return std::nullopt;
  return name;
}

std::vector<Commit> commits_touching(const std::filesystem::path& dir,
                                     const std::string& relative) {
  std::vector<Commit> out;
  if (!inside_git_work_tree(dir)) return out;
  GitResult log = run_git(dir, {"log", "--reverse", "--format=%aI%x09%h %s", "--", relative});
  for (const std::string& line : split(trim(log.output), '\n')) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

bool git_path_unmerged(const std::filesystem::path& dir, const std::string& relative) {
  GitResult r = run_git(dir, {"ls-files", "--unmerged", "--", relative});
  return r.exit_code == 0 && !trim(r.output).empty();
}

bool git_merge_in_progress(const std::filesystem::path& dir) {
  return run_git(dir, {"rev-parse", "--quiet", "--verify", "MERGE_HEAD"}).exit_code == 0;
}

namespace {

std::string git_said(const GitResult& r) {
  if (r.exit_code < 0) return "git could not be started";
  std::string said = trim(r.errors.empty() ? r.output : r.errors);
  return said.empty() ? fmt::format("git exited with status {}", r.exit_code) : said;
}

}  // namespace

std::optional<std::string> try_git_add(const std::filesystem::path& dir,
                                       const std::vector<std::string>& paths) {
  std::vector<std::string> add = {"add", "--"};
  add.insert(add.end(), paths.begin(), paths.end());
  GitResult r = run_git(dir, add);
  if (r.exit_code == 0) return std::nullopt;
  return git_said(r);
}

namespace git_fast_commit {

std::vector<std::string> with_paths(std::vector<std::string> args,
                                    const std::vector<std::string>& paths) {
  args.insert(args.end(), paths.begin(), paths.end());
  return args;
}

// Whether `git commit` would do more than record a tree: run a hook, sign, or finish a merge
// or a cherry-pick. Then crm lets `git commit` do it, as the user would.
// `hooks_dir` and `operation_heads` (MERGE_HEAD...) are as `git rev-parse --git-path` gave them.
bool commit_does_more(const std::filesystem::path& dir, const std::string& hooks_dir,
                      const std::vector<std::string>& operation_heads) {
  for (const char* hook : {"pre-commit", "prepare-commit-msg", "commit-msg", "post-commit"})
    if (::access((dir / hooks_dir / hook).c_str(), X_OK) == 0) return true;
  for (const std::string& head : operation_heads)
    if (::access((dir / head).c_str(), F_OK) == 0) return true;
  GitResult sign = run_git(dir, {"config", "--type=bool", "--get", "commit.gpgsign"});
  return trim(sign.output) == "true";
}

// Commits `paths` with git's plumbing: stage just them, write the tree, make the commit, move
// HEAD. Unlike `git commit -- paths`, which refreshes the whole index (an lstat of every tracked
// file: a second at 100,000 records), nothing else in the working tree is looked at. Returns
// nullopt when it committed, an empty string when it did not try (the caller falls back to `git
// commit`), or git's message when a step failed after the paths were staged.
std::optional<std::string> try_plumbing(const std::filesystem::path& dir,
                                        const std::vector<std::string>& paths,
                                        const std::string& message) {
  GitResult heads =
      run_git(dir, {"rev-parse", "--git-path", "hooks", "--git-path", "MERGE_HEAD", "--git-path",
                    "CHERRY_PICK_HEAD", "--git-path", "REVERT_HEAD", "HEAD", "HEAD^{tree}"});
  std::vector<std::string> lines = split(trim(heads.output), '\n');
  if (heads.exit_code != 0 || lines.size() != 6) return std::string();  // no commit yet
  const std::string head = lines[4], head_tree = lines[5];
  if (commit_does_more(dir, lines[0], {lines[1], lines[2], lines[3]})) return std::string();
  // Something the user staged would ride along: let `git commit -- paths` leave it staged.
  GitResult staged = run_git(dir, {"write-tree"});
  if (staged.exit_code != 0 || trim(staged.output) != head_tree) return std::string();

  GitResult r = run_git(dir, with_paths({"update-index", "--add", "--remove", "--"}, paths));
  if (r.exit_code != 0) return std::string();
  GitResult tree = run_git(dir, {"write-tree"});
  if (tree.exit_code != 0) return git_said(tree);
  GitResult commit = run_git(dir, {"commit-tree", trim(tree.output), "-p", head, "-m", message});
  if (commit.exit_code != 0) return git_said(commit);
  std::string subject = split(message, '\n').at(0);
  r = run_git(dir, {"update-ref", "-m", "commit: " + subject, "HEAD", trim(commit.output), head});
  if (r.exit_code != 0) return git_said(r);
  return std::nullopt;
}

}  // namespace git_fast_commit

std::optional<std::string> try_git_commit_paths(const std::filesystem::path& dir,
                                                const std::vector<std::string>& paths,
                                                const std::string& message) {
  if (paths.empty()) return std::nullopt;
  std::optional<std::string> fast = git_fast_commit::try_plumbing(dir, paths, message);
  if (!fast || !fast->empty()) return fast;
  std::vector<std::string> add = {"add", "--"};
  add.insert(add.end(), paths.begin(), paths.end());
  GitResult r = run_git(dir, add);
  if (r.exit_code == 0) {
    std::vector<std::string> commit = {"commit", "--quiet", "-m", message, "--"};
    commit.insert(commit.end(), paths.begin(), paths.end());
    r = run_git(dir, commit);
  }
  if (r.exit_code == 0) return std::nullopt;
  return git_said(r);
}

void git_commit_paths(const std::filesystem::path& dir, const std::vector<std::string>& paths,
                      const std::string& message) {
  if (auto failure = try_git_commit_paths(dir, paths, message))
    throw Error(ExitCode::refused,
                fmt::format("the change was written but git did not commit it: {}", *failure),
                "commit by hand, or set git.autocommit: false in crm.yaml");
}

}  // namespace crm
