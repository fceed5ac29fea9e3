#include "crm/base/dates.h"

#include <cctype>
#include <ctime>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace {

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string offset_text(long gmtoff_seconds) {
  char sign = gmtoff_seconds < 0 ? '-' : '+';
  long abs = gmtoff_seconds < 0 ? -gmtoff_seconds : gmtoff_seconds;
  return fmt::format("{}{:02}:{:02}", sign, abs / 3600, (abs % 3600) / 60);
}

// Local-time timestamp for midnight plus `seconds` on `date`.
std::string local_timestamp(const Date& date, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = date.year() - 1900;
  tm.tm_mon = date.month() - 1;
  tm.tm_mday = date.day();
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;
  std::time_t t = std::mktime(&tm);
  std::tm local{};
  localtime_r(&t, &local);
  return fmt::format("{}T{:02}:{:02}:{:02}{}", date.iso(), hour, minute, second,
                     offset_text(local.tm_gmtoff));
}

const std::regex& timestamp_pattern() {
  static const std::regex k_pattern(
      R"((\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)");
  return k_pattern;
}

constexpr std::string_view k_weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                           "friday", "saturday", "sunday"};

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

Date::Date(int year, int month, int day) : m_year(year), m_month(month), m_day(day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month))
    throw std::invalid_argument("impossible date");
}

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) {
    return std::stoi(std::string(text.substr(pos, len)));
  };
  try {
    return Date(num(0, 4), num(5, 2), num(8, 2));
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

Date Date::from_serial(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

long Date::serial() const {
  return days_from_civil(m_year, m_month, m_day);
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  long w = (serial() + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string Date::iso() const {
  return fmt::format("{:04}-{:02}-{:02}", m_year, m_month, m_day);
}

Date Date::plus_months(int months) const {
  int index = m_year * 12 + (m_month - 1) + months;
  if (index < 12 || index >= 10000 * 12) throw std::invalid_argument("date out of range");
  int year = index / 12, month = index % 12 + 1;
  return Date(year, month, std::min(m_day, days_in_month(year, month)));
}

Date Date::end_of_month() const {
  return Date(m_year, m_month, days_in_month(m_year, m_month));
}

Clock Clock::system() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  std::time_t t = now.tv_sec;
  std::tm local{};
  localtime_r(&t, &local);
  Clock clock;
  clock.m_today = Date(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
  // Milliseconds, so that two commands within one second keep their order in a timeline.
  clock.m_now =
      fmt::format("{}T{:02}:{:02}:{:02}.{:03}{}", clock.m_today.iso(), local.tm_hour, local.tm_min,
                  local.tm_sec, now.tv_nsec / 1000000, offset_text(local.tm_gmtoff));
  return clock;
}

Clock Clock::pinned(std::string_view when) {
  Clock clock;
  if (auto date = Date::parse_iso(when)) {
    clock.m_today = *date;
    clock.m_now = local_timestamp(*date, 0, 0, 0);
    return clock;
  }
  if (is_iso_timestamp(when)) {
    clock.m_today = *date_of(when);
    clock.m_now = std::string(when);
    return clock;
  }
  throw UsageError(fmt::format("--today '{}' is not an ISO 8601 date or timestamp", when),
                   "write it as 2026-11-23 or 2026-11-23T09:30:00+01:00");
}

Date parse_date(std::string_view raw, const Clock& clock, std::string_view option) {
  std::string text = to_lower(trim(raw));
  Date today = clock.today();
  if (auto iso = Date::parse_iso(text)) return *iso;
  if (text == "today") return today;
  if (text == "tomorrow") return today.plus_days(1);
  if (text == "yesterday") return today.plus_days(-1);
  if (text == "eom") return today.end_of_month();
  if (text == "eow") return today.plus_days(6 - today.weekday());
  for (int i = 0; i < 7; ++i) {
    if (text == k_weekdays[i] || text == k_weekdays[i].substr(0, 3)) {
      int ahead = (i - today.weekday() + 7) % 7;
      return today.plus_days(ahead == 0 ? 7 : ahead);
    }
  }
  static const std::regex k_relative(R"(([+-])(\d{1,4})([dwmy]))");
  std::smatch match;
  if (std::regex_match(text, match, k_relative)) {
    int n = std::stoi(match[2]) * (match[1] == "-" ? -1 : 1);
    char unit = match[3].str()[0];
    try {
      if (unit == 'd') return today.plus_days(n);
      if (unit == 'w') return today.plus_days(7L * n);
      if (unit == 'm') return today.plus_months(n);
      return today.plus_months(12 * n);
    } catch (const std::invalid_argument&) {
      // fall through to the error below: the result left the calendar
    }
  }
  throw UsageError(fmt::format("{} '{}' is not a date", option, raw),
                   "use YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, eom, eow or a "
                   "weekday name");
}

std::string parse_moment(std::string_view raw, const Clock& clock, std::string_view option) {
  std::string text = trim(raw);
  if (to_lower(text) == "now") return clock.now();
  std::smatch match;
  if (std::regex_match(text, match, timestamp_pattern())) {
    auto date = Date::parse_iso(match[1].str());
    int hour = std::stoi(match[2]), minute = std::stoi(match[3]);
    int second = match[4].matched ? std::stoi(match[4]) : 0;
    if (date && hour < 24 && minute < 60 && second < 60) {
      if (!match[5].matched) return local_timestamp(*date, hour, minute, second);
      std::string offset = match[5] == "Z" ? "+00:00" : match[5].str();
      std::string moment =
          fmt::format("{}T{:02}:{:02}:{:02}{}", date->iso(), hour, minute, second, offset);
      if (is_iso_timestamp(moment)) return moment;
    }
    throw UsageError(fmt::format("{} '{}' is not a valid time", option, raw),
                     "write it as 2026-11-23T14:30 or 2026-11-23 14:30");
  }
  if (to_lower(text) == "today") return clock.now();
  Date date = parse_date(text, clock, option);
  return local_timestamp(date, 0, 0, 0);
}

namespace {

// A timestamp taken apart: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM). Hand-parsed
// because it runs for every record a list or report sorts.
struct Timestamp {
  Date date;
  int hour = 0, minute = 0, second = 0;
  long nanos = 0;
  long offset_seconds = 0;
  std::string_view offset;  // as written: "Z" or "+01:00"
};

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  auto digits = [&](std::size_t pos, std::size_t len) {
    for (std::size_t i = pos; i < pos + len; ++i)
      if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
    return true;
  };
  auto two = [&](std::size_t pos) { return (text[pos] - '0') * 10 + (text[pos + 1] - '0'); };
  if (text.size() < 20) return std::nullopt;
  auto date = Date::parse_iso(text.substr(0, 10));
  if (!date || text[10] != 'T' || text[13] != ':' || text[16] != ':' || !digits(11, 2) ||
      !digits(14, 2) || !digits(17, 2))
    return std::nullopt;
  Timestamp t{*date, two(11), two(14), two(17), 0, 0, {}};
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  std::size_t pos = 19;
  if (text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && pos - start < 9 && text[pos] >= '0' && text[pos] <= '9') {
      t.nanos = t.nanos * 10 + (text[pos] - '0');
      ++pos;
    }
    std::size_t count = pos - start;
    if (count == 0) return std::nullopt;
    for (std::size_t i = count; i < 9; ++i) t.nanos *= 10;
  }
  t.offset = text.substr(pos);
  if (t.offset == "Z") return t;
  if (t.offset.size() != 6 || (t.offset[0] != '+' && t.offset[0] != '-') || !digits(pos + 1, 2) ||
      t.offset[3] != ':' || !digits(pos + 4, 2) || two(pos + 1) > 23 || two(pos + 4) > 59)
    return std::nullopt;
  t.offset_seconds = (two(pos + 1) * 3600L + two(pos + 4) * 60L) * (t.offset[0] == '-' ? -1 : 1);
  return t;
}

long long utc_seconds(const Timestamp& t) {
  return static_cast<long long>(t.date.serial()) * 86400 + t.hour * 3600 + t.minute * 60 +
         t.second - t.offset_seconds;
}

}  // namespace

bool is_iso_timestamp(std::string_view text) {
  return parse_timestamp(text).has_value();
}

std::optional<long long> epoch_seconds(std::string_view text) {
  if (text.size() == 10) {
    auto date = Date::parse_iso(text);
    if (!date) return std::nullopt;
    return static_cast<long long>(date->serial()) * 86400;
  }
  auto t = parse_timestamp(text);
  if (!t) return std::nullopt;
  return utc_seconds(*t);
}

MomentKey moment_key(std::string_view text) {
  if (auto t = parse_timestamp(text)) return {utc_seconds(*t), t->nanos};
  return {epoch_seconds(text).value_or(0), 0};
}

std::string plus_seconds(std::string_view timestamp, long long seconds) {
  auto t = parse_timestamp(timestamp);
  std::string offset = t && t->offset != "Z" ? std::string(t->offset) : "+00:00";
  long offset_seconds = t ? t->offset_seconds : 0;
  long long local = (t ? utc_seconds(*t) : 0) + seconds + offset_seconds;
  long long day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  long long second = local - day * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}{}", Date::from_serial(static_cast<long>(day)).iso(),
                     second / 3600, second % 3600 / 60, second % 60, offset);
}

std::optional<Date> date_of(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  return Date::parse_iso(text.substr(0, 10));
}

}  // namespace crm
