#include "crm/relationship/erasure.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace erasure_impl {

constexpr std::size_t k_min_needle = 3;

// `text` with every occurrence of `needle` replaced by the marker; ASCII letters compared in
// any case when `any_case`.
bool replace_in(std::string& text, const std::string& needle, bool any_case) {
  if (needle.empty() || text.size() < needle.size()) return false;
  std::string haystack = any_case ? to_lower(text) : text;
  std::string wanted = any_case ? to_lower(needle) : needle;
  std::string out;
  std::size_t from = 0;
  bool changed = false;
  for (std::size_t at = haystack.find(wanted); at != std::string::npos;
       at = haystack.find(wanted, from)) {
    out.append(text, from, at - from);
    out += k_erased_marker;
    from = at + wanted.size();
    changed = true;
  }
  if (!changed) return false;
  out.append(text, from, std::string::npos);
  text = std::move(out);
  return true;
}

bool mentions(const std::string& text, const PersonalData& data) {
  std::string copy = text;
  bool found = false;
  for (const std::string& t : data.texts) found = replace_in(copy, t, false) || found;
  for (const std::string& e : data.emails) found = replace_in(copy, e, true) || found;
  return found;
}

// Every scalar of a value tree (lists, entries, history, custom maps), in place.
bool scrub_value(Value& value, const PersonalData& data) {
  bool changed = false;
  if (value.is_scalar()) {
    std::string text = value.text();
    for (const std::string& t : data.texts) changed = replace_in(text, t, false) || changed;
    for (const std::string& e : data.emails) changed = replace_in(text, e, true) || changed;
    if (changed) {
      Value replaced = Value::string(text);
      replaced.set_line(value.line());
      value = std::move(replaced);
    }
  } else if (value.is_sequence()) {
    for (Value& item : value.items()) changed = scrub_value(item, data) || changed;
  } else if (value.is_map()) {
    for (auto& [key, item] : value.entries()) changed = scrub_value(item, data) || changed;
  }
  return changed;
}

// A kind whose records are people (contacts, leads): one of its fields identifies the person.
// Other kinds may mention a person (an e-mail's sender); erasure scrubs those mentions.
bool has_personal_fields(const KindSpec& spec) {
  return std::any_of(spec.fields.begin(), spec.fields.end(),
                     [](const FieldSpec& f) { return f.personal == Personal::identifies; });
}

// Whether a record names `id` in one of its reference fields (the lead a contact was
// converted from names the contact).
bool refers_to(const Record& record, const std::string& id) {
  for (const FieldSpec& f : record.spec().fields)
    if (f.type == FieldType::reference && record.get(f.name) == id) return true;
  return false;
}

void merge(PersonalData& into, const PersonalData& more) {
  for (const std::string& t : more.texts)
    if (std::find(into.texts.begin(), into.texts.end(), t) == into.texts.end())
      into.texts.push_back(t);
  for (const std::string& e : more.emails)
    if (std::find(into.emails.begin(), into.emails.end(), e) == into.emails.end())
      into.emails.push_back(e);
  auto longest = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  std::stable_sort(into.texts.begin(), into.texts.end(), longest);
  std::stable_sort(into.emails.begin(), into.emails.end(), longest);
}

// The ID and what is not personal stay, so that references stay valid; personal fields go
// (a required one, the name, becomes the marker), and the rest is scrubbed.
void make_tombstone(Record& record, const PersonalData& data, const std::string& today) {
  for (const FieldSpec& f : record.spec().fields) {
    if (f.personal == Personal::no || !record.has(f.name)) continue;
    if (f.required)
      record.set(f.name, Value::string(k_erased_marker));
    else
      record.erase(f.name);
  }
  scrub_record(record, data);  // history notes, a reason, custom fields
  record.set("erased", Value::string(today));
}

}  // namespace erasure_impl

PersonalData personal_data(const Record& person) {
  PersonalData data;
  auto keep = [&data](std::string text, bool is_email) {
    text = trim(text);
    if (text.size() < erasure_impl::k_min_needle || text == k_erased_marker) return;
    auto& into = is_email ? data.emails : data.texts;
    if (std::find(into.begin(), into.end(), text) == into.end()) into.push_back(text);
  };
  for (const FieldSpec& f : person.spec().fields) {
    if (f.personal != Personal::identifies) continue;
    if (!f.is_list()) {
      keep(person.get(f.name), f.type == FieldType::email);
    } else if (!f.personal_key.empty() && person.has(f.name)) {
      // A list of entries (a contact's other e-mails and phones): the value under its key.
      for (const Value& entry : person.find(f.name)->items()) {
        std::string text = entry.get(f.personal_key);
        keep(text, is_valid_email(text));
      }
    }
  }
  // The longest first, so that a name inside another value is not replaced piecemeal.
  auto longest = [](const std::string& a, const std::string& b) { return a.size() > b.size(); };
  std::stable_sort(data.texts.begin(), data.texts.end(), longest);
  std::stable_sort(data.emails.begin(), data.emails.end(), longest);
  return data;
}

bool scrub_record(Record& record, const PersonalData& data) {
  using namespace erasure_impl;
  if (data.empty()) return false;
  const KindSpec& spec = record.spec();
  bool changed = false;
  auto& entries = record.fields().entries();
  for (auto it = entries.begin(); it != entries.end();) {
    const FieldSpec* field = spec.field(it->first);
    if (it->first == "id" || (field && field->type == FieldType::reference)) {
      ++it;
      continue;
    }
    // A typed field cannot hold the marker (an e-mail field with the person's address): it
    // goes, unless the record needs it, in which case `crm check` will say so.
    bool typed = field && field->type != FieldType::text && !field->is_list();
    if (typed && it->second.is_scalar() && mentions(it->second.text(), data) && !field->required) {
      it = entries.erase(it);
      changed = true;
      continue;
    }
    changed = scrub_value(it->second, data) || changed;
    // A phone field left holding only the marker is no phone: it goes, unless required.
    if (field && field->personal == Personal::identifies && !field->required &&
        it->second.is_scalar() && it->second.text() == k_erased_marker) {
      it = entries.erase(it);
      changed = true;
      continue;
    }
    ++it;
  }
  return changed;
}

Erasure erase_person(Session& session, Record person) {
  using namespace erasure_impl;
  const KindSpec& spec = person.spec();
  if (!has_personal_fields(spec))
    throw RefusedError(fmt::format("a {} holds no personal data to erase", spec.name),
                       "erase a contact or a lead: crm contact erase REF, crm lead erase REF");
  const std::string id = person.id();
  if (person.has("erased"))
    throw RefusedError(fmt::format("{} was erased on {}; crm no longer knows its personal data", id,
                                   person.get("erased")),
                       "to purge it from git's history as well, see docs/privacy.md");

  Erasure result;
  result.erased = personal_data(person);
  bool about = false;
  for (const FieldSpec& f : spec.fields)
    if (f.personal == Personal::about && person.has(f.name)) about = true;
  if (result.erased.empty() && !about)
    throw RefusedError(fmt::format("{} holds no personal data to erase", id));

  // The same person's other records: those of a kind with personal fields that name this one
  // (the lead a contact was converted from). They become tombstones too, and their own
  // phone or e-mail is scrubbed everywhere as well.
  std::vector<Record> same_person;
  for (const KindSpec& kind : all_kinds()) {
    if (!has_personal_fields(kind)) continue;
    session.store.for_each(kind.kind, [&](const Record& r) {
      if (r.id() != id && !r.has("erased") && refers_to(r, id)) same_person.push_back(r);
    });
  }
  for (const Record& r : same_person) merge(result.erased, personal_data(r));

  const std::string today = session.clock.today().iso();
  make_tombstone(person, result.erased, today);
  result.changes.updated(std::move(person));
  std::vector<std::string> done = {id};
  for (Record& r : same_person) {
    make_tombstone(r, result.erased, today);
    done.push_back(r.id());
    result.changes.updated(std::move(r));
  }

  std::size_t scrubbed = done.size() - 1;
  for (const KindSpec& kind : all_kinds()) {
    session.store.for_each(kind.kind, [&](const Record& r) {
      if (std::find(done.begin(), done.end(), r.id()) != done.end()) return;
      Record copy = r;
      if (!scrub_record(copy, result.erased)) return;
      result.changes.updated(std::move(copy));
      ++scrubbed;
    });
  }
  result.changes.summary = fmt::format("{} erase {}", spec.command_line().substr(4), id) +
                           (scrubbed ? fmt::format(" (and {} record{} that mentioned it)", scrubbed,
                                                   scrubbed == 1 ? "" : "s")
                                     : "");
  return result;
}

namespace erasure_impl {

// A literal for a sed regular expression (basic syntax) and its replacement's delimiter.
std::string sed_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\/.*[]^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// A literal for a Python regular expression (git filter-repo's regex: lines).
std::string python_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80 &&
        c != ' ' && c != '@' && c != '_')
      out += '\\';
    out += c;
  }
  return out;
}

}  // namespace erasure_impl

std::string history_purge_instructions(const std::string& id, const PersonalData& data,
                                       bool dry_run) {
  using namespace erasure_impl;
  // (Values come from files anyone could have pushed: no control character reaches a terminal.)
  std::string expressions;
  for (const std::string& t : data.texts)
    expressions += escape_for_terminal(t) + "==>" + k_erased_marker + "\n";
  for (const std::string& e : data.emails)
    expressions +=
        "regex:(?i)" + escape_for_terminal(python_literal(e)) + "==>" + k_erased_marker + "\n";
  std::string sed;
  for (const std::string& t : data.texts)
    sed += "s/" + escape_for_terminal(sed_literal(t)) + "/" + k_erased_marker + "/g\n";
  for (const std::string& e : data.emails)
    sed += "s/" + escape_for_terminal(sed_literal(e)) + "/" + k_erased_marker + "/gI\n";
  std::string file = "/tmp/crm-erase-" + id;
  return fmt::format(
      R"({opening} but git's history still holds
it. crm does not rewrite history; to purge it, run these yourself in the repository, after
everyone has pushed their work. They write the person's data to files outside the repository;
delete them afterwards.

With git filter-repo (https://github.com/newren/git-filter-repo):

  cat > {file}.txt <<'CRM_EOF'
{expressions}CRM_EOF
  git filter-repo --force --replace-text {file}.txt
  rm {file}.txt

Or with git filter-branch, which comes with git (slower on a long history):

  cat > {file}.sed <<'CRM_EOF'
{sed}CRM_EOF
  git filter-branch --force --tree-filter 'find . -type f -name "*.yaml" -exec sed -i -f {file}.sed {{}} +' -- --all
  rm {file}.sed
  git for-each-ref --format='%(refname)' refs/original/ | xargs -r -n1 git update-ref -d
  git reflog expire --expire=now --all && git gc --prune=now

Then publish the new history: git push --force --all && git push --force --tags

What that does to everyone else:
  - every commit hash from the first one that held the data changes;
  - every other clone must re-clone (or fetch and `git reset --hard` onto the new history, then
    expire its reflog and gc); a clone that pushes its old branches brings the data back;
  - forks, backups, CI caches and a hosting service's cached views and pull-request refs keep
    the old commits until they are purged there too.
)",
      fmt::arg("opening", dry_run
                              ? "(Dry run: nothing was erased.) Erasing " + id +
                                    " would clear the working tree,"
                              : "The personal data of " + id + " is gone from the working tree,"),
      fmt::arg("file", file), fmt::arg("expressions", expressions), fmt::arg("sed", sed));
}

}  // namespace crm
