#include "crm/store/index_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "crm/kinds/registry.h"

namespace crm {
namespace index_file {

constexpr char k_magic[8] = {'C', 'R', 'M', 'I', 'N', 'D', 'E', 'X'};
constexpr std::size_t k_header_bytes = 8 + 4 + 4 + 8 + 8 + 8;
// Deeper than any record may nest (YamlLimits::max_depth is 8): a bound for the decoder.
constexpr int k_max_depth = 64;
// A file larger than this is not an index crm wrote.
constexpr std::uint64_t k_max_index_bytes = std::uint64_t{4} << 30;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

[[noreturn]] void bad() {
  throw std::runtime_error("damaged index data");
}

// Reads from a byte range with every bound checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
  bool done() const { return m_pos == m_bytes.size(); }
  std::uint8_t u8() {
    if (m_pos >= m_bytes.size()) bad();
    return static_cast<std::uint8_t>(m_bytes[m_pos++]);
  }
  std::uint64_t fixed(int n) {
    if (m_bytes.size() - m_pos < static_cast<std::size_t>(n)) bad();
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= std::uint64_t{static_cast<std::uint8_t>(m_bytes[m_pos + i])} << (8 * i);
    m_pos += n;
    return v;
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t b = u8();
      v |= std::uint64_t{b & 0x7fu} << shift;
      if (!(b & 0x80)) return v;
    }
    bad();
  }
  std::string_view string() { return bytes(varint()); }
  std::string_view bytes(std::uint64_t n) {
    if (n > m_bytes.size() - m_pos) bad();
    std::string_view s = m_bytes.substr(m_pos, n);
    m_pos += n;
    return s;
  }

 private:
  std::string_view m_bytes;
  std::size_t m_pos = 0;
};

// The tag byte of a value: bits 0-1 its type, bit 2 a plain scalar.
constexpr std::uint8_t k_plain_bit = 4;

// Decodes one value into `v` (a fresh Value), building each child in place.
void read_value(Reader& in, Value& v, int depth) {
  if (depth > k_max_depth) bad();
  std::uint8_t tag = in.u8();
  if (tag & ~std::uint8_t{7}) bad();
  int line = static_cast<int>(in.varint());
  switch (static_cast<Value::Type>(tag & 3)) {
    case Value::Type::null:
      break;
    case Value::Type::scalar:
      v = Value::string(std::string(in.string()));
      break;
    case Value::Type::sequence: {
      v = Value::sequence();
      std::uint64_t n = in.varint();
      if (n > (1u << 24)) bad();
      v.items().resize(n);
      for (Value& item : v.items()) read_value(in, item, depth + 1);
      break;
    }
    case Value::Type::map: {
      v = Value::map();
      std::uint64_t n = in.varint();
      if (n > (1u << 24)) bad();
      v.entries().resize(n);
      for (auto& [key, item] : v.entries()) {
        key = in.string();
        read_value(in, item, depth + 1);
      }
      break;
    }
  }
  v.set_style(tag & k_plain_bit ? Value::Style::plain : Value::Style::quoted);
  v.set_line(line);
}

// Skips one value; returns its scalar text when it is a scalar.
std::string_view skip_value(Reader& in, int depth, bool* is_scalar) {
  if (depth > k_max_depth) bad();
  std::uint8_t tag = in.u8();
  if (tag & ~std::uint8_t{7}) bad();
  in.varint();
  *is_scalar = false;
  switch (static_cast<Value::Type>(tag & 3)) {
    case Value::Type::null:
      break;
    case Value::Type::scalar:
      *is_scalar = true;
      return in.string();
    case Value::Type::sequence: {
      std::uint64_t n = in.varint();
      bool ignored;
      for (std::uint64_t i = 0; i < n; ++i) skip_value(in, depth + 1, &ignored);
      break;
    }
    case Value::Type::map: {
      std::uint64_t n = in.varint();
      bool ignored;
      for (std::uint64_t i = 0; i < n; ++i) {
        in.string();
        skip_value(in, depth + 1, &ignored);
      }
      break;
    }
  }
  return {};
}

std::uint64_t fnv_mix(std::uint64_t h, std::uint64_t word) {
  return (h ^ word) * 0x100000001b3ULL;
}

std::uint64_t fnv_string(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = fnv_mix(h, c);
  return fnv_mix(h, 0xff);
}

}  // namespace index_file

using namespace index_file;

void append_compact(std::string& out, const Value& value) {
  std::uint8_t tag = static_cast<std::uint8_t>(value.type());
  if (value.style() == Value::Style::plain) tag |= k_plain_bit;
  out.push_back(static_cast<char>(tag));
  put_varint(out, static_cast<std::uint64_t>(value.line() < 0 ? 0 : value.line()));
  switch (value.type()) {
    case Value::Type::null:
      break;
    case Value::Type::scalar:
      put_string(out, value.text());
      break;
    case Value::Type::sequence:
      put_varint(out, value.items().size());
      for (const Value& item : value.items()) append_compact(out, item);
      break;
    case Value::Type::map:
      put_varint(out, value.entries().size());
      for (const auto& [key, item] : value.entries()) {
        put_string(out, key);
        append_compact(out, item);
      }
      break;
  }
}

std::string compact_value(const Value& value) {
  std::string out;
  out.reserve(512);
  append_compact(out, value);
  return out;
}

Value value_from_compact(std::string_view compact) {
  Reader in(compact);
  Value v;
  read_value(in, v, 0);
  if (!in.done()) bad();
  return v;
}

std::string compact_get(std::string_view compact, std::string_view key) {
  Reader in(compact);
  std::uint8_t tag = in.u8();
  in.varint();
  if ((tag & 3) != static_cast<std::uint8_t>(Value::Type::map)) return {};
  std::uint64_t n = in.varint();
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string_view k = in.string();
    bool is_scalar = false;
    std::string_view text = skip_value(in, 1, &is_scalar);
    if (k == key) return is_scalar ? std::string(text) : std::string();
  }
  return {};
}

std::uint64_t index_schema_fingerprint() {
  static const std::uint64_t fingerprint = [] {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const KindSpec& spec : all_kinds()) {
      h = fnv_string(h, spec.folder);
      h = fnv_string(h, spec.prefix);
      for (const FieldSpec& f : spec.fields) {
        h = fnv_string(h, f.name);
        h = fnv_mix(h, static_cast<std::uint64_t>(f.type));
        h = fnv_mix(h, f.required ? 1 : 0);
        for (const std::string& c : f.choices) h = fnv_string(h, c);
        for (const std::string& s : f.required_in) h = fnv_string(h, s);
        for (Kind k : f.targets) h = fnv_mix(h, static_cast<std::uint64_t>(k));
      }
    }
    return h;
  }();
  return fingerprint;
}

std::uint64_t index_checksum(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);  // the index is read where it was written
    h = fnv_mix(h, word);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  h = fnv_mix(h, tail);
  return fnv_mix(h, bytes.size());
}

std::string encode_index_section(const std::vector<const IndexEntry*>& entries) {
  std::string out;
  append_index_section(out, entries);
  return out;
}

void append_index_section(std::string& out, const std::vector<const IndexEntry*>& entries) {
  std::size_t estimate = 4;
  for (const IndexEntry* e : entries) estimate += 80 + e->compact().size();
  out.reserve(out.size() + estimate);
  put_u32(out, static_cast<std::uint32_t>(entries.size()));
  for (const IndexEntry* entry : entries) {
    const IndexEntry& e = *entry;
    put_string(out, e.id);
    put_u64(out, e.stamp.size);
    put_u64(out, static_cast<std::uint64_t>(e.stamp.mtime_sec));
    put_u64(out, static_cast<std::uint64_t>(e.stamp.mtime_nsec));
    put_u64(out, e.stamp.inode);
    put_u64(out, static_cast<std::uint64_t>(e.stamp.ctime_sec));
    put_u64(out, static_cast<std::uint64_t>(e.stamp.ctime_nsec));
    out.push_back(static_cast<char>(e.flags));
    put_string(out, e.compact());
  }
}

std::optional<std::vector<IndexEntry>> parse_index_section(std::string_view section) {
  try {
    Reader in(section);
    std::uint64_t n = in.fixed(4);
    if (n > section.size()) return std::nullopt;
    std::vector<IndexEntry> entries;
    entries.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      IndexEntry e;
      e.id = std::string(in.string());
      e.stamp.size = in.fixed(8);
      e.stamp.mtime_sec = static_cast<std::int64_t>(in.fixed(8));
      e.stamp.mtime_nsec = static_cast<std::int64_t>(in.fixed(8));
      e.stamp.inode = in.fixed(8);
      e.stamp.ctime_sec = static_cast<std::int64_t>(in.fixed(8));
      e.stamp.ctime_nsec = static_cast<std::int64_t>(in.fixed(8));
      e.flags = in.u8();
      e.saved = in.string();
      if (e.saved.empty() || (!entries.empty() && !(entries.back().id < e.id))) return std::nullopt;
      entries.push_back(std::move(e));
    }
    if (!in.done()) return std::nullopt;
    return entries;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

IndexFileBuilder::IndexFileBuilder() : m_out(k_magic, sizeof k_magic) {
  put_u32(m_out, k_index_format_version);
  put_u32(m_out, 0);
  put_u64(m_out, index_schema_fingerprint());
  put_u64(m_out, 0);  // the body's size and checksum, filled in by finish()
  put_u64(m_out, 0);
  put_u32(m_out, 0);  // the number of sections, likewise
}

void IndexFileBuilder::add_section(std::string_view folder, std::string_view section) {
  put_string(m_out, folder);
  put_u64(m_out, section.size());
  m_out += section;
  ++m_sections;
}

void IndexFileBuilder::add_section(std::string_view folder,
                                   const std::vector<const IndexEntry*>& entries) {
  put_string(m_out, folder);
  std::size_t size_at = m_out.size();
  put_u64(m_out, 0);
  append_index_section(m_out, entries);
  std::string size;
  put_u64(size, m_out.size() - size_at - 8);
  m_out.replace(size_at, 8, size);
  ++m_sections;
}

std::string IndexFileBuilder::finish() && {
  std::string count;
  put_u32(count, m_sections);
  m_out.replace(k_header_bytes, 4, count);
  std::string_view body = std::string_view(m_out).substr(k_header_bytes);
  std::string fields;
  put_u64(fields, body.size());
  put_u64(fields, index_checksum(body));
  m_out.replace(k_header_bytes - 16, 16, fields);
  return std::move(m_out);
}

std::string serialize_index(const std::map<std::string, std::string>& sections) {
  IndexFileBuilder builder;
  for (const auto& [folder, section] : sections) builder.add_section(folder, section);
  return std::move(builder).finish();
}

std::optional<IndexSections> parse_index(std::string_view bytes) {
  if (bytes.size() < k_header_bytes || bytes.substr(0, 8) != std::string_view(k_magic, 8))
    return std::nullopt;
  try {
    Reader header(bytes.substr(8, k_header_bytes - 8));
    if (header.fixed(4) != k_index_format_version) return std::nullopt;
    if (header.fixed(4) != 0) return std::nullopt;  // reserved
    if (header.fixed(8) != index_schema_fingerprint()) return std::nullopt;
    std::uint64_t body_size = header.fixed(8);
    std::uint64_t checksum = header.fixed(8);
    std::string_view body = bytes.substr(k_header_bytes);
    if (body.size() != body_size || index_checksum(body) != checksum) return std::nullopt;
    Reader in(body);
    IndexSections sections;
    std::uint64_t kinds = in.fixed(4);
    for (std::uint64_t k = 0; k < kinds; ++k) {
      std::string folder(in.string());
      std::uint64_t size = in.fixed(8);
      std::string_view section = in.bytes(size);
      if (!sections.emplace(std::move(folder), section).second) return std::nullopt;
    }
    if (!in.done()) return std::nullopt;
    return sections;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

std::optional<IndexSections> read_index_file(const std::filesystem::path& path,
                                             std::string& bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<std::uint64_t>(st.st_size) <= k_max_index_bytes;
  if (ok) {
    bytes.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ok = done == bytes.size();
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  return parse_index(bytes);
}

bool write_index_file(const std::filesystem::path& path, const std::string& bytes) {
  static std::atomic<int> counter{0};
  // Not named like crm's temp files (".NAME.tmp"): those are a crashed write's leftovers to
  // `crm check`, and a reader refreshing the index takes no lock.
  std::filesystem::path temp =
      path.parent_path() / (path.filename().string() + ".new-" + std::to_string(::getpid()) + "-" +
                            std::to_string(counter++));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  bool ok = true;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  ok = ok && ::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) ::unlink(temp.c_str());
  return ok;
}

}  // namespace crm
