// Erasing a person (a contact or a lead): their personal data leaves the working tree, every
// record that mentions them is scrubbed, and the git commands that would purge it from history
// too are written out for the user to run. Which fields are personal is the kind registry's to
// say (FieldSpec::personal); every kind is walked through the RecordStore, none by name.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// What stands in for erased text, in the person's record and everywhere they were mentioned.
inline constexpr const char* k_erased_marker = "[erased]";

// The identifying values of a person, as found in their record before erasure. Never written
// to a file or a commit message; shown to the user for the history purge only.
struct PersonalData {
  std::vector<std::string> texts;   // names and phones: replaced where they occur exactly
  std::vector<std::string> emails;  // replaced in any letter case
  bool empty() const { return texts.empty() && emails.empty(); }
};

struct Erasure {
  // The tombstone first, then every other record that changed. Its summary (the commit
  // message) holds IDs only.
  ChangeSet changes;
  PersonalData erased;
};

// The values of `person`'s identifying fields worth scrubbing elsewhere (at least 3 characters:
// a shorter one would rewrite unrelated words).
PersonalData personal_data(const Record& person);

// Erases `person`: the record stays, as a tombstone that keeps its ID and non-personal fields
// (account, status, owner, created, history) so that references stay valid, gains
// `erased: <today>`, and loses its personal fields (a required one, the name, becomes
// "[erased]"). In every other record of every kind, each exact occurrence of the person's name,
// phone or e-mail (any case) in any text, list, entry or custom field becomes "[erased]"; an
// e-mail or phone field that held it is removed. IDs and references are never touched. A
// record of a kind with personal fields that refers to `person` (the lead a contact was
// converted from) is the same person: it becomes a tombstone too.
// Refuses (RefusedError) a kind without personal fields, a record already erased (its data is
// no longer known) and one with nothing to erase.
Erasure erase_person(Session& session, Record person);

// Replaces the occurrences of `data` in one record (not a tombstone: every field but the ID
// and references). True when something changed.
bool scrub_record(Record& record, const PersonalData& data);

// For the user to read and run, never run by crm: the commands that rewrite git history so
// that `data` leaves old commits too (git filter-repo --replace-text, or git filter-branch with
// sed, which git itself provides), and what that does to every other clone.
// With `dry_run`, it says that nothing was erased yet.
std::string history_purge_instructions(const std::string& id, const PersonalData& data,
                                       bool dry_run = false);

}  // namespace crm
