#include "crm/relationship/parties.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"

namespace crm {
namespace {

Record make_with(Session& session, Kind kind, const FieldEdits& edits) {
  Record record = new_record(session, kind);
  apply_edits(record, edits, session.actor(), session.store.config());
  if (!record.has("owner")) record.set_text("owner", session.user);
  for (const FieldSpec& f : record.spec().fields)
    if (f.required && !record.has(f.name))
      throw UsageError(fmt::format("{} needs --{}", with_article(record.spec().name), f.name));
  return record;
}

}  // namespace

Record make_account(Session& session, const FieldEdits& edits) {
  return make_with(session, Kind::account, edits);
}

ChangeSet add_account(Session& session, const FieldEdits& edits) {
  Record account = make_account(session, edits);
  std::string summary = fmt::format("account add {}", account.id());
  return ChangeSet::of_created(std::move(account), summary);
}

Record make_contact(Session& session, FieldEdits edits) {
  resolve_reference_edits(session.store, Kind::contact, edits);
  return make_with(session, Kind::contact, edits);
}

ChangeSet add_contact(Session& session, const FieldEdits& edits) {
  Record contact = make_contact(session, edits);
  std::string summary = fmt::format("contact add {}", contact.id());
  return ChangeSet::of_created(std::move(contact), summary);
}

ChangeSet edit_record(Session& session, Record record, FieldEdits edits) {
  resolve_reference_edits(session.store, record.kind(), edits);
  if (!apply_edits(record, edits, session.actor(), session.store.config())) return {};
  std::string summary = fmt::format("{} edit {}", record.spec().name, record.id());
  return ChangeSet::of_updated(std::move(record), summary);
}

}  // namespace crm
