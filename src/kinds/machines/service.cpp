// The service contract, service request, service order and confirmation lifecycles.
#include <algorithm>

#include <fmt/format.h>

#include "machines.h"

namespace crm {
namespace {

bool cover_past_end(const Record& contract, const Date& today) {
  return contract.status() == "active" && guards::date_passed(contract, "to", today);
}

// A contract in force from `from` to `to` (open-ended without), unless ended.
bool in_force(const Record& c) {
  return c.status() == "active";
}

bool periods_overlap(const Record& a, const Record& b) {
  auto starts_after_end = [](const Record& x, const Record& y) {  // x starts after y ends
    auto from = Date::parse_iso(x.get("from"));
    auto to = Date::parse_iso(y.get("to"));
    return from && to && *to < *from;
  };
  return !starts_after_end(a, b) && !starts_after_end(b, a);
}

// Both cover some product: either covers everything, or their product lists share one.
bool products_overlap(const Record& a, const Record& b) {
  const Value* pa = a.find("products");
  const Value* pb = b.find("products");
  if (!pa || !pb || pa->items().empty() || pb->items().empty()) return true;
  return std::any_of(pa->items().begin(), pa->items().end(), [&](const Value& x) {
    return std::any_of(pb->items().begin(), pb->items().end(),
                       [&](const Value& y) { return x.text() == y.text(); });
  });
}

bool covers_overlap(const Record& a, const Record& b) {
  return in_force(a) && in_force(b) && periods_overlap(a, b) && products_overlap(a, b);
}

// At most one contract prices any day's work for any product: a second active contract of the
// account whose period and products overlap the new one's would make billing a guess.
Guard no_overlapping_cover() {
  return Guard{"service-contract-alone",
               "no other active contract of the account overlaps its period and products",
               [](const Record& contract, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 for (const Record& other : guards::referencing(ctx, Kind::service_contract,
                                                                "account", contract.get("account")))
                   if (other.id() != contract.id() && covers_overlap(contract, other))
                     return fmt::format("{} already covers {} from {}{}", guards::name_of(other),
                                        contract.get("account"), other.get("from"),
                                        other.get("to").empty() ? "" : " to " + other.get("to"));
                 return std::nullopt;
               },
               "terminate the old contract first (crm service contract terminate SC-... "
               "--reason ...), start the new one after it ends (--from), or cover other "
               "products (--product)"};
}

}  // namespace

Machine service_contract_machine() {
  Machine m;
  m.kind = "service-contract";
  m.command = {"service", "contract"};
  m.initial = "active";
  m.states = {"active", "expired", "terminated"};
  m.terminal = {"expired", "terminated"};
  m.transitions = {
      {"add", {}, "active", false, {no_overlapping_cover()}},
      {"expire", {"active"}, "expired", false, {}, "derived: past the contract's `to` date"},
      {"terminate", {"active"}, "terminated", true},
  };
  m.derived = {{"expired", "an active contract past its `to` date", cover_past_end}};
  return m;
}

Machine service_request_machine() {
  Machine m;
  m.kind = "service-request";
  m.command = {"service", "request"};
  m.initial = "open";
  m.states = {"open", "solved", "escalated", "closed"};
  m.terminal = {"solved", "closed"};
  m.transitions = {
      {"solve", {"open"}, "solved"},
      {"escalate", {"open"}, "escalated"},
      {"close", {"escalated"}, "closed"},
  };
  return m;
}

Machine service_order_machine() {
  Machine m;
  m.kind = "service-order";
  m.command = {"service", "order"};
  m.initial = "open";
  m.states = {"open", "assigned", "in-progress", "completed", "billed", "cancelled"};
  m.terminal = {"billed", "cancelled"};
  m.transitions = {
      {"assign", {"open", "assigned"}, "assigned"},
      {"parts", {"open", "assigned"}, ""},
      {"start", {"assigned"}, "in-progress"},
      {"confirm",
       {"in-progress"},
       "in-progress",
       false,
       {},
       {},
       "crm service confirm ID --effort HOURS --partial"},
      {"complete",
       {"in-progress"},
       "completed",
       false,
       {},
       {},
       "crm service confirm ID --effort HOURS"},
      {"bill", {"completed"}, "billed", false, {}, "its final confirmation is invoiced"},
      {"cancel", {"open", "assigned"}, "cancelled"},
  };
  return m;
}

Machine confirmation_machine() {
  Machine m;
  m.kind = "confirmation";
  m.command = {"service", "confirmation"};
  m.initial = "confirmed";
  m.states = {"confirmed", "billed"};
  m.terminal = {"billed"};
  m.transitions = {
      {"bill", {"confirmed"}, "billed", false, {}, {}, "crm invoice create --confirmation ID"},
  };
  return m;
}

}  // namespace crm
