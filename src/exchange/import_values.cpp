#include "crm/exchange/import_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace import_values {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::optional<Date> make_date(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return Date(year, month, day);
}

const char* k_month_names[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};

// "14:30", "14:30:15", "2:30 PM", "14:30:15.000Z", "14:30+01:00": HH:MM:SS, or empty when not
// a time.
std::string time_of_day(std::string_view text) {
  std::string t = trim(text);
  std::string upper = to_upper(t);
  bool pm = false, am = false;
  if (upper.ends_with("PM") || upper.ends_with("AM")) {
    pm = upper.ends_with("PM");
    am = !pm;
    t = trim(t.substr(0, t.size() - 2));
  }
  // Drop an offset or Z and a fraction: the local reading is what the time of day means here.
  std::size_t cut = t.find_first_of("Z+");
  if (cut != std::string::npos) t = t.substr(0, cut);
  if (auto minus = t.find('-'); minus != std::string::npos) t = t.substr(0, minus);
  if (auto dot = t.find('.'); dot != std::string::npos) t = t.substr(0, dot);
  std::vector<std::string> parts = split(t, ':');
  if (parts.size() < 2 || parts.size() > 3) return {};
  for (const auto& p : parts)
    if (!all_digits(p) || p.size() > 2) return {};
  int hour = number(parts[0]), minute = number(parts[1]);
  int second = parts.size() == 3 ? number(parts[2]) : 0;
  if (am || pm) {
    if (hour < 1 || hour > 12) return {};
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return {};
  return fmt::format("{:02}:{:02}:{:02}", hour, minute, second);
}

}  // namespace import_values

DateOrder date_order(std::string_view typed) {
  std::string t = to_upper(trim(typed));
  if (t == "ISO" || t == "YYYY-MM-DD") return DateOrder::iso;
  if (t == "M/D/YYYY" || t == "MM/DD/YYYY") return DateOrder::month_first;
  if (t == "D/M/YYYY" || t == "DD/MM/YYYY" || t == "D.M.YYYY" || t == "DD.MM.YYYY")
    return DateOrder::day_first;
  throw UsageError(
      fmt::format("--date-format '{}' is not one of ISO, M/D/YYYY, D/M/YYYY, D.M.YYYY", typed),
      "M/D/YYYY reads 03/04/2026 as March 4; D/M/YYYY and D.M.YYYY as 3 April");
}

std::optional<ImportedDate> import_date(std::string_view raw, DateOrder order,
                                        ValueProblem& problem) {
  using namespace import_values;
  std::string text = trim(raw);
  ImportedDate out;
  if (is_iso_timestamp(text)) {
    out.date = *date_of(text);
    out.timestamp = text;
    return out;
  }
  // The date part, then an optional time after 'T' or a space.
  std::size_t end = text.find_first_of("T ");
  std::string day_part = text.substr(0, end);
  std::string rest = end == std::string::npos ? "" : text.substr(end + 1);
  if (!rest.empty()) {
    out.time = time_of_day(rest);
    if (out.time.empty()) {
      problem = {fmt::format("'{}' is not a date (the time '{}' cannot be read)", text, rest)};
      return std::nullopt;
    }
  }
  auto bad = [&](std::string why, std::string hint = {}) {
    problem = {std::move(why), std::move(hint)};
    return std::nullopt;
  };
  if (auto iso = Date::parse_iso(day_part)) {
    out.date = *iso;
    return out;
  }
  char separator = day_part.find('/') != std::string::npos   ? '/'
                   : day_part.find('.') != std::string::npos ? '.'
                                                             : 0;
  std::vector<std::string> parts =
      separator ? split(day_part, separator) : std::vector<std::string>{};
  bool numeric = parts.size() == 3 && std::all_of(parts.begin(), parts.end(), [](const auto& p) {
                   return all_digits(p) && p.size() <= 4;
                 });
  if (!numeric)
    return bad(fmt::format("'{}' is not a date", text),
               "dates are read as YYYY-MM-DD, M/D/YYYY, D/M/YYYY or D.M.YYYY");
  if (parts[2].size() != 4)
    return bad(fmt::format("'{}' has no four-digit year", text),
               "export the dates with four-digit years");
  if (order == DateOrder::iso)
    return bad(fmt::format("'{}' is not an ISO date (YYYY-MM-DD), as --date-format ISO says", text),
               "pass --date-format M/D/YYYY or D.M.YYYY for the file's form");
  int a = number(parts[0]), b = number(parts[1]), year = number(parts[2]);
  std::optional<Date> month_first = make_date(year, a, b), day_first = make_date(year, b, a);
  // Dots are the European day-first form; slashes are read as --date-format says, or where only
  // one reading is a date.
  std::optional<Date> chosen;
  if (separator == '.' || order == DateOrder::day_first) {
    chosen = day_first;
  } else if (order == DateOrder::month_first) {
    chosen = month_first;
  } else if (month_first && day_first && *month_first != *day_first) {
    return bad(fmt::format("'{}' is ambiguous: {} {} or {} {}", text, k_month_names[a - 1], b, a,
                           k_month_names[b - 1]),
               "pass --date-format M/D/YYYY or --date-format D/M/YYYY to say which");
  } else {
    chosen = month_first ? month_first : day_first;
  }
  if (!chosen) return bad(fmt::format("'{}' is not a date", text));
  out.date = *chosen;
  return out;
}

std::string import_timestamp(const ImportedDate& date, const Clock& clock) {
  if (!date.timestamp.empty()) return date.timestamp;
  std::string time = date.time.empty() ? "00:00:00" : date.time;
  return parse_moment(date.date.iso() + " " + time, clock, "created");
}

std::optional<std::string> import_amount(std::string_view raw, const Currency& currency,
                                         ValueProblem& problem) {
  std::string text = trim(raw);
  std::string kept;
  // Drop what is not part of the number: spaces (also no-break ones), apostrophes, currency
  // signs and the currency's code.
  std::string upper = to_upper(text);
  if (auto code = upper.find(currency.code); code != std::string::npos)
    text.erase(code, currency.code.size());
  for (std::string_view drop :
       {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x99", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"})
    text = replace_all(text, drop, "");
  for (char c : text)
    if (c != ' ' && c != '\'' && c != '$') kept += c;
  bool negative = kept.starts_with('-');
  if (negative) kept.erase(0, 1);
  auto bad = [&]() {
    problem = {fmt::format("'{}' is not an amount", trim(raw)),
               "write amounts as 1234.50, 1,234.50 or 1.234,50"};
    return std::nullopt;
  };
  if (kept.empty() || kept.find_first_not_of("0123456789.,") != std::string::npos) return bad();
  std::size_t last_dot = kept.rfind('.'), last_comma = kept.rfind(',');
  std::size_t dots = std::count(kept.begin(), kept.end(), '.');
  std::size_t commas = std::count(kept.begin(), kept.end(), ',');
  char decimal = 0;  // the decimal separator, if any
  if (dots && commas) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else if (dots == 1) {
    decimal = '.';
  } else if (commas == 1) {
    decimal = kept.size() - last_comma - 1 == 3 ? 0 : ',';
  }
  char grouping = decimal == '.' ? ',' : decimal == ',' ? '.' : (dots ? '.' : ',');
  std::size_t point = decimal ? kept.rfind(decimal) : std::string::npos;
  std::string whole = kept.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : kept.substr(point + 1);
  if (fraction.find_first_not_of("0123456789") != std::string::npos) return bad();
  // Grouping separators must separate groups of three digits.
  std::vector<std::string> groups = split(whole, grouping);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string& g = groups[i];
    if (g.empty() || g.find_first_not_of("0123456789") != std::string::npos) return bad();
    if (i > 0 && g.size() != 3) return bad();
    if (i == 0 && groups.size() > 1 && g.size() > 3) return bad();
  }
  if (negative) {
    problem = {fmt::format("'{}' is negative", trim(raw)), "amounts are never negative"};
    return std::nullopt;
  }
  std::string number = join(groups, "") + (fraction.empty() ? "" : "." + fraction);
  try {
    return Money::parse(number, currency, "amount").str();
  } catch (const Error& e) {
    problem = {e.what(), e.hint()};
    return std::nullopt;
  }
}

}  // namespace crm
