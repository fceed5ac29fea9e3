// crm export json and crm import json: every record of a directory as one JSON document, and
// that document read back into a directory, file for file the same bytes.
//
// The document (docs/import.md):
//
//   {"crm_export": 1,
//    "records": [{"kind": "account", "fields": {"id": "A-...", ...}}, ...]}
//
// Records come in the registry's kind order, then by ID; fields in the record's canonical
// order, custom keys after. Strings are JSON strings; booleans, numbers and null as JSON has
// them. A value a user wrote unquoted in YAML that JSON has no literal for (`since:
// 2024-05-01`) is written as a string and listed, as a JSON Pointer into `fields`, in the
// record's `"plain"` list, so that importing writes it unquoted again.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// The export document of every record (of `kind` only, when given). Broken files throw
// DataError, or with `problems` are reported there and skipped.
std::string export_json(const RecordStore& store, std::optional<Kind> kind,
                        std::vector<LoadProblem>* problems = nullptr);

struct JsonImport {
  ChangeSet changes;          // the records to create
  std::size_t unchanged = 0;  // records the directory already holds, byte for byte
};

// Reads an export document (`display` names it in messages). A record whose ID the directory
// holds with the same bytes is unchanged; with other bytes it is refused (RefusedError, exit 1,
// naming it). A document that is not JSON, not an export, or holds a record crm would not
// write (a wrong kind, an ID that does not fit, a malformed field, a value or nesting beyond
// what a record may hold) is refused (UsageError, exit 2) naming where. Nothing is written
// unless all of it can be.
JsonImport import_json(Session& session, std::string_view text, const std::string& display);

}  // namespace crm
