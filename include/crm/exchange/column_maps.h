// The header tables: how other tools name the columns of their CSV exports, one table per tool
// (Google Contacts, Outlook, HubSpot, Pipedrive, Salesforce), and the values they use for deal
// stages and lead statuses. Data, not code: a new tool is a new table.
//
// A header maps to one of crm's field names or to a pseudo-field that the import combines:
// `first_name` and `last_name` (joined into `name`), `close_date` (a deal's `close_by`, or its
// `closed` once it is won or lost). A field written "?title" is a weak match: the column fills
// the field only when no other column of the file maps to it (Salesforce's "Title" is the job
// title, Outlook's the honorific beside its "Job Title"). A field the kind does not have is
// kept as a custom field,
// except `account` on kinds without one: a lead's `company`, an account's own `name`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm {

struct HeaderTable {
  std::string tool;                                          // "Google Contacts"
  std::vector<std::pair<std::string, std::string>> columns;  // header -> field
};

// Every tool's table, in the order they are tried.
const std::vector<HeaderTable>& header_tables();

struct HeaderMatch {
  std::string field;
  std::string tool;
};

// The field a header names in some tool's table, matched in any letter case and with spaces
// trimmed; nullopt when no table has it.
std::optional<HeaderMatch> match_header(std::string_view header);

// Values other tools write in a stage or status column and the state they mean here
// ("Closed Won" -> won), per tool.
struct StateTable {
  std::string tool;
  std::vector<std::pair<std::string, std::string>> values;  // value -> state
};
const std::vector<StateTable>& state_tables();

// The state a tool's stage or status value means, in any letter case; nullopt when no table
// has it.
std::optional<std::string> known_state(std::string_view value);

// A header as a custom field's key: "Favourite Colour" -> favourite_colour.
std::string snake_case(std::string_view header);

}  // namespace crm
