// The record kinds: their folders, ID prefixes and fields (order, type, when required).
// This table is the one place that says what a record of each kind looks like; the canonical
// writer, `crm check` and docs/data-format.md all follow it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/value.h"

namespace crm {

enum class Kind {
  account,
  contact,
  lead,
  deal,
  activity,
  product,
  quote,
  order,
  contract,
  invoice,
  service_contract,
  service_request,
  service_order,
  confirmation,
  solution,
};

enum class FieldType {
  text,       // a string, always written double-quoted
  date,       // YYYY-MM-DD
  timestamp,  // ISO 8601 with offset
  choice,     // one of FieldSpec::choices
  reference,  // the ID of another record
  boolean,    // true / false, written plain
  integer,    // written plain
  decimal,    // a decimal string, e.g. "2.5"
  money,      // an amount with at most the record currency's minor digits, e.g. "3374.97"
  history,    // the list of {at, from, to, by, note} entries
  list,       // a list of text values
  entries,    // a list of maps (lines, roles, documents...)
};

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::text;
  std::vector<std::string> choices;      // for choice
  std::vector<Kind> targets;             // for reference; empty means any kind
  bool required = false;                 // in every state
  std::vector<std::string> required_in;  // states in which it is required
  std::string description;               // for docs and `crm check` hints
  bool only_then = false;                // allowed only in the required_in states
};

struct KindSpec {
  Kind kind;
  std::string name;    // "lead", as typed on the command line
  std::string folder;  // "leads"
  std::string prefix;  // "L"
  std::string label;   // the field that names a record to a person: name, title, subject
  std::vector<FieldSpec> fields;

  const FieldSpec* field(std::string_view name) const;
};

const std::vector<KindSpec>& all_kinds();
const KindSpec& kind_spec(Kind kind);
std::optional<Kind> kind_by_name(std::string_view name);
std::optional<Kind> kind_by_prefix(std::string_view prefix);
std::optional<Kind> kind_by_folder(std::string_view folder);

// The lead sources and activity types that scripts may rely on.
const std::vector<std::string>& lead_sources();
const std::vector<std::string>& activity_types();
const std::vector<std::string>& product_kinds();
// The buying centre's vocabulary.
const std::vector<std::string>& buying_roles();
const std::vector<std::string>& influence_levels();
const std::vector<std::string>& attitudes();

// Puts known keys in schema order (unknown keys follow, in their order) and writes known text
// fields quoted. Loading and saving an already canonical record changes nothing.
Value canonical_order(const KindSpec& spec, Value fields);

}  // namespace crm
