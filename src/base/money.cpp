#include "crm/base/money.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "crm/base/error.h"

namespace crm {
namespace {

using Wide = __int128;

constexpr int k_max_decimals = 6;
constexpr int k_max_integer_digits = 13;
constexpr std::int64_t k_max_minor = 1'000'000'000'000'000;  // 10^15 minor units

Wide pow10(int n) {
  Wide p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// numerator / denominator rounded half away from zero; denominator > 0.
Wide divide_rounded(Wide numerator, Wide denominator) {
  bool negative = numerator < 0;
  Wide magnitude = negative ? -numerator : numerator;
  Wide q = magnitude / denominator;
  if ((magnitude % denominator) * 2 >= denominator) ++q;
  return negative ? -q : q;
}

Money checked_money(Wide minor, int digits) {
  if (minor >= k_max_minor || minor <= -k_max_minor)
    throw UsageError("the amount is too large for crm (limit: 10^15 minor units, 10^13 EUR)");
  return Money(static_cast<std::int64_t>(minor), digits);
}

// A result that no longer fits 18 digits is refused rather than wrapped.
Decimal checked_decimal(Wide mantissa, int scale) {
  constexpr Wide k_limit = Wide(1'000'000'000'000'000'000);  // 10^18
  if (mantissa >= k_limit || mantissa <= -k_limit)
    throw UsageError("a quantity is too large or too precise for crm (18 digits at most)");
  return Decimal(static_cast<std::int64_t>(mantissa), scale);
}

// Brings two decimals to one scale for addition and comparison.
std::pair<Wide, Wide> aligned(const Decimal& a, const Decimal& b, int& scale) {
  scale = std::max(a.scale(), b.scale());
  return {Wide(a.mantissa()) * pow10(scale - a.scale()),
          Wide(b.mantissa()) * pow10(scale - b.scale())};
}

std::string digits_text(std::int64_t mantissa, int scale) {
  Wide magnitude = mantissa;
  bool negative = magnitude < 0;
  if (negative) magnitude = -magnitude;
  std::string digits = std::to_string(static_cast<unsigned long long>(magnitude));
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale)
      digits.insert(0, std::string(scale - digits.size() + 1, '0'));
    digits.insert(digits.size() - scale, ".");
  }
  return (negative ? "-" : "") + digits;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  auto point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  if (whole.empty() || whole.size() > k_max_integer_digits) return std::nullopt;
  // 13 + 6 digits could overflow 64 bits; no quantity or amount needs more than 18.
  if (whole.size() + fraction.size() > 18) return std::nullopt;
  if (point != std::string_view::npos && (fraction.empty() || fraction.size() > k_max_decimals))
    return std::nullopt;
  auto all_digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!all_digits(whole) || !all_digits(fraction)) return std::nullopt;
  std::int64_t mantissa = 0;
  for (char c : whole) mantissa = mantissa * 10 + (c - '0');
  for (char c : fraction) mantissa = mantissa * 10 + (c - '0');
  return Decimal(negative ? -mantissa : mantissa, static_cast<int>(fraction.size()));
}

std::string Decimal::str() const {
  std::int64_t m = m_mantissa;
  int scale = m_scale;
  while (scale > 0 && m % 10 == 0) {
    m /= 10;
    --scale;
  }
  return digits_text(m, scale);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  int scale;
  auto [x, y] = aligned(a, b, scale);
  return checked_decimal(x + y, scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  int scale;
  auto [x, y] = aligned(a, b, scale);
  return checked_decimal(x - y, scale);
}

bool operator==(const Decimal& a, const Decimal& b) {
  int scale;
  auto [x, y] = aligned(a, b, scale);
  return x == y;
}

bool operator<(const Decimal& a, const Decimal& b) {
  int scale;
  auto [x, y] = aligned(a, b, scale);
  return x < y;
}

Currency currency_for(std::string_view code) {
  if (code.size() != 3 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    throw UsageError(fmt::format("'{}' is not an ISO 4217 currency code", code),
                     "use three capital letters such as EUR, USD, PLN, JPY");
  static constexpr std::pair<std::string_view, int> k_exceptions[] = {
      {"JPY", 0}, {"KRW", 0}, {"ISK", 0}, {"CLP", 0}, {"VND", 0}, {"HUF", 2}, {"BHD", 3},
      {"KWD", 3}, {"OMR", 3}, {"JOD", 3}, {"TND", 3}, {"IQD", 3}, {"LYD", 3}};
  for (const auto& [known, digits] : k_exceptions)
    if (known == code) return Currency{std::string(code), digits};
  return Currency{std::string(code), 2};
}

Money Money::parse(std::string_view text, const Currency& currency, std::string_view what) {
  auto d = Decimal::parse(text);
  if (!d)
    throw UsageError(fmt::format("{} '{}' is not an amount", what, text),
                     "write it like 1234.50, with a point and no thousands separators");
  if (d->scale() > currency.minor_digits)
    throw UsageError(fmt::format("{} '{}' has more decimals than {} allows ({})", what, text,
                                 currency.code, currency.minor_digits),
                     "round it yourself; crm never rounds an amount you typed");
  Wide minor = Wide(d->mantissa()) * pow10(currency.minor_digits - d->scale());
  return checked_money(minor, currency.minor_digits);
}

std::string Money::str() const {
  return digits_text(m_minor, m_digits);
}

Money operator+(const Money& a, const Money& b) {
  return checked_money(Wide(a.minor()) + b.minor(), a.digits());
}

Money operator-(const Money& a, const Money& b) {
  return checked_money(Wide(a.minor()) - b.minor(), a.digits());
}

Money line_net(const Decimal& quantity, const Money& unit_price, const Decimal& discount) {
  // qty × price × (100 − d) / 100, all as integers over one denominator, rounded once.
  Wide hundred = Wide(100) * pow10(discount.scale());
  Wide keep = hundred - discount.mantissa();
  Wide numerator = 0;
  if (__builtin_mul_overflow(Wide(quantity.mantissa()), Wide(unit_price.minor()), &numerator) ||
      __builtin_mul_overflow(numerator, keep, &numerator))
    throw UsageError("the amount is too large for crm (limit: 10^15 minor units, 10^13 EUR)");
  Wide denominator = pow10(quantity.scale()) * hundred;
  return checked_money(divide_rounded(numerator, denominator), unit_price.digits());
}

Money less_percent(const Money& amount, const Decimal& percent) {
  return line_net(Decimal::from_int(1), amount, percent);
}

Money percent_of(const Money& amount, const Decimal& percent) {
  Wide numerator = Wide(amount.minor()) * percent.mantissa();
  Wide denominator = Wide(100) * pow10(percent.scale());
  return checked_money(divide_rounded(numerator, denominator), amount.digits());
}

Money times(const Decimal& quantity, const Money& rate) {
  return line_net(quantity, rate, Decimal::from_int(0));
}

}  // namespace crm
