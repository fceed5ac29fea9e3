// `crm export csv`: records of one kind as CSV with a header of crm's field names, which
// `crm import csv --kind K` reads back as they were (same IDs, same values): every declared
// field that holds a single value, then the custom fields the records carry. Lists (history,
// documents, a deal's roles) are left out: a CSV cell holds one value.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/record.h"

namespace crm {

// The columns for `records` of `kind`: `id`, the kind's single-value fields in file order, then
// the custom keys with single values, in the order first met.
std::vector<std::string> csv_export_columns(Kind kind, const std::vector<Record>& records);

// The CSV text (CRLF line ends, RFC 4180 quoting). Values go out as they are; `escape` makes
// control characters visible (for a terminal).
std::string export_csv(Kind kind, const std::vector<Record>& records, bool escape = false);

}  // namespace crm
