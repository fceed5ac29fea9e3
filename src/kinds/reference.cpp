#include "crm/kinds/reference.h"

#include <algorithm>

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

// The command that lists a kind: "service-order" is `crm service order list`.
std::string list_hint(Kind kind) {
  switch (kind) {
    case Kind::solution:
      return "list them with `crm kb list`";
    case Kind::confirmation:
      return "find it in `crm timeline` of the account or service order";
    case Kind::service_contract:
      return "list them with `crm service contract list`";
    case Kind::service_request:
      return "list them with `crm service request list`";
    case Kind::service_order:
      return "list them with `crm service order list`";
    case Kind::activity:
      return "list them with `crm activity list`";
    default:
      return fmt::format("list them with `crm {} list`", kind_spec(kind).name);
  }
}

}  // namespace

Record resolve(const Store& store, std::string_view raw, const std::vector<Kind>& wanted) {
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
  for (Kind kind : kinds) {
    const KindSpec& spec = kind_spec(kind);
    const char* key = spec.field("number") ? "number" : spec.field("sku") ? "sku" : nullptr;
    if (!key) continue;
    std::vector<Record> matches;
    store.for_each(kind, [&](const Record& r) {
      if (r.get(key) == text) matches.push_back(r);
    });
    if (!matches.empty()) return pick_one(text, std::move(matches));
  }

  if (id_kind && allowed(kinds, *id_kind)) {
    std::size_t typed = normalized->size() - normalized->find('-') - 1;
    if (typed >= static_cast<std::size_t>(k_min_prefix_length)) {
      std::vector<Record> matches;
      for (const std::string& id : store.ids(*id_kind))
        if (id.starts_with(*normalized)) matches.push_back(store.load(*id_kind, id));
      if (!matches.empty()) return pick_one(text, std::move(matches), true);
    }
  }

  // 4. An exact name, or an email in any letter case.
  std::vector<Record> matches;
  for (Kind kind : {Kind::account, Kind::contact, Kind::lead}) {
    if (!allowed(kinds, kind)) continue;
    std::string lowered = to_lower(text);
    store.for_each(kind, [&](const Record& r) {
      if (r.get("name") == text || (!r.get("email").empty() && to_lower(r.get("email")) == lowered))
        matches.push_back(r);
    });
  }
  if (!matches.empty()) return pick_one(text, std::move(matches));

  std::string hint = id_kind && normalized->size() - normalized->find('-') - 1 <
                                    static_cast<std::size_t>(k_min_prefix_length)
                         ? "an ID prefix needs at least 4 characters after the dash"
                         : list_hint(kinds[0]);
  throw NotFoundError(
      fmt::format("no {} matches '{}'", kinds_text(kinds), escape_for_terminal(text)), hint);
}

}  // namespace crm
