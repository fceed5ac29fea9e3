// File names used by the store (leveldb's filename.h): every path of a record, of crm.yaml and
// of the local state in `.crm/` is built and parsed here, and nowhere else.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

namespace fs = std::filesystem;

inline constexpr const char* k_config_file = "crm.yaml";
inline constexpr const char* k_local_dir = ".crm";
// Files crm stores that are no records (a received e-mail's attachments):
// "documents/<record ID>/<file name>".
inline constexpr const char* k_documents_dir = "documents";

// "leads/L-7K3QZ9AB.yaml": a record's path relative to the data directory. The ID must be valid
// for the kind (UsageError otherwise), so that no input names a file outside the directory.
std::string record_relative_path(Kind kind, const std::string& id);
std::string record_relative_path(const Record& record);
fs::path record_path(const fs::path& root, Kind kind, const std::string& id);
fs::path kind_folder(const fs::path& root, Kind kind);
// "leads/": what every record path of a kind starts with.
std::string folder_prefix(Kind kind);

// A record path parsed back: "leads/L-7K3QZ9AB.yaml" -> (lead, "L-7K3QZ9AB"); nullopt for
// anything else (another folder depth, another extension, an invalid ID, a path with "..").
struct RecordPath {
  Kind kind;
  std::string id;
};
std::optional<RecordPath> parse_record_path(std::string_view relative);

// A stored document's path: "documents/<folder>/<name>" where both names are safe
// (is_safe_file_name). UsageError otherwise, so that nothing reaches outside the directory.
std::string document_relative_path(std::string_view folder, std::string_view name);
// True for a path document_relative_path could have made.
bool is_document_path(std::string_view relative);
// A name that may be one component of a path in the data directory: not empty, at most 200
// bytes of UTF-8, no "/" or "\", no control characters, not starting with a dot (no "..", no
// hidden or temp file).
bool is_safe_file_name(std::string_view name);
fs::path documents_dir(const fs::path& root);

// The record ID a file name in a kind's folder stands for ("L-7K3QZ9AB.yaml" ->
// "L-7K3QZ9AB"), or nullopt.
std::optional<std::string> id_of_file_name(Kind kind, std::string_view name);

// What a name in a kind's folder is: a record, a temp file, a record of another kind, or a
// stray file.
StoredEntry classify_entry(Kind kind, const std::string& name);

// Temp files: ".<target name>.<pid>-<n>.tmp" beside their target, so that no lister takes one
// for a record and git ignores them (.gitignore: .*.tmp).
fs::path temp_path_beside(const fs::path& target);
bool is_temp_file_name(std::string_view name);
// A temp path a journal may name: "<kind folder>/<temp name>" or
// "documents/<folder>/<temp name>", no "..".
bool is_safe_temp_path(std::string_view relative);

// The local state of one clone, never committed.
fs::path local_dir(const fs::path& root);
fs::path lock_path(const fs::path& root);
fs::path journal_path(const fs::path& root);          // a multi-file write past its commit point
fs::path pending_journal_path(const fs::path& root);  // one before it
fs::path dirty_path(const fs::path& root);            // a write in progress
fs::path index_path(const fs::path& root);            // the local index (a cache, never committed)
fs::path config_path(const fs::path& root);

// The mail templates of `crm mail --template NAME`: "templates/NAME.txt" (NAME may end in
// ".txt"). NAME is letters, digits, "-", "_" and inner dots only, so that it never names a
// file outside the folder (UsageError otherwise).
inline constexpr const char* k_mail_templates_dir = "templates";
fs::path mail_template_path(const fs::path& root, std::string_view name);
// Hooks (acting/hooks.h): the executables a team shares in `hooks/`, and the copies of those
// this clone allowed to run, in `.crm/hooks-allowed/` (local, never committed).
fs::path hooks_dir(const fs::path& root);
fs::path allowed_hooks_dir(const fs::path& root);

}  // namespace crm
