// Safe file primitives: reading untrusted files (regular files only, no symlinks, bounded
// size) and atomic replacement (temp file in the same folder, fsync, rename, fsync folder).
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

// Creates `temp` (which must not exist) with `content` and `mode`, and fsyncs it.
void write_temp(const fs::path& temp, const std::string& content, unsigned mode);

// Renames `from` over `to` (atomic, not yet durable).
void rename_file(const fs::path& from, const fs::path& to);

// Renames `from` over `to` and fsyncs the folder of `to`.
void rename_durably(const fs::path& from, const fs::path& to);

// Atomically replaces `target` with `content`: write_temp, then rename_durably. On failure
// before the rename the temp file is removed and `target` is as it was.
void write_file_atomic(const fs::path& target, const std::string& content, unsigned mode);

void fsync_directory(const fs::path& dir);

// Creates `dir` (and parents) with `mode` where missing; refuses a symlink in its place.
// Removes a file if it exists and fsyncs its folder.
void remove_durably(const fs::path& path);

void ensure_directory(const fs::path& dir, unsigned mode);

// Test hook: with $CRM_CRASH_AFTER=N the process exits abruptly (status 86, no cleanup) right
// after its Nth durable file operation, so tests can prove that every crash point leaves the
// directory whole once the next command has run.
void file_operation_done();

}  // namespace crm
