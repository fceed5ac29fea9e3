// Safe file primitives: reading untrusted files (regular files only, no symlinks, bounded
// size) and atomic replacement (temp file in the same folder, fsync, rename, fsync folder).
//
// Two test hooks, inert (one cached getenv) unless their variable is set, let the e2e tests
// prove DESIGN 7 at every step of the write path:
//   CRM_CRASH_AFTER=N       the process exits abruptly (status 86, no cleanup) right after its
//                           Nth durable file operation (a temp written, a rename, a removal);
//   CRM_FAIL_AT=N:ERRNO     the Nth file-system operation of the write path fails with ERRNO
//                           (a name such as ENOSPC, EIO, EACCES, EROFS, or a number) instead of
//                           running: the lock file's open, mkdir, the dirty mark's create and
//                           remove, a temp file's open, write, fsync and close, rename, a
//                           folder's open and fsync, unlink. Each injected failure is announced
//                           on stderr ("crm: CRM_FAIL_AT: operation N ..."), so that a test can
//                           tell when N is past the last operation. Clean-up after a failure
//                           (removing the temp files of a write that did not happen) is not
//                           counted: it runs only after a failure, and one failure is injected.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace crm {

namespace fs = std::filesystem;

// Reads a regular file, refusing symlinks, devices, FIFOs and anything over `max_bytes`.
// Throws DataError naming `display` (the path as the user should see it).
std::string read_regular_file(const fs::path& path, const std::string& display,
                              std::size_t max_bytes);

// Creates `temp` (which must not exist) with `content` and `mode`, and fsyncs it unless `sync`
// is false (the caller then makes it durable with sync_file_system, once for many files).
void write_temp(const fs::path& temp, const std::string& content, unsigned mode, bool sync = true);

// Makes everything written to the file system that holds `dir` durable (syncfs): one call
// instead of an fsync per file when one command writes thousands (an import).
void sync_file_system(const fs::path& dir);

// Renames `from` over `to` (atomic, not yet durable). Throws Error; nothing is renamed then.
void rename_file(const fs::path& from, const fs::path& to);

// Renames `from` over `to` and fsyncs the folder of `to`.
void rename_durably(const fs::path& from, const fs::path& to);

// Atomically replaces `target` with `content`: write_temp, then rename_durably. On failure
// before the rename the temp file is removed and `target` is as it was.
void write_file_atomic(const fs::path& target, const std::string& content, unsigned mode);

void fsync_directory(const fs::path& dir);

// Removes a file if it exists and fsyncs its folder.
void remove_durably(const fs::path& path);

// Creates `dir` (and parents) with `mode` where missing; refuses a symlink in its place.
void ensure_directory(const fs::path& dir, unsigned mode);

// Throws the Error crm gives for a failed file-system call on `path` (errno says why): exit 4,
// and a message that says plainly when the directory is read-only or out of space.
[[noreturn]] void io_failure(const std::string& what, const fs::path& path);

// True when errno says the file system refused a write for want of permission (a read-only
// directory or mount).
bool is_read_only_errno(int error);

// CRM_CRASH_AFTER: counts one durable file operation (see the top of this file).
void file_operation_done();

// CRM_FAIL_AT: counts one file-system operation of the write path; true (with errno set) when
// this one must fail. `what` and `path` only go into the announcement.
bool fault_injected(const char* what, const fs::path& path);

}  // namespace crm
