// Fixtures of the service tests: the sales catalogue and account (Sale) plus short ways to make
// service contracts, requests, repair orders taken to in-progress, and confirmations.
#pragma once

#include <string>
#include <vector>

#include "crm/service/knowledge.h"
#include "crm/service/service_contracts.h"
#include "crm/service/service_work.h"
#include "sales_helpers.h"

namespace crm_test {

struct Service : Sale {
  explicit Service(std::string_view today = "2026-11-23", const ConfigEdit& config = {})
      : Sale(today, config) {}

  // 95.00 per hour, 10 hours a month, for Acme Ltd from 2026-01-01, no parts coverage.
  static crm::ServiceContractInput terms(const std::string& coverage = {}) {
    crm::ServiceContractInput in;
    in.account = "Acme Ltd";
    in.rate = "95.00";
    in.included_hours = "10";
    in.period = "month";
    in.parts_coverage = coverage;
    in.from = "2026-01-01";
    return in;
  }

  crm::Record service_contract(const crm::ServiceContractInput& in) {
    return apply(crm::add_service_contract(session, in));
  }

  crm::Record request(const std::string& summary, const std::string& product = {},
                      const std::string& account = "Acme Ltd") {
    crm::RequestInput in;
    in.account = account;
    in.product = product;
    in.summary = summary;
    return apply(crm::add_service_request(session, in));
  }

  // A repair order escalated from a new request, still open.
  crm::Record repair(const std::string& product = {}, const std::string& account = "Acme Ltd") {
    crm::Record r = request("Pump leaks", product, account);
    return apply(crm::escalate_service_request(session, r), 0);
  }

  // Assigned to tom and started.
  crm::Record started(const crm::Record& order) {
    crm::Record assigned = apply(crm::assign_service_order(session, reload(order), "tom", {}));
    return apply(crm::transition(session, assigned, "start"));
  }

  // Confirms `effort` hours (and parts) on `order` dated `date`; returns the confirmation.
  crm::Record confirm(const crm::Record& order, const std::string& effort,
                      const std::string& date = {}, std::vector<std::string> parts = {},
                      bool partial = false) {
    crm::ConfirmInput in;
    in.effort = effort;
    in.parts = std::move(parts);
    in.date = date;
    in.partial = partial;
    return apply(crm::confirm_service(session, reload(order), in), 0);
  }

  // A fresh repair order, started and confirmed in one go.
  crm::Record work(const std::string& effort, const std::string& date = {},
                   std::vector<std::string> parts = {}, const std::string& product = {}) {
    return confirm(started(repair(product)), effort, date, std::move(parts));
  }

  crm::Record solution(const std::string& title, const std::string& symptoms,
                       const std::string& product = {}) {
    return apply(crm::add_solution(session, title, symptoms, "Do the fix.", product));
  }
};

// "billable_hours rate labour parts amount" of a confirmation.
inline std::string billing_of(const crm::Record& cf) {
  return cf.get("billable_hours") + " " + cf.get("rate") + " " + cf.get("labour") + " " +
         cf.get("parts") + " " + cf.get("amount");
}

}  // namespace crm_test
