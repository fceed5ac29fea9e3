#include "crm/store/merge.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/lifecycle.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm {
namespace record_merge {

const char* const k_conflicts = "conflicts";

bool same(const Value* a, const Value* b) {
  if (!a || !b) return a == b;
  return *a == *b;
}

std::optional<Value> copy_of(const Value* v) {
  if (!v) return std::nullopt;
  return *v;
}

// Whether two entries of a list are the same entry (not necessarily with the same content):
// by the registry's merge key where both have it, else by their whole value.
bool same_entry(const Value& a, const Value& b, const std::string& key) {
  if (!key.empty() && a.is_map() && b.is_map() && a.find(key) && b.find(key))
    return a.get(key) == b.get(key);
  return a == b;
}

const Value* find_entry(const Value* list, const Value& wanted, const std::string& key) {
  if (!list) return nullptr;
  for (const Value& item : list->items())
    if (same_entry(item, wanted, key)) return &item;
  return nullptr;
}

struct ListMerge {
  Value list = Value::sequence();
  bool clash = false;  // one entry changed differently on both sides, or changed and removed
};

// The union of a list both sides add to: every entry either side added, less the entries
// either side removed, each entry once. An entry (found by `key`) that both sides changed
// differently, or that one side changed and the other removed, is a clash: ours is kept.
ListMerge merge_entries(const Value* base, const Value* ours, const Value* theirs,
                        const std::string& key, const std::string& order) {
  ListMerge out;
  auto add = [&](const Value& entry) {
    if (!find_entry(&out.list, entry, key)) out.list.push_back(entry);
  };
  if (ours) {
    for (const Value& x : ours->items()) {
      const Value* b = find_entry(base, x, key);
      const Value* t = find_entry(theirs, x, key);
      if (b && !t) {  // theirs removed it
        if (!(x == *b)) {
          out.clash = true;
          add(x);
        }
      } else if (b && t) {
        if (x == *t || *t == *b) {
          add(x);
        } else if (x == *b) {
          add(*t);
        } else {
          out.clash = true;
          add(x);
        }
      } else {  // ours added it (and theirs perhaps the same entry)
        if (t && !(x == *t)) out.clash = true;
        add(x);
      }
    }
  }
  if (theirs) {
    for (const Value& y : theirs->items()) {
      if (find_entry(ours, y, key)) continue;
      if (const Value* b = find_entry(base, y, key)) {  // ours removed it
        if (!(y == *b)) out.clash = true;
        continue;
      }
      add(y);
    }
  }
  if (!order.empty())
    std::stable_sort(out.list.items().begin(), out.list.items().end(),
                     [&](const Value& a, const Value& b) {
                       return moment_key(a.get(order)) < moment_key(b.get(order));
                     });
  return out;
}

// Text both sides appended to: the base, ours' addition, then theirs' on a line of its own.
std::optional<Value> merge_appended(const Value* base, const Value* ours, const Value* theirs) {
  static const Value k_empty = Value::string("");
  if (!base) base = &k_empty;
  if (!ours || !theirs || !base->is_scalar() || !ours->is_scalar() || !theirs->is_scalar())
    return std::nullopt;
  const std::string& b = base->text();
  if (!ours->text().starts_with(b) || !theirs->text().starts_with(b)) return std::nullopt;
  std::string text = ours->text();
  std::string addition = theirs->text().substr(b.size());
  if (!text.empty() && text.back() != '\n' && !addition.empty() && addition.front() != '\n')
    text += '\n';
  return Value::string(text + addition);
}

bool is_list_or_absent(const Value* v) {
  return !v || v->is_sequence();
}

Value conflict_entry(const FieldConflict& c) {
  Value entry = Value::map();
  entry.set("field", Value::string(c.field));
  if (c.base) entry.set("base", *c.base);
  if (c.ours) entry.set("ours", *c.ours);
  if (c.theirs) entry.set("theirs", *c.theirs);
  return entry;
}

// All keys of the three maps: ours' order, then theirs' new ones, then base's.
std::vector<std::string> all_keys(const Value& base, const Value& ours, const Value& theirs) {
  std::vector<std::string> keys;
  for (const Value* v : {&ours, &theirs, &base})
    for (const auto& [key, value] : v->entries())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  return keys;
}

std::string last_two_parts(std::string_view path) {
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return std::string(path);
  auto before = path.rfind('/', slash - 1);
  return std::string(before == std::string_view::npos ? path : path.substr(before + 1));
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace record_merge

FieldMerge merge_fields(const KindSpec& spec, const Value& base, const Value& ours,
                        const Value& theirs) {
  using namespace record_merge;
  FieldMerge out{Value::map(), {}};
  for (const std::string& key : all_keys(base, ours, theirs)) {
    if (key == k_conflicts) continue;  // last, below
    const Value* b = base.find(key);
    const Value* o = ours.find(key);
    const Value* t = theirs.find(key);
    std::optional<Value> merged;
    if (same(o, t) || same(t, b)) {
      merged = copy_of(o);
    } else if (same(o, b)) {
      merged = copy_of(t);
    } else {
      const FieldSpec* field = spec.field(key);
      MergeRule rule = field ? field->merge : MergeRule::whole;
      bool settled = false;
      if (rule == MergeRule::entries && is_list_or_absent(b) && is_list_or_absent(o) &&
          is_list_or_absent(t)) {
        ListMerge list = merge_entries(b, o, t, field->merge_key, field->merge_order);
        if (!list.clash) {
          settled = true;
          if (!list.list.items().empty()) merged = std::move(list.list);
        }
      } else if (rule == MergeRule::appended) {
        merged = merge_appended(b, o, t);
        settled = merged.has_value();
      }
      if (!settled) {
        out.conflicts.push_back({key, copy_of(b), copy_of(o), copy_of(t)});
        merged = copy_of(o);
      }
    }
    if (merged) out.fields.set(key, std::move(*merged));
  }
  // Conflicts left from earlier merges, from either side, one per field (ours where both
  // have one), then this merge's, each replacing an older one of its field.
  const FieldSpec* field = spec.field(k_conflicts);
  std::string conflict_key = field ? field->merge_key : "field";
  ListMerge earlier = merge_entries(base.find(k_conflicts), ours.find(k_conflicts),
                                    theirs.find(k_conflicts), conflict_key, "");
  Value conflicts = std::move(earlier.list);
  for (const FieldConflict& c : out.conflicts) {
    std::erase_if(conflicts.items(), [&](const Value& e) { return e.get("field") == c.field; });
    conflicts.push_back(conflict_entry(c));
  }
  if (!conflicts.items().empty()) out.fields.set(k_conflicts, std::move(conflicts));
  return out;
}

TextMerge merge_record_texts(std::string_view base, std::string_view ours, std::string_view theirs,
                             std::string_view path) {
  using namespace record_merge;
  TextMerge out;
  std::string relative = last_two_parts(path);
  auto where = parse_record_path(relative);
  if (!where) {
    out.why = fmt::format("{} is not a record's path (FOLDER/ID.yaml)", path);
    return out;
  }
  out.id = where->id;
  const KindSpec& spec = kind_spec(where->kind);
  auto read = [&](std::string_view text, const char* side) -> std::optional<Value> {
    if (std::string_view(side) == "base" && is_blank(text)) return Value::map();
    try {
      std::string display = fmt::format("{} ({})", relative, side);
      return record_from_yaml(where->kind, text, display, where->id, true).fields();
    } catch (const Error& e) {
      out.why = e.what();
    } catch (const std::exception& e) {
      out.why = fmt::format("{} ({}): {}", relative, side, e.what());
    }
    return std::nullopt;
  };
  auto b = read(base, "base");
  if (!b) return out;
  auto o = read(ours, "ours");
  if (!o) return out;
  auto t = read(theirs, "theirs");
  if (!t) return out;
  FieldMerge merged = merge_fields(spec, *b, *o, *t);
  Record record(where->kind, canonical_order(spec, std::move(merged.fields)));
  try {
    std::string text = record_to_yaml(record);
    require_writable(record, text);
    out.text = std::move(text);
  } catch (const std::exception& e) {
    out.why = fmt::format("the merged record would not be valid: {}", e.what());
    return out;
  }
  out.conflicts = std::move(merged.conflicts);
  out.merged = true;
  return out;
}

std::vector<std::string> conflicted_fields(const Record& record) {
  std::vector<std::string> out;
  const Value* conflicts = record.find(record_merge::k_conflicts);
  if (!conflicts) return out;
  for (const Value& entry : conflicts->items())
    if (entry.is_map() && !entry.get("field").empty()) out.push_back(entry.get("field"));
  return out;
}

std::string conflict_value_text(const std::optional<Value>& value) {
  if (!value) return "(absent)";
  if (value->is_scalar() && value->style() == Value::Style::plain)
    return emit_json(Value::string(value->text()), 0);
  return emit_json(*value, 0);
}

ChangeSet resolve_conflict(Session& session, Record record, const Resolution& resolution) {
  using namespace record_merge;
  std::string id = record.id();
  std::vector<std::string> fields = conflicted_fields(record);
  std::string how = fmt::format(
      "settle one with `crm resolve {} --field FIELD --take "
      "ours|theirs|VALUE`",
      id);
  if (fields.empty())
    throw RefusedError(fmt::format("{} has no merge conflicts to resolve", id),
                       "`crm check --only conflicts` lists the records that have some");
  Value& conflicts = record.list(k_conflicts);
  auto entry = std::find_if(conflicts.items().begin(), conflicts.items().end(),
                            [&](const Value& e) { return e.get("field") == resolution.field; });
  if (entry == conflicts.items().end())
    throw RefusedError(fmt::format("{} has no conflict in field '{}'", id, resolution.field),
                       fmt::format("its conflicted fields: {}; {}", join(fields, ", "), how));

  const FieldSpec* field = record.spec().field(resolution.field);
  std::optional<Value> chosen;
  std::string taken = resolution.take;
  if (taken == "ours" || taken == "theirs") {
    chosen = copy_of(entry->find(taken));
  } else {
    if (field && field->is_list())
      throw UsageError(
          fmt::format("--take: {} is a list; take ours or theirs, then change it with crm's "
                      "commands",
                      resolution.field),
          how);
    std::string text = trim(resolution.take);
    if (field && !text.empty()) {
      if (auto problem = field_value_problem(*field, text))
        throw UsageError(fmt::format("--take: {}", *problem), how);
      if (!field->vocabulary.empty()) {
        auto allowed = session.store.config().vocabulary(field->vocabulary);
        if (std::find(allowed.begin(), allowed.end(), text) == allowed.end())
          throw UsageError(
              fmt::format("--take '{}' is not one of crm.yaml's {}", text, field->vocabulary),
              fmt::format("use one of: {}", join(allowed, ", ")));
      }
    }
    if (field && text.empty() && field->required)
      throw UsageError(fmt::format("--take: {} cannot be empty", resolution.field), how);
    if (!text.empty()) chosen = Value::string(text);
    taken = "a value of its own";
  }

  const Value* before = record.fields().find(resolution.field);
  std::optional<Value> previous = copy_of(before);
  conflicts.items().erase(entry);
  if (conflicts.items().empty()) record.erase(k_conflicts);
  if (chosen)
    record.fields().set(resolution.field, *chosen);
  else
    record.fields().erase(resolution.field);

  Value note = field_change_entry(session.actor(), resolution.field,
                                  previous && previous->is_scalar() ? previous->text() : "",
                                  chosen && chosen->is_scalar() ? chosen->text() : "");
  if (!(previous && previous->is_scalar())) note.erase("from");
  if (!(chosen && chosen->is_scalar())) note.erase("to");
  note.set("note", Value::string(fmt::format("crm resolve: took {}", taken)));
  record.append_history(std::move(note));
  return ChangeSet::of_updated(std::move(record),
                               fmt::format("resolve {} {}", id, resolution.field));
}

}  // namespace crm
