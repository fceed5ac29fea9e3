#include "crm/base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "crm/base/text.h"

extern char** environ;

namespace crm {
namespace {

std::vector<char*> as_argv(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    auto eq = entry.find('=');
    if (eq != std::string::npos && extra.count(entry.substr(0, eq))) continue;
    out.push_back(std::move(entry));
  }
  for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
  return out;
}

// Spawn attributes: SIGPIPE back to its default in the child (crm ignores it while it feeds
// the child's input), and the child in a process group of its own so that a timeout kills
// whatever it started too.
struct SpawnAttributes {
  posix_spawnattr_t attr;
  explicit SpawnAttributes(bool own_group, bool new_session) {
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGDEF;
    if (own_group) {
      flags |= POSIX_SPAWN_SETPGROUP;
      posix_spawnattr_setpgroup(&attr, 0);
    }
    if (new_session) flags |= POSIX_SPAWN_SETSID;
    posix_spawnattr_setflags(&attr, flags);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attr); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

struct FileActions {
  posix_spawn_file_actions_t actions;
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
};

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 128;
}

// Feeds `input` to `in_fd` and collects `out_fd` and `err_fd` until all are done or the
// deadline passes. Returns false on timeout.
bool pump(int in_fd, int out_fd, int err_fd, const std::string& input, std::string& output,
          std::string& errors, std::optional<std::chrono::steady_clock::time_point> deadline) {
  std::size_t written = 0;
  if (input.empty()) {
    ::close(in_fd);
    in_fd = -1;
  }
  char buffer[65536];
  while (in_fd >= 0 || out_fd >= 0 || err_fd >= 0) {
    pollfd fds[3] = {{in_fd, POLLOUT, 0}, {out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int wait_ms = -1;
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        if (in_fd >= 0) ::close(in_fd);
        return false;
      }
      wait_ms = static_cast<int>(left.count()) + 1;
    }
    int ready = ::poll(fds, 3, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    if (in_fd >= 0 && fds[0].revents) {
      ssize_t n = (fds[0].revents & POLLOUT)
                      ? ::write(in_fd, input.data() + written, input.size() - written)
                      : -1;
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EINTR && errno != EAGAIN) written = input.size();  // it stopped reading
      if (written >= input.size()) {
        ::close(in_fd);
        in_fd = -1;
      }
    }
    int* readers[2] = {&out_fd, &err_fd};
    std::string* sinks[2] = {&output, &errors};
    for (int i = 0; i < 2; ++i) {
      if (*readers[i] < 0 || !fds[i + 1].revents) continue;
      ssize_t n = ::read(*readers[i], buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        *readers[i] = -1;  // closed by the caller
      }
    }
  }
  return true;
}

ProcessResult run_interactive(const ProcessRequest& request, std::vector<char*>& argv,
                              std::vector<char*>& envp) {
  ProcessResult result;
  FileActions files;
  if (request.working_dir)
    posix_spawn_file_actions_addchdir_np(&files.actions, request.working_dir->c_str());
  SpawnAttributes attributes(false, false);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &files.actions, &attributes.attr, argv.data(), envp.data());
  if (rc != 0) {
    result.error = std::strerror(rc);
    return result;
  }
  result.started = true;
  result.exit_code = wait_for(pid);
  return result;
}

}  // namespace

ProcessResult run_process(const ProcessRequest& request) {
  ProcessResult result;
  if (request.argv.empty() || request.argv[0].empty()) {
    result.error = "no program given";
    return result;
  }
  std::vector<std::string> argv_strings = request.argv;
  std::vector<std::string> env_strings = merged_environment(request.environment);
  std::vector<char*> argv = as_argv(argv_strings);
  std::vector<char*> envp = as_argv(env_strings);
  if (request.interactive) return run_interactive(request, argv, envp);

  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    return result;
  }
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.error = std::strerror(errno);
    for (int fd : {in_pipe[0], in_pipe[1]}) ::close(fd);
    return result;
  }
  FileActions files;
  posix_spawn_file_actions_adddup2(&files.actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&files.actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&files.actions, err_pipe[1], 2);
  if (request.working_dir)
    posix_spawn_file_actions_addchdir_np(&files.actions, request.working_dir->c_str());
  SpawnAttributes attributes(true, false);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &files.actions, &attributes.attr, argv.data(), envp.data());
  for (int fd : {in_pipe[0], out_pipe[1], err_pipe[1]}) ::close(fd);
  if (rc != 0) {
    result.error = std::strerror(rc);
    for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) ::close(fd);
    return result;
  }
  result.started = true;
  ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  // A program that stops reading its input must not kill crm with SIGPIPE.
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &previous);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (request.timeout_seconds > 0)
    deadline = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(static_cast<long long>(request.timeout_seconds * 1000));
  bool finished = pump(in_pipe[1], out_pipe[0], err_pipe[0], request.input, result.output,
                       result.errors, deadline);
  ::sigaction(SIGPIPE, &previous, nullptr);
  if (!finished) {
    result.timed_out = true;
    ::kill(-pid, SIGKILL);
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  result.exit_code = wait_for(pid);
  return result;
}

std::optional<std::string> start_detached(const std::vector<std::string>& argv_in) {
  if (argv_in.empty() || argv_in[0].empty()) return std::string("no program given");
  std::vector<std::string> argv_strings = argv_in;
  std::vector<std::string> env_strings = merged_environment({});
  std::vector<char*> argv = as_argv(argv_strings);
  std::vector<char*> envp = as_argv(env_strings);
  FileActions files;
  for (int fd = 0; fd < 3; ++fd)
    posix_spawn_file_actions_addopen(&files.actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY,
                                     0);
  SpawnAttributes attributes(false, true);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &files.actions, &attributes.attr, argv.data(), envp.data());
  if (rc != 0) return std::string(std::strerror(rc));
  // Not waited for: it outlives crm, and init reaps it once crm has exited.
  return std::nullopt;
}

std::optional<std::filesystem::path> find_program(const std::string& program) {
  auto executable = [](const std::filesystem::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string::npos) {
    if (executable(program)) return std::filesystem::path(program);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  for (const std::string& dir : split(path ? path : "/usr/local/bin:/usr/bin:/bin", ':')) {
    std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
    if (executable(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace crm
