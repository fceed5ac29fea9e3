// Service billing (DESIGN section 4): what a service confirmation costs under the account's
// service contract terms, or at crm.yaml's default rate without one. Pure functions: the
// caller gathers the effort already confirmed in the period.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/base/dates.h"
#include "crm/base/money.h"

namespace crm {

// A service contract's terms that billing needs.
struct ServiceTerms {
  Money hourly_rate;
  Decimal included_hours;  // per period
  std::string period;      // month, quarter or year
  Decimal parts_coverage;  // percent of parts price the contract covers
};

struct PartUse {
  std::string sku;
  Decimal quantity;
  Money unit_price;
};

struct BillingInput {
  Decimal effort;                     // hours of this confirmation
  Decimal used_in_period;             // hours already confirmed in the same period and contract
  std::optional<ServiceTerms> terms;  // none: no active contract
  Money default_rate;                 // crm.yaml service.default_rate
  std::vector<PartUse> parts;
};

struct Billing {
  Decimal remaining;  // included hours left before this confirmation (0 without contract)
  Decimal billable_hours;
  Money rate;
  Money labour;
  Money parts;
  Money amount;                    // labour + parts; tax is added on the invoice
  std::vector<std::string> steps;  // the computation, line by line, for people
};

//   remaining   = included_hours − effort already confirmed in the period
//   billable_h  = max(0, effort − max(0, remaining))
//   labour      = round(billable_h × hourly_rate)
//   parts       = Σ round(qty × part_price × (1 − parts_coverage%))
//   amount      = labour + parts
// Without terms, all effort is billed at the default rate and parts at full price.
Billing compute_billing(const BillingInput& input);

// The calendar period (month, quarter or year) that holds `day`: first and last day.
// Throws UsageError for another period name.
std::pair<Date, Date> period_bounds(const Date& day, const std::string& period);

}  // namespace crm
