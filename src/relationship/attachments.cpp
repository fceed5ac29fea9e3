#include "crm/relationship/attachments.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {

ChangeSet add_document_link(Session& session, Record record, const std::string& path_or_url,
                            const std::string& title) {
  std::string link = trim(path_or_url);
  if (link.empty()) throw UsageError("a document needs a path or URL");
  Value& documents = record.list("documents");
  for (const Value& d : documents.items())
    if (d.get("path") == link)
      throw RefusedError(fmt::format("{} already links {}", record.id(), escape_for_terminal(link)),
                         fmt::format("see its links with `crm doc list {}`", record.id()));
  Value entry = Value::map();
  entry.set("path", Value::string(link));
  if (!trim(title).empty()) entry.set("title", Value::string(trim(title)));
  entry.set("added", Value::string(session.clock.now()));
  entry.set("by", Value::string(session.user));
  documents.push_back(std::move(entry));
  std::string summary = fmt::format("doc add {}", record.id());
  return ChangeSet::of_updated(std::move(record), summary);
}

ChangeSet remove_document_link(Session&, Record record, const std::string& path_or_url) {
  std::string link = trim(path_or_url);
  Value* documents = record.find("documents");
  auto before = documents && documents->is_sequence() ? documents->items().size() : 0;
  if (before)
    std::erase_if(documents->items(), [&](const Value& d) { return d.get("path") == link; });
  if (!documents || documents->items().size() == before)
    throw NotFoundError(
        fmt::format("{} links no document '{}'", record.id(), escape_for_terminal(link)),
        fmt::format("see its links with `crm doc list {}`", record.id()));
  if (documents->items().empty()) record.erase("documents");
  std::string summary = fmt::format("doc remove {}", record.id());
  return ChangeSet::of_updated(std::move(record), summary);
}

std::vector<DocumentLink> document_links(const Record& record) {
  std::vector<DocumentLink> out;
  if (const Value* documents = record.find("documents"))
    for (const Value& d : documents->items())
      out.push_back({d.get("path"), d.get("title"), d.get("added"), d.get("by")});
  return out;
}

}  // namespace crm
