// Document links on any record: `documents: [{path, title, added, by}]`, a file path or a URL
// (crm stores the link, never the file).
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// Adds a link to `record`. A path or URL already linked is refused.
ChangeSet add_document_link(Session& session, Record record, const std::string& path_or_url,
                            const std::string& title);

// Removes the link to `path_or_url` from `record`; NotFoundError when it has none.
ChangeSet remove_document_link(Session& session, Record record, const std::string& path_or_url);

// The record's links, oldest first.
struct DocumentLink {
  std::string path, title, added, by;
};
std::vector<DocumentLink> document_links(const Record& record);

}  // namespace crm
