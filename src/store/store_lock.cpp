#include "crm/store/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "crm/store/files.h"
#include "crm/store/paths.h"

namespace crm {

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
  int fd = fault_injected("open the lock file", lock_file)
               ? -1
               : ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    int error = errno;
    if (!is_read_only_errno(error)) io_failure("open the lock file", lock_file);
    fs::path root = lock_file.parent_path().parent_path();
    throw ReadOnlyError(
        ExitCode::invalid_data,
        fmt::format("the data directory {} is read-only: crm cannot write its lock "
                    "file {}/{} ({})",
                    root.string(), k_local_dir, lock_file.filename().string(),
                    std::strerror(error)),
        "queries work on it as it is; to change it, make it writable (chmod -R u+w) or "
        "work in a writable copy");
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return StoreLock(fd);
}

StoreLock::~StoreLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

}  // namespace crm
