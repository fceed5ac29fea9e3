#include "crm/store/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

[[noreturn]] void io_failure(const std::string& what, const fs::path& path) {
  throw Error(ExitCode::invalid_data,
              fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(errno)),
              "check the permissions and free space of the data directory");
}

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

std::string read_regular_file(const fs::path& path, const std::string& display,
                              std::size_t max_bytes) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) throw NotFoundError(fmt::format("{}: no such file", display));
    io_failure("read", path);
  }
  if (S_ISLNK(st.st_mode))
    throw DataError(display, 0, "is a symbolic link; crm does not follow links",
                    "replace the link with the file itself");
  if (!S_ISREG(st.st_mode)) throw DataError(display, 0, "is not a regular file");
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    throw DataError(display, 0,
                    fmt::format("file of {} bytes is larger than the {} a record allows",
                                st.st_size, max_bytes),
                    "fix the file by hand or restore it with git");
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) io_failure("open", path);
  std::string content;
  content.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < content.size()) {
    ssize_t n = ::read(fd.get(), content.data() + got, content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_failure("read", path);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  content.resize(got);
  return content;
}

void write_temp(const fs::path& temp, const std::string& content, unsigned mode) {
  FileDescriptor fd(
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (fd.get() < 0) io_failure("create", temp);
  ::fchmod(fd.get(), mode);
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::unlink(temp.c_str());
      io_failure("write", temp);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) {
    ::unlink(temp.c_str());
    io_failure("fsync", temp);
  }
  if (::close(fd.release()) != 0) io_failure("close", temp);
  file_operation_done();
}

void fsync_directory(const fs::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) io_failure("open folder", dir);
  if (::fsync(fd.get()) != 0) io_failure("fsync folder", dir);
}

void rename_file(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) io_failure("rename onto", to);
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
  if (::unlink(path.c_str()) != 0) {
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
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) io_failure("create folder", dir);
  ::chmod(dir.c_str(), mode);
}

}  // namespace crm
