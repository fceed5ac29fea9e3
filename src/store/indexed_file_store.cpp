#include "crm/store/indexed_file_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/store/files.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"

namespace crm {
namespace indexed_file_store {

// Below this many changed files one thread parses them: a thread costs more than it saves.
constexpr std::size_t k_parallel_from = 32;
std::int64_t now_ns() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

// Temp files of an index write that a killed process left behind are removed after this long
// (a live writer finishes in seconds).
constexpr std::time_t k_stale_temp_seconds = 3600;

FileStamp stamp_of(const struct stat& st) {
  return {
      static_cast<std::uint64_t>(st.st_size),        static_cast<std::int64_t>(st.st_mtim.tv_sec),
      static_cast<std::int64_t>(st.st_mtim.tv_nsec), static_cast<std::uint64_t>(st.st_ino),
      static_cast<std::int64_t>(st.st_ctim.tv_sec),  static_cast<std::int64_t>(st.st_ctim.tv_nsec)};
}

// Runs `work(from, to)` over [0, count) split in `threads` parts, each on a thread of its own
// (this one included), when there is enough work to be worth a thread.
template <typename Work>
void run_split(std::size_t count, int threads, const Work& work) {
  std::size_t parts = count >= k_parallel_from && threads > 1 ? threads : 1;
  std::vector<std::thread> helpers;
  for (std::size_t p = 1; p < parts; ++p) {
    try {
      helpers.emplace_back(work, count * p / parts, count * (p + 1) / parts);
    } catch (const std::system_error&) {
      work(count * p / parts, count * (p + 1) / parts);  // no thread to be had: do it here
    }
  }
  work(0, count / parts);
  for (std::thread& t : helpers) t.join();
}

// Parses one record file into an index entry; false when it does not parse (it is then read
// through the FileStore, which raises the error). The stamp is taken before the file is read,
// so that a change between the two shows as a changed stamp next time, never as a stale entry.
bool parse_entry(Kind kind, const fs::path& root, IndexEntry& entry, std::int64_t racy_after) {
  try {
    std::string relative = record_relative_path(kind, entry.id);
    std::string text = read_regular_file(root / relative, relative, k_max_record_bytes);
    Record record = record_from_yaml(kind, text, relative, entry.id, false);
    entry.flags = 0;
    if (malformed_field(record)) entry.flags |= IndexEntry::malformed;
    std::int64_t changed_ns = entry.stamp.ctime_sec * 1000000000 + entry.stamp.ctime_nsec;
    if (changed_ns > racy_after) entry.flags |= IndexEntry::racy;
    entry.owned = compact_value(record.fields());
    entry.saved = {};
    return true;
  } catch (...) {
    return false;
  }
}

// Removes the temp files that index writers killed mid-write left in `.crm/`.
void remove_stale_index_temps(const fs::path& local, std::time_t now) {
  DIR* dir = ::opendir(local.c_str());
  if (!dir) return;
  std::string prefix = index_path(local.parent_path()).filename().string() + ".new-";
  while (dirent* d = ::readdir(dir)) {
    std::string_view name = d->d_name;
    if (!name.starts_with(prefix)) continue;
    struct stat st {};
    if (::fstatat(::dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_mtim.tv_sec + k_stale_temp_seconds < now)
      ::unlinkat(::dirfd(dir), d->d_name, 0);
  }
  ::closedir(dir);
}

}  // namespace indexed_file_store

using namespace indexed_file_store;

IndexedFileStore::IndexedFileStore(FileStore& files, Options options)
    : m_files(files), m_options(options) {}

IndexedFileStore::~IndexedFileStore() {
  save();
}

void IndexedFileStore::ensure_saved_read() const {
  if (m_saved_read) return;
  m_saved_read = true;
  if (!m_options.read_saved) return;
  if (auto sections = read_index_file(index_path(m_files.root()), m_saved_bytes)) {
    m_saved = std::move(*sections);
  } else {
    m_changed = true;  // missing or damaged: written afresh
  }
}

IndexedFileStore::KindState* IndexedFileStore::validated(Kind kind) const {
  if (bypassed()) return nullptr;
  KindState& state = m_kinds[kind];
  if (!state.validated) validate(kind, state);
  return state.bypassed ? nullptr : &state;
}

IndexedFileStore::KindState* IndexedFileStore::validated_for_load(Kind kind) const {
  if (bypassed()) return nullptr;
  KindState& state = m_kinds[kind];
  if (!state.validated && ++state.loads < m_options.validate_after_loads) return nullptr;
  return validated(kind);
}

void IndexedFileStore::validate(Kind kind, KindState& state) const {
  ensure_saved_read();
  state.validated = true;
  state.slots.clear();
  state.by_field.clear();
  const std::string& folder = kind_spec(kind).folder;
  std::vector<IndexEntry> saved;
  if (auto it = m_saved.find(folder); it != m_saved.end()) {
    if (auto entries = parse_index_section(it->second))
      saved = std::move(*entries);
    else
      m_changed = true;
    m_saved.erase(it);
  }

  fs::path dir = kind_folder(m_files.root(), kind);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    // A missing folder holds nothing; a link or anything odd is the FileStore's to refuse.
    if (errno == ENOENT) {
      m_changed = m_changed || !saved.empty();
      return;
    }
    state.bypassed = true;
    return;
  }
  DIR* listing = ::fdopendir(fd);
  if (!listing) {
    ::close(fd);
    state.bypassed = true;
    return;
  }
  std::vector<std::pair<std::string, bool>> found;  // ID, a regular file
  std::vector<std::string> names;
  while (dirent* d = ::readdir(listing)) {
    auto id = id_of_file_name(kind, d->d_name);
    if (!id) continue;
    found.emplace_back(std::move(*id), false);
    names.emplace_back(d->d_name);
  }
  // Stat every file, on several threads for a large folder (each stat is a path lookup).
  std::vector<FileStamp> stamps(found.size());
  auto stat_range = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      struct stat st {};
      if (::fstatat(fd, names[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
        found[i].second = true;
        stamps[i] = stamp_of(st);
      }
    }
  };
  run_split(found.size(), m_options.threads, stat_range);
  ::closedir(listing);
  std::vector<std::size_t> order(found.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return found[a].first < found[b].first; });

  // Keep the saved entries whose file is unchanged; list the others for parsing.
  std::int64_t now = now_ns() - m_options.racy_ns;
  std::vector<std::size_t> to_parse;
  std::size_t reused = 0;
  auto next_saved = saved.begin();
  state.slots.reserve(found.size());
  for (std::size_t i : order) {
    Slot slot;
    slot.entry.id = std::move(found[i].first);
    slot.entry.stamp = stamps[i];
    while (next_saved != saved.end() && next_saved->id < slot.entry.id) ++next_saved;
    if (found[i].second) {
      if (next_saved != saved.end() && next_saved->id == slot.entry.id &&
          next_saved->stamp == slot.entry.stamp && !(next_saved->flags & IndexEntry::racy)) {
        slot.entry = std::move(*next_saved);
        slot.indexed = true;
        ++reused;
      } else {
        to_parse.push_back(state.slots.size());
      }
    }
    state.slots.push_back(std::move(slot));
  }
  if (reused != saved.size() || !to_parse.empty()) m_changed = true;

  // Parse what changed, on several threads when there is enough of it. Each thread has its own
  // yaml-cpp objects; they share only the slots, each written by one thread. Files are handed
  // out one by one, since their sizes differ.
  std::atomic<std::size_t> next{0};
  const fs::path& root = m_files.root();
  run_split(to_parse.size(), m_options.threads, [&](std::size_t, std::size_t) {
    for (std::size_t n; (n = next.fetch_add(1)) < to_parse.size();) {
      Slot& slot = state.slots[to_parse[n]];
      slot.indexed = parse_entry(kind, root, slot.entry, now);
    }
  });
  m_parsed_files += to_parse.size();
  m_reused_files += reused;
}

const IndexedFileStore::Slot* IndexedFileStore::find_slot(const KindState& state,
                                                          const std::string& id) const {
  auto it = std::lower_bound(state.slots.begin(), state.slots.end(), id,
                             [](const Slot& s, const std::string& v) { return s.entry.id < v; });
  return it != state.slots.end() && it->entry.id == id ? &*it : nullptr;
}

Record IndexedFileStore::decode(Kind kind, const Slot& slot) const {
  return Record(kind, value_from_compact(slot.entry.compact()));
}

std::vector<std::string> IndexedFileStore::ids(Kind kind) const {
  const KindState* state = validated(kind);
  if (!state) return m_files.ids(kind);
  std::vector<std::string> out;
  out.reserve(state->slots.size());
  for (const Slot& s : state->slots) out.push_back(s.entry.id);
  return out;
}

bool IndexedFileStore::exists(Kind kind, const std::string& id) const {
  // Not a reason to validate a kind: new_id() asks for every record a command creates. And a
  // record the validated listing lacks may have been written since (by a writer beside this
  // reader, as `crm check` runs beside `lead convert`): the file decides, as without the index.
  if (bypassed()) return m_files.exists(kind, id);
  auto it = m_kinds.find(kind);
  if (it != m_kinds.end() && it->second.validated && !it->second.bypassed &&
      find_slot(it->second, id))
    return true;
  return m_files.exists(kind, id);
}

Record IndexedFileStore::load(Kind kind, const std::string& id) const {
  if (const KindState* state = validated_for_load(kind)) {
    const Slot* slot = find_slot(*state, id);
    if (slot && slot->indexed && !(slot->entry.flags & IndexEntry::malformed)) {
      try {
        return decode(kind, *slot);
      } catch (const std::runtime_error&) {
      }
    }
  }
  return m_files.load(kind, id);
}

Record IndexedFileStore::load_unchecked(Kind kind, const std::string& id) const {
  if (const KindState* state = validated_for_load(kind)) {
    const Slot* slot = find_slot(*state, id);
    if (slot && slot->indexed) {
      try {
        return decode(kind, *slot);
      } catch (const std::runtime_error&) {
      }
    }
  }
  return m_files.load_unchecked(kind, id);
}

std::vector<Record> IndexedFileStore::find_by(Kind kind, std::string_view field,
                                              std::string_view value) const {
  KindState* state = validated(kind);
  // With a broken file among them, the generic lookup raises its error as the FileStore does.
  if (!state || std::any_of(state->slots.begin(), state->slots.end(), [](const Slot& s) {
        return !s.indexed || (s.entry.flags & IndexEntry::malformed);
      }))
    return RecordStore::find_by(kind, field, value);
  const FieldSpec* spec = kind_spec(kind).field(field);
  bool any_case = spec && spec->type == FieldType::email;
  auto lookup = state->by_field.find(field);
  if (lookup == state->by_field.end()) {
    std::unordered_map<std::string, std::vector<std::size_t>> values;
    try {
      for (std::size_t i = 0; i < state->slots.size(); ++i) {
        std::string text = compact_get(state->slots[i].entry.compact(), field);
        if (!text.empty()) values[any_case ? to_lower(text) : std::move(text)].push_back(i);
      }
    } catch (const std::runtime_error&) {
      return RecordStore::find_by(kind, field, value);
    }
    lookup = state->by_field.emplace(std::string(field), std::move(values)).first;
  }
  std::vector<Record> out;
  auto hit = lookup->second.find(any_case ? to_lower(value) : std::string(value));
  if (hit == lookup->second.end()) return out;
  for (std::size_t i : hit->second) out.push_back(load(kind, state->slots[i].entry.id));
  return out;
}

WriteResult IndexedFileStore::write(const ChangeSet& changes) {
  WriteResult result = m_files.write(changes);
  std::int64_t now = now_ns() - m_options.racy_ns;
  for (const std::string& relative : result.written) {
    auto parsed = parse_record_path(relative);
    if (!parsed) continue;
    auto it = m_kinds.find(parsed->kind);
    if (it == m_kinds.end() || !it->second.validated || it->second.bypassed) continue;
    KindState& state = it->second;
    state.by_field.clear();
    m_changed = true;
    Slot slot;
    slot.entry.id = parsed->id;
    struct stat st {};
    fs::path path = m_files.root() / relative;
    bool present = ::lstat(path.c_str(), &st) == 0;
    if (present && S_ISREG(st.st_mode)) {
      slot.entry.stamp = stamp_of(st);
      slot.indexed = parse_entry(parsed->kind, m_files.root(), slot.entry, now);
    }
    auto at = std::lower_bound(state.slots.begin(), state.slots.end(), parsed->id,
                               [](const Slot& s, const std::string& v) { return s.entry.id < v; });
    if (at != state.slots.end() && at->entry.id == parsed->id) {
      if (present)
        *at = std::move(slot);
      else
        state.slots.erase(at);
    } else if (present) {
      state.slots.insert(at, std::move(slot));
    }
  }
  return result;
}

void IndexedFileStore::save() noexcept {
  try {
    if (!m_options.save || !m_changed || bypassed()) return;
    fs::path local = local_dir(m_files.root());
    struct stat st {};
    if (::lstat(local.c_str(), &st) != 0) {
      if (errno != ENOENT || ::mkdir(local.c_str(), 0700) != 0) return;
    } else if (!S_ISDIR(st.st_mode)) {
      return;  // never write through a link
    }
    IndexFileBuilder builder;
    for (const auto& [folder, section] : m_saved) builder.add_section(folder, section);
    for (const auto& [kind, state] : m_kinds) {
      if (!state.validated || state.bypassed) continue;
      std::vector<const IndexEntry*> entries;
      for (const Slot& s : state.slots)
        if (s.indexed) entries.push_back(&s.entry);
      builder.add_section(kind_spec(kind).folder, entries);
    }
    std::string bytes = std::move(builder).finish();
    remove_stale_index_temps(local, std::time(nullptr));
    if (write_index_file(index_path(m_files.root()), bytes)) m_changed = false;
  } catch (...) {
    // A cache that cannot be written is no error: the next run parses again.
  }
}

}  // namespace crm
