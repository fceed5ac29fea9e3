// Accounts (companies, counterparties) and contacts (people): creating and editing them.
#pragma once

#include <optional>
#include <string>

#include "crm/kinds/fields.h"
#include "crm/kinds/session.h"

namespace crm {

// Builds a new account from field values (name required), owned by `edits`' owner or the
// acting user. Throws UsageError for invalid values.
Record make_account(Session& session, const FieldEdits& edits);
ChangeSet add_account(Session& session, const FieldEdits& edits);

// `account` in `edits` may be any reference; it is resolved to the account's ID.
Record make_contact(Session& session, FieldEdits edits);
ChangeSet add_contact(Session& session, const FieldEdits& edits);

// Edits any record's plain fields (accounts, contacts, leads); owner changes are recorded.
// References in `account` are resolved. The change set is empty when nothing changed.
ChangeSet edit_record(Session& session, Record record, FieldEdits edits);

}  // namespace crm
