#include "crm/relationship/parties.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"

namespace crm {
namespace {

// Replaces a user's reference in `account` by the account's ID.
void resolve_account_edit(const Store& store, FieldEdits& edits) {
  for (auto& [name, value] : edits)
    if (name == "account" && !value.empty()) value = resolve(store, value, {Kind::account}).id();
}

bool has_edit(const FieldEdits& edits, const std::string& name) {
  for (const auto& [n, v] : edits)
    if (n == name && !v.empty()) return true;
  return false;
}

Record make_with(Session& session, Kind kind, const FieldEdits& edits) {
  Record record = new_record(session, kind);
  apply_edits(record, edits, session.actor());
  if (!record.has("owner")) record.set_text("owner", session.user);
  for (const FieldSpec& f : record.spec().fields)
    if (f.required && !record.has(f.name))
      throw UsageError(fmt::format("{} needs --{}", with_article(record.spec().name), f.name));
  return record;
}

}  // namespace

Record new_record(Session& session, Kind kind, const std::string& status) {
  Record record(kind, Value::map());
  record.set_text("id", session.store.new_id(kind));
  if (!status.empty()) record.set_text("status", status);
  record.set_text("created", session.clock.now());
  return record;
}

Record make_account(Session& session, const FieldEdits& edits) {
  return make_with(session, Kind::account, edits);
}

ChangeSet add_account(Session& session, const FieldEdits& edits) {
  ChangeSet changes;
  Record account = make_account(session, edits);
  changes.summary = fmt::format("account add {}", account.id());
  changes.created(std::move(account));
  return changes;
}

Record make_contact(Session& session, FieldEdits edits) {
  resolve_account_edit(session.store, edits);
  return make_with(session, Kind::contact, edits);
}

ChangeSet add_contact(Session& session, const FieldEdits& edits) {
  ChangeSet changes;
  Record contact = make_contact(session, edits);
  changes.summary = fmt::format("contact add {}", contact.id());
  changes.created(std::move(contact));
  return changes;
}

ChangeSet edit_record(Session& session, Record record, FieldEdits edits) {
  resolve_account_edit(session.store, edits);
  ChangeSet changes;
  if (has_edit(edits, "owner") || !edits.empty()) {
    if (apply_edits(record, edits, session.actor())) {
      changes.summary = fmt::format("{} edit {}", record.spec().name, record.id());
      changes.updated(std::move(record));
    }
  }
  return changes;
}

}  // namespace crm
