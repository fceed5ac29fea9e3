#include "crm/service/service_work.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/numbering.h"
#include "crm/kinds/reference.h"
#include "crm/sales/invoices.h"
#include "crm/sales/pricing.h"
#include "crm/sales/products.h"
#include "crm/service/knowledge.h"
#include "crm/service/service_contracts.h"

namespace crm {
namespace {

std::string sku_of(const RecordStore& store, const std::string& text) {
  return text.empty() ? std::string() : resolve(store, text, {Kind::product}).get("sku");
}

// Whole seconds in a number of hours ("1.5" -> 5400).
long long seconds_in(const Decimal& hours) {
  long long seconds = hours.mantissa() * 3600;
  for (int i = 0; i < hours.scale(); ++i) seconds /= 10;
  return seconds;
}

}  // namespace

ChangeSet add_service_request(Session& session, const RequestInput& in) {
  if (trim(in.summary).empty()) throw UsageError("a service request needs --summary");
  if (std::find(priorities().begin(), priorities().end(), in.priority) == priorities().end())
    throw UsageError(
        fmt::format("--priority '{}' is not one of {}", in.priority, join(priorities(), ", ")));
  Record account = resolve(session.store, in.account, {Kind::account});
  Record r = new_record(session, Kind::service_request);
  r.set_text("number", next_number(session.store, Kind::service_request, session.clock.today()));
  r.set_text("account", account.id());
  if (!in.contact.empty())
    r.set_text("contact", resolve(session.store, in.contact, {Kind::contact}).id());
  r.set_text("product", sku_of(session.store, in.product));
  r.set_text("summary", trim(in.summary));
  r.set_text("priority", in.priority);
  if (in.complaint) r.set("complaint", Value::boolean(true));
  if (auto contract = active_service_contract(session.store, account.id(), session.clock.today(),
                                              r.get("product"))) {
    r.set_text("contract", contract->id());
    if (auto hours = Decimal::parse(contract->get("response_hours")))
      r.set_text("respond_by", plus_seconds(session.clock.now(), seconds_in(*hours)));
  }
  std::string summary = fmt::format("service request add {}", r.id());
  return ChangeSet::of_created(std::move(r), summary);
}

ChangeSet solve_service_request(Session& session, Record request, const std::string& solution) {
  if (trim(solution).empty()) throw UsageError("solve needs --solution KB-...");
  Record kb = resolve(session.store, solution, {Kind::solution});
  fire(request, "solve", session.actor(), kb.id(), session.guards());
  request.set_text("solution", kb.id());
  std::string summary = fmt::format("service request solve {} {}", request.id(), kb.id());
  return ChangeSet::of_updated(std::move(request), summary);
}

ChangeSet escalate_service_request(Session& session, Record request) {
  fire(request, "escalate", session.actor(), {}, session.guards());
  Record order = new_record(session, Kind::service_order);
  order.set_text("number", next_number(session.store, Kind::service_order, session.clock.today()));
  order.set_text("kind", "repair");
  order.set_text("account", request.get("account"));
  order.set_text("request", request.id());
  order.set_text("contract", request.get("contract"));
  order.set_text("product", request.get("product"));
  order.set_text("summary", request.get("summary"));
  request.set_text("service_order", order.id());
  ChangeSet changes;
  changes.summary = fmt::format("service request escalate {} -> {}", request.id(), order.id());
  changes.created(std::move(order));
  changes.updated(std::move(request));
  return changes;
}

ChangeSet assign_service_order(Session& session, Record order, const std::string& technician,
                               const std::string& scheduled) {
  if (trim(technician).empty()) throw UsageError("assign needs --to PERSON");
  fire(order, "assign", session.actor(), trim(technician), session.guards());
  order.set_text("assignee", trim(technician));
  if (!scheduled.empty())
    order.set_text("scheduled", parse_date(scheduled, session.clock, "--date").iso());
  std::string summary = fmt::format("service order assign {}", order.id());
  return ChangeSet::of_updated(std::move(order), summary);
}

ChangeSet plan_service_parts(Session& session, Record order,
                             const std::vector<std::string>& parts) {
  require_allowed(order, "parts", session.guards());  // parts are planned before work starts
  Value planned = Value::sequence();
  for (const std::string& text : parts) {
    LineSpec spec = parse_line_spec(text);
    if (!find_product_by_sku(session.store, spec.sku))
      throw NotFoundError(fmt::format("no product has sku '{}'", spec.sku));
    Value p = Value::map();
    p.set("sku", Value::string(spec.sku));
    p.set("qty", Value::string(spec.quantity.str()));
    planned.push_back(std::move(p));
  }
  order.set("parts", std::move(planned));
  std::string summary = fmt::format("service order parts {}", order.id());
  return ChangeSet::of_updated(std::move(order), summary);
}

ChangeSet confirm_service(Session& session, Record order, const ConfirmInput& in) {
  auto effort = Decimal::parse(in.effort);
  if (!effort || effort->is_negative())
    throw UsageError(fmt::format("--effort '{}' is not a number of hours", in.effort));
  Date date =
      in.date.empty() ? session.clock.today() : parse_date(in.date, session.clock, "--date");
  fire(order, in.partial ? "confirm" : "complete", session.actor(), {}, session.guards());

  std::optional<Record> contract;
  if (!order.get("contract").empty() &&
      session.store.exists(Kind::service_contract, order.get("contract"))) {
    Record c = session.store.load(Kind::service_contract, order.get("contract"));
    if (service_contract_covers(c, date)) contract = c;
  }
  if (!contract)
    contract =
        active_service_contract(session.store, order.get("account"), date, order.get("product"));
  Currency currency =
      currency_for(contract ? contract->get("currency") : session.store.config().currency);
  BillingInput billing_in{
      *effort,
      Decimal(),
      std::nullopt,
      Money::parse(session.store.config().service_default_rate, currency, "service.default_rate"),
      {}};
  if (contract) {
    billing_in.terms = terms_of(*contract);
    billing_in.used_in_period = hours_used(session.store, *contract, date);
  }
  Value parts_used = Value::sequence();
  for (const std::string& text : in.parts) {
    LineSpec spec = parse_line_spec(text);
    auto product = find_product_by_sku(session.store, spec.sku);
    if (!product) throw NotFoundError(fmt::format("no product has sku '{}'", spec.sku));
    if (!spec.unit_price && product->get("currency") != currency.code)
      throw UsageError(fmt::format("{} is priced in {}, the document in {}", spec.sku,
                                   product->get("currency"), currency.code),
                       "give the price in the part: SKU:QTY@PRICE");
    Money price = spec.unit_price ? Money::parse(*spec.unit_price, currency, "--part price")
                                  : product_price(*product);
    billing_in.parts.push_back({spec.sku, spec.quantity, price});
    Value line = Value::map();
    line.set("sku", Value::string(spec.sku));
    line.set("name", Value::string(product->get("name")));
    line.set("qty", Value::string(spec.quantity.str()));
    line.set("unit_price", Value::string(price.str()));
    line.set("discount", Value::string(contract ? terms_of(*contract).parts_coverage.str() : "0"));
    line.set("net",
             Value::string(line_net(spec.quantity, price,
                                    contract ? terms_of(*contract).parts_coverage : Decimal())
                               .str()));
    parts_used.push_back(std::move(line));
  }
  Billing b = compute_billing(billing_in);

  Record cf = new_record(session, Kind::confirmation);
  cf.set_text("service_order", order.id());
  cf.set_text("account", order.get("account"));
  if (contract) cf.set_text("contract", contract->id());
  cf.set_text("date", date.iso());
  cf.set_text("currency", currency.code);
  cf.set_text("effort", effort->str());
  if (!parts_used.items().empty()) cf.set("parts_used", std::move(parts_used));
  cf.set_text("billable_hours", b.billable_hours.str());
  cf.set_text("rate", b.rate.str());
  cf.set_text("labour", b.labour.str());
  cf.set_text("parts", b.parts.str());
  cf.set_text("amount", b.amount.str());
  cf.set("final", Value::boolean(!in.partial));
  Value steps = Value::sequence();
  for (const std::string& step : b.steps) steps.push_back(Value::string(step));
  cf.set("computation", std::move(steps));
  cf.set_text("note", in.note);

  ChangeSet changes;
  changes.summary = fmt::format("service confirm {} -> {}", order.id(), cf.id());
  changes.created(std::move(cf));
  changes.updated(std::move(order));
  return changes;
}

ChangeSet create_invoice_for_confirmation(Session& session, Record cf) {
  fire(cf, "bill", session.actor(), {}, session.guards());
  Value lines = Value::sequence();
  Value labour = Value::map();
  labour.set("sku", Value::string("LABOUR"));
  labour.set("name", Value::string("Service labour"));
  labour.set("qty", Value::string(cf.get("billable_hours")));
  labour.set("unit_price", Value::string(cf.get("rate")));
  labour.set("discount", Value::string("0"));
  labour.set("net", Value::string(cf.get("labour")));
  lines.push_back(std::move(labour));
  if (const Value* parts = cf.find("parts_used"))
    for (const Value& p : parts->items()) lines.push_back(p);
  Record invoice = issue_invoice(session, {cf.get("account"), cf.get("currency"), lines});
  invoice.set_text("confirmation", cf.id());
  cf.set_text("invoice", invoice.id());

  ChangeSet changes;
  changes.summary = fmt::format("invoice create {} for {}", invoice.id(), cf.id());
  Record order = session.store.load(Kind::service_order, cf.get("service_order"));
  if (cf.get("final") == "true" && can_fire(order, "bill", session.guards())) {
    fire(order, "bill", session.actor(), {}, session.guards());
    changes.updated(std::move(order));
  }
  changes.created(std::move(invoice));
  changes.updated(std::move(cf));
  return changes;
}

ChangeSet create_invoice(Session& session, const InvoiceSource& source) {
  bool by_order = !trim(source.order).empty(), by_confirmation = !trim(source.confirmation).empty();
  if (by_order == by_confirmation)
    throw UsageError(by_order ? "invoice create takes --order or --confirmation, not both"
                              : "invoice create needs --order or --confirmation",
                     "bill a delivered order or a service confirmation");
  if (by_order)
    return create_invoice_for_order(session, resolve(session.store, source.order, {Kind::order}));
  return create_invoice_for_confirmation(
      session, resolve(session.store, source.confirmation, {Kind::confirmation}));
}

}  // namespace crm
