// The data directory as a place: finding it like git finds a repository, and creating it
// (`crm init`) with its folders, its crm.yaml and git's files, private to the user.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace crm {

namespace fs = std::filesystem;

// Finds the data directory like git finds a repository: `dir_option` (-C/--dir), else
// $CRM_DIR, else the nearest folder at or above the working directory holding crm.yaml.
// Throws UsageError naming `crm init` when there is none.
fs::path find_data_dir(const std::optional<std::string>& dir_option);

// What `crm init` did, for its report.
struct InitResult {
  fs::path root;
  std::vector<std::string> written;  // paths relative to root
  // Why git did not commit the new directory's files (a hook, no identity), if it did not:
  // the directory is made all the same.
  std::optional<std::string> commit_failure = {};
};

// Creates a data directory: crm.yaml with commented defaults, the record folders, .gitignore
// for .crm/, and with `git` (or inside a git work tree) .gitattributes. Refuses (RefusedError)
// when crm.yaml already exists. With `dry_run` it only says what it would write.
InitResult init_data_dir(const fs::path& root, bool git, bool dry_run = false);

// True when `dir` holds a crm.yaml.
bool is_data_dir(const fs::path& dir);

}  // namespace crm
