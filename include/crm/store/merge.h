// Three-way merges of one record, field by field, for `crm merge-file` (git's merge driver,
// DESIGN 6), and settling what such a merge could not: the `conflicts` a record keeps until
// `crm resolve`. Pure functions of texts and trees; the command line does the files and git.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/value.h"
#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"
#include "crm/kinds/session.h"

namespace crm {

// One field both sides changed differently. An absent value (the field was not there, or a
// side removed it) is nullopt.
struct FieldConflict {
  std::string field;
  std::optional<Value> base;
  std::optional<Value> ours;
  std::optional<Value> theirs;
};

// Merges the top-level fields of three versions of one record (`base` is an empty map for a
// record both sides added). A field changed on one side only is taken from it; one changed
// identically on both, or removed on one side and untouched on the other, too. Where both
// changed it differently the field's MergeRule (kinds/registry.h) decides: the union of list
// entries, appended text, or a conflict: the field keeps ours and `conflicts` holds
// {field, base, ours, theirs}. Keys crm does not know merge by the same rule as a `whole`
// field. Returns the merged fields (in no particular order) and the new conflicts.
struct FieldMerge {
  Value fields;
  std::vector<FieldConflict> conflicts;
};
FieldMerge merge_fields(const KindSpec& spec, const Value& base, const Value& ours,
                        const Value& theirs);

// What `crm merge-file` makes of the three texts of one file.
struct TextMerge {
  // False when an input is not a record crm reads (not a record path, bad or hostile YAML, a
  // wrong id, a malformed field, text with conflict markers): then nothing was merged, `why`
  // says why, and the caller falls back to git's text merge so that no data is lost.
  bool merged = false;
  std::string why;
  std::string text;  // the merged record, canonical YAML
  std::vector<FieldConflict> conflicts;
  std::string id;  // the record's ID, for messages
};
// `path` is the file's path in the repository as git gives it (%P): its last two parts name
// the kind's folder and the ID (`deals/D-7K3QZ9AB.yaml`), also when the data directory is a
// folder of the repository. An empty (or all-blank) `base` is a record both sides added.
TextMerge merge_record_texts(std::string_view base, std::string_view ours, std::string_view theirs,
                             std::string_view path);

// The conflicts a record holds (entries of its `conflicts` field that name a field).
std::vector<std::string> conflicted_fields(const Record& record);

// How `crm resolve` settles one conflict: keep ours, take theirs, or a value of its own.
struct Resolution {
  std::string field;
  std::string take;  // "ours", "theirs", or the value itself
};

// Settles one conflict of `record`: sets the field (a literal value is validated as the
// field's type and, for stages and lead sources, crm.yaml's lists), removes its entry from
// `conflicts` (and `conflicts` once empty) and appends a history entry naming the resolve.
// Throws RefusedError (exit 1) when the record has no such conflict, with a hint listing the
// conflicted fields, and UsageError (exit 2) for a value the field cannot hold.
ChangeSet resolve_conflict(Session& session, Record record, const Resolution& resolution);

// A value as one line for messages: a scalar's text quoted, a list or map as compact JSON,
// "(absent)" for nullopt.
std::string conflict_value_text(const std::optional<Value>& value);

}  // namespace crm
