#include "crm/agenda/ics.h"

#include <fmt/format.h>

#include "crm/kinds/registry.h"

namespace crm {
namespace {

constexpr std::size_t k_fold_octets = 75;

bool is_utf8_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Content lines of one calendar, folded as they are added.
class IcsLines {
 public:
  // A property whose value is written as given (dates, codes).
  void raw(std::string_view name, std::string_view value) {
    m_out += ics_fold(std::string(name) + ":" + std::string(value));
  }
  // A property whose value is TEXT.
  void text(std::string_view name, std::string_view value) { raw(name, ics_escape(value)); }
  const std::string& str() const { return m_out; }

 private:
  std::string m_out;
};

// What a calendar shows as the entry's title: tasks and meetings by their subject, the rest
// by what they are, their number and what they are about.
std::string summary_of(const AgendaItem& item) {
  bool numbered = item.number != item.id;
  std::string what = item.what_text();
  if (!what.empty()) what[0] = static_cast<char>(what[0] - 'a' + 'A');
  return numbered ? fmt::format("{} {}: {}", what, item.number, item.label) : item.label;
}

std::string description_of(const AgendaItem& item) {
  std::string text = fmt::format("{} {}", kind_spec(item.kind).name, item.number);
  if (item.number != item.id) text += " (" + item.id + ")";
  if (!item.owner.empty()) text += "\nowner: " + item.owner;
  return text;
}

void alarm(IcsLines& out, const AgendaItem& item, std::string_view trigger) {
  out.raw("BEGIN", "VALARM");
  out.raw("ACTION", "DISPLAY");
  out.text("DESCRIPTION", summary_of(item));
  out.raw("TRIGGER;RELATED=END", trigger);
  out.raw("END", "VALARM");
}

void component(IcsLines& out, const AgendaItem& item, CalendarForm form, const std::string& stamp) {
  bool todo = form == CalendarForm::todo;
  std::string name = todo ? "VTODO" : "VEVENT";
  out.raw("BEGIN", name);
  out.text("UID", ics_uid(item));
  out.raw("DTSTAMP", stamp);
  out.text("SUMMARY", summary_of(item));
  out.text("DESCRIPTION", description_of(item));
  std::string utc = ics_utc(item.at);
  if (todo) {
    // A deadline with a time is due then, an alarm an hour before; a day, an alarm at 09:00.
    if (!utc.empty())
      out.raw("DUE", utc);
    else
      out.raw("DUE;VALUE=DATE", ics_date(item.date));
    out.raw("STATUS", "NEEDS-ACTION");
    alarm(out, item, utc.empty() ? "PT9H" : "-PT1H");
  } else if (form == CalendarForm::event && !utc.empty()) {
    out.raw("DTSTART", utc);
    out.raw("DURATION", "PT1H");
  } else {
    out.raw("DTSTART;VALUE=DATE", ics_date(item.date));
    out.raw("DTEND;VALUE=DATE", ics_date(item.date.plus_days(1)));
    out.raw("TRANSP", "TRANSPARENT");
  }
  out.raw("END", name);
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t at = 0;
  std::size_t room = k_fold_octets;  // the first line has 75 octets, the others 74 after a space
  while (line.size() - at > room) {
    std::size_t cut = at + room;
    while (cut > at && is_utf8_continuation(static_cast<unsigned char>(line[cut]))) --cut;
    if (cut == at) cut = at + room;  // no character start in reach: not UTF-8, cut anyway
    out.append(line.substr(at, cut - at));
    out += "\r\n ";
    at = cut;
    room = k_fold_octets - 1;
  }
  out.append(line.substr(at));
  out += "\r\n";
  return out;
}

std::string ics_utc(std::string_view timestamp) {
  if (timestamp.size() <= 10) return {};
  auto seconds = epoch_seconds(timestamp);
  if (!seconds) return {};
  long long s = *seconds;
  long long days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  long long in_day = s - days * 86400;
  Date day = Date::from_serial(static_cast<long>(days));
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", day.year(), day.month(), day.day(),
                     in_day / 3600, in_day / 60 % 60, in_day % 60);
}

std::string ics_date(const Date& day) {
  return fmt::format("{:04}{:02}{:02}", day.year(), day.month(), day.day());
}

std::string ics_uid(const AgendaItem& item) {
  return item.key() + "@crm";
}

std::string agenda_ics(const std::vector<AgendaItem>& items, const Clock& clock) {
  IcsLines out;
  out.raw("BEGIN", "VCALENDAR");
  out.raw("VERSION", "2.0");
  out.raw("PRODID", "-//crm//crm agenda//EN");
  out.raw("CALSCALE", "GREGORIAN");
  out.raw("METHOD", "PUBLISH");
  out.text("X-WR-CALNAME", "crm agenda");
  std::string stamp = ics_utc(clock.now());
  for (const AgendaItem& item : items) {
    const AgendaWhat* what = agenda_what(item.what);
    component(out, item, what ? what->calendar : CalendarForm::all_day, stamp);
  }
  out.raw("END", "VCALENDAR");
  return out.str();
}

}  // namespace crm
