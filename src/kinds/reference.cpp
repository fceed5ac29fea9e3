#include "crm/kinds/reference.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"

namespace crm {
namespace {

std::vector<Kind> allowed_or_all(const std::vector<Kind>& kinds) {
  if (!kinds.empty()) return kinds;
  std::vector<Kind> all;
  for (const auto& k : all_kinds()) all.push_back(k.kind);
  return all;
}

bool allowed(const std::vector<Kind>& kinds, Kind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string kinds_text(const std::vector<Kind>& kinds) {
  if (kinds.size() > 3) return "record";
  std::vector<std::string> names;
  for (Kind k : kinds) names.push_back(kind_spec(k).name);
  return join(names, " or ");
}

[[noreturn]] void ambiguous(std::string_view text, const std::vector<Record>& candidates,
                            bool by_id) {
  std::vector<std::string> lines;
  for (const auto& r : candidates)
    lines.push_back(
        fmt::format("{} {} ({})", r.id(), escape_for_terminal(r.label()), r.spec().name));
  throw NotFoundError(fmt::format("'{}' is ambiguous; it matches: {}", escape_for_terminal(text),
                                  join(lines, "; ")),
                      by_id ? "use more characters of the ID, or the full ID"
                            : "name the record by its ID instead");
}

Record pick_one(std::string_view text, std::vector<Record> matches, bool by_id = false) {
  if (matches.size() > 1) ambiguous(text, matches, by_id);
  return std::move(matches.front());
}

// Records of `kinds` whose keys of the given matches equal `text`.
std::vector<Record> by_keys(const RecordStore& store, const std::vector<Kind>& kinds,
                            std::string_view text, std::initializer_list<KeyMatch> matches) {
  std::vector<Record> found;
  for (Kind kind : kinds)
    for (const LookupKey& key : kind_spec(kind).keys)
      if (std::find(matches.begin(), matches.end(), key.match) != matches.end())
        for (Record& r : store.find_by(kind, key.field, text))
          if (std::none_of(found.begin(), found.end(),
                           [&](const Record& f) { return f.id() == r.id(); }))
            found.push_back(std::move(r));
  return found;
}

}  // namespace

std::optional<Record> find_by_key(const RecordStore& store, Kind kind, std::string_view field,
                                  std::string_view value) {
  auto found = store.find_by(kind, field, value);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Record resolve(const RecordStore& store, std::string_view raw, const std::vector<Kind>& wanted) {
  const std::vector<Kind> kinds = allowed_or_all(wanted);
  std::string text = trim(raw);
  if (text.empty()) throw UsageError("an empty reference names nothing");

  // 1. An exact ID, and 3. a unique ID prefix: both start with a kind prefix and a dash.
  std::optional<std::string> normalized = normalize_id_input(text);
  std::optional<Kind> id_kind;
  if (normalized) id_kind = kind_by_prefix(*id_prefix(*normalized));
  if (id_kind && allowed(kinds, *id_kind) && is_valid_id(*normalized, kind_spec(*id_kind).prefix) &&
      store.exists(*id_kind, *normalized))
    return store.load(*id_kind, *normalized);

  // 2. A human number or a product's sku.
  if (auto matches = by_keys(store, kinds, text, {KeyMatch::unique}); !matches.empty())
    return pick_one(text, std::move(matches));

  if (id_kind && allowed(kinds, *id_kind)) {
    std::size_t typed = normalized->size() - normalized->find('-') - 1;
    if (typed >= static_cast<std::size_t>(k_min_prefix_length)) {
      std::vector<Record> matches;
      for (const std::string& id : store.ids(*id_kind))
        if (id.starts_with(*normalized)) matches.push_back(store.load(*id_kind, id));
      if (!matches.empty()) return pick_one(text, std::move(matches), true);
    }
  }

  // 4. An exact name, or an e-mail in any letter case.
  if (auto matches = by_keys(store, kinds, text, {KeyMatch::name, KeyMatch::email});
      !matches.empty())
    return pick_one(text, std::move(matches));

  std::string hint = id_kind && normalized->size() - normalized->find('-') - 1 <
                                    static_cast<std::size_t>(k_min_prefix_length)
                         ? "an ID prefix needs at least 4 characters after the dash"
                         : kind_spec(kinds[0]).list_hint();
  throw NotFoundError(
      fmt::format("no {} matches '{}'", kinds_text(kinds), escape_for_terminal(text)), hint);
}

std::vector<ReferenceCandidate> reference_candidates(const RecordStore& store,
                                                     const std::vector<Kind>& wanted,
                                                     std::string_view prefix) {
  const std::vector<Kind> kinds = allowed_or_all(wanted);
  const std::string folded = to_lower(prefix);
  auto starts = [&folded](std::string_view text) {
    return !text.empty() && to_lower(text).starts_with(folded);
  };
  std::vector<ReferenceCandidate> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& text, const std::string& description) {
    if (seen.insert(text).second) out.push_back({text, description});
  };
  auto describe = [](const Record& r) {
    std::string label = r.label();
    return r.spec().name + (label == r.id() ? "" : " " + label);
  };

  // Typed like an ID ("L-7K", "l-7k"): the IDs of that kind without reading every record,
  // named by their label where few enough to load.
  std::optional<std::string> normalized = normalize_id_input(prefix);
  std::optional<Kind> id_kind;
  if (normalized) id_kind = kind_by_prefix(*id_prefix(*normalized));
  if (id_kind && allowed(kinds, *id_kind)) {
    std::vector<std::string> ids;
    try {
      for (const std::string& id : store.ids(*id_kind))
        if (id.starts_with(*normalized)) ids.push_back(id);
    } catch (const Error&) {
    }
    constexpr std::size_t k_described = 50;
    for (const std::string& id : ids) {
      std::string description = kind_spec(*id_kind).name;
      if (ids.size() <= k_described) {
        try {
          description = describe(store.load(*id_kind, id));
        } catch (const Error&) {
        }
      }
      add(id, description);
    }
  }

  // Every key of every record; when the prefix starts like an ID of a kind, only the kinds whose
  // human numbers it may begin ("Q-2026" is a quote's ID prefix and its number's start alike).
  const std::string upper = to_upper(prefix);
  for (Kind kind : kinds) {
    const KindSpec& spec = kind_spec(kind);
    if (id_kind) {
      std::string stem = spec.number_prefix.empty() ? "" : spec.number_prefix + "-";
      if (stem.empty() || !(stem.starts_with(upper) || upper.starts_with(stem))) continue;
    }
    std::vector<LoadProblem> skipped;
    try {
      store.for_each(
          kind,
          [&](const Record& r) {
            std::string description = describe(r);
            if (starts(r.id())) add(r.id(), description);
            for (const LookupKey& key : spec.keys) {
              std::string text = r.fields().get(key.field);
              if (starts(text)) add(text, description);
            }
          },
          &skipped);
    } catch (const Error&) {
      // A folder crm will not read (a symbolic link): `crm check` says so, completion does not.
    }
  }
  return out;
}

void resolve_reference_edits(const RecordStore& store, Kind kind,
                             std::vector<std::pair<std::string, std::string>>& edits) {
  for (auto& [name, value] : edits) {
    const FieldSpec* field = kind_spec(kind).field(name);
    if (field && field->type == FieldType::reference && !trim(value).empty())
      value = resolve(store, value, field->targets).id();
  }
}

}  // namespace crm
