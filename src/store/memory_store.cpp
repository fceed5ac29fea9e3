#include "crm/store/memory_store.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm {

Config MemoryStore::default_config() {
  return config_from_yaml(parse_yaml(default_config_text(false), k_config_file), k_config_file);
}

MemoryStore::MemoryStore(Config config, std::uint64_t id_seed)
    : RecordStore(IdGenerator(id_seed)), m_config(std::move(config)) {}

std::vector<std::string> MemoryStore::ids(Kind kind) const {
  std::vector<std::string> out;
  std::string folder = folder_prefix(kind);
  for (auto it = m_files.lower_bound(folder); it != m_files.end() && it->first.starts_with(folder);
       ++it)
    if (auto id = id_of_file_name(kind, it->first.substr(folder.size())))
      out.push_back(std::move(*id));
  return out;
}

bool MemoryStore::exists(Kind kind, const std::string& id) const {
  return m_files.count(record_relative_path(kind, id)) > 0;
}

std::optional<std::string> MemoryStore::text_of(const std::string& relative) const {
  auto it = m_files.find(relative);
  if (it == m_files.end()) return std::nullopt;
  return it->second;
}

Record MemoryStore::read(Kind kind, const std::string& id, bool well_formed) const {
  std::string relative = record_relative_path(kind, id);
  auto it = m_files.find(relative);
  if (it == m_files.end()) throw NotFoundError(fmt::format("{}: no such file", relative));
  if (it->second.size() > k_max_record_bytes)
    throw DataError(relative, 0, "the file is larger than a record may be");
  return record_from_yaml(kind, it->second, relative, id, well_formed);
}

Record MemoryStore::load(Kind kind, const std::string& id) const {
  return read(kind, id, true);
}

Record MemoryStore::load_unchecked(Kind kind, const std::string& id) const {
  return read(kind, id, false);
}

// All or nothing: every record and file path is checked before any is stored.
WriteResult MemoryStore::write(const ChangeSet& changes) {
  std::vector<std::pair<std::string, std::string>> planned;
  for (const auto& change : changes.changes) {
    std::string relative = record_relative_path(change.record);
    std::string content = record_to_yaml(change.record);
    require_writable(change.record, content);
    if (!change.created)
      if (auto current = text_of(relative); current && *current == content) continue;
    planned.emplace_back(std::move(relative), std::move(content));
  }
  for (const ChangeSet::File& file : changes.files) {
    if (!is_document_path(file.relative))
      throw UsageError(fmt::format("'{}' is not a path crm stores files at",
                                   escape_for_terminal(file.relative)));
    planned.emplace_back(file.relative, file.bytes);
  }
  WriteResult result;
  for (auto& [relative, content] : planned) {
    result.written.push_back(relative);
    m_files[relative] = std::move(content);
  }
  if (!planned.empty()) ++m_writes;
  return result;
}

std::vector<StoredEntry> MemoryStore::entries(Kind kind) const {
  std::vector<StoredEntry> out;
  std::string folder = folder_prefix(kind);
  for (auto it = m_files.lower_bound(folder); it != m_files.end() && it->first.starts_with(folder);
       ++it) {
    std::string name = it->first.substr(folder.size());
    if (name.find('/') == std::string::npos) out.push_back(classify_entry(kind, name));
  }
  return out;
}

}  // namespace crm
