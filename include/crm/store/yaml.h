// The YAML codec: a defensive reader that turns untrusted text into a Value tree, and the
// canonical writer that turns a tree back into the exact bytes crm stores.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "crm/base/value.h"

namespace crm {

// How much a record may need. Anything beyond is refused as hostile or broken.
struct YamlLimits {
  std::size_t max_bytes = 1 << 20;     // a whole file
  std::size_t max_scalar = 64 * 1024;  // one value
  int max_depth = 8;                   // nesting of maps and sequences
};

// Parses one YAML document whose top level is a map. Refuses (DataError, message starting
// "SOURCE:LINE: ") invalid UTF-8, anchors, aliases, explicit tags, YAML merge keys (<<),
// duplicate keys, non-scalar keys, a second document, nesting deeper than `limits.max_depth`,
// and oversized input.
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
