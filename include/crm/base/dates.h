// Calendar dates, ISO 8601 timestamps, the date words users type (today, +3d, eom, friday),
// and the clock that `--today` pins for scripts and tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace crm {

// A proleptic Gregorian calendar date.
class Date {
 public:
  Date() = default;
  // Throws std::invalid_argument for an impossible date.
  Date(int year, int month, int day);

  // Parses exactly YYYY-MM-DD; nullopt otherwise.
  static std::optional<Date> parse_iso(std::string_view text);
  static Date from_serial(long days_since_epoch);

  int year() const { return m_year; }
  int month() const { return m_month; }
  int day() const { return m_day; }
  long serial() const;  // days since 1970-01-01
  int weekday() const;  // 0 = Monday ... 6 = Sunday
  std::string iso() const;

  Date plus_days(long days) const { return from_serial(serial() + days); }
  Date plus_months(int months) const;  // clamped to the month's last day
  Date end_of_month() const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  int m_year = 1970, m_month = 1, m_day = 1;
};

int days_in_month(int year, int month);

// "Now" for one command: real, or pinned by `--today`.
class Clock {
 public:
  // The system clock in the local time zone.
  static Clock system();
  // Pinned: `when` is YYYY-MM-DD (midnight local time) or a full ISO 8601 timestamp.
  // Throws UsageError when it is neither.
  static Clock pinned(std::string_view when);

  Date today() const { return m_today; }
  // ISO 8601 with offset, e.g. 2026-11-23T17:44:02+00:00.
  const std::string& now() const { return m_now; }

 private:
  Date m_today;
  std::string m_now;
};

// The date words of DESIGN section 5: ISO dates, today, tomorrow, yesterday, +3d, -1w, +2m,
// +1y, eom, eow, and weekday names (the next such day after today). Throws UsageError naming
// `option` when the text is none of them.
Date parse_date(std::string_view text, const Clock& clock, std::string_view option = "date");

// A moment: "now", a full ISO timestamp, "YYYY-MM-DD HH:MM[:SS]", or any date word (midnight
// local time). Returns an ISO 8601 timestamp with offset. Throws UsageError.
std::string parse_moment(std::string_view text, const Clock& clock,
                         std::string_view option = "time");

// A moment's place in time for sorting: (seconds since the epoch, nanoseconds), so that
// timestamps with fractions of a second order correctly; (0, 0) for text that is no moment.
using MomentKey = std::pair<long long, long>;
MomentKey moment_key(std::string_view date_or_timestamp);

// True for a valid ISO 8601 timestamp with offset as crm writes them: seconds, optionally with
// a fraction (the system clock writes milliseconds, so that commands within one second keep
// their order).
bool is_iso_timestamp(std::string_view text);

// Seconds since the epoch (UTC) of an ISO timestamp or date, for ordering moments written
// with different offsets; nullopt when it is neither.
std::optional<long long> epoch_seconds(std::string_view date_or_timestamp);

// An ISO timestamp `seconds` later, written with the same offset (to the second).
std::string plus_seconds(std::string_view timestamp, long long seconds);

// The date part of an ISO date or timestamp, if any.
std::optional<Date> date_of(std::string_view date_or_timestamp);

}  // namespace crm
