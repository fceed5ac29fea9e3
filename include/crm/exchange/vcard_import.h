// crm import vcard and crm export vcard: which card becomes which contact (and account), and
// contacts written back as vCard 4.0. The format itself is exchange/vcard.h's.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// One file handed to the import: its name for messages and its bytes.
struct VcardInput {
  std::string name;
  std::string text;
};

struct VcardImport {
  ChangeSet changes;  // contacts and accounts to create or update
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t accounts_created = 0;
  // "FILE:LINE: card N: why", one per card that was not imported.
  std::vector<std::string> bad;
  // What the cards held that no contact keeps, by property name, with counts.
  std::map<std::string, int> binary_skipped;
  std::map<std::string, int> not_kept;
};

// Reads every card of every input (docs/import.md says how each property lands):
//   - a card matches a contact by its UID when that is the contact's ID (as `crm export vcard`
//     writes it), else by any of its e-mail addresses against any of the contact's (in any
//     letter case), else, for a card without e-mail, by its exact name when one contact has it;
//   - a matched contact takes the card's name, title, account, address and notes where the card
//     has them, and gains the card's e-mails and phones it lacks; nothing else changes, and a
//     contact whose file would not change is counted unchanged, not written;
//   - ORG names the account: the account with exactly that name, else a new one;
//   - a card with neither a name nor an e-mail, or one that cannot be read, is bad: reported
//     with its place, and the others are imported all the same.
VcardImport import_vcards(Session& session, const std::vector<VcardInput>& inputs);

// The contacts as vCard 4.0 cards, in the order given. ORG is the account's name.
std::string export_vcards(const RecordStore& store, const std::vector<Record>& contacts);

}  // namespace crm
