#include "crm/service/billing.h"

#include <fmt/format.h>

#include "crm/base/error.h"

namespace crm {
namespace {

Decimal max_zero(const Decimal& d) {
  return d.is_negative() ? Decimal() : d;
}

}  // namespace

std::pair<Date, Date> period_bounds(const Date& day, const std::string& period) {
  if (period == "month") {
    Date first(day.year(), day.month(), 1);
    return {first, first.end_of_month()};
  }
  if (period == "quarter") {
    int first_month = (day.month() - 1) / 3 * 3 + 1;
    Date first(day.year(), first_month, 1);
    return {first, first.plus_months(2).end_of_month()};
  }
  if (period == "year") return {Date(day.year(), 1, 1), Date(day.year(), 12, 31)};
  throw UsageError(fmt::format("period '{}' is not month, quarter or year", period));
}

Billing compute_billing(const BillingInput& in) {
  Billing b;
  if (in.terms) {
    const ServiceTerms& t = *in.terms;
    b.rate = t.hourly_rate;
    b.remaining = in.terms->included_hours - in.used_in_period;
    b.billable_hours = max_zero(in.effort - max_zero(b.remaining));
    b.steps.push_back(fmt::format("remaining   = {} included − {} used this {} = {} h",
                                  t.included_hours.str(), in.used_in_period.str(), t.period,
                                  b.remaining.str()));
    b.steps.push_back(fmt::format("billable    = max(0, {} effort − max(0, {})) = {} h",
                                  in.effort.str(), b.remaining.str(), b.billable_hours.str()));
  } else {
    b.rate = in.default_rate;
    b.billable_hours = in.effort;
    b.steps.push_back(
        fmt::format("no active service contract: all {} h billable at the default "
                    "rate",
                    in.effort.str()));
  }
  b.labour = times(b.billable_hours, b.rate);
  b.steps.push_back(fmt::format("labour      = {} h × {} = {}", b.billable_hours.str(),
                                b.rate.str(), b.labour.str()));
  Decimal coverage = in.terms ? in.terms->parts_coverage : Decimal();
  b.parts = Money(0, b.rate.digits());
  for (const PartUse& p : in.parts) {
    Money net = line_net(p.quantity, p.unit_price, coverage);
    b.parts = b.parts + net;
    b.steps.push_back(fmt::format("part {:<6} = {} × {} × (1 − {}%) = {}", p.sku, p.quantity.str(),
                                  p.unit_price.str(), coverage.str(), net.str()));
  }
  b.amount = b.labour + b.parts;
  b.steps.push_back(fmt::format("amount      = {} labour + {} parts = {}", b.labour.str(),
                                b.parts.str(), b.amount.str()));
  return b;
}

}  // namespace crm
