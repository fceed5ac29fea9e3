#include "crm/acting/mail_recipients.h"

#include <fmt/format.h>

#include <algorithm>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/ids.h"

namespace crm {
namespace {

// Whom of a deal's buying centre a message goes to first.
constexpr std::string_view k_role_priority[] = {"decision-maker", "champion", "influencer", "user",
                                                "gatekeeper"};
// Records point at each other by hand-editable references: a loop must not hang the lookup.
constexpr int k_max_depth = 6;

bool declares(const Record& record, std::string_view field) {
  return record.spec().field(field) != nullptr;
}

// The record a reference field of `record` names, if it is set and exists.
std::optional<Record> follow(const RecordStore& store, const Record& record,
                             std::string_view field) {
  if (!declares(record, field)) return std::nullopt;
  std::string id = record.get(field);
  if (id.empty()) return std::nullopt;
  std::optional<std::string> prefix = id_prefix(id);
  std::optional<Kind> kind = prefix ? kind_by_prefix(*prefix) : std::nullopt;
  if (!kind || !store.exists(*kind, id)) return std::nullopt;  // crm check reports dangling ones
  return store.load(*kind, id);
}

std::optional<Recipient> own_address(const Record& party) {
  if (!declares(party, "email") || party.get("email").empty()) return std::nullopt;
  return Recipient{party, party.label(), party.get("email")};
}

std::optional<Recipient> from_buying_centre(const RecordStore& store, const Record& deal) {
  const Value* roles = declares(deal, "roles") ? deal.find("roles") : nullptr;
  if (!roles || !roles->is_sequence()) return std::nullopt;
  for (std::string_view role : k_role_priority) {
    for (const Value& entry : roles->items()) {
      if (entry.get("role") != role) continue;
      std::string id = entry.get("contact");
      if (!is_valid_id(id, kind_spec(Kind::contact).prefix) || !store.exists(Kind::contact, id))
        continue;
      if (auto r = own_address(store.load(Kind::contact, id))) return r;
    }
  }
  return std::nullopt;
}

std::optional<Recipient> recipient_at(const RecordStore& store, const Record& record, int depth) {
  if (depth > k_max_depth) return std::nullopt;
  // A party is its own recipient, or nobody's: a person without an address is not mailed at
  // their company's.
  if (declares(record, "email")) return own_address(record);
  if (auto contact = follow(store, record, "contact"))
    if (auto r = own_address(*contact)) return r;
  if (auto r = from_buying_centre(store, record)) return r;
  for (std::string_view parent : {"deal", "order", "quote"})
    if (auto up = follow(store, record, parent)) return recipient_at(store, *up, depth + 1);
  if (auto account = follow(store, record, "account")) return own_address(*account);
  return std::nullopt;
}

std::optional<Record> deal_at(const RecordStore& store, const Record& record, int depth) {
  if (record.kind() == Kind::deal) return record;
  if (depth > k_max_depth) return std::nullopt;
  for (std::string_view parent : {"deal", "order", "quote"})
    if (auto up = follow(store, record, parent)) return deal_at(store, *up, depth + 1);
  return std::nullopt;
}

// Newest first: by creation time, then by number.
bool newer(const Record& a, const Record& b) {
  auto ka = moment_key(a.get("created")), kb = moment_key(b.get("created"));
  if (ka != kb) return ka > kb;
  return a.number_or_id() > b.number_or_id();
}

std::string commands(const Record& record) {
  return fmt::format("{} {}", record.spec().name, record.number_or_id());
}

}  // namespace

std::optional<Recipient> find_recipient(const RecordStore& store, const Record& record) {
  return recipient_at(store, record, 0);
}

std::optional<Record> deal_of(const RecordStore& store, const Record& record) {
  return deal_at(store, record, 0);
}

std::optional<Record> account_of(const RecordStore& store, const Record& record) {
  if (record.kind() == Kind::account) return record;
  if (auto account = follow(store, record, "account")) return account;
  if (auto deal = deal_of(store, record)) return follow(store, *deal, "account");
  return std::nullopt;
}

Record document_to_attach(const RecordStore& store, const Record& record, Kind kind) {
  if (kind != Kind::quote && kind != Kind::invoice)
    throw UsageError(fmt::format("--attach takes quote or invoice, not {}", kind_spec(kind).name));
  if (record.kind() == kind) return record;
  std::vector<Record> candidates;
  std::optional<Record> deal = deal_of(store, record);
  if (kind == Kind::quote) {
    if (deal)
      for (Record& q : store.find_by(Kind::quote, "deal", deal->id()))
        if (q.status() != "superseded") candidates.push_back(std::move(q));
  } else if (record.kind() == Kind::order) {
    candidates = store.find_by(Kind::invoice, "order", record.id());
  } else if (deal) {
    candidates = store.find_by(Kind::invoice, "deal", deal->id());
    for (const Record& order : store.find_by(Kind::order, "deal", deal->id()))
      for (Record& i : store.find_by(Kind::invoice, "order", order.id()))
        if (std::none_of(candidates.begin(), candidates.end(),
                         [&](const Record& c) { return c.id() == i.id(); }))
          candidates.push_back(std::move(i));
  }
  if (candidates.empty()) {
    std::string what = kind == Kind::quote ? "quote" : "invoice";
    std::string hint =
        !deal ? fmt::format("mail the {} itself: crm mail {} --attach {}", what,
                            kind == Kind::quote ? "Q-YYYY-NNNN" : "INV-YYYY-NNNN", what)
        : kind == Kind::quote
            ? fmt::format("make one first: crm deal quote {} --line SKU:QTY", deal->id())
            : fmt::format(
                  "create one first: crm invoice create --order SO-YYYY-NNNN, or mail "
                  "the invoice itself: crm mail INV-YYYY-NNNN --attach invoice");
    throw RefusedError(
        fmt::format(
            "{} has no {} to attach{}", commands(record), what,
            deal && deal->id() != record.id() ? " (nor has its deal " + deal->id() + ")" : ""),
        hint);
  }
  std::sort(candidates.begin(), candidates.end(), newer);
  return candidates.front();
}

}  // namespace crm
