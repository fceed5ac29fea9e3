// Pricing of documents (DESIGN section 4): --line specs, lines priced from the catalogue,
// totals of whole documents worked by hand with half-up rounding at each named step, and the
// problems `crm check` finds in a document whose totals were edited by hand. test_money.cpp
// covers the arithmetic primitives; this file covers what is built on them.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/sales/pricing.h"
#include "crm/store/yaml.h"
#include "money_helpers.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::Sale;
using crm_test::thrown;

using crm_test::dec;
using crm_test::eur;
using crm_test::k_eur;

namespace pricing_tests {

namespace {

Value line(const std::string& sku, const std::string& qty, const std::string& price,
           const std::string& discount) {
  Value l = Value::map();
  l.set("sku", Value::string(sku));
  l.set("qty", Value::string(qty));
  l.set("unit_price", Value::string(price));
  l.set("discount", Value::string(discount));
  return l;
}

std::string totals_text(const Totals& t) {
  return t.subtotal.str() + " " + t.net.str() + " " + t.tax.str() + " " + t.total.str();
}

// A hand-written quote record with these lines and terms, totals as given.
Record document(const std::string& currency, const std::vector<Value>& lines,
                const std::string& discount, const std::string& tax_rate) {
  Value fields = Value::map();
  fields.set("id", Value::string("Q-00000001"));
  fields.set("number", Value::string("Q-2026-0001"));
  fields.set("currency", Value::string(currency));
  Value seq = Value::sequence();
  for (const Value& l : lines) seq.push_back(l);
  fields.set("lines", seq);
  fields.set("discount", Value::string(discount));
  fields.set("tax_rate", Value::string(tax_rate));
  return Record(Kind::quote, fields);
}

}  // namespace

TEST_CASE("parse_line_spec reads SKU:QTY[@PRICE][-DISC%]", "[pricing]") {
  LineSpec plain = parse_line_spec("PUMP-200:3");
  CHECK(plain.sku == "PUMP-200");
  CHECK(plain.quantity.str() == "3");
  CHECK_FALSE(plain.unit_price.has_value());
  CHECK(plain.discount.is_zero());

  LineSpec priced = parse_line_spec("PUMP-200:2.5@999.99");
  CHECK(priced.sku == "PUMP-200");
  CHECK(priced.quantity == dec("2.5"));
  CHECK(priced.unit_price == std::optional<std::string>("999.99"));
  CHECK(priced.discount.is_zero());

  LineSpec full = parse_line_spec("SKU:1@10.00-12.5%");
  CHECK(full.sku == "SKU");
  CHECK(full.quantity.str() == "1");
  CHECK(full.unit_price == std::optional<std::string>("10.00"));  // as typed, not normalized
  CHECK(full.discount.str() == "12.5");

  LineSpec discounted = parse_line_spec("VALVE-10:4-10%");
  CHECK(discounted.sku == "VALVE-10");
  CHECK(discounted.quantity.str() == "4");
  CHECK_FALSE(discounted.unit_price.has_value());
  CHECK(discounted.discount.str() == "10");

  CHECK(parse_line_spec("X:0.001").quantity.str() == "0.001");
  CHECK(parse_line_spec("X:1-0%").discount.is_zero());
  CHECK(parse_line_spec("X:1-100%").discount.str() == "100");
  CHECK(parse_line_spec("X:1@0").unit_price == std::optional<std::string>("0"));
}

TEST_CASE("parse_line_spec refuses anything else with the expected shape", "[pricing]") {
  for (const char* bad : {"SKU", "PUMP-200", "PUMP-200:", "SKU:abc", ":3", "SKU:-1", "SKU:+1",
                          "SKU:1@", "SKU:1@-5", "SKU:1-10", "SKU:1@10,00", "SKU :1", "SKU:1 ",
                          "SKU:1e3", "SKU:1-%", "SKU:.5", "SKU:1@10.00-12.5", ""}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { parse_line_spec(bad); });
    CHECK(e.code() == ExitCode::usage);
    CHECK_THAT(e.what(), Catch::Contains("is not SKU:QTY[@PRICE][-DISC%]"));
    CHECK(e.hint() == "for example PUMP-200:3, PUMP-200:3@999.00 or PUMP-200:3@999.00-10%");
  }
  for (const char* zero : {"SKU:0", "SKU:0.00", "SKU:0@10.00"}) {
    INFO(zero);
    auto e = thrown<UsageError>([&] { parse_line_spec(zero); });
    CHECK(std::string(e.what()) == std::string("--line '") + zero +
                                       "': the quantity must be more than 0, with at most 6 "
                                       "decimals and 13 digits before the point");
  }
  for (const char* over : {"SKU:1-101%", "SKU:1-100.01%", "SKU:1@10.00-250%"}) {
    INFO(over);
    auto e = thrown<UsageError>([&] { parse_line_spec(over); });
    CHECK_THAT(e.what(), Catch::Contains("is not a percentage from 0 to 100"));
  }
}

// Decimal takes 13 digits before the point and 6 after, but not all 19 at once: that is more
// than an int64 holds. Such a quantity is refused with the limits, never wrapped into a
// negative number; 18 digits are read exactly.
TEST_CASE("A 19-digit quantity is refused, 18 digits are read exactly", "[pricing]") {
  CHECK_FALSE(Decimal::parse("9999999999999.999999").has_value());
  CHECK_FALSE(Decimal::parse("-9999999999999.999999").has_value());
  CHECK(Decimal::parse("999999999999.999999")->str() == "999999999999.999999");
  CHECK(Decimal::parse("9999999999999.99999")->str() == "9999999999999.99999");
  auto e = thrown<UsageError>([] { parse_line_spec("SKU:9999999999999.999999"); });
  CHECK(std::string(e.what()) ==
        "--line 'SKU:9999999999999.999999': the quantity must be more than 0, with at most 6 "
        "decimals and 13 digits before the point");
  CHECK(parse_line_spec("SKU:999999999999.999999").quantity.str() == "999999999999.999999");
}

// q × price × (100 − d) is computed in one __int128: 576460752303.423488 (2^59 at scale 6) ×
// 562949953421312 minor units (2^49) × 99614720 (100% − 0.385280% at scale 6, 2^20 × 95) is
// 95 × 2^128, which wraps to 0. The line must be refused as too large, like any amount past
// 10^15 minor units, not priced at 0.00.
// line_net checks each multiplication for overflow, so this runs under the sanitizers too.
TEST_CASE("A line too large to compute is refused, never wrapped to a small net", "[pricing]") {
  Sale s;
  LineSpec spec = parse_line_spec("PUMP-200:576460752303.423488@5629499534213.12-0.385280%");
  CHECK_THROWS_AS(price_line(s.store, spec, currency_for("EUR")), UsageError);
}

TEST_CASE("price_line takes the catalogue price unless @PRICE is given", "[pricing]") {
  Sale s;
  const Currency eur = currency_for("EUR");
  CHECK(emit_yaml(price_line(s.store, parse_line_spec("PUMP-200:3"), eur)) ==
        "sku: \"PUMP-200\"\nname: \"Pump 200\"\nqty: \"3\"\nunit_price: \"999.99\"\n"
        "discount: \"0\"\nnet: \"2999.97\"\n");
  // 2.5 × 899.50 × 90% = 2023.875 → 2023.88; the price is normalized to two decimals.
  CHECK(emit_yaml(price_line(s.store, parse_line_spec("PUMP-200:2.5@899.5-10%"), eur)) ==
        "sku: \"PUMP-200\"\nname: \"Pump 200\"\nqty: \"2.5\"\nunit_price: \"899.50\"\n"
        "discount: \"10\"\nnet: \"2023.88\"\n");
  // Trailing zeros of quantity and discount are dropped: 1.50 × 12.50 × 87.5% = 16.40625.
  CHECK(emit_yaml(price_line(s.store, parse_line_spec("VALVE-10:1.50-12.50%"), eur)) ==
        "sku: \"VALVE-10\"\nname: \"Valve 10\"\nqty: \"1.5\"\nunit_price: \"12.50\"\n"
        "discount: \"12.5\"\nnet: \"16.41\"\n");
  // 100% off: a free line.
  CHECK(price_line(s.store, parse_line_spec("SERVICE-H:2-100%"), eur).get("net") == "0.00");
}

TEST_CASE("price_line refuses unknown skus, foreign prices and extra decimals", "[pricing]") {
  Sale s;
  const Currency eur = currency_for("EUR");
  auto missing =
      thrown<NotFoundError>([&] { price_line(s.store, parse_line_spec("PUMP-300:1"), eur); });
  CHECK(std::string(missing.what()) == "no product has sku 'PUMP-300'");
  CHECK(missing.code() == ExitCode::not_found);
  // The sku is matched exactly.
  CHECK_THROWS_AS(price_line(s.store, parse_line_spec("pump-200:1"), eur), NotFoundError);

  auto foreign =
      thrown<UsageError>([&] { price_line(s.store, parse_line_spec("TOKYO-1:2"), eur); });
  CHECK(std::string(foreign.what()) == "TOKYO-1 is priced in JPY, the document in EUR");
  CHECK(foreign.hint() == "give the price in the line: SKU:QTY@PRICE");
  // With a price in the document's currency it is fine: 2 × 45.00.
  CHECK(price_line(s.store, parse_line_spec("TOKYO-1:2@45"), eur).get("net") == "90.00");
  // A EUR product on a JPY document, priced in yen.
  Value yen = price_line(s.store, parse_line_spec("PUMP-200:3@150000-5%"), currency_for("JPY"));
  CHECK(yen.get("unit_price") == "150000");
  CHECK(yen.get("net") == "427500");
  CHECK_THROWS_AS(price_line(s.store, parse_line_spec("PUMP-200:1"), currency_for("JPY")),
                  UsageError);

  // Three decimals are refused in EUR and fine in KWD: 3 × 10.005 = 30.015.
  auto decimals =
      thrown<UsageError>([&] { price_line(s.store, parse_line_spec("PUMP-200:1@10.005"), eur); });
  CHECK_THAT(decimals.what(), Catch::Contains("'10.005' has more decimals than EUR allows (2)"));
  CHECK(price_line(s.store, parse_line_spec("PUMP-200:3@10.005"), currency_for("KWD")).get("net") ==
        "30.015");
  CHECK_THROWS_AS(price_line(s.store, parse_line_spec("TOKYO-1:1@10.5"), currency_for("JPY")),
                  UsageError);
}

TEST_CASE("line_net_of prices a line from its own fields", "[pricing]") {
  const Currency eur = currency_for("EUR");
  // 7 × 3.33 × (1 − 33.3%) = 15.54777 → 15.55
  CHECK(line_net_of(line("A", "7", "3.33", "33.3"), eur).str() == "15.55");
  // 0.125 × 0.20 = 0.025 → 0.03 (half up)
  CHECK(line_net_of(line("A", "0.125", "0.20", "0"), eur).str() == "0.03");
  // 0.124 × 0.20 = 0.0248 → 0.02
  CHECK(line_net_of(line("A", "0.124", "0.20", "0"), eur).str() == "0.02");
  CHECK_THROWS_AS(line_net_of(line("A", "1", "0.205", "0"), eur), UsageError);
}

TEST_CASE("compute_totals: EUR with 0% and 100% lines, a quote discount and 23% tax", "[pricing]") {
  // line 1: 3 × 999.99 × (1 − 0%)      = 2999.97
  // line 2: 2 × 12.50 × (1 − 100%)     =    0.00
  // line 3: 1.5 × 90.00 × (1 − 12.5%)  =  118.125   → 118.13
  // subtotal                           = 3118.10
  // net:    3118.10 × (1 − 5%)         = 2962.195  → 2962.20
  // tax:    2962.20 × 23%              =  681.306  →  681.31
  // total:  2962.20 + 681.31           = 3643.51
  // (Rounding only once at the end would give net 2962.19 and total 3643.49.)
  std::vector<Value> lines = {line("PUMP-200", "3", "999.99", "0"),
                              line("VALVE-10", "2", "12.50", "100"),
                              line("SERVICE-H", "1.5", "90.00", "12.5")};
  Totals t = compute_totals(lines, dec("5"), dec("23"), currency_for("EUR"));
  CHECK(totals_text(t) == "3118.10 2962.20 681.31 3643.51");
  CHECK(t.total.digits() == 2);
}

TEST_CASE("compute_totals: JPY has no minor unit and rounds to whole yen", "[pricing]") {
  // line 1: 3 × 1999 × (1 − 15%)  = 5097.45  → 5097
  // line 2: 1 × 333               =  333
  // line 3: 1 × 5 × (1 − 50%)     =    2.5   →    3 (half up)
  // subtotal                      = 5433
  // net:    5433 × (1 − 7.5%)     = 5025.525 → 5026
  // tax:    5026 × 10%            =  502.6   →  503
  // total                         = 5529
  std::vector<Value> lines = {line("A", "3", "1999", "15"), line("B", "1", "333", "0"),
                              line("C", "1", "5", "50")};
  Totals t = compute_totals(lines, dec("7.5"), dec("10"), currency_for("JPY"));
  CHECK(totals_text(t) == "5433 5026 503 5529");
  CHECK(t.total.digits() == 0);
}

TEST_CASE("compute_totals: KWD has three minor digits", "[pricing]") {
  // line 1: 2.5 × 1.235               = 3.0875    → 3.088
  // line 2: 4 × 0.125 × (1 − 33.333%) = 0.333335  → 0.333
  // subtotal                          = 3.421
  // net (no discount)                 = 3.421
  // tax:    3.421 × 5%                = 0.17105   → 0.171
  // total                             = 3.592
  std::vector<Value> lines = {line("A", "2.5", "1.235", "0"), line("B", "4", "0.125", "33.333")};
  Totals t = compute_totals(lines, dec("0"), dec("5"), currency_for("KWD"));
  CHECK(totals_text(t) == "3.421 3.421 0.171 3.592");
}

TEST_CASE("compute_totals: a 100% quote discount, a tax with decimals, no lines, big amounts",
          "[pricing]") {
  const Currency eur = currency_for("EUR");
  std::vector<Value> lines = {line("A", "3", "999.99", "0")};
  CHECK(totals_text(compute_totals(lines, dec("100"), dec("23"), eur)) == "2999.97 0.00 0.00 0.00");
  // 2999.97 × 7.7% = 230.99769 → 231.00
  CHECK(totals_text(compute_totals(lines, dec("0"), dec("7.7"), eur)) ==
        "2999.97 2999.97 231.00 3230.97");
  CHECK(totals_text(compute_totals({}, dec("10"), dec("23"), eur)) == "0.00 0.00 0.00 0.00");
  // Just below 10^13 minor units: 99999999999.99 × 23% = 22999999999.9977 → 23000000000.00.
  std::vector<Value> big = {line("A", "1", "99999999999.99", "0")};
  CHECK(totals_text(compute_totals(big, dec("0"), dec("23"), eur)) ==
        "99999999999.99 99999999999.99 23000000000.00 122999999999.99");
  // Past 10^15 minor units crm refuses rather than overflows.
  std::vector<Value> huge = {line("A", "1", "9999999999999.99", "0"),
                             line("B", "1", "9999999999999.99", "0")};
  CHECK_THROWS_AS(compute_totals(huge, dec("0"), dec("0"), eur), UsageError);
}

TEST_CASE("store_totals writes each line's net and the document totals", "[pricing]") {
  Record doc =
      document("EUR", {line("PUMP-200", "3", "999.99", "0"), line("VALVE-10", "4", "12.50", "10")},
               "5", "23");
  store_totals(doc);
  // 2999.97 + 45.00 = 3044.97; × 95% = 2892.7215 → 2892.72; × 23% = 665.3256 → 665.33
  CHECK(crm_test::lines_of(doc) ==
        std::vector<std::string>{"PUMP-200 3 999.99 0 2999.97", "VALVE-10 4 12.50 10 45.00"});
  CHECK(crm_test::totals_of(doc) == "3044.97 2892.72 665.33 3558.05");
  CHECK(totals_problems(doc).empty());
}

TEST_CASE("totals_problems finds an edited line net and an edited total", "[pricing]") {
  Record doc = document("EUR", {line("PUMP-200", "3", "999.99", "0")}, "0", "0");
  store_totals(doc);
  REQUIRE(totals_problems(doc).empty());

  Record net_edited = doc;
  net_edited.fields().find("lines")->items()[0].set("net", Value::string("2999.00"));
  CHECK(totals_problems(net_edited) ==
        std::vector<std::string>{
            "line 1 (PUMP-200): net is 2999.00 but qty, unit_price and discount give 2999.97"});

  Record total_edited = doc;
  total_edited.set_text("total", "2000.00");
  CHECK(totals_problems(total_edited) ==
        std::vector<std::string>{"total is 2000.00 but the lines give 2999.97"});

  // A quantity edited by hand: the line and every total disagree.
  Record qty_edited = doc;
  qty_edited.fields().find("lines")->items()[0].set("qty", Value::string("4"));
  CHECK(totals_problems(qty_edited) ==
        std::vector<std::string>{
            "line 1 (PUMP-200): net is 2999.97 but qty, unit_price and discount give 3999.96",
            "subtotal is 2999.97 but the lines give 3999.96",
            "net is 2999.97 but the lines give 3999.96",
            "total is 2999.97 but the lines give 3999.96"});

  Record bad_price = doc;
  bad_price.fields().find("lines")->items()[0].set("unit_price", Value::string("999.999"));
  auto problems = totals_problems(bad_price);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::StartsWith("totals cannot be recomputed: unit_price '999.999' "
                                            "has more decimals than EUR allows (2)"));
}

TEST_CASE("parse_percent takes 0 to 100 and names the option it refuses", "[pricing]") {
  CHECK(parse_percent("0", "--discount").is_zero());
  CHECK(parse_percent("12.5", "--discount").str() == "12.5");
  CHECK(parse_percent("100", "--tax").str() == "100");
  for (const char* bad : {"-1", "100.01", "abc", "12.5%", "", " 5"}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { parse_percent(bad, "--tax"); });
    CHECK(std::string(e.what()) ==
          std::string("--tax '") + bad + "' is not a percentage from 0 to 100");
  }
}

}  // namespace pricing_tests
