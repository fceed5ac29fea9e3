#include "crm/store/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/store/paths.h"

namespace crm {

bool is_read_only_errno(int error) {
  return error == EACCES || error == EPERM || error == EROFS;
}

// Exit 4 (docs/exit-codes.md): the directory, not the command, is what has to be fixed.
[[noreturn]] void io_failure(const std::string& what, const fs::path& path) {
  int error = errno;
  std::string hint =
      is_read_only_errno(error)
          ? "the data directory is read-only for you: make it writable to change it (queries "
            "work on it as it is)"
      : error == ENOSPC || error == EDQUOT
          ? "free some space on the data directory's file system, then run the command again"
          : "check the data directory's file system (permissions, free space, the system log)";
  throw Error(ExitCode::invalid_data,
              fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(error)),
              std::move(hint));
}

namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return m_fd; }
  int release() {
    int fd = m_fd;
    m_fd = -1;
    return fd;
  }

 private:
  int m_fd;
};

}  // namespace

void file_operation_done() {
  static const long k_crash_after = [] {
    const char* v = std::getenv("CRM_CRASH_AFTER");
    return v ? std::atol(v) : 0L;
  }();
  static std::atomic<long> count{0};
  if (k_crash_after > 0 && ++count == k_crash_after) ::_exit(86);
}

namespace {

struct FaultPlan {
  long at = 0;  // 0: no fault
  int error = 0;
};

int errno_by_name(const std::string& name) {
  static const std::pair<const char*, int> k_names[] = {
      {"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EACCES", EACCES}, {"EROFS", EROFS},
      {"EPERM", EPERM},   {"EDQUOT", EDQUOT}, {"ENOMEM", ENOMEM}, {"EINTR", EINTR},
      {"EBUSY", EBUSY},   {"EEXIST", EEXIST}, {"ENOENT", ENOENT}, {"EMFILE", EMFILE}};
  for (const auto& [n, e] : k_names)
    if (name == n) return e;
  char* end = nullptr;
  long number = std::strtol(name.c_str(), &end, 10);
  return !name.empty() && *end == '\0' && number > 0 && number < 4096 ? static_cast<int>(number)
                                                                      : 0;
}

// "N:ERRNO"; anything else is refused loudly (a test that sets it wants to know).
FaultPlan fault_plan() {
  const char* v = std::getenv("CRM_FAIL_AT");
  if (!v || !*v) return {};
  std::string text(v);
  auto colon = text.find(':');
  char* end = nullptr;
  long at = std::strtol(text.c_str(), &end, 10);
  int error = colon == std::string::npos ? 0 : errno_by_name(text.substr(colon + 1));
  if (at <= 0 || end != text.c_str() + colon || error == 0) {
    std::fprintf(stderr, "crm: CRM_FAIL_AT=%s is not N:ERRNO (such as 3:ENOSPC); ignored\n", v);
    return {};
  }
  return {at, error};
}

}  // namespace

bool fault_injected(const char* what, const fs::path& path) {
  static const FaultPlan k_plan = fault_plan();
  if (k_plan.at == 0) return false;
  static std::atomic<long> count{0};
  long n = ++count;
  if (n != k_plan.at) return false;
  std::fprintf(stderr, "crm: CRM_FAIL_AT: operation %ld (%s %s) fails with %s\n", n, what,
               path.c_str(), std::strerror(k_plan.error));
  errno = k_plan.error;
  return true;
}

std::string read_regular_file(const fs::path& path, const std::string& display,
                              std::size_t max_bytes) {
  // lstat first, so that nothing but a regular file is ever opened (opening a FIFO or a device
  // can block or act); then fstat what was opened, since a writer may have renamed another file
  // over the name in between: the size read is the opened file's own, never the old one's.
  auto refuse_type = [&](mode_t mode) {
    if (S_ISLNK(mode))
      throw DataError(display, 0, "is a symbolic link; crm does not follow links",
                      "replace the link with the file itself");
    if (!S_ISREG(mode)) throw DataError(display, 0, "is not a regular file");
  };
  auto refuse_size = [&](std::size_t size) {
    if (size > max_bytes)
      throw DataError(
          display, 0,
          fmt::format("file of {} bytes is larger than the {} a record allows", size, max_bytes),
          "fix the file by hand or restore it with git");
  };
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) throw NotFoundError(fmt::format("{}: no such file", display));
    io_failure("read", path);
  }
  refuse_type(st.st_mode);
  refuse_size(static_cast<std::size_t>(st.st_size));
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    if (errno == ENOENT) throw NotFoundError(fmt::format("{}: no such file", display));
    if (errno == ELOOP) refuse_type(S_IFLNK);
    io_failure("open", path);
  }
  if (::fstat(fd.get(), &st) != 0) io_failure("read", path);
  refuse_type(st.st_mode);
  refuse_size(static_cast<std::size_t>(st.st_size));
  std::string content;
  content.resize(static_cast<std::size_t>(st.st_size) + 1);  // + 1: to see growth past max
  std::size_t got = 0;
  while (true) {
    if (got == content.size()) {
      refuse_size(got);
      content.resize(std::min(content.size() * 2, max_bytes + 1));
    }
    ssize_t n = ::read(fd.get(), content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_failure("read", path);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  content.resize(got);
  return content;
}

void write_temp(const fs::path& temp, const std::string& content, unsigned mode, bool sync) {
  int raw = fault_injected("create", temp)
                ? -1
                : ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (raw < 0) io_failure("create", temp);
  FileDescriptor fd(raw);
  // A temp file holds personal data: whatever fails, it does not stay behind.
  auto fail = [&temp](const char* what) {
    int error = errno;
    ::unlink(temp.c_str());
    errno = error;
    io_failure(what, temp);
  };
  ::fchmod(fd.get(), mode);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = fault_injected("write", temp)
                    ? -1
                    : ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    done += static_cast<std::size_t>(n);
  }
  if (sync && (fault_injected("fsync", temp) || ::fsync(fd.get()) != 0)) fail("fsync");
  if (fault_injected("close", temp) || ::close(fd.release()) != 0) fail("close");
  file_operation_done();
}

void sync_file_system(const fs::path& dir) {
  FileDescriptor fd(fault_injected("open folder", dir)
                        ? -1
                        : ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) io_failure("open folder", dir);
  if (fault_injected("sync file system", dir) || ::syncfs(fd.get()) != 0)
    io_failure("sync the file system of", dir);
}

void fsync_directory(const fs::path& dir) {
  FileDescriptor fd(fault_injected("open folder", dir)
                        ? -1
                        : ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) io_failure("open folder", dir);
  if (fault_injected("fsync folder", dir) || ::fsync(fd.get()) != 0)
    io_failure("fsync folder", dir);
}

void rename_file(const fs::path& from, const fs::path& to) {
  if (fault_injected("rename onto", to) || ::rename(from.c_str(), to.c_str()) != 0)
    io_failure("rename onto", to);
  file_operation_done();
}

void rename_durably(const fs::path& from, const fs::path& to) {
  rename_file(from, to);
  fsync_directory(to.parent_path());
}

void write_file_atomic(const fs::path& target, const std::string& content, unsigned mode) {
  fs::path temp = temp_path_beside(target);
  write_temp(temp, content, mode);
  try {
    rename_file(temp, target);
  } catch (...) {
    ::unlink(temp.c_str());  // never leave a copy of the data behind
    throw;
  }
  fsync_directory(target.parent_path());
}

void remove_durably(const fs::path& path) {
  if (fault_injected("remove", path) || ::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return;
    io_failure("remove", path);
  }
  fsync_directory(path.parent_path());
  file_operation_done();
}

void ensure_directory(const fs::path& dir, unsigned mode) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode))
      throw DataError(
          fmt::format("{}: is a symbolic link; crm does not follow links", dir.string()));
    if (!S_ISDIR(st.st_mode)) throw DataError(fmt::format("{}: is not a folder", dir.string()));
    return;
  }
  if (dir.has_parent_path() && dir.parent_path() != dir) ensure_directory(dir.parent_path(), mode);
  if (fault_injected("create folder", dir) || ::mkdir(dir.c_str(), mode) != 0) {
    if (errno != EEXIST) io_failure("create folder", dir);
  }
  ::chmod(dir.c_str(), mode);
}

}  // namespace crm
