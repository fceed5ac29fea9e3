// Dates: the calendar, the date words users type, moments, timestamps and the pinned clock.
#include <catch2/catch.hpp>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace dates_tests {

namespace {

std::string date_word(std::string_view text, std::string_view today = "2026-11-23") {
  return parse_date(text, Clock::pinned(today)).iso();
}

}  // namespace

TEST_CASE("Clock::pinned fixes today and now", "[dates]") {
  Clock monday = Clock::pinned("2026-11-23");
  CHECK(monday.today() == Date(2026, 11, 23));
  CHECK(monday.today().weekday() == 0);
  CHECK(monday.now() == "2026-11-23T00:00:00+00:00");  // midnight, local time (UTC here)

  Clock moment = Clock::pinned("2026-11-23T09:30:00+01:00");
  CHECK(moment.today() == Date(2026, 11, 23));
  CHECK(moment.now() == "2026-11-23T09:30:00+01:00");

  for (const char* bad :
       {"", "someday", "2026-11-31", "23.11.2026", "2026-11-23T25:00:00Z", "2026-11-23T09:30:00"}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { Clock::pinned(bad); });
    CHECK_THAT(e.what(), Catch::Contains("--today"));
  }
}

TEST_CASE("Clock::system gives a consistent today and now", "[dates]") {
  Clock clock = Clock::system();
  CHECK(is_iso_timestamp(clock.now()));
  CHECK(date_of(clock.now()) == clock.today());
}

TEST_CASE("parse_date understands the date words", "[dates]") {
  const std::pair<const char*, const char*> cases[] = {
      {"today", "2026-11-23"},      {"tomorrow", "2026-11-24"},   {"yesterday", "2026-11-22"},
      {"+3d", "2026-11-26"},        {"-1d", "2026-11-22"},        {"+0d", "2026-11-23"},
      {"+2w", "2026-12-07"},        {"-1w", "2026-11-16"},        {"+1m", "2026-12-23"},
      {"+2m", "2027-01-23"},        {"-11m", "2025-12-23"},       {"+1y", "2027-11-23"},
      {"-2y", "2024-11-23"},        {"+40d", "2027-01-02"},       {"eom", "2026-11-30"},
      {"eow", "2026-11-29"},        {"monday", "2026-11-30"},     {"mon", "2026-11-30"},
      {"tuesday", "2026-11-24"},    {"tue", "2026-11-24"},        {"wednesday", "2026-11-25"},
      {"thursday", "2026-11-26"},   {"friday", "2026-11-27"},     {"fri", "2026-11-27"},
      {"saturday", "2026-11-28"},   {"sunday", "2026-11-29"},     {"sun", "2026-11-29"},
      {"2026-12-24", "2026-12-24"}, {"2024-02-29", "2024-02-29"}, {"  Today ", "2026-11-23"},
      {"FRIDAY", "2026-11-27"},     {"EOM", "2026-11-30"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(date_word(text) == expected);
  }
}

TEST_CASE("parse_date clamps months and years to the month's last day", "[dates]") {
  CHECK(date_word("+1m", "2026-01-31") == "2026-02-28");
  CHECK(date_word("+1m", "2024-01-31") == "2024-02-29");
  CHECK(date_word("+3m", "2026-01-31") == "2026-04-30");
  CHECK(date_word("-1m", "2026-03-31") == "2026-02-28");
  CHECK(date_word("+1y", "2024-02-29") == "2025-02-28");
  CHECK(date_word("+4y", "2024-02-29") == "2028-02-29");
  CHECK(date_word("eom", "2024-02-10") == "2024-02-29");
  CHECK(date_word("eom", "2026-12-31") == "2026-12-31");
  CHECK(date_word("tomorrow", "2026-12-31") == "2027-01-01");
  // From a Sunday, eow is that Sunday and the weekday names look ahead.
  CHECK(date_word("eow", "2026-11-29") == "2026-11-29");
  CHECK(date_word("sunday", "2026-11-29") == "2026-12-06");
  CHECK(date_word("monday", "2026-11-29") == "2026-11-30");
}

TEST_CASE("parse_date refuses what is not a date, naming the option", "[dates]") {
  Clock clock = Clock::pinned("2026-11-23");
  for (const char* bad : {"someday", "2026-02-30", "2026-13-01", "+3x", "3d", "+d", "+12345d",
                          "2026-1-01", "26-11-23", "", "mo", "next monday", "+9999y", "-2026y"}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { parse_date(bad, clock, "--due"); });
    CHECK(e.code() == ExitCode::usage);
    CHECK_THAT(e.what(), Catch::StartsWith("--due '"));
    CHECK_THAT(e.hint(), Catch::Contains("YYYY-MM-DD"));
  }
}

TEST_CASE("parse_moment reads times, timestamps and date words", "[dates]") {
  Clock clock = Clock::pinned("2026-11-23T08:15:00+01:00");
  CHECK(parse_moment("2026-11-20 14:00", clock) == "2026-11-20T14:00:00+00:00");
  CHECK(parse_moment("2026-11-20T14:00", clock) == "2026-11-20T14:00:00+00:00");
  CHECK(parse_moment("2026-11-20 14:00:30", clock) == "2026-11-20T14:00:30+00:00");
  CHECK(parse_moment("2026-11-20T14:00:00+02:00", clock) == "2026-11-20T14:00:00+02:00");
  CHECK(parse_moment("2026-11-20T14:00:00-05:30", clock) == "2026-11-20T14:00:00-05:30");
  CHECK(parse_moment("2026-11-20T14:00:00Z", clock) == "2026-11-20T14:00:00+00:00");
  CHECK(parse_moment("now", clock) == "2026-11-23T08:15:00+01:00");
  CHECK(parse_moment("NOW", clock) == "2026-11-23T08:15:00+01:00");
  CHECK(parse_moment("tomorrow", clock) == "2026-11-24T00:00:00+00:00");
  CHECK(parse_moment("2026-11-20", clock) == "2026-11-20T00:00:00+00:00");

  for (const char* bad :
       {"2026-11-20 24:00", "2026-11-20 14:60", "2026-02-30 10:00", "later", "14:00"}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { parse_moment(bad, clock, "--at"); });
    CHECK_THAT(e.what(), Catch::StartsWith("--at '"));
  }
}

TEST_CASE("is_iso_timestamp accepts only full timestamps with an offset", "[dates]") {
  for (const char* good : {"2026-11-23T17:44:02+00:00", "2026-11-23T17:44:02Z",
                           "2026-11-23T00:00:00-05:00", "2024-02-29T23:59:59+14:00"}) {
    INFO(good);
    CHECK(is_iso_timestamp(good));
  }
  for (const char* bad :
       {"2026-11-23", "2026-11-23T17:44:02", "2026-11-23 17:44:02+00:00", "2026-11-23T17:44+00:00",
        "2026-11-23T24:00:00Z", "2026-11-23T12:60:00Z", "2026-11-23T12:00:60Z",
        "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-23T17:44:02+0000",
        "2026-11-23T17:44:02+00:00 ", "x2026-11-23T17:44:02Z", ""}) {
    INFO(bad);
    CHECK_FALSE(is_iso_timestamp(bad));
  }
}

TEST_CASE("epoch_seconds orders moments written with different offsets", "[dates]") {
  CHECK(epoch_seconds("1970-01-01") == 0);
  CHECK(epoch_seconds("1970-01-02") == 86400);
  CHECK(epoch_seconds("1970-01-01T00:00:01Z") == 1);
  CHECK(epoch_seconds("1970-01-01T01:00:00+01:00") == 0);
  CHECK(epoch_seconds("1969-12-31T19:00:00-05:00") == 0);
  CHECK(epoch_seconds("2026-11-23T12:00:00+02:00") == epoch_seconds("2026-11-23T10:00:00Z"));
  CHECK(epoch_seconds("2026-11-23T05:00:00-05:00") == epoch_seconds("2026-11-23T10:00:00+00:00"));
  CHECK(*epoch_seconds("2026-11-23T12:00:00+02:00") < *epoch_seconds("2026-11-23T11:00:00+00:00"));
  CHECK(*epoch_seconds("2026-11-23T23:30:00-01:00") > *epoch_seconds("2026-11-24T00:15:00+00:00"));
  CHECK(*epoch_seconds("2026-11-23T05:30:00+05:30") == *epoch_seconds("2026-11-23"));
  CHECK_FALSE(epoch_seconds("garbage").has_value());
  CHECK_FALSE(epoch_seconds("2026-11-23Tjunk").has_value());
  CHECK_FALSE(epoch_seconds("2026-02-30").has_value());
  CHECK_FALSE(epoch_seconds("").has_value());
}

TEST_CASE("date_of takes the date part of a date or timestamp", "[dates]") {
  CHECK(date_of("2026-11-23T17:44:02+01:00") == Date(2026, 11, 23));
  CHECK(date_of("2026-11-23") == Date(2026, 11, 23));
  CHECK_FALSE(date_of("2026-11").has_value());
  CHECK_FALSE(date_of("2026-13-23T00:00:00Z").has_value());
}

TEST_CASE("Date counts days, weekdays and months", "[dates]") {
  CHECK(Date(1970, 1, 1).serial() == 0);
  CHECK(Date(1969, 12, 31).serial() == -1);
  CHECK(Date(2000, 3, 1).serial() == 11017);
  CHECK(Date(2026, 11, 23).serial() == 20780);
  CHECK(Date::from_serial(20780) == Date(2026, 11, 23));
  CHECK(Date::from_serial(-1) == Date(1969, 12, 31));
  CHECK(Date(1970, 1, 1).weekday() == 3);    // Thursday
  CHECK(Date(1969, 12, 31).weekday() == 2);  // Wednesday
  CHECK(Date(2026, 11, 23).weekday() == 0);  // Monday
  CHECK(Date(2026, 11, 29).weekday() == 6);  // Sunday
  CHECK(Date(2000, 1, 1).weekday() == 5);    // Saturday
  for (long s = -800; s < 800000; s += 97) {
    Date d = Date::from_serial(s);
    REQUIRE(d.serial() == s);
    REQUIRE(d.plus_days(1).serial() == s + 1);
  }
  CHECK(Date(2026, 11, 23).iso() == "2026-11-23");
  CHECK(Date(33, 1, 2).iso() == "0033-01-02");
  CHECK(Date(2026, 1, 15).plus_months(-1) == Date(2025, 12, 15));
  CHECK(Date(2026, 12, 15).plus_months(1) == Date(2027, 1, 15));
  CHECK(Date(2026, 5, 31).plus_months(1) == Date(2026, 6, 30));
  CHECK(Date(2026, 5, 31).plus_months(24) == Date(2028, 5, 31));
  CHECK(Date(2026, 2, 3).end_of_month() == Date(2026, 2, 28));
  CHECK(Date(2026, 1, 1) < Date(2026, 1, 2));
  CHECK(Date(2025, 12, 31) < Date(2026, 1, 1));
}

TEST_CASE("Leap years follow the Gregorian rules", "[dates]") {
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2026, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2026, 4) == 30);
  CHECK(days_in_month(2026, 12) == 31);
  CHECK_NOTHROW(Date(2024, 2, 29));
  CHECK_THROWS_AS(Date(2026, 2, 29), std::invalid_argument);
  CHECK_THROWS_AS(Date(1900, 2, 29), std::invalid_argument);
  CHECK_THROWS_AS(Date(2026, 4, 31), std::invalid_argument);
  CHECK_THROWS_AS(Date(2026, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(Date(2026, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(Date(0, 1, 1), std::invalid_argument);
  CHECK(Date::parse_iso("2024-02-29") == Date(2024, 2, 29));
  CHECK_FALSE(Date::parse_iso("2023-02-29").has_value());
  CHECK_FALSE(Date::parse_iso("2026-11-23T00:00:00Z").has_value());
  CHECK_FALSE(Date::parse_iso("2026/11/23").has_value());
  CHECK_FALSE(Date::parse_iso("+026-11-23").has_value());
  CHECK(Date(2024, 12, 31).serial() - Date(2024, 1, 1).serial() == 365);
  CHECK(Date(2026, 12, 31).serial() - Date(2026, 1, 1).serial() == 364);
}

// Under -fsanitize=undefined this aborts: Date::plus_months computes a month of 0 or less for
// a result before year 1 and days_in_month indexes its table with it before Date's constructor
// refuses the date.
TEST_CASE("parse_date refuses a result before year 1 without reading outside the month table",
          "[dates]") {
  Clock clock = Clock::pinned("2026-11-23");
  for (const char* bad : {"-2027y", "-3000y"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_date(bad, clock), UsageError);
  }
  CHECK_THROWS_AS(Date(1, 1, 1).plus_months(-13), std::invalid_argument);
}

TEST_CASE("Local moments carry the local offset, summer and winter", "[dates]") {
  crm_test::EnvVar tz("TZ", "Europe/Warsaw");
  ::tzset();
  Clock clock = Clock::pinned("2026-07-01");
  CHECK(clock.now() == "2026-07-01T00:00:00+02:00");
  CHECK(Clock::pinned("2026-01-15").now() == "2026-01-15T00:00:00+01:00");
  CHECK(parse_moment("2026-07-01 14:00", clock) == "2026-07-01T14:00:00+02:00");
  CHECK(parse_moment("2026-12-01 14:00", clock) == "2026-12-01T14:00:00+01:00");
  CHECK(*epoch_seconds(parse_moment("2026-07-01 14:00", clock)) ==
        *epoch_seconds("2026-07-01T12:00:00Z"));
  ::setenv("TZ", "UTC", 1);
  ::tzset();
}

// The offset part is checked only for its shape: "+99:99" passes, and epoch_seconds then
// shifts the moment by more than four days.
TEST_CASE("is_iso_timestamp refuses impossible offsets", "[dates]") {
  for (const char* bad :
       {"2026-11-23T10:00:00+99:99", "2026-11-23T10:00:00+05:60", "2026-11-23T10:00:00-24:00"}) {
    INFO(bad);
    CHECK_FALSE(is_iso_timestamp(bad));
    CHECK_THROWS_AS(parse_moment(bad, Clock::pinned("2026-11-23")), UsageError);
  }
}

TEST_CASE("moment_key orders timestamps with and without fractions and offsets", "[dates]") {
  // Each strictly later than the one before.
  const std::vector<std::string> ordered = {
      "2026-11-22",                           // a date is its midnight, UTC
      "2026-11-23T00:00:00+01:00",            // 2026-11-22T23:00Z
      "2026-11-23",                           //
      "2026-11-23T00:00:00.000000001+00:00",  // a nanosecond later
      "2026-11-23T09:59:59.999Z",             //
      "2026-11-23T10:00:00Z",                 //
      "2026-11-23T10:00:00.001+00:00",        // milliseconds, as the system clock writes
      "2026-11-23T11:00:00.25+01:00",         // 10:00:00.25Z
      "2026-11-23T10:00:00.5+00:00",          //
      "2026-11-23T10:00:01-00:00",            //
      "2026-11-23T05:00:02-05:00",            // 10:00:02Z
  };
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    INFO(ordered[i - 1] << " < " << ordered[i]);
    CHECK(moment_key(ordered[i - 1]) < moment_key(ordered[i]));
  }
  // The same moment however it is written.
  CHECK(moment_key("2026-11-23T12:00:00+02:00") == moment_key("2026-11-23T10:00:00Z"));
  CHECK(moment_key("2026-11-23T10:00:00.5+00:00") == moment_key("2026-11-23T10:00:00.500+00:00"));
  CHECK(moment_key("2026-11-23") == moment_key("2026-11-23T00:00:00Z"));
  CHECK(moment_key("2026-11-23T10:00:00.123456789Z") ==
        MomentKey{*epoch_seconds("2026-11-23T10:00:00Z"), 123456789});
  // What is no moment sorts first, as the epoch.
  for (const char* none : {"", "yesterday", "2026-11-23T10:00", "2026-11-23T10:00:00.+00:00",
                           "2026-11-23T10:00:00.1234567890Z"}) {
    INFO(none);
    CHECK(moment_key(none) == MomentKey{0, 0});
  }
}

TEST_CASE("Timestamps may carry a fraction of a second, and the system clock writes one",
          "[dates]") {
  for (const char* good : {"2026-11-23T10:00:00.1+01:00", "2026-11-23T10:00:00.123Z",
                           "2026-11-23T10:00:00.123456789-05:30"}) {
    INFO(good);
    CHECK(is_iso_timestamp(good));
    CHECK(epoch_seconds(good).has_value());
    CHECK(date_of(good) == Date(2026, 11, 23));
  }
  for (const char* bad :
       {"2026-11-23T10:00:00.+01:00", "2026-11-23T10:00:00,5+01:00", "2026-11-23T10:00:00.5"}) {
    INFO(bad);
    CHECK_FALSE(is_iso_timestamp(bad));
  }
  CHECK(epoch_seconds("2026-11-23T10:00:00.999Z") == epoch_seconds("2026-11-23T10:00:00Z"));
  std::string now = Clock::system().now();
  CHECK(is_iso_timestamp(now));
  REQUIRE(now.size() > 23);
  CHECK(now[19] == '.');  // milliseconds: commands within one second keep their order
  CHECK(Clock::pinned("2026-11-23T10:00:00.250+01:00").now() == "2026-11-23T10:00:00.250+01:00");
}

}  // namespace dates_tests
