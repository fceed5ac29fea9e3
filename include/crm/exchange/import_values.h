// Values as other tools export them, turned into crm's: dates in ISO, M/D/YYYY or D.M.YYYY form
// (with a time of day or without), and amounts with grouping separators and currency signs
// ("1,234.50", "€1.234,50", "EUR 1 234,50"). Import decides nothing silently: an ambiguous
// date or amount is a problem to report, with what to pass to decide it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crm/base/dates.h"
#include "crm/base/money.h"

namespace crm {

// How to read a date whose day and month could be either way round (03/04/2026).
enum class DateOrder {
  unknown,      // refuse the ambiguous ones
  iso,          // the file has ISO dates only: refuse the others
  month_first,  // M/D/YYYY (US exports)
  day_first,    // D/M/YYYY and D.M.YYYY (European exports)
};

// What --date-format takes: ISO, M/D/YYYY, D/M/YYYY, D.M.YYYY (any case). UsageError otherwise.
DateOrder date_order(std::string_view typed);

// A value that could not be read, and what to do about it.
struct ValueProblem {
  std::string why;
  std::string hint = {};
};

// A date and, where the text had one, its time of day ("14:30:00").
struct ImportedDate {
  Date date;
  std::string time;       // HH:MM:SS, or empty
  std::string timestamp;  // the text itself when it already is an ISO timestamp with offset
};

// Reads YYYY-MM-DD, M/D/YYYY or D/M/YYYY (as `order` says, or where only one reading is a
// date), D.M.YYYY, each optionally followed by a time (`T` or a space, HH:MM[:SS], AM/PM, an
// offset). Returns the problem instead when the text is none of them or ambiguous.
std::optional<ImportedDate> import_date(std::string_view text, DateOrder order,
                                        ValueProblem& problem);

// An ISO 8601 timestamp with offset for a created/at field: the text itself when it is one,
// else the date and time read as local time (midnight without a time).
std::string import_timestamp(const ImportedDate& date, const Clock& clock);

// An amount as a decimal string in `currency` ("1234.50"). Spaces, apostrophes and currency
// signs or the currency's code are dropped; with both '.' and ',' the last one is the decimal
// separator; a lone ',' followed by exactly three digits groups thousands ("1,234" is 1234),
// any other lone ',' is the decimal separator ("1234,5"); '.' alone is the decimal point, and
// a separator met twice groups thousands. Negative amounts and more decimals than the currency
// has are problems.
std::optional<std::string> import_amount(std::string_view text, const Currency& currency,
                                         ValueProblem& problem);

}  // namespace crm
