// Fixtures of the sales tests: a small catalogue with an account, two contacts and an open deal
// in a data directory in memory, short ways to take a quote through its lifecycle into orders,
// contracts and invoices, and a table-driven check of a state machine.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crm/base/error.h"
#include "crm/kinds/lifecycle.h"
#include "crm/relationship/parties.h"
#include "crm/sales/deals.h"
#include "crm/sales/invoices.h"
#include "crm/sales/orders.h"
#include "crm/sales/products.h"
#include "crm/sales/quotes.h"
#include "helpers.h"

namespace crm_test {

// The 1-based line of the first line of `text` that starts with `start`, 0 when none does.
inline int line_of(const std::string& text, const std::string& start) {
  int line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    if (text.compare(pos, start.size(), start) == 0) return line;
    pos = text.find('\n', pos);
    if (pos == std::string::npos) break;
    ++pos;
  }
  return 0;
}

// A catalogue (PUMP-200 999.99 EUR, VALVE-10 12.50 EUR, SERVICE-H 90.00 EUR per hour, TOKYO-1
// 5000 JPY), the account Acme Ltd with contacts Jan Kowalski and Ewa Nowak, and the open deal
// "Pumps for Acme" in the first stage, all written to disk.
struct Sale : DataDir {
  crm::Record account{crm::Kind::account, crm::Value::map()};
  crm::Record jan{crm::Kind::contact, crm::Value::map()};
  crm::Record ewa{crm::Kind::contact, crm::Value::map()};
  crm::Record deal{crm::Kind::deal, crm::Value::map()};

  explicit Sale(std::string_view today = "2026-11-23", const ConfigEdit& config = {})
      : DataDir(today, config) {
    product("PUMP-200", "Pump 200", "999.99");
    product("VALVE-10", "Valve 10", "12.50");
    apply(crm::add_product(session, {{"sku", "SERVICE-H"},
                                     {"name", "Service hour"},
                                     {"price", "90.00"},
                                     {"unit", "h"},
                                     {"kind", "service"}}));
    product("TOKYO-1", "Tokyo unit", "5000", "JPY");
    account = apply(crm::add_account(session, {{"name", "Acme Ltd"}}));
    jan = apply(crm::add_contact(session, {{"name", "Jan Kowalski"}, {"account", "Acme Ltd"}}));
    ewa = apply(crm::add_contact(session, {{"name", "Ewa Nowak"}, {"account", "Acme Ltd"}}));
    deal = new_deal("Pumps for Acme");
  }

  crm::Record product(const std::string& sku, const std::string& name, const std::string& price,
                      const std::string& currency = {}) {
    crm::FieldEdits edits = {{"sku", sku}, {"name", name}, {"price", price}};
    if (!currency.empty()) edits.push_back({"currency", currency});
    return apply(crm::add_product(session, edits));
  }

  crm::Record new_deal(const std::string& title) {
    crm::DealInput input;
    input.account = account.id();
    input.title = title;
    return apply(crm::add_deal(session, input));
  }

  // A draft quote for `for_deal` (the fixture's deal by default).
  crm::Record quote(std::vector<std::string> lines, std::optional<std::string> discount = {},
                    std::optional<std::string> tax = {},
                    const std::optional<crm::Record>& for_deal = {}) {
    crm::QuoteInput input{std::move(lines), std::move(discount), std::move(tax), std::nullopt};
    return apply(crm::create_quote(session, for_deal ? reload(*for_deal) : reload(deal), input));
  }

  crm::Record quote_command(const crm::Record& q, const std::string& command,
                            const std::string& reason = {}) {
    return apply(crm::transition(session, reload(q), command, crm::Firing{reason}));
  }
  crm::Record send(const crm::Record& q) { return quote_command(q, "send"); }
  crm::Record accept(const crm::Record& q) { return quote_command(q, "accept"); }
  crm::Record reject(const crm::Record& q) { return quote_command(q, "reject", "too expensive"); }

  // A quote that is sent and accepted.
  crm::Record accepted(std::vector<std::string> lines, std::optional<std::string> discount = {},
                       std::optional<std::string> tax = {}) {
    return accept(send(quote(std::move(lines), std::move(discount), std::move(tax))));
  }

  crm::Record order(const crm::Record& q) { return apply(crm::create_order(session, reload(q))); }
  crm::Record order_command(const crm::Record& o, const std::string& command) {
    return apply(crm::transition_order(session, reload(o), command));
  }
  crm::Record deliver(const crm::Record& o) { return order_command(o, "deliver"); }

  // A delivered order of PUMP-200:3 and VALVE-10:4-10% at 23% tax: total 3745.31.
  crm::Record delivered_order() {
    return deliver(order(accepted({"PUMP-200:3", "VALVE-10:4-10%"}, std::nullopt, "23")));
  }

  crm::Record contract(const crm::Record& q, const std::string& from, const std::string& to) {
    return apply(crm::create_contract(session, reload(q), *crm::Date::parse_iso(from),
                                      *crm::Date::parse_iso(to)));
  }

  crm::Record invoice(const crm::Record& o) {
    return apply(crm::create_invoice_for_order(session, reload(o)));
  }
  crm::Record pay(const crm::Record& i, const std::string& amount, const std::string& date = {},
                  const std::string& ref = {}) {
    crm::ChangeSet changes = crm::add_payment(session, reload(i), {amount, date, ref});
    commit(changes);
    return reload(i);
  }
};

// A plain text list of the lines of a document: "sku qty unit_price discount net" each.
inline std::vector<std::string> lines_of(const crm::Record& document) {
  std::vector<std::string> out;
  if (const crm::Value* lines = document.fields().find("lines"))
    for (const crm::Value& l : lines->items())
      out.push_back(l.get("sku") + " " + l.get("qty") + " " + l.get("unit_price") + " " +
                    l.get("discount") + " " + l.get("net"));
  return out;
}

// "subtotal net tax total" of a document.
inline std::string totals_of(const crm::Record& document) {
  return document.get("subtotal") + " " + document.get("net") + " " + document.get("tax") + " " +
         document.get("total");
}

// The whole transition table of a machine: (state, command) -> new state.
using TransitionTable = std::map<std::pair<std::string, std::string>, std::string>;

inline const crm::Actor k_sales_actor{"anna", "2026-11-23T10:00:00+01:00"};

// Fires every command from every state of a record made by `make`: allowed ones set the state
// and append exactly one history entry {at, from, to, by, note} (a transition that keeps the
// state, such as a stage move or an edit, changes and appends nothing); a transition that
// needs a reason refuses a blank one (UsageError) and changes nothing; refused ones throw
// RefusedError naming the step, the record by its number and ID and (for a refusal by state)
// the state, the wanted one and the states the step starts from, and change nothing.
inline void check_transitions(const std::string& kind, const std::vector<std::string>& states,
                              const std::vector<std::string>& commands,
                              const TransitionTable& table,
                              const std::function<crm::Record(const std::string&)>& make,
                              const crm::GuardContext& context = {}) {
  const crm::Machine* machine = crm::machine_named(kind);
  REQUIRE(machine != nullptr);
  CHECK(machine->states == states);
  std::size_t allowed = 0;
  for (const std::string& state : states) {
    for (const std::string& command : commands) {
      INFO(kind << ": " << command << " from " << state);
      crm::Record record = make(state);
      const crm::Record before = record;
      const crm::Transition* t = machine->find(command);
      REQUIRE(t != nullptr);
      const std::string note = t->needs_reason ? "customer said no" : "";
      auto it = table.find({state, command});
      if (it != table.end()) {
        ++allowed;
        if (t->needs_reason) {
          auto e = crm_test::thrown<crm::UsageError>(
              [&] { crm::fire(record, command, k_sales_actor, crm::Firing{" "}, context); });
          CHECK(std::string(e.what()) == command + " " + record.id() + " needs a reason");
          CHECK(record.fields() == before.fields());
        }
        CHECK(crm::can_fire(before, command, context));
        crm::fire(record, command, k_sales_actor, crm::Firing{note}, context);
        CHECK(record.status() == it->second);
        auto history = history_of(record);
        if (t->keeps_state()) {
          CHECK(it->second == state);
          CHECK(record.fields() == before.fields());
        } else {
          REQUIRE(history.size() == 1);
          crm::Value expected = crm::Value::map();
          expected.set("at", crm::Value::string(k_sales_actor.now));
          expected.set("from", crm::Value::string(state));
          expected.set("to", crm::Value::string(it->second));
          expected.set("by", crm::Value::string("anna"));
          if (!note.empty()) expected.set("note", crm::Value::string(note));
          CHECK(history[0] == expected);
          CHECK(machine->allows(state, it->second));
        }
        CHECK_NOTHROW(crm::require_allowed(before, command, context));
      } else {
        auto e = crm_test::thrown<crm::RefusedError>(
            [&] { crm::fire(record, command, k_sales_actor, crm::Firing{note}, context); });
        CHECK(e.code() == crm::ExitCode::refused);
        const Says refused = refusal(action_of(*machine, *t), record);
        CHECK_THAT(e.what(), refused);
        if (!t->starts_from(state)) {
          // Refused by state: the state it is in, where the step leads, and the states it
          // starts from.
          CHECK_THAT(e.what(),
                     (t->keeps_state() ? refused.in(state) : refused.in(state).wanting(t->to))
                         .saying_each(t->from));
        }
        CHECK_FALSE(e.hint().empty());
        CHECK(record.fields() == before.fields());
        CHECK_FALSE(crm::can_fire(before, command, context));
        CHECK_THROWS_AS(crm::require_allowed(before, command, context), crm::RefusedError);
      }
    }
  }
  CHECK(allowed == table.size());
}

}  // namespace crm_test
