// Service billing of DESIGN section 4, worked through for each case the issue names.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/service/billing.h"
#include "money_helpers.h"

using namespace crm;

using crm_test::dec;
using crm_test::eur;
using crm_test::k_eur;

namespace billing_tests {

namespace {

// 95.00/h, 10 h included per month, parts covered by `coverage` percent.
ServiceTerms terms(const char* coverage = "0") {
  return ServiceTerms{eur("95.00"), dec("10"), "month", dec(coverage)};
}

BillingInput input(const char* effort, const char* used, std::optional<ServiceTerms> t) {
  return BillingInput{dec(effort), dec(used), t, eur("120.00"), {}};
}

}  // namespace

TEST_CASE("Hours inside the allowance cost nothing", "[billing]") {
  // remaining = 10 − 4 = 6; billable = max(0, 3 − 6) = 0; labour = 0.
  Billing b = compute_billing(input("3", "4", terms()));
  CHECK(b.remaining.str() == "6");
  CHECK(b.billable_hours.str() == "0");
  CHECK(b.labour.str() == "0.00");
  CHECK(b.amount.str() == "0.00");
}

TEST_CASE("Hours across the allowance bill only the excess", "[billing]") {
  // remaining = 10 − 8.5 = 1.5; billable = 4 − 1.5 = 2.5; labour = 2.5 × 95.00 = 237.50.
  Billing b = compute_billing(input("4", "8.5", terms()));
  CHECK(b.remaining.str() == "1.5");
  CHECK(b.billable_hours.str() == "2.5");
  CHECK(b.labour.str() == "237.50");
}

TEST_CASE("Hours after the allowance is used up bill in full", "[billing]") {
  // remaining = 10 − 12 = −2 → max(0, −2) = 0; billable = 1.25; labour = 118.75.
  Billing b = compute_billing(input("1.25", "12", terms()));
  CHECK(b.remaining.str() == "-2");
  CHECK(b.billable_hours.str() == "1.25");
  CHECK(b.labour.str() == "118.75");
}

TEST_CASE("A new period starts with the full allowance", "[billing]") {
  // Hours used in October do not count in November: the caller passes 0 used.
  auto [first, last] = period_bounds(Date(2026, 11, 23), "month");
  CHECK(first.iso() == "2026-11-01");
  CHECK(last.iso() == "2026-11-30");
  Billing b = compute_billing(input("6", "0", terms()));
  CHECK(b.billable_hours.str() == "0");
  auto [q1, q2] = period_bounds(Date(2026, 11, 23), "quarter");
  CHECK(q1.iso() == "2026-10-01");
  CHECK(q2.iso() == "2026-12-31");
  auto [y1, y2] = period_bounds(Date(2026, 2, 3), "year");
  CHECK(y1.iso() == "2026-01-01");
  CHECK(y2.iso() == "2026-12-31");
  CHECK_THROWS_AS(period_bounds(Date(2026, 2, 3), "week"), UsageError);
}

TEST_CASE("Parts coverage of 0, 50 and 100 percent", "[billing]") {
  std::vector<PartUse> parts = {{"SEAL-7", dec("3"), eur("12.35")},
                                {"PUMP-H", dec("1"), eur("89.99")}};
  BillingInput in = input("0", "0", terms("0"));
  in.parts = parts;
  // 0%: 3 × 12.35 = 37.05; 89.99 → 127.04.
  CHECK(compute_billing(in).parts.str() == "127.04");
  // 50%: 18.525 → 18.53 (half up per part); 44.995 → 45.00; 63.53.
  in.terms = terms("50");
  CHECK(compute_billing(in).parts.str() == "63.53");
  // 100%: nothing to pay for parts.
  in.terms = terms("100");
  CHECK(compute_billing(in).parts.str() == "0.00");
}

TEST_CASE("Without an active contract, effort bills at the default rate and parts in full",
          "[billing]") {
  // An expired contract is passed as no terms: 2.5 h × 120.00 = 300.00; parts 37.05.
  BillingInput in = input("2.5", "0", std::nullopt);
  in.parts = {{"SEAL-7", dec("3"), eur("12.35")}};
  Billing b = compute_billing(in);
  CHECK(b.billable_hours.str() == "2.5");
  CHECK(b.rate.str() == "120.00");
  CHECK(b.labour.str() == "300.00");
  CHECK(b.parts.str() == "37.05");
  CHECK(b.amount.str() == "337.05");
  CHECK(b.steps.front().find("no active service contract") != std::string::npos);
}

TEST_CASE("The computation is explained line by line", "[billing]") {
  BillingInput in = input("4", "8.5", terms("50"));
  in.parts = {{"SEAL-7", dec("2"), eur("12.35")}};
  Billing b = compute_billing(in);
  // labour 237.50 + parts round(2 × 12.35 × 50%) = 12.35 → 249.85
  CHECK(b.amount.str() == "249.85");
  REQUIRE(b.steps.size() == 5);
  CHECK(b.steps[0] == "remaining   = 10 included − 8.5 used this month = 1.5 h");
  CHECK(b.steps[4] == "amount      = 237.50 labour + 12.35 parts = 249.85");
}

}  // namespace billing_tests
