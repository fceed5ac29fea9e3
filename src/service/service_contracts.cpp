#include "crm/service/service_contracts.h"

#include <set>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/numbering.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/parties.h"
#include "crm/sales/pricing.h"

namespace crm {
namespace {

Decimal decimal_or_zero(const std::string& text) {
  auto d = Decimal::parse(text);
  return d ? *d : Decimal();
}

int months_of(const std::string& every) {
  if (every == "1m") return 1;
  if (every == "3m") return 3;
  if (every == "6m") return 6;
  if (every == "1y") return 12;
  return 0;
}

}  // namespace

ChangeSet add_service_contract(Session& session, const ServiceContractInput& in) {
  Record account = resolve(session.store, in.account, {Kind::account});
  Record c = new_record(session, Kind::service_contract);
  c.set_text("account", account.id());
  Currency currency = currency_for(session.store.config().currency);
  c.set_text("currency", currency.code);
  Money rate = Money::parse(in.rate, currency, "--rate");
  if (rate.is_negative()) throw UsageError("--rate cannot be negative");
  c.set_text("hourly_rate", rate.str());
  auto hours = Decimal::parse(in.included_hours);
  if (!hours || hours->is_negative())
    throw UsageError(
        fmt::format("--included-hours '{}' is not a number of hours", in.included_hours));
  c.set_text("included_hours", hours->str());
  period_bounds(session.clock.today(), in.period);  // validates the name
  c.set_text("period", in.period);
  c.set_text("parts_coverage", in.parts_coverage.empty()
                                   ? "0"
                                   : parse_percent(in.parts_coverage, "--parts-coverage").str());
  if (!in.response_hours.empty()) {
    auto hours = Decimal::parse(in.response_hours);
    if (!hours || !(Decimal() < *hours) || Decimal::from_int(8760) < *hours)
      throw UsageError(fmt::format("--response-hours '{}' is not a number of hours from 0 to 8760",
                                   in.response_hours),
                       "e.g. --response-hours 8, or 0.5 for half an hour");
    c.set_text("response_hours", hours->str());
  }
  if (!in.maintenance_every.empty()) {
    if (!months_of(in.maintenance_every))
      throw UsageError(
          fmt::format("--maintenance-every '{}' is not 1m, 3m, 6m or 1y", in.maintenance_every));
    c.set_text("maintenance_every", in.maintenance_every);
  }
  Date from =
      in.from.empty() ? session.clock.today() : parse_date(in.from, session.clock, "--from");
  c.set_text("from", from.iso());
  if (!in.to.empty()) {
    Date to = parse_date(in.to, session.clock, "--to");
    if (to < from) throw UsageError("--to must not be before --from");
    c.set_text("to", to.iso());
  }
  if (!in.products.empty()) {
    Value products = Value::sequence();
    for (const std::string& ref : in.products)
      products.push_back(Value::string(resolve(session.store, ref, {Kind::product}).get("sku")));
    c.set("products", std::move(products));
  }
  require_allowed(c, "add", session.guards());  // one contract covers a day's work
  // Numbered once allowed: a refused contract uses up no number.
  c.set_text("number", next_number(session.store, Kind::service_contract, session.clock.today()));
  ChangeSet changes;
  changes.summary = fmt::format("service contract add {}", c.id());
  changes.created(std::move(c));
  return changes;
}

bool service_contract_covers(const Record& c, const Date& day) {
  if (c.status() != "active") return false;
  auto from = Date::parse_iso(c.get("from"));
  auto to = Date::parse_iso(c.get("to"));
  return (!from || !(day < *from)) && (!to || !(*to < day));
}

std::optional<Record> active_service_contract(const RecordStore& store,
                                              const std::string& account_id, const Date& day,
                                              const std::string& sku) {
  std::optional<Record> found;
  store.for_each(Kind::service_contract, [&](const Record& c) {
    if (found || c.get("account") != account_id || !service_contract_covers(c, day)) return;
    const Value* products = c.find("products");
    if (!sku.empty() && products && products->is_sequence() && !products->items().empty()) {
      bool listed = false;
      for (const Value& p : products->items()) listed = listed || p.text() == sku;
      if (!listed) return;
    }
    found = c;
  });
  return found;
}

ServiceTerms terms_of(const Record& c) {
  Currency currency = currency_for(c.get("currency"));
  return ServiceTerms{Money::parse(c.get("hourly_rate"), currency, "hourly_rate"),
                      decimal_or_zero(c.get("included_hours")), c.get("period"),
                      decimal_or_zero(c.get("parts_coverage"))};
}

Decimal hours_used(const RecordStore& store, const Record& contract, const Date& day) {
  auto [first, last] = period_bounds(day, contract.get("period"));
  Decimal used;
  store.for_each(Kind::confirmation, [&](const Record& cf) {
    if (cf.get("contract") != contract.id()) return;
    auto date = Date::parse_iso(cf.get("date"));
    if (date && !(*date < first) && !(last < *date))
      used = used + decimal_or_zero(cf.get("effort"));
  });
  return used;
}

Decimal hours_remaining(const RecordStore& store, const Record& contract, const Date& day) {
  Decimal left = decimal_or_zero(contract.get("included_hours")) - hours_used(store, contract, day);
  return left.is_negative() ? Decimal() : left;
}

std::vector<DueMaintenance> maintenance_due(const RecordStore& store, const Date& until,
                                            std::vector<LoadProblem>* problems) {
  // Due dates that already have their maintenance order, per contract.
  std::set<std::pair<std::string, std::string>> planned;
  store.for_each(
      Kind::service_order,
      [&](const Record& o) {
        if (o.get("kind") == "maintenance") planned.insert({o.get("contract"), o.get("scheduled")});
      },
      problems);
  std::vector<DueMaintenance> due_list;
  store.for_each(
      Kind::service_contract,
      [&](const Record& c) {
        int months = months_of(c.get("maintenance_every"));
        auto from = Date::parse_iso(c.get("from"));
        if (!months || !from || c.status() != "active") return;
        auto to = Date::parse_iso(c.get("to"));
        for (int n = 1;; ++n) {
          Date due = from->plus_months(months * n);
          if (until < due || (to && *to < due)) break;
          if (planned.count({c.id(), due.iso()})) continue;
          due_list.push_back({c, due});
        }
      },
      problems);
  return due_list;
}

ChangeSet plan_maintenance(Session& session, const Date& until) {
  ChangeSet changes;
  for (const DueMaintenance& m : maintenance_due(session.store, until)) {
    Record order = new_record(session, Kind::service_order);
    order.set_text("number", next_number(session.store, Kind::service_order, m.due));
    order.set_text("kind", "maintenance");
    order.set_text("account", m.contract.get("account"));
    order.set_text("contract", m.contract.id());
    order.set_text("summary", fmt::format("Planned maintenance ({} {})", m.contract.get("number"),
                                          m.due.iso()));
    order.set_text("scheduled", m.due.iso());
    changes.created(std::move(order));
  }
  changes.summary = fmt::format("service plan --until {}", until.iso());
  return changes;
}

}  // namespace crm
