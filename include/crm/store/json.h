// The strict JSON reader: turns untrusted JSON text (RFC 8259) into a Value tree, refusing
// anything a JSON parser might read differently from us, the counterpart of emit_json.
//
// Why our own: no JSON library is a dependency, and yaml-cpp, which reads JSON as YAML, is lax
// (duplicate keys, unquoted words, tabs, comments) and builds a node tree we have no limits on.
// This reader is a single pass with an explicit depth limit, so no input can overflow the stack.
#pragma once

#include <cstddef>
#include <string_view>

#include "crm/base/value.h"

namespace crm {

struct JsonLimits {
  std::size_t max_depth = 32;           // nesting of objects and arrays
  std::size_t max_string = 1 << 20;     // one string, in bytes once decoded
  std::size_t max_values = 50'000'000;  // values in the whole document
};

// Parses one JSON document (any value at the top). Strings become quoted scalars, numbers,
// true and false plain scalars holding their text as written (never converted to binary),
// null a null Value; objects keep their key order. Refuses (DataError, "SOURCE:LINE: ...")
// invalid UTF-8, a byte order mark, lone surrogates in \u escapes, control characters in
// strings, duplicate keys, trailing commas, leading zeros, anything after the value, nesting
// deeper than `limits.max_depth` and input beyond the other limits. Every value remembers its
// line.
Value parse_json(std::string_view text, std::string_view source, const JsonLimits& limits = {});

}  // namespace crm
