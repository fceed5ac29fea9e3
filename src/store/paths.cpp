#include "crm/store/paths.h"

#include <unistd.h>

#include <atomic>
#include <cctype>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"

namespace crm {

std::string record_relative_path(Kind kind, const std::string& id) {
  const KindSpec& spec = kind_spec(kind);
  if (!is_valid_id(id, spec.prefix))
    throw UsageError(fmt::format("'{}' is not a valid {} ID", id, spec.name));
  return folder_prefix(kind) + id + ".yaml";
}

std::string record_relative_path(const Record& record) {
  return record_relative_path(record.kind(), record.id());
}

fs::path record_path(const fs::path& root, Kind kind, const std::string& id) {
  return root / record_relative_path(kind, id);
}

fs::path kind_folder(const fs::path& root, Kind kind) {
  return root / kind_spec(kind).folder;
}

std::string folder_prefix(Kind kind) {
  return kind_spec(kind).folder + "/";
}

std::optional<std::string> id_of_file_name(Kind kind, std::string_view name) {
  if (!name.ends_with(".yaml")) return std::nullopt;
  std::string id(name.substr(0, name.size() - 5));
  if (!is_valid_id(id, kind_spec(kind).prefix)) return std::nullopt;
  return id;
}

std::optional<RecordPath> parse_record_path(std::string_view relative) {
  auto slash = relative.find('/');
  if (slash == std::string_view::npos || relative.find('/', slash + 1) != std::string_view::npos)
    return std::nullopt;
  auto kind = kind_by_folder(relative.substr(0, slash));
  if (!kind) return std::nullopt;
  auto id = id_of_file_name(*kind, relative.substr(slash + 1));
  if (!id) return std::nullopt;
  return RecordPath{*kind, *id};
}

StoredEntry classify_entry(Kind kind, const std::string& name) {
  std::string relative = folder_prefix(kind) + name;
  if (is_temp_file_name(name)) return {StoredEntry::Type::temp, relative, {}};
  if (auto id = id_of_file_name(kind, name)) return {StoredEntry::Type::record, relative, *id};
  std::string stem = name.ends_with(".yaml") ? name.substr(0, name.size() - 5) : name;
  auto prefix = id_prefix(stem);
  auto other = prefix ? kind_by_prefix(*prefix) : std::nullopt;
  if (other && id_of_file_name(*other, name))
    return {StoredEntry::Type::other_kind, relative, stem};
  return {StoredEntry::Type::stray, relative, {}};
}

fs::path temp_path_beside(const fs::path& target) {
  static std::atomic<int> counter{0};
  return target.parent_path() /
         fmt::format(".{}.{}-{}.tmp", target.filename().string(), ::getpid(), counter++);
}

bool is_temp_file_name(std::string_view name) {
  return name.size() > 5 && name[0] == '.' && name.ends_with(".tmp") &&
         name.find('/') == std::string_view::npos;
}

bool is_safe_temp_path(std::string_view relative) {
  auto slash = relative.find('/');
  if (slash == std::string_view::npos || relative.find("..") != std::string_view::npos)
    return false;
  if (relative.substr(0, slash) == k_documents_dir) {
    std::string_view rest = relative.substr(slash + 1);
    auto second = rest.find('/');
    return second != std::string_view::npos && is_safe_file_name(rest.substr(0, second)) &&
           is_temp_file_name(rest.substr(second + 1));
  }
  return kind_by_folder(relative.substr(0, slash)) && is_temp_file_name(relative.substr(slash + 1));
}

bool is_safe_file_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name[0] == '.' || !is_valid_utf8(name)) return false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || u < 0x20 || u == 0x7F) return false;
  }
  return true;
}

std::string document_relative_path(std::string_view folder, std::string_view name) {
  if (!is_safe_file_name(folder) || !is_safe_file_name(name))
    throw UsageError(fmt::format("'{}/{}' is not a safe document path", escape_for_terminal(folder),
                                 escape_for_terminal(name)));
  return fmt::format("{}/{}/{}", k_documents_dir, folder, name);
}

bool is_document_path(std::string_view relative) {
  std::string_view prefix = k_documents_dir;
  if (!relative.starts_with(prefix) || relative.size() <= prefix.size() ||
      relative[prefix.size()] != '/')
    return false;
  std::string_view rest = relative.substr(prefix.size() + 1);
  auto slash = rest.find('/');
  return slash != std::string_view::npos && is_safe_file_name(rest.substr(0, slash)) &&
         is_safe_file_name(rest.substr(slash + 1));
}

fs::path documents_dir(const fs::path& root) {
  return root / k_documents_dir;
}

fs::path local_dir(const fs::path& root) {
  return root / k_local_dir;
}
fs::path lock_path(const fs::path& root) {
  return local_dir(root) / "lock";
}
fs::path hooks_dir(const fs::path& root) {
  return root / "hooks";
}
fs::path allowed_hooks_dir(const fs::path& root) {
  return local_dir(root) / "hooks-allowed";
}
fs::path journal_path(const fs::path& root) {
  return local_dir(root) / "journal";
}
fs::path pending_journal_path(const fs::path& root) {
  return local_dir(root) / "journal.pending";
}
fs::path dirty_path(const fs::path& root) {
  return local_dir(root) / "dirty";
}
fs::path index_path(const fs::path& root) {
  return local_dir(root) / "index";
}
fs::path config_path(const fs::path& root) {
  return root / k_config_file;
}

fs::path mail_template_path(const fs::path& root, std::string_view name) {
  std::string_view stem = name;
  if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".txt") stem.remove_suffix(4);
  bool valid = !stem.empty() && stem.size() <= 64 && stem.front() != '.' && stem.back() != '.' &&
               stem.find("..") == std::string_view::npos;
  for (char c : stem)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      valid = false;
  if (!valid)
    throw UsageError(
        fmt::format("'{}' is no template name", escape_for_terminal(name)),
        fmt::format("name a file of {}/ without its folder: letters, digits, '-', '_' and inner "
                    "dots, e.g. --template quote for {}/quote.txt",
                    k_mail_templates_dir, k_mail_templates_dir));
  return root / k_mail_templates_dir / (std::string(stem) + ".txt");
}

}  // namespace crm
