#include "crm/kinds/session.h"

#include <fmt/format.h>

#include "crm/base/text.h"

namespace crm {

Record new_record(Session& session, Kind kind) {
  Record record(kind, Value::map());
  record.set_text("id", session.store.new_id(kind));
  record.set_text("created", session.clock.now());
  start_lifecycle(record);
  return record;
}

ChangeSet transition(Session& session, Record record, std::string_view command,
                     const Firing& firing) {
  fire(record, command, session.actor(), firing, session.guards());
  const Machine* machine = machine_for(record);
  std::string summary = fmt::format(
      "{} {} {}", machine ? join(machine->command, " ") : record.spec().name, command, record.id());
  return ChangeSet::of_updated(std::move(record), summary);
}

}  // namespace crm
