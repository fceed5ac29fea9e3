// The kind registry: the one place that says everything about a record kind — its folder, ID
// and number prefixes, fields, lifecycle machine, derived states, parents, amounts, lookup keys
// and the command users type for it. Everything else asks it (git's commands[] table, ERPNext's
// doctypes); a `switch` over kinds elsewhere is a second registry and a bug.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <functional>

#include "crm/base/config.h"
#include "crm/base/value.h"

namespace crm {

struct Machine;

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
  campaign,
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
  email,      // an e-mail address (HTML's "valid e-mail address")
  history,    // the list of {at, from, to, by, note} entries
  list,       // a list of text values
  entries,    // a list of maps (lines, roles, documents...)
};

// How `crm merge-file` (git's merge driver) merges a field that both sides of a merge changed
// differently (DESIGN 6). A field changed on one side only is always taken from that side.
enum class MergeRule {
  whole,     // one value: different changes on both sides are a conflict
  entries,   // a list both sides add to (history, documents, a buying centre): the union of
             // the entries, less those either side removed, without duplicates
  appended,  // text both sides append to (notes): the base, then each side's addition
};

// Whether a field holds a person's personal data, for erasure (relationship/erasure.h).
enum class Personal {
  no,
  identifies,  // names the person (name, e-mail, phone): scrubbed from every record
  about,       // says something about the person (job title, notes): removed with them
};

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::text;
  std::vector<std::string> choices;      // for choice (for `status`: the machine's states)
  std::vector<Kind> targets;             // for reference; empty means any kind
  bool required = false;                 // in every state
  std::vector<std::string> required_in;  // states in which it is required
  std::string description;               // for docs and `crm check` hints
  bool only_then = false;                // allowed only in the required_in states
  // A list in crm.yaml the value must come from ("stages", "lead_sources"), checked where the
  // configuration is known (writes and `crm check`).
  std::string vocabulary = {};
  // How a merge settles different changes on both sides. For MergeRule::entries:
  // `merge_key` names the entry field that identifies an entry (a role's contact; empty: the
  // whole entry), so that one contact's role changed on both sides is a conflict, not two
  // roles; `merge_order` names the timestamp entries are kept sorted by (history's `at`).
  MergeRule merge = MergeRule::whole;
  std::string merge_key = {};
  std::string merge_order = {};
  Personal personal = Personal::no;
  // For a list of entries that identifies the person (a contact's other e-mails): the entry
  // key that holds the identifying value (`address`, `number`), not its kind.
  std::string personal_key = {};

  bool is_list() const {
    return type == FieldType::history || type == FieldType::list || type == FieldType::entries;
  }
};

// How a record is found by a key other than its ID (DESIGN section 2's resolution order).
enum class KeyMatch {
  unique,  // a human number or sku: step 2, exact
  name,    // an exact name: step 4
  email,   // an e-mail in any letter case: step 4
};

class Record;

// A value shown with a record but never stored, because it follows from the record and
// crm.yaml: a deal's probability comes from its stage.
struct DerivedField {
  std::string name;
  std::string description;
  std::function<std::string(const Record&, const Config&)> value;
};

struct LookupKey {
  std::string field;
  KeyMatch match;
};

struct KindSpec {
  Kind kind;
  std::string name;           // "service-order": the kind's name in messages and `crm check`
  std::string folder;         // "service-orders"
  std::string prefix;         // ID prefix: "SV" in SV-7K3QZ9AB
  std::string number_prefix;  // human numbers "SV-2026-0001"; empty: the kind has none
  std::string label;          // the field that names a record to a person: name, title, number
  std::vector<FieldSpec> fields;
  // The lifecycle, or nullptr. `machine_when` limits it to records whose field has a value
  // (only activities of type task have a status).
  const Machine* machine = nullptr;
  std::optional<std::pair<std::string, std::string>> machine_when;
  // Reference fields naming the records this one belongs to: a timeline rolls records up
  // along them, and erasing a person follows them.
  std::vector<std::string> parents;
  // Money fields that reports may sum (per currency).
  std::vector<std::string> amounts;
  // Keys a reference may name a record by, besides its ID.
  std::vector<LookupKey> keys;
  // The command words users type for this kind: {"service", "order"} is `crm service order`.
  // Every kind has at least `list` and `show` under it.
  std::vector<std::string> command;
  // The date or timestamp field lists are sorted by (activities: when they happened).
  std::string list_order = "created";
  // Values shown with the record (JSON, YAML, show) that the file does not hold.
  std::vector<DerivedField> derived_fields = {};
  // Records of what happened about another record (activities): a timeline shows them as
  // events of the record they are about, not as records of their own.
  bool is_event = false;
  // Records a customer receives as a document (crm quote show --format html|pdf): the seller's
  // block, the customer's, lines and totals (acting/document_model.h).
  bool customer_document = false;
  // A field besides the machine's state that marks progress through the lifecycle (a deal's
  // stage): hooks count a change of it as a transition, like a change of state.
  std::string stage_field = {};
  // Where `crm call` finds a number when the record has no `phone` (or `phones`) of its own,
  // in order: a reference field, or FIELD.KEY for a list of entries that name records by KEY
  // (a deal: its contact, then its buying centre's contacts, then its account).
  std::vector<std::string> call_through = {};

  const FieldSpec* field(std::string_view name) const;
  bool has_field(std::string_view name) const { return field(name) != nullptr; }
  // "crm service order"
  std::string command_line() const;
  // Where a person finds records of this kind: "list them with `crm service order list`".
  std::string list_hint() const;
};

const std::vector<KindSpec>& all_kinds();
// Every kind's name, in registry order (what --kind options accept).
std::vector<std::string> kind_names();
const KindSpec& kind_spec(Kind kind);
std::optional<Kind> kind_by_name(std::string_view name);
std::optional<Kind> kind_by_prefix(std::string_view prefix);
std::optional<Kind> kind_by_folder(std::string_view folder);

// The lifecycle a record follows (its kind's machine, where `machine_when` holds), or nullptr.
const Machine* machine_of(const KindSpec& spec, const Value& fields);

// Vocabularies that scripts may rely on. Lead sources are crm.yaml's (Config::lead_sources).
const std::vector<std::string>& activity_types();
const std::vector<std::string>& product_kinds();
const std::vector<std::string>& buying_roles();
const std::vector<std::string>& influence_levels();
const std::vector<std::string>& attitudes();
const std::vector<std::string>& service_periods();
const std::vector<std::string>& maintenance_intervals();
const std::vector<std::string>& priorities();
const std::vector<std::string>& campaign_channels();

// Puts known keys in schema order (unknown keys follow, in their order) and writes known text
// fields quoted. Loading and saving an already canonical record changes nothing.
Value canonical_order(const KindSpec& spec, Value fields);

}  // namespace crm
