// Money rules of DESIGN section 4, with worked numbers.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "money_helpers.h"

using crm::Currency;
using crm::Decimal;
using crm::Money;

using crm_test::dec;
using crm_test::eur;
using crm_test::k_eur;

namespace money_tests {

namespace {

const Currency k_jpy = crm::currency_for("JPY");
const Currency k_kwd = crm::currency_for("KWD");

}  // namespace

TEST_CASE("Decimal parses plain decimal text and refuses everything else", "[money]") {
  CHECK(dec("2.50").mantissa() == 250);
  CHECK(dec("2.50").scale() == 2);
  CHECK(dec("-0.125").str() == "-0.125");
  CHECK(dec("3.000").str() == "3");
  CHECK(dec("0").str() == "0");
  for (const char* bad : {"", "-", ".5", "5.", "1e3", "+1", "1,5", " 1", "0x1F", "1.1234567",
                          "12345678901234", "--1", "1.2.3"})
    CHECK_FALSE(Decimal::parse(bad).has_value());
}

TEST_CASE("Decimal arithmetic aligns scales exactly", "[money]") {
  CHECK((dec("0.1") + dec("0.2")).str() == "0.3");
  CHECK((dec("1") - dec("0.25")).str() == "0.75");
  CHECK(dec("2.5") == dec("2.50"));
  CHECK(dec("2.49") < dec("2.5"));
  CHECK(dec("-1") < dec("0"));
}

TEST_CASE("Currencies know their minor digits", "[money]") {
  CHECK(k_eur.minor_digits == 2);
  CHECK(k_jpy.minor_digits == 0);
  CHECK(k_kwd.minor_digits == 3);
  CHECK(crm::currency_for("PLN").minor_digits == 2);
  CHECK_THROWS_AS(crm::currency_for("eur"), crm::UsageError);
  CHECK_THROWS_AS(crm::currency_for("EURO"), crm::UsageError);
}

TEST_CASE("Amounts keep their currency's digits and refuse extra decimals", "[money]") {
  CHECK(eur("12").str() == "12.00");
  CHECK(eur("12.5").str() == "12.50");
  CHECK(eur("-0.05").str() == "-0.05");
  CHECK(Money::parse("500", k_jpy, "amount").str() == "500");
  CHECK(Money::parse("1.234", k_kwd, "amount").str() == "1.234");
  CHECK_THROWS_AS(eur("10.005"), crm::UsageError);
  CHECK_THROWS_AS(Money::parse("5.5", k_jpy, "amount"), crm::UsageError);
  CHECK_THROWS_AS(eur("ten"), crm::UsageError);
  CHECK_THROWS_WITH(eur("10.005"), Catch::Contains("more decimals than EUR allows"));
}

TEST_CASE("Line net rounds half away from zero once, at the end", "[money]") {
  // 3 × 19.99 × (1 − 12.5%) = 52.47375 → 52.47
  CHECK(crm::line_net(dec("3"), eur("19.99"), dec("12.5")).str() == "52.47");
  // 1 × 0.05 × 50% = 0.025 → 0.03 (half up)
  CHECK(crm::line_net(dec("1"), eur("0.05"), dec("50")).str() == "0.03");
  // 1 × 0.05 × 30% off = 0.035 → 0.04
  CHECK(crm::line_net(dec("1"), eur("0.05"), dec("30")).str() == "0.04");
  // 2.5 h × 90.00 = 225.00
  CHECK(crm::line_net(dec("2.5"), eur("90.00"), dec("0")).str() == "225.00");
  // 0% and 100% discounts
  CHECK(crm::line_net(dec("7"), eur("10.00"), dec("0")).str() == "70.00");
  CHECK(crm::line_net(dec("7"), eur("10.00"), dec("100")).str() == "0.00");
  // negative amounts (credits) round away from zero too
  CHECK(crm::line_net(dec("1"), eur("-0.05"), dec("50")).str() == "-0.03");
}

TEST_CASE("Quote totals follow DESIGN section 4 step by step", "[money]") {
  // lines: 3 × 999.99 − 0% = 2999.97; 1 × 450.00 − 10% = 405.00
  Money subtotal = crm::line_net(dec("3"), eur("999.99"), dec("0")) +
                   crm::line_net(dec("1"), eur("450.00"), dec("10"));
  CHECK(subtotal.str() == "3404.97");
  Money net = crm::less_percent(subtotal, dec("5"));  // 3234.7215 → 3234.72
  CHECK(net.str() == "3234.72");
  Money tax = crm::percent_of(net, dec("23"));  // 743.9856 → 743.99
  CHECK(tax.str() == "743.99");
  CHECK((net + tax).str() == "3978.71");
}

TEST_CASE("Large amounts below 10^13 major units do not overflow", "[money]") {
  Money big = eur("9999999999999.99");
  CHECK(big.str() == "9999999999999.99");
  CHECK(crm::line_net(dec("1"), big, dec("0")).str() == "9999999999999.99");
  CHECK(crm::percent_of(big, dec("23")).str() == "2300000000000.00");
  CHECK_THROWS_AS(crm::line_net(dec("1000"), big, dec("0")), crm::UsageError);
  CHECK_THROWS_AS(big + big, crm::UsageError);
}

TEST_CASE("Labour is hours times rate, rounded", "[money]") {
  CHECK(crm::times(dec("1.333"), eur("90.00")).str() == "119.97");  // 119.97
  CHECK(crm::times(dec("0"), eur("90.00")).str() == "0.00");
}

}  // namespace money_tests
