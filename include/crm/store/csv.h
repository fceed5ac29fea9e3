// CSV as crm writes it (RFC 4180): one rule for every table a command prints as CSV.
#pragma once

#include <string>
#include <vector>

namespace crm {

// A field quoted when it holds a comma, quote or line break, quotes doubled. Control characters
// other than line breaks are escaped as on a terminal (CSV output may reach one) unless
// `escape` is false: an export for another program keeps every byte.
std::string csv_field(const std::string& raw, bool escape = true);

// Fields joined by commas, ending in CRLF.
std::string csv_line(const std::vector<std::string>& fields, bool escape = true);

}  // namespace crm
