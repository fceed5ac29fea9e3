// Whom a message about a record goes to, and the records around it that a message names: the
// person with an e-mail address behind a contact, lead, account, deal or business document, the
// deal a document belongs to, and the quote or invoice to attach.
#pragma once

#include <optional>
#include <string>

#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

// Where a message's address was found: a contact, a lead or an account.
struct Recipient {
  Record party;
  std::string name;
  std::string email;
};

// The recipient of a message about `record`, found along its references: a record with an
// `email` field (contact, lead, account) is its own recipient; otherwise its `contact`, then
// its deal's contact (the deal's `contact`, else the buying centre by role: decision-maker,
// champion, influencer, user, gatekeeper), through `deal`, `order` and `quote` references
// (invoice -> order -> quote -> deal), and last its account. nullopt when none has an e-mail
// address.
std::optional<Recipient> find_recipient(const RecordStore& store, const Record& record);

// The deal `record` belongs to (itself for a deal), along `deal`, `order` and `quote`
// references; nullopt when it has none.
std::optional<Record> deal_of(const RecordStore& store, const Record& record);

// The account `record` belongs to (itself for an account), along `account`, then the deal;
// nullopt when none.
std::optional<Record> account_of(const RecordStore& store, const Record& record);

// The quote or invoice (`kind`) to attach to a message about `record`: the record itself when
// it is one; for a quote, else the newest quote of its deal that is not superseded; for an
// invoice, else the newest invoice of the order (when the record is one) or of its deal.
// Throws RefusedError saying what to create when there is none, and UsageError for a kind
// that is no document to attach.
Record document_to_attach(const RecordStore& store, const Record& record, Kind kind);

}  // namespace crm
