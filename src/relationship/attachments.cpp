#include "crm/relationship/attachments.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {

ChangeSet add_document_link(Session& session, Record record, const std::string& path_or_url,
                            const std::string& title) {
  if (!record.spec().field("documents"))
    throw RefusedError(fmt::format("{} records carry no documents", record.spec().name));
  std::string link = trim(path_or_url);
  if (link.empty()) throw UsageError("a document needs a path or URL");
  Value* documents = record.fields().find("documents");
  if (!documents || !documents->is_sequence()) {
    record.set("documents", Value::sequence());
    documents = record.fields().find("documents");
  }
  for (const Value& d : documents->items())
    if (d.get("path") == link)
      throw RefusedError(
          fmt::format("{} already links {}", record.id(), escape_for_terminal(link)));
  Value entry = Value::map();
  entry.set("path", Value::string(link));
  if (!trim(title).empty()) entry.set("title", Value::string(trim(title)));
  entry.set("added", Value::string(session.clock.now()));
  entry.set("by", Value::string(session.user));
  documents->push_back(std::move(entry));
  ChangeSet changes;
  changes.summary = fmt::format("doc add {}", record.id());
  changes.updated(std::move(record));
  return changes;
}

}  // namespace crm
