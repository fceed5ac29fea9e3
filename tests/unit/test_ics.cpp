// The iCalendar writer: escaping, folding at 75 octets without splitting a UTF-8 character,
// CRLF, UTC moments, stable UIDs, and the calendar of an agenda, byte for byte.
#include <catch2/catch.hpp>

#include "crm/agenda/ics.h"
#include "crm/base/text.h"
#include "helpers.h"

using namespace crm;

namespace ics_tests {
namespace {

std::vector<std::string> physical_lines(const std::string& folded) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < folded.size()) {
    std::size_t end = folded.find("\r\n", at);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    lines.push_back(folded.substr(at, end - at));
    at = end + 2;
  }
  return lines;
}

// Undoes the folding: a CRLF followed by one space goes.
std::string unfolded(const std::string& folded) {
  std::string text = replace_all(folded, "\r\n ", "");
  REQUIRE(text.ends_with("\r\n"));
  return text.substr(0, text.size() - 2);
}

AgendaItem item(std::string what, Kind kind, std::string id, std::string number, Date date,
                std::string label, std::string at = {}) {
  AgendaItem i;
  i.what = std::move(what);
  i.kind = kind;
  i.id = std::move(id);
  i.number = std::move(number);
  i.date = date;
  i.label = std::move(label);
  i.at = std::move(at);
  return i;
}

}  // namespace

TEST_CASE("ICS: text escapes backslash, semicolon, comma and line breaks", "[agenda][ics]") {
  CHECK(ics_escape("plain text") == "plain text");
  CHECK(ics_escape("a\\b;c,d") == "a\\\\b\\;c\\,d");
  CHECK(ics_escape("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
  CHECK(ics_escape("tab\tbell\x07"
                   "esc\x1b[0m del\x7f") == "tab\tbellesc[0m del");
  CHECK(ics_escape("Zürich: Grüße") == "Zürich: Grüße");
  CHECK(ics_escape("") == "");
}

TEST_CASE("ICS: lines fold at 75 octets with CRLF and a space", "[agenda][ics]") {
  CHECK(ics_fold("SUMMARY:short") == "SUMMARY:short\r\n");
  std::string exactly(75, 'x');
  CHECK(ics_fold(exactly) == exactly + "\r\n");
  std::string longer(200, 'y');
  std::string folded = ics_fold(longer);
  auto lines = physical_lines(folded);
  // 75, then 1 + 74, 1 + 51.
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == std::string(75, 'y'));
  CHECK(lines[1] == " " + std::string(74, 'y'));
  CHECK(lines[2] == " " + std::string(51, 'y'));
  CHECK(unfolded(folded) == longer);
}

TEST_CASE("ICS: folding counts UTF-8 bytes and never splits a character", "[agenda][ics]") {
  // 74 ASCII bytes, then "ü" (2 bytes) would end at byte 76: the fold comes before it.
  std::string line = std::string(74, 'a') + "üb";
  auto lines = physical_lines(ics_fold(line));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == std::string(74, 'a'));
  CHECK(lines[1] == " üb");
  // Three-byte (€) and four-byte (𝄞) characters, many lines of them.
  std::string text = "SUMMARY:";
  for (int i = 0; i < 40; ++i) text += "€𝄞";
  std::string folded = ics_fold(text);
  for (const auto& l : physical_lines(folded)) {
    CHECK(l.size() <= 75);
    CHECK(is_valid_utf8(l));
  }
  CHECK(unfolded(folded) == text);
}

TEST_CASE("ICS: moments in UTC, dates as DATE values", "[agenda][ics]") {
  CHECK(ics_utc("2026-11-24T14:00:00+01:00") == "20261124T130000Z");
  CHECK(ics_utc("2026-11-24T00:30:00+02:00") == "20261123T223000Z");
  CHECK(ics_utc("2026-11-24T09:05:07Z") == "20261124T090507Z");
  CHECK(ics_utc("2026-11-24") == "");
  CHECK(ics_utc("") == "");
  CHECK(ics_date(Date(2026, 3, 5)) == "20260305");
}

TEST_CASE("ICS: UIDs name the record and what is due, not the day", "[agenda][ics]") {
  AgendaItem task =
      item("task-due", Kind::activity, "T-7K3QZ9AB", "T-7K3QZ9AB", Date(2026, 11, 25), "Call");
  AgendaItem moved = task;
  moved.date = Date(2026, 12, 1);
  moved.label = "Call again";
  CHECK(ics_uid(task) == "T-7K3QZ9AB-task-due@crm");
  CHECK(ics_uid(moved) == ics_uid(task));
  AgendaItem m1 = item("maintenance-due", Kind::service_contract, "SC-7K3QZ9AB", "SC-2026-0001",
                       Date(2026, 11, 26), "Nordwind");
  AgendaItem m2 = m1;
  m2.date = Date(2027, 2, 26);
  CHECK(ics_uid(m1) == "SC-7K3QZ9AB-maintenance-due-2026-11-26@crm");
  CHECK(ics_uid(m2) != ics_uid(m1));
}

TEST_CASE("ICS: the calendar of an agenda, byte for byte", "[agenda][ics]") {
  std::vector<AgendaItem> items;
  items.push_back(item("task-due", Kind::activity, "T-00000001", "T-00000001", Date(2026, 11, 25),
                       "Call Jan; bring the offer, v2"));
  items.back().owner = "ben";
  items.push_back(item("meeting", Kind::activity, "T-00000002", "T-00000002", Date(2026, 11, 24),
                       "Demo", "2026-11-24T14:00:00+01:00"));
  items.push_back(item("invoice-due", Kind::invoice, "I-00000003", "INV-2026-0001",
                       Date(2026, 11, 27), "Nordwind, balance 119.00 EUR"));
  items.back().overdue = true;
  items.push_back(item("response-due", Kind::service_request, "SR-00000004", "SR-2026-0001",
                       Date(2026, 11, 24), "Nordwind: Seal leaking", "2026-11-24T17:00:00+00:00"));
  std::string ics = agenda_ics(items, Clock::pinned("2026-11-23T09:30:00+00:00"));
  CHECK(ics ==
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//crm//crm agenda//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:crm agenda\r\n"
        "BEGIN:VTODO\r\n"
        "UID:T-00000001-task-due@crm\r\n"
        "DTSTAMP:20261123T093000Z\r\n"
        "SUMMARY:Call Jan\\; bring the offer\\, v2\r\n"
        "DESCRIPTION:activity T-00000001\\nowner: ben\r\n"
        "DUE;VALUE=DATE:20261125\r\n"
        "STATUS:NEEDS-ACTION\r\n"
        "BEGIN:VALARM\r\n"
        "ACTION:DISPLAY\r\n"
        "DESCRIPTION:Call Jan\\; bring the offer\\, v2\r\n"
        "TRIGGER;RELATED=END:PT9H\r\n"
        "END:VALARM\r\n"
        "END:VTODO\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:T-00000002-meeting@crm\r\n"
        "DTSTAMP:20261123T093000Z\r\n"
        "SUMMARY:Demo\r\n"
        "DESCRIPTION:activity T-00000002\r\n"
        "DTSTART:20261124T130000Z\r\n"
        "DURATION:PT1H\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:I-00000003-invoice-due@crm\r\n"
        "DTSTAMP:20261123T093000Z\r\n"
        "SUMMARY:Invoice due INV-2026-0001: Nordwind\\, balance 119.00 EUR\r\n"
        "DESCRIPTION:invoice INV-2026-0001 (I-00000003)\r\n"
        "DTSTART;VALUE=DATE:20261127\r\n"
        "DTEND;VALUE=DATE:20261128\r\n"
        "TRANSP:TRANSPARENT\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VTODO\r\n"
        "UID:SR-00000004-response-due@crm\r\n"
        "DTSTAMP:20261123T093000Z\r\n"
        "SUMMARY:Response due SR-2026-0001: Nordwind: Seal leaking\r\n"
        "DESCRIPTION:service-request SR-2026-0001 (SR-00000004)\r\n"
        "DUE:20261124T170000Z\r\n"
        "STATUS:NEEDS-ACTION\r\n"
        "BEGIN:VALARM\r\n"
        "ACTION:DISPLAY\r\n"
        "DESCRIPTION:Response due SR-2026-0001: Nordwind: Seal leaking\r\n"
        "TRIGGER;RELATED=END:-PT1H\r\n"
        "END:VALARM\r\n"
        "END:VTODO\r\n"
        "END:VCALENDAR\r\n");
  // The same items and moment give the same bytes.
  CHECK(agenda_ics(items, Clock::pinned("2026-11-23T09:30:00+00:00")) == ics);
}

TEST_CASE("ICS: an empty agenda is an empty calendar", "[agenda][ics]") {
  CHECK(agenda_ics({}, Clock::pinned("2026-11-23")) ==
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//crm//crm agenda//EN\r\nCALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\nX-WR-CALNAME:crm agenda\r\nEND:VCALENDAR\r\n");
}

}  // namespace ics_tests
