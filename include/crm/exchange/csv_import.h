// `crm import csv`: records of one kind from another tool's CSV export (or crm's own). Columns
// are mapped by --map, by crm's field names, or by the header tables (exchange/column_maps.h);
// references are resolved by name, e-mail or sku; records enter their lifecycle in the state
// the file says, with an `action: import` history entry; a row that matches an existing record
// (by --key, the `id` column, or the kind's natural key) updates it. Every bad row is reported
// with its line and why; the good rows make one change set.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/exchange/import_values.h"
#include "crm/kinds/session.h"

namespace crm {

struct CsvImportOptions {
  Kind kind = Kind::contact;
  std::string source = "standard input";  // the file's name, for history notes
  // --map COLUMN=FIELD, in order; an empty FIELD leaves the column out.
  std::vector<std::pair<std::string, std::string>> maps = {};
  // --map-stage FROM=TO: a stage or status value of the file -> one of crm.yaml's stages or a
  // state of the kind's lifecycle.
  std::vector<std::pair<std::string, std::string>> stage_maps = {};
  // --map-source FROM=TO: a lead source of the file -> one of crm.yaml's lead_sources.
  std::vector<std::pair<std::string, std::string>> source_maps = {};
  std::string key_column = {};  // --key: the column whose value is kept as external_id
  char delimiter = ',';
  DateOrder date_order = DateOrder::unknown;
  // Called every few hundred rows and at the end: (rows done, rows in all).
  std::function<void(std::size_t, std::size_t)> progress = {};
};

struct ImportedRow {
  int line = 0;
  std::string id;
  std::string action;  // "created", "updated" or "unchanged"
  std::string label;   // the record's name or title, for people
};

struct BadRow {
  int line = 0;
  std::string why;
  std::string hint = {};
};

struct CsvImportResult {
  ChangeSet changes;  // each record once, in the order rows first touched it
  std::size_t rows = 0;
  std::size_t created = 0, updated = 0, unchanged = 0;
  std::vector<ImportedRow> records;  // one per good row
  std::vector<BadRow> bad;
  std::vector<std::pair<std::string, std::string>> accounts_created;  // (ID, name)
  std::vector<std::string> products_as_text;  // product values no catalogue entry matches
  std::vector<std::pair<std::string, std::string>> columns;  // (header, field) of mapped ones
  std::vector<std::string> unmapped;                         // headers left out
};

// The kinds `crm import csv --kind` takes: those whose registry entry has `external_id`.
std::vector<std::string> importable_kinds();

// Reads `text` and works out the change set. Writes nothing. Throws UsageError when the file
// cannot be imported at all (not UTF-8, a NUL byte, no header, a --map, --map-stage or --key
// naming what does not exist, a kind that cannot be imported).
CsvImportResult import_csv(Session& session, std::string_view text,
                           const CsvImportOptions& options);

// "A=B" as typed for `option`: (A, B), trimmed. Throws UsageError without an '='.
std::pair<std::string, std::string> split_mapping(std::string_view typed, std::string_view option);

}  // namespace crm
