#include "machines.h"

#include "crm/base/text.h"

namespace crm {

std::vector<Machine> build_machines() {
  return {lead_machine(),
          task_machine(),
          campaign_machine(),
          deal_machine(),
          quote_machine(),
          order_machine(),
          contract_machine(),
          invoice_machine(),
          service_contract_machine(),
          service_request_machine(),
          service_order_machine(),
          confirmation_machine()};
}

namespace guards {

Date today_of(const GuardContext& context) {
  return context.today.value_or(Date(1970, 1, 1));
}

std::vector<Record> referencing(const GuardContext& context, Kind kind, const std::string& field,
                                const std::string& id) {
  if (!context.store || id.empty()) return {};
  return context.store->find_by(kind, field, id);
}

std::string name_of(const Record& record) {
  return record.number_or_id();
}

std::string and_list(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? std::string() : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + " and " + items.back();
}

bool date_passed(const Record& record, const char* field, const Date& today) {
  auto day = Date::parse_iso(record.get(field));
  return day && *day < today;
}

}  // namespace guards
}  // namespace crm
