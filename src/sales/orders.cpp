#include "crm/sales/orders.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/kinds/numbering.h"
#include "crm/relationship/parties.h"
#include "crm/sales/pricing.h"

namespace crm {
namespace {

constexpr const char* k_copied_terms[] = {"deal", "account", "currency", "discount", "tax_rate"};

Decimal decimal_of(const Value& v, const char* key) {
  auto d = Decimal::parse(v.get(key));
  return d ? *d : Decimal();
}

Record document_from(Session& session, Kind kind, const Record& quote) {
  Record doc = new_record(session, kind);
  doc.set_text("number", next_number(session.store, kind, session.clock.today()));
  for (const char* key : k_copied_terms)
    if (const Value* v = quote.find(key)) doc.set(key, *v);
  doc.set_text("quote", quote.id());
  if (const Value* lines = quote.find("lines")) doc.set("lines", *lines);
  return doc;
}

// A cancelled release order returns its quantities to the contract, which becomes active
// again if it was fulfilled.
Record give_back_release(Session& session, const Record& order) {
  Record contract = session.store.load(Kind::contract, order.get("contract"));
  Value* lines = contract.find("lines");
  if (const Value* released = order.find("lines"); released && lines)
    for (const Value& r : released->items())
      for (Value& l : lines->items())
        if (l.get("sku") == r.get("sku"))
          l.set("released",
                Value::string((decimal_of(l, "released") - decimal_of(r, "qty")).str()));
  if (can_fire(contract, "reopen", session.guards()))
    fire(contract, "reopen", session.actor(), {}, session.guards());
  return contract;
}

}  // namespace

ChangeSet create_order(Session& session, const Record& quote) {
  require_allowed(quote, "order", session.guards());
  Record order = document_from(session, Kind::order, quote);
  store_totals(order);
  ChangeSet changes;
  changes.summary = fmt::format("order create {} from {}", order.id(), quote.id());
  changes.created(std::move(order));
  return changes;
}

ChangeSet transition_order(Session& session, Record order, const std::string& command) {
  fire(order, command, session.actor(), {}, session.guards());
  if (command == "deliver") order.set_text("delivered", session.clock.today().iso());
  ChangeSet changes;
  changes.summary = fmt::format("order {} {}", command, order.id());
  if (command == "cancel" && !order.get("contract").empty())
    changes.updated(give_back_release(session, order));
  changes.updated(std::move(order));
  return changes;
}

ChangeSet create_contract(Session& session, const Record& quote, const Date& from, const Date& to) {
  if (to < from) throw UsageError("--to must not be before --from");
  require_allowed(quote, "contract", session.guards());
  Record contract = document_from(session, Kind::contract, quote);
  contract.set_text("from", from.iso());
  contract.set_text("to", to.iso());
  if (Value* lines = contract.find("lines"))
    for (Value& line : lines->items()) line.set("released", Value::string("0"));
  store_totals(contract);
  ChangeSet changes;
  changes.summary = fmt::format("contract create {} from {}", contract.id(), quote.id());
  changes.created(std::move(contract));
  return changes;
}

namespace {

// What a release asks for: {lines: [{sku, qty}]}, each sku a line of the contract.
Value release_request(const Record& contract, const std::vector<std::string>& specs) {
  const Value* contract_lines = contract.find("lines");
  Value wanted = Value::sequence();
  for (const std::string& text : specs) {
    LineSpec spec = parse_line_spec(text);
    if (spec.unit_price || !spec.discount.is_zero())
      throw UsageError(fmt::format("--line '{}': a release takes the contract's price", text),
                       "write SKU:QTY only");
    bool known = contract_lines &&
                 std::any_of(contract_lines->items().begin(), contract_lines->items().end(),
                             [&](const Value& l) { return l.get("sku") == spec.sku; });
    if (!known)
      throw UsageError(
          fmt::format("{} is not a line of contract {}", spec.sku, contract.get("number")),
          fmt::format("see its lines with `crm contract show {}`", contract.get("number")));
    Value line = Value::map();
    line.set("sku", Value::string(spec.sku));
    line.set("qty", Value::string(spec.quantity.str()));
    wanted.push_back(std::move(line));
  }
  Value request = Value::map();
  request.set("lines", std::move(wanted));
  return request;
}

}  // namespace

ChangeSet release_from_contract(Session& session, Record contract,
                                const std::vector<std::string>& specs) {
  if (specs.empty()) throw UsageError("a release needs at least one --line SKU:QTY");
  Value request = release_request(contract, specs);
  require_allowed(contract, "release", session.guards(request));
  Value* contract_lines = contract.find("lines");
  Value order_lines = Value::sequence();
  for (const Value& wanted : request.find("lines")->items()) {
    auto it = std::find_if(contract_lines->items().begin(), contract_lines->items().end(),
                           [&](const Value& l) { return l.get("sku") == wanted.get("sku"); });
    Decimal released = decimal_of(*it, "released") + decimal_of(wanted, "qty");
    (void)(decimal_of(*it, "qty") - released);  // refuses what `show` could not subtract
    it->set("released", Value::string(released.str()));
    Value line = *it;
    line.erase("released");
    line.set("qty", Value::string(wanted.get("qty")));
    order_lines.push_back(std::move(line));
  }
  Record order = new_record(session, Kind::order);
  order.set_text("number", next_number(session.store, Kind::order, session.clock.today()));
  for (const char* key : k_copied_terms)
    if (const Value* v = contract.find(key)) order.set(key, *v);
  order.set_text("contract", contract.id());
  order.set("lines", std::move(order_lines));
  store_totals(order);
  bool nothing_left =
      std::all_of(contract_lines->items().begin(), contract_lines->items().end(),
                  [](const Value& l) { return decimal_of(l, "qty") <= decimal_of(l, "released"); });
  if (nothing_left) fire(contract, "fulfil", session.actor(), {}, session.guards());
  ChangeSet changes;
  changes.summary = fmt::format("contract release {} -> {}", contract.id(), order.id());
  changes.created(std::move(order));
  changes.updated(std::move(contract));
  return changes;
}

std::vector<ContractLineState> contract_state(const Record& contract) {
  std::vector<ContractLineState> out;
  const Value* lines = contract.find("lines");
  if (!lines || !lines->is_sequence()) return out;
  for (const Value& l : lines->items()) {
    Decimal ordered = decimal_of(l, "qty"), released = decimal_of(l, "released");
    out.push_back(
        {l.get("sku"), l.get("name"), ordered.str(), released.str(), (ordered - released).str()});
  }
  return out;
}

}  // namespace crm
