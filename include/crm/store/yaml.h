// The YAML codec: a defensive reader that turns untrusted text into a Value tree, and the
// canonical writer that turns a tree back into the exact bytes crm stores.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crm/base/value.h"

namespace crm {

// How much a record may need. Anything beyond is refused as hostile or broken.
//
// A record is about 500 bytes and 20 to 120 values (keys included); the canonical form spends
// 9 to 12 bytes a value (examples/), a history entry 9 to 11 values and 100 to 150 bytes, a
// quote line 13 values. The counts below are checked while the parser streams, before a value is
// built, so that a file of a million one-byte items costs what its first few thousand cost: the
// tree takes about 100 bytes a value, and `max_nodes` caps it near 5 MB whatever the file holds.
struct YamlLimits {
  // A whole file. Long texts need it, not lists (the counts below bound those): 16 values of
  // 64 KiB. Reading and parsing a file costs about twice its size, on top of the tree.
  std::size_t max_bytes = 1 << 20;
  std::size_t max_scalar = 64 * 1024;  // one value
  int max_depth = 8;                   // nesting of maps and sequences
  // Items in one list. Lists of maps (history, lines) meet `max_nodes` first; this one stops
  // a long list of short values, where a record needs tens. 5000 is still a history entry
  // every working day for 20 years.
  std::size_t max_items = 5000;
  // Keys in one map: a kind knows at most about 30 fields; the rest is room for your own.
  std::size_t max_entries = 1000;
  // Values in the whole file, keys, lists and maps included: 4500 history entries or more, or a
  // quote of 3800 lines. Over 400 times the largest record in examples/ (112).
  std::size_t max_nodes = 50000;
};

// Parses one YAML document whose top level is a map. Refuses (DataError, message starting
// "SOURCE:LINE: ") invalid UTF-8, anchors, aliases, explicit tags, YAML merge keys (<<),
// duplicate keys, non-scalar keys, a second document, nesting deeper than `limits.max_depth`,
// and input larger or with more values than `limits` allows.
// Every scalar is kept as text; none is converted by yaml-cpp.
Value parse_yaml(std::string_view text, std::string_view source, const YamlLimits& limits = {});

// Writes a map (or, for list output, a sequence) as canonical YAML: block style, 2-space indent,
// strings double-quoted, multi-line text as literal blocks, a final newline, no trailing spaces.
std::string emit_yaml(const Value& document);

// True when a YAML 1.1 or 1.2 reader might read this unquoted text as something other than a
// string (null, boolean, number, date...). Such text is always written quoted when it is a
// string, and kept plain when a user wrote it plain in a key we do not know.
bool may_be_retyped(std::string_view text);

// Writes a tree as JSON. Quoted scalars become strings; plain ones become booleans, numbers or
// null where they read as such.
std::string emit_json(const Value& value, int indent = 2);

}  // namespace crm
