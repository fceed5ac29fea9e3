#include "crm/kinds/numbering.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/registry.h"

namespace crm {

std::string next_number(const RecordStore& store, Kind kind, const Date& today) {
  std::string stem = fmt::format("{}-{:04}-", kind_spec(kind).number_prefix, today.year());
  int highest = 0;
  store.for_each(kind, [&](const Record& r) {
    std::string number = r.get("number");
    if (!number.starts_with(stem)) return;
    std::string digits = number.substr(stem.size());
    if (digits.empty() || digits.size() > 6 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      return;
    highest = std::max(highest, std::stoi(digits));
  });
  int& issued = store.issued_sequence(stem);
  issued = std::max(highest, issued) + 1;
  return fmt::format("{}{:04}", stem, issued);
}

ChangeSet renumber(Session& session, Record document) {
  if (document.spec().number_prefix.empty())
    throw RefusedError(fmt::format("{} records have no number", document.spec().name));
  std::string from = document.get("number");
  bool shared = false;
  for (const Record& r : session.store.find_by(document.kind(), "number", from))
    shared = shared || r.id() != document.id();
  if (!shared)
    throw RefusedError(fmt::format("{} {} has a number of its own; renumber is for a number two "
                                   "records share after a merge",
                                   document.spec().name, from),
                       "crm check lists shared numbers");
  std::string to = next_number(session.store, document.kind(), session.clock.today());
  document.append_history(field_change_entry(session.actor(), "number", from, to));
  document.set_text("number", to);
  ChangeSet changes;
  changes.summary = fmt::format("renumber {} {}", document.id(), to);
  changes.updated(std::move(document));
  return changes;
}

}  // namespace crm
