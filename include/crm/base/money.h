// Exact decimal arithmetic for money, quantities and percentages (DESIGN section 4): no binary
// floating point anywhere. Amounts are integers of the currency's minor unit; every named step
// of a calculation rounds half away from zero ("half-up" on the magnitude).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

// A decimal number as typed: mantissa × 10^-scale, e.g. "2.50" is {250, 2}. Used for
// quantities, hours and percentages, which keep the precision they were given.
class Decimal {
 public:
  Decimal() = default;
  Decimal(std::int64_t mantissa, int scale) : m_mantissa(mantissa), m_scale(scale) {}
  static Decimal from_int(std::int64_t n) { return Decimal(n, 0); }

  // Parses "-12.345": an optional minus, digits, an optional point and up to 6 decimals,
  // at most 13 digits before the point. nullopt otherwise (no exponents, no spaces, no "+").
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t mantissa() const { return m_mantissa; }
  int scale() const { return m_scale; }
  bool is_negative() const { return m_mantissa < 0; }
  bool is_zero() const { return m_mantissa == 0; }
  // Shortest text with no trailing zeros after the point: "2.5", "3", "-0.25".
  std::string str() const;

  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b);
  friend bool operator<(const Decimal& a, const Decimal& b);
  friend bool operator<=(const Decimal& a, const Decimal& b) { return !(b < a); }
  friend bool operator>(const Decimal& a, const Decimal& b) { return b < a; }

 private:
  std::int64_t m_mantissa = 0;
  int m_scale = 0;
};

// An ISO 4217 currency and how many minor digits it has (EUR 2, JPY 0, KWD 3).
struct Currency {
  std::string code;
  int minor_digits = 2;
};

// The currency for a code; unknown but well-formed codes (three letters) get 2 digits.
// Throws UsageError for anything that is not three upper-case letters.
Currency currency_for(std::string_view code);

// An amount of money in minor units of its currency.
class Money {
 public:
  Money() = default;
  Money(std::int64_t minor, int digits) : m_minor(minor), m_digits(digits) {}
  static Money zero(const Currency& c) { return Money(0, c.minor_digits); }

  // Parses an amount; more decimals than the currency allows is refused, so "10.005 EUR" is a
  // usage error rather than a silent rounding. Throws UsageError naming `what`.
  static Money parse(std::string_view text, const Currency& currency, std::string_view what);

  std::int64_t minor() const { return m_minor; }
  int digits() const { return m_digits; }
  bool is_negative() const { return m_minor < 0; }
  bool is_zero() const { return m_minor == 0; }
  // Always with the currency's digits: "3374.97", "12.00", "500" (JPY).
  std::string str() const;
  Decimal as_decimal() const { return Decimal(m_minor, m_digits); }

  friend Money operator+(const Money& a, const Money& b);
  friend Money operator-(const Money& a, const Money& b);
  friend bool operator==(const Money& a, const Money& b) = default;
  friend bool operator<(const Money& a, const Money& b) { return a.m_minor < b.m_minor; }
  friend bool operator>(const Money& a, const Money& b) { return b < a; }
  friend bool operator<=(const Money& a, const Money& b) { return !(b < a); }

 private:
  std::int64_t m_minor = 0;
  int m_digits = 2;
};

// round(quantity × price × (1 − discount%)), half away from zero, in the price's currency.
// Throws UsageError when the result does not fit (|amount| ≥ 10^15 minor units).
Money line_net(const Decimal& quantity, const Money& unit_price, const Decimal& discount_percent);

// round(amount × (1 − percent%)): a discount on a subtotal, or parts coverage.
Money less_percent(const Money& amount, const Decimal& percent);

// round(amount × percent%): tax on a net amount.
Money percent_of(const Money& amount, const Decimal& percent);

// round(hours × rate): labour.
Money times(const Decimal& quantity, const Money& rate);

}  // namespace crm
