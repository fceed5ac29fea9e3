// The exclusive mutation lock of a data directory (.crm/lock, flock): mutations hold it from
// before they read what they change until after they write; readers never take it.
#pragma once

#include <filesystem>
#include <optional>

#include "crm/base/error.h"

namespace crm {

namespace fs = std::filesystem;

// The data directory cannot be written (its mode, a read-only mount): exit 4, like every other
// state of the directory that stops a command (docs/exit-codes.md).
struct ReadOnlyError : Error {
  using Error::Error;
};

// Holds the exclusive mutation lock (.crm/lock, flock) for its lifetime. A lock file that
// cannot be opened for writing (a read-only directory) is a ReadOnlyError that says so.
class StoreLock {
 public:
  StoreLock(const fs::path& lock_file, double wait_seconds);
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  StoreLock(StoreLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  // Non-blocking attempt; nullopt if another process holds it.
  static std::optional<StoreLock> try_take(const fs::path& lock_file);

 private:
  explicit StoreLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace crm
