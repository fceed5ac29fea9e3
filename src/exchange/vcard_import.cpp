#include "crm/exchange/vcard_import.h"

#include <algorithm>
#include <climits>
#include <optional>

#include <fmt/format.h>

#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"
#include "crm/exchange/vcard.h"
#include "crm/relationship/parties.h"
#include "crm/store/record_codec.h"

namespace crm {
namespace vcard_import {

// A phone number as compared: its digits, and a leading plus.
std::string phone_key(std::string_view number) {
  std::string out;
  for (char c : number)
    if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
  return out.empty() ? trim(number) : out;
}

std::string email_key(std::string_view address) {
  return to_lower(trim(address));
}

// What a contact holds in `single` (email, phone) and in the entries of `list` (emails,
// phones) under `key` (address, number).
std::vector<std::string> held(const Record& r, const char* single, const char* list,
                              const char* key) {
  std::vector<std::string> out;
  if (!r.get(single).empty()) out.push_back(r.get(single));
  if (const Value* entries = r.find(list); entries && entries->is_sequence())
    for (const Value& e : entries->items())
      if (!e.get(key).empty()) out.push_back(e.get(key));
  return out;
}

std::vector<std::string> emails_of(const Record& r) {
  return held(r, "email", "emails", "address");
}

// Contacts: those of the store and those this import makes, with the keys cards match on.
struct Book {
  struct Entry {
    Record record;
    std::string original;  // its bytes as loaded; empty for one this import creates
  };
  std::vector<Entry> entries;
  std::map<std::string, std::size_t> by_id;
  std::map<std::string, std::size_t> by_email;
  std::map<std::string, std::vector<std::size_t>> by_name;

  void index(std::size_t i) {
    const Record& r = entries[i].record;
    by_id[r.id()] = i;
    for (const std::string& e : emails_of(r)) by_email.emplace(email_key(e), i);
    auto& named = by_name[r.get("name")];
    if (std::find(named.begin(), named.end(), i) == named.end()) named.push_back(i);
  }

  std::optional<std::size_t> match(const Vcard& card, const std::string& name) const {
    if (auto it = by_id.find(card.uid); it != by_id.end()) return it->second;
    for (const VcardEntry& e : card.emails)
      if (auto it = by_email.find(email_key(e.value)); it != by_email.end()) return it->second;
    if (card.emails.empty())
      if (auto it = by_name.find(name); it != by_name.end() && it->second.size() == 1)
        return it->second[0];
    return std::nullopt;
  }
};

// The card's entries, the preferred first (the lowest PREF, else the first given).
std::vector<VcardEntry> preferred_first(std::vector<VcardEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const VcardEntry& a, const VcardEntry& b) {
    return (a.pref > 0 ? a.pref : INT_MAX) < (b.pref > 0 ? b.pref : INT_MAX);
  });
  return entries;
}

// Adds the card's entries the contact lacks: the first to `single` when that is empty, the
// others to `list` as {key, type}.
void merge_entries(Record& r, const std::vector<VcardEntry>& card, const char* single,
                   const char* list, const char* key, std::string (*normal)(std::string_view)) {
  std::vector<std::string> have;
  for (const std::string& v : held(r, single, list, key)) have.push_back(normal(v));
  for (const VcardEntry& e : preferred_first(card)) {
    std::string k = normal(e.value);
    if (std::find(have.begin(), have.end(), k) != have.end()) continue;
    have.push_back(k);
    if (r.get(single).empty()) {
      r.set_text(single, e.value);
      continue;
    }
    Value entry = Value::map();
    entry.set(key, Value::string(e.value));
    if (!e.type.empty()) entry.set("type", Value::string(e.type));
    r.list(list).push_back(std::move(entry));
  }
}

void apply_card(Record& r, const Vcard& card, const std::string& name, const std::string& account) {
  r.set_text("name", name);
  if (!account.empty()) r.set_text("account", account);
  if (!card.title.empty()) r.set_text("title", card.title);
  if (!card.addresses.empty()) r.set_text("address", join(card.addresses, "\n"));
  if (!card.notes.empty()) r.set_text("notes", join(card.notes, "\n\n"));
  merge_entries(r, card.emails, "email", "emails", "address", email_key);
  merge_entries(r, card.phones, "phone", "phones", "number", phone_key);
}

// Why crm would not write this record, or nullopt: the checks of every write.
std::optional<std::string> unwritable(const Record& r) {
  try {
    require_writable(r, record_to_yaml(r));
  } catch (const Error& e) {
    return e.what();
  }
  return std::nullopt;
}

std::string summary_of(const ChangeSet& changes) {
  std::vector<std::string> ids;
  for (const auto& c : changes.changes)
    if (ids.size() < 10) ids.push_back(c.record.id());
  std::string named = join(ids, ", ");
  if (changes.changes.size() > ids.size())
    named += fmt::format(" and {} more", changes.changes.size() - ids.size());
  return "import vcard -> " + named;
}

// A name as N's components: the last word the family name, the words before it given names.
std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> words;
  for (const std::string& w : split(name, ' '))
    if (!w.empty()) words.push_back(w);
  if (words.empty()) return {"", "", "", "", ""};
  std::string family = words.back();
  words.pop_back();
  return {family, join(words, " "), "", "", ""};
}

}  // namespace vcard_import

VcardImport import_vcards(Session& session, const std::vector<VcardInput>& inputs) {
  using namespace vcard_import;
  VcardImport result;
  RecordStore& store = session.store;
  Book book;
  for (Record& r : store.load_all(Kind::contact)) {
    std::string yaml = record_to_yaml(r);
    book.entries.push_back({std::move(r), std::move(yaml)});
    book.index(book.entries.size() - 1);
  }
  std::map<std::string, std::string> accounts;  // name -> ID, the first by ID
  for (const Record& a : store.load_all(Kind::account)) accounts.emplace(a.get("name"), a.id());
  std::vector<Record> new_accounts;

  std::vector<std::vector<Vcard>> parsed;
  for (const VcardInput& input : inputs) {
    parsed.push_back(parse_vcards(input.text));
    if (parsed.back().empty())
      throw UsageError(
          fmt::format("{} holds no vCard (no BEGIN:VCARD line); nothing was imported", input.name),
          "export the contacts as a vCard file (.vcf) from the address book");
  }
  for (std::size_t file = 0; file < inputs.size(); ++file) {
    const VcardInput& input = inputs[file];
    for (const Vcard& card : parsed[file]) {
      auto bad = [&](const std::string& why, int line) {
        result.bad.push_back(fmt::format("{}:{}: card {}: {}", input.name,
                                         line > 0 ? line : card.line, card.index, why));
      };
      if (!card.problem.empty()) {
        bad(card.problem, card.problem_line);
        continue;
      }
      std::string name = card.name();
      if (name.empty() && card.emails.empty()) {
        bad("no name and no e-mail (FN, N or EMAIL)", card.line);
        continue;
      }
      auto invalid = std::find_if(card.emails.begin(), card.emails.end(),
                                  [](const VcardEntry& e) { return !is_valid_email(e.value); });
      if (invalid != card.emails.end()) {
        bad(fmt::format("EMAIL '{}' is not an e-mail address", escape_for_terminal(invalid->value)),
            card.line);
        continue;
      }
      if (name.empty()) name = preferred_first(card.emails)[0].value;

      // The account: the one with the ORG's exact name, else a new one.
      std::string account;
      std::optional<Record> new_account;
      if (!card.org.empty()) {
        if (auto it = accounts.find(card.org); it != accounts.end()) {
          account = it->second;
        } else {
          new_account = make_account(session, {{"name", card.org}});
          account = new_account->id();
        }
      }

      std::optional<std::size_t> matched = book.match(card, name);
      Record contact = matched ? book.entries[*matched].record : new_record(session, Kind::contact);
      if (!matched) {
        contact.set_text("owner", session.user);
        // A card crm wrote carries the contact's ID: keep it, where no contact has it.
        if (is_valid_id(card.uid, kind_spec(Kind::contact).prefix) &&
            !store.exists(Kind::contact, card.uid) && !book.by_id.contains(card.uid))
          contact.set_text("id", card.uid);
      }
      std::string before = matched ? record_to_yaml(contact) : "";
      apply_card(contact, card, name, account);
      std::optional<std::string> problem = unwritable(contact);
      if (!problem && new_account) problem = unwritable(*new_account);
      if (problem) {
        bad(*problem, card.line);
        continue;
      }
      for (const auto& [property, count] : card.binary_skipped)
        result.binary_skipped[property] += count;
      for (const auto& [property, count] : card.not_kept) result.not_kept[property] += count;
      // Another address book's UID says nothing crm keeps; a contact's own ID is its ID.
      if (!card.uid.empty() && card.uid != contact.id()) ++result.not_kept["UID"];
      if (new_account) {
        accounts.emplace(card.org, new_account->id());
        new_accounts.push_back(std::move(*new_account));
        ++result.accounts_created;
      }
      if (!matched) {
        book.entries.push_back({std::move(contact), ""});
        book.index(book.entries.size() - 1);
        ++result.created;
      } else if (record_to_yaml(contact) != before) {
        book.entries[*matched].record = std::move(contact);
        book.index(*matched);
        ++result.updated;
      } else {
        ++result.unchanged;
      }
    }
  }

  for (Record& a : new_accounts) result.changes.created(std::move(a));
  for (Book::Entry& e : book.entries) {
    if (e.original.empty())
      result.changes.created(std::move(e.record));
    else if (record_to_yaml(e.record) != e.original)
      result.changes.updated(std::move(e.record));
  }
  result.changes.summary = summary_of(result.changes);
  return result;
}

std::string export_vcards(const RecordStore& store, const std::vector<Record>& contacts) {
  std::map<std::string, std::string> account_names;
  std::string out;
  for (const Record& c : contacts) {
    VcardOut card;
    card.uid = c.id();
    card.fn = c.get("name");
    card.n = vcard_import::name_parts(card.fn);
    if (std::string account = c.get("account"); !account.empty()) {
      if (!account_names.contains(account))
        account_names[account] = store.exists(Kind::account, account)
                                     ? store.load(Kind::account, account).get("name")
                                     : "";
      card.org = account_names[account];
    }
    card.title = c.get("title");
    auto entries = [&](const char* single, const char* list, const char* key) {
      std::vector<VcardEntry> found;
      if (!c.get(single).empty()) found.push_back({c.get(single), "", 1});
      if (const Value* more = c.find(list); more && more->is_sequence())
        for (const Value& e : more->items())
          if (!e.get(key).empty()) found.push_back({e.get(key), e.get("type"), 0});
      return found;
    };
    card.emails = entries("email", "emails", "address");
    card.phones = entries("phone", "phones", "number");
    card.address = c.get("address");
    card.note = c.get("notes");
    out += write_vcard(card);
  }
  return out;
}

}  // namespace crm
