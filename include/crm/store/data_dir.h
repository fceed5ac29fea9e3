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
  // Set when `crm init --git` ran in a clone that already holds crm.yaml: then only the merge
  // driver was registered, and no file was written.
  bool existing = false;
  // The merge driver command in .git/config (`merge.crm.driver`), "" when there is no git;
  // whether this run set it (false: it was registered already, or --dry-run).
  std::string driver = {};
  bool driver_registered = false;
  bool driver_already = false;  // .git/config held this driver before
  // Lines .gitattributes lacks for the driver to apply (a directory made before it existed).
  std::vector<std::string> missing_attributes = {};
};

// The lines of .gitattributes that name crm's merge driver, one per record folder.
std::vector<std::string> merge_driver_attributes();

// Creates a data directory: crm.yaml with commented defaults, the record folders, .gitignore
// for .crm/, and with `git` (or inside a git work tree) .gitattributes naming the merge driver
// for every record folder, and the driver itself in .git/config (`merge.crm.driver =
// <driver_program> merge-file %O %A %B %P`). When crm.yaml already exists it refuses
// (RefusedError), except with `git` in a git work tree (a fresh clone, whose .git/config has
// no driver since git never clones configuration): then it only registers the driver, writes
// no file and commits nothing. With `dry_run` it only says what it would do.
InitResult init_data_dir(const fs::path& root, bool git, bool dry_run = false,
                         const std::string& driver_program = "crm");

// True when `dir` holds a crm.yaml.
bool is_data_dir(const fs::path& dir);

}  // namespace crm
