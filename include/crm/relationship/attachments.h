// Document links on any record: `documents: [{path, title, added}]`, a file path or a URL
// (crm stores the link, never the file).
#pragma once

#include <string>

#include "crm/kinds/session.h"

namespace crm {

// Adds a link to `record`. A path or URL already linked is refused.
ChangeSet add_document_link(Session& session, Record record, const std::string& path_or_url,
                            const std::string& title);

}  // namespace crm
