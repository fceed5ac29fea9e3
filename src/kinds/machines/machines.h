// The lifecycle machines, one file per domain, and what their guards share. Private to the
// kinds layer: everyone else reaches a machine through the registry or lifecycle.h.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record_store.h"

namespace crm {

// In the order `crm lifecycle` lists them.
std::vector<Machine> build_machines();

Machine lead_machine();
Machine task_machine();
Machine campaign_machine();
Machine deal_machine();
Machine quote_machine();
Machine order_machine();
Machine contract_machine();
Machine invoice_machine();
Machine service_contract_machine();
Machine service_request_machine();
Machine service_order_machine();
Machine confirmation_machine();

namespace guards {

// The day rules are judged on (the epoch when no clock was given: nothing expires).
Date today_of(const GuardContext& context);

// Records of `kind` whose `field` names `id`; none without a store.
std::vector<Record> referencing(const GuardContext& context, Kind kind, const std::string& field,
                                const std::string& id);

// How a refusal names a document: its number, else its ID.
std::string name_of(const Record& record);

// "a, b and c"
std::string and_list(const std::vector<std::string>& items);

// A date field that has passed: the field holds a date before today.
bool date_passed(const Record& record, const char* field, const Date& today);

}  // namespace guards
}  // namespace crm
