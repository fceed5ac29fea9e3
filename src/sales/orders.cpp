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

// No second order or contract for one quote.
void require_unused_quote(const Store& store, const Record& quote) {
  if (quote.status() != "accepted")
    throw RefusedError(fmt::format("quote {} is {}; orders and contracts need an accepted quote",
                                   quote.get("number"), quote.status()),
                       quote.status() == "sent"
                           ? "accept it first: crm quote accept " + quote.get("number")
                           : "only an accepted quote becomes an order or a contract");
  for (Kind kind : {Kind::order, Kind::contract}) {
    std::optional<std::string> used;
    store.for_each(kind, [&](const Record& r) {
      if (r.get("quote") == quote.id()) used = r.get("number");
    });
    if (used)
      throw RefusedError(fmt::format("quote {} already became {}", quote.get("number"), *used),
                         "one order or contract per quote; for more, quote again");
  }
}

Record document_from(Session& session, Kind kind, const Record& quote, const std::string& status) {
  Record doc = new_record(session, kind, status);
  doc.set_text("number", next_number(session.store, kind, session.clock.today()));
  for (const char* key : k_copied_terms)
    if (const Value* v = quote.fields().find(key)) doc.set(key, *v);
  doc.set_text("quote", quote.id());
  if (const Value* lines = quote.fields().find("lines")) doc.set("lines", *lines);
  return doc;
}

// A cancelled release order returns its quantities to the contract, which becomes active
// again if it was fulfilled.
Record give_back_release(Session& session, const Record& order) {
  Record contract = session.store.load(Kind::contract, order.get("contract"));
  Value* lines = contract.fields().find("lines");
  if (const Value* released = order.fields().find("lines"); released && lines)
    for (const Value& r : released->items())
      for (Value& l : lines->items())
        if (l.get("sku") == r.get("sku"))
          l.set("released",
                Value::string((decimal_of(l, "released") - decimal_of(r, "qty")).str()));
  if (contract.status() == "fulfilled")
    fire(contract, "reopen", session.actor(), {}, session.guards());
  return contract;
}

}  // namespace

ChangeSet create_order(Session& session, const Record& quote) {
  require_unused_quote(session.store, quote);
  Record order = document_from(session, Kind::order, quote, "open");
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
  require_unused_quote(session.store, quote);
  Record contract = document_from(session, Kind::contract, quote, "active");
  contract.set_text("from", from.iso());
  contract.set_text("to", to.iso());
  if (Value* lines = contract.fields().find("lines"))
    for (Value& line : lines->items()) line.set("released", Value::string("0"));
  store_totals(contract);
  ChangeSet changes;
  changes.summary = fmt::format("contract create {} from {}", contract.id(), quote.id());
  changes.created(std::move(contract));
  return changes;
}

ChangeSet release_from_contract(Session& session, Record contract,
                                const std::vector<std::string>& specs) {
  if (specs.empty()) throw UsageError("a release needs at least one --line SKU:QTY");
  require_allowed(contract, "release", session.guards());
  Value* contract_lines = contract.fields().find("lines");
  if (!contract_lines || !contract_lines->is_sequence())
    throw DataError(contract.relative_path(), 0, "the contract has no lines");
  Value order_lines = Value::sequence();
  for (const std::string& text : specs) {
    LineSpec spec = parse_line_spec(text);
    if (spec.unit_price || !spec.discount.is_zero())
      throw UsageError(fmt::format("--line '{}': a release takes the contract's price", text),
                       "write SKU:QTY only");
    auto it = std::find_if(contract_lines->items().begin(), contract_lines->items().end(),
                           [&](const Value& l) { return l.get("sku") == spec.sku; });
    if (it == contract_lines->items().end())
      throw UsageError(
          fmt::format("{} is not a line of contract {}", spec.sku, contract.get("number")));
    Decimal remaining = decimal_of(*it, "qty") - decimal_of(*it, "released");
    if (remaining < spec.quantity)
      throw RefusedError(
          fmt::format("contract release refused for contract {}: {} {} wanted, "
                      "only {} remain",
                      contract.get("number"), spec.quantity.str(), spec.sku, remaining.str()),
          fmt::format("release at most {} {}", remaining.str(), spec.sku));
    Decimal released = decimal_of(*it, "released") + spec.quantity;
    (void)(decimal_of(*it, "qty") - released);  // refuses what `show` could not subtract
    it->set("released", Value::string(released.str()));
    Value line = *it;
    line.erase("released");
    line.set("qty", Value::string(spec.quantity.str()));
    order_lines.push_back(std::move(line));
  }
  Record order = new_record(session, Kind::order, "open");
  order.set_text("number", next_number(session.store, Kind::order, session.clock.today()));
  for (const char* key : k_copied_terms)
    if (const Value* v = contract.fields().find(key)) order.set(key, *v);
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

ChangeSet terminate_contract(Session& session, Record contract, const std::string& reason) {
  fire(contract, "terminate", session.actor(), reason, session.guards());
  contract.set_text("reason", reason);
  ChangeSet changes;
  changes.summary = fmt::format("contract terminate {}", contract.id());
  changes.updated(std::move(contract));
  return changes;
}

std::vector<ContractLineState> contract_state(const Record& contract) {
  std::vector<ContractLineState> out;
  const Value* lines = contract.fields().find("lines");
  if (!lines || !lines->is_sequence()) return out;
  for (const Value& l : lines->items()) {
    Decimal ordered = decimal_of(l, "qty"), released = decimal_of(l, "released");
    out.push_back(
        {l.get("sku"), l.get("name"), ordered.str(), released.str(), (ordered - released).str()});
  }
  return out;
}

}  // namespace crm
