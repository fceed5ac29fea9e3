// The on-disk format of the local index `.crm/index` (store/indexed_file_store.h): each record
// file's stat data and its record in a compact binary form, so that a reader need not parse
// YAML that has not changed. The index is a cache, never the source of truth: anything wrong
// with the file (missing, short, damaged, another format version) reads as an empty index.
//
// Layout (integers little-endian):
//   header   "CRMINDEX" | u32 format version | u32 0 | u64 schema fingerprint | u64 body size
//            | u64 checksum of the body (FNV-1a 64 over 8-byte words)
//   body     u32 kinds, then per kind: folder name, u64 section size, section
//   section  u32 entries, then per entry: ID, u64 size, i64 mtime s, i64 mtime ns, u64 inode,
//            i64 ctime s, i64 ctime ns, u8 flags, compact record
// Strings and compact records are a varint length and their bytes. A run reads the whole file
// (and checks it) but decodes only the sections of the kinds it reads, and writes the others
// back as they were.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/value.h"

namespace crm {

// Bumped whenever the layout or the compact form changes: an index of another version is
// rebuilt.
inline constexpr std::uint32_t k_index_format_version = 1;

// What identifies a file's contents without reading it. A rename over a file (every crm write)
// gives a new inode; an edit in place changes size or mtime; and any change at all sets the
// ctime, which no program can set back (`touch -r`, `cp -p`, tar and rsync restore mtimes, and
// a freed inode number is soon reused), so that a same-size edit with the old mtime is seen too.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_sec = 0;
  std::int64_t mtime_nsec = 0;
  std::uint64_t inode = 0;
  std::int64_t ctime_sec = 0;
  std::int64_t ctime_nsec = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

struct IndexEntry {
  enum Flags : std::uint8_t {
    malformed = 1,  // parsed, but a known field is malformed: load() must raise the FileStore's
                    // error, load_unchecked() may use the record
    racy = 2,       // changed (ctime) within a second of being indexed: parsed again on the
                    // next run, since a change in the same clock tick would keep the stamp
                    // (git's "racily clean" entries)
  };
  std::string id;
  FileStamp stamp;
  std::uint8_t flags = 0;
  // The record's fields (compact_value()): bytes of its own when parsed in this run, else a
  // view into the index file read (which outlives the entry).
  std::string owned;
  std::string_view saved;

  std::string_view compact() const { return owned.empty() ? saved : std::string_view(owned); }
};

// The sections of an index file, keyed by kind folder; views into the file's bytes.
using IndexSections = std::map<std::string, std::string_view, std::less<>>;

// The compact form of a Value tree: every type, style, line and text kept, so that it reads
// back to an identical tree.
void append_compact(std::string& out, const Value& value);
std::string compact_value(const Value& value);
// Throws std::runtime_error when the bytes are not a compact tree.
Value value_from_compact(std::string_view compact);
// The scalar text at top-level `key` of a compact map, as Value::get gives it ("" when absent,
// null or not a scalar), without building the tree. Throws std::runtime_error like the above.
std::string compact_get(std::string_view compact, std::string_view key);

// A number that changes when the kind registry's folders or fields change, so that an index
// written by a crm with other kinds is rebuilt.
std::uint64_t index_schema_fingerprint();

// A kind's entries (sorted by ID) as a section, and back: nullopt when the section is damaged.
// Parsed entries view into `section`.
std::string encode_index_section(const std::vector<const IndexEntry*>& entries);
void append_index_section(std::string& out, const std::vector<const IndexEntry*>& entries);
std::optional<std::vector<IndexEntry>> parse_index_section(std::string_view section);

// The index file's bytes from its sections, and back. Parsing returns nullopt for anything but
// a complete, undamaged file of this format version and schema.
std::string serialize_index(const std::map<std::string, std::string>& sections);

// Builds an index file's bytes section by section, in one buffer (at 100,000 records the
// sections and a copy of them would double the memory a save needs).
class IndexFileBuilder {
 public:
  IndexFileBuilder();
  // A section as read from the old file, or one encoded from entries.
  void add_section(std::string_view folder, std::string_view section);
  void add_section(std::string_view folder, const std::vector<const IndexEntry*>& entries);
  // The whole file: header (sizes and checksum) filled in.
  std::string finish() &&;

 private:
  std::string m_out;
  std::uint32_t m_sections = 0;
};
std::optional<IndexSections> parse_index(std::string_view bytes);

// Reads `path` (a regular file, not followed if a link) into `bytes`; nullopt when it is
// missing or bad.
std::optional<IndexSections> read_index_file(const std::filesystem::path& path, std::string& bytes);
// Writes `bytes` to `path` atomically: a temp file beside it, fsync, rename. False (and nothing
// left behind) when it cannot; the caller goes on without the index.
bool write_index_file(const std::filesystem::path& path, const std::string& bytes);

// FNV-1a 64 over 8-byte little-endian words (the tail zero-padded), then the length: fast
// enough to check a 50 MB index in milliseconds.
std::uint64_t index_checksum(std::string_view bytes);

}  // namespace crm
