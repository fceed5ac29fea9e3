// Service contracts: the terms that price service work (rate, included hours per period,
// parts coverage, response time) and the planned maintenance they owe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/session.h"
#include "crm/service/billing.h"

namespace crm {

struct ServiceContractInput {
  std::string account;  // any reference
  std::string rate;
  std::string included_hours;
  std::string period;  // month, quarter, year
  std::string parts_coverage;
  std::string response_hours;
  std::string maintenance_every;  // 1m, 3m, 6m, 1y
  std::string from, to;           // date words; from defaults to today
  std::vector<std::string> products;
};

// A new active contract. Refused while another active contract of the account overlaps its
// period and products (the machine's `add` guard): one contract prices any day's work.
ChangeSet add_service_contract(Session& session, const ServiceContractInput& input);

// Whether the contract covers `day`: active, from <= day, and day <= to when `to` is set.
bool service_contract_covers(const Record& contract, const Date& day);

// The account's service contract covering `day` (and `sku`, when the contract lists
// products), if any.
std::optional<Record> active_service_contract(const RecordStore& store,
                                              const std::string& account_id, const Date& day,
                                              const std::string& sku = {});

ServiceTerms terms_of(const Record& contract);

// Hours confirmed under `contract` in the period that holds `day`.
Decimal hours_used(const RecordStore& store, const Record& contract, const Date& day);
// Included hours not yet used in that period (never below 0).
Decimal hours_remaining(const RecordStore& store, const Record& contract, const Date& day);

// A planned maintenance an active contract owes on `due` that has no service order yet.
struct DueMaintenance {
  Record contract;
  Date due;
};

// The maintenance that active contracts with maintenance_every owe up to `until` (the
// contract's `to` at the latest) and that no maintenance order is scheduled for yet, by
// contract ID, then day. Creates nothing: `crm service plan` makes orders of them, and
// `crm agenda` lists them.
// Broken files throw, or with `problems` are reported there and skipped.
std::vector<DueMaintenance> maintenance_due(const RecordStore& store, const Date& until,
                                            std::vector<LoadProblem>* problems = nullptr);

// Creates the maintenance service orders that active contracts with maintenance_every owe
// up to `until`, once each: a due date that already has its order is skipped.
ChangeSet plan_maintenance(Session& session, const Date& until);

}  // namespace crm
