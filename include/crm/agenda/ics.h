// iCalendar (RFC 5545) output of the agenda: tasks and response deadlines as VTODO with DUE and
// an alarm, meetings as timed VEVENTs, deadlines and scheduled work as all-day VEVENTs, each
// with a UID that stays the same from run to run, so that a calendar re-importing the file
// updates its entries instead of adding them twice. Also the format's rules on their own:
// text escaping, and CRLF lines folded at 75 octets without splitting a UTF-8 character.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/agenda/agenda.h"
#include "crm/base/dates.h"

namespace crm {

// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash, a
// line break (CRLF, CR or LF) becomes `\n`, other control characters but tab are dropped.
std::string ics_escape(std::string_view text);

// One content line as written: folded so that no line is longer than 75 octets (a
// continuation line starts with one space, which counts), never inside a UTF-8 character,
// each line ending in CRLF.
std::string ics_fold(std::string_view line);

// A moment as UTC date-time, "20261123T090000Z"; "" when `timestamp` is no ISO timestamp.
std::string ics_utc(std::string_view timestamp);
// A date as DATE value, "20261123".
std::string ics_date(const Date& day);

// The UID of an agenda item: "<key>@crm", "T-7K3QZ9AB-task-due@crm".
std::string ics_uid(const AgendaItem& item);

// The agenda as a calendar. DTSTAMP is the clock's now (pinned by --today), so that the same
// directory and day give the same bytes.
std::string agenda_ics(const std::vector<AgendaItem>& items, const Clock& clock);

}  // namespace crm
