#include "crm/kinds/lifecycle.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/sales/deal_rules.h"
#include "crm/sales/sales_rules.h"

namespace crm {
namespace {

Machine lead_machine() {
  Machine m;
  m.kind = "lead";
  m.initial = "new";
  m.states = {"new", "contacted", "qualified", "converted", "disqualified"};
  m.terminal = {"converted", "disqualified"};
  m.transitions = {
      {"contact", {"new"}, "contacted", false, {}},
      {"qualify", {"new", "contacted"}, "qualified", false, {}},
      {"convert", {"new", "contacted", "qualified"}, "converted", false, {}},
      {"disqualify", {"new", "contacted", "qualified"}, "disqualified", true, {}},
  };
  return m;
}

// Guards that look at other records live with their kinds (deal_rules.cpp).
Machine deal_machine() {
  Machine m;
  m.kind = "deal";
  m.initial = "open";
  m.states = {"open", "won", "lost", "completed"};
  m.terminal = {"lost", "completed"};
  m.transitions = {
      {"stage", {"open"}, "open", false, {}},
      {"win", {"open"}, "won", false, {deal_needs_accepted_quote()}},
      {"lose", {"open"}, "lost", true, {deal_has_no_pending_quote()}},
      {"complete", {"won"}, "completed", false, {deal_orders_delivered()}},
  };
  return m;
}

Machine quote_machine() {
  Machine m;
  m.kind = "quote";
  m.initial = "draft";
  m.states = {"draft", "sent", "accepted", "rejected", "expired", "superseded"};
  m.terminal = {"accepted", "superseded"};
  m.transitions = {
      {"send", {"draft"}, "sent", false, {quote_not_expired(), quote_deal_open()}},
      {"accept",
       {"sent"},
       "accepted",
       false,
       {quote_not_expired(), quote_deal_open(), deal_has_no_accepted_quote()}},
      {"reject", {"sent"}, "rejected", true, {}},
      {"expire", {"sent"}, "expired", false, {}, "derived: a sent quote past valid_until"},
      {"revise",
       {"rejected", "expired", "sent"},
       "superseded",
       false,
       {quote_revisable(), quote_deal_open()}},
  };
  return m;
}

Machine order_machine() {
  Machine m;
  m.kind = "order";
  m.initial = "open";
  m.states = {"open", "delivered", "invoiced", "closed", "cancelled"};
  m.terminal = {"closed", "cancelled"};
  m.transitions = {
      {"deliver", {"open"}, "delivered", false, {}},
      {"cancel", {"open"}, "cancelled", false, {}},
      {"invoice", {"delivered"}, "invoiced", false, {}, "crm invoice create --order"},
      {"close", {"invoiced"}, "closed", false, {}, "its invoice is paid in full"},
      {"reopen", {"invoiced"}, "delivered", false, {}, "its invoice is voided"},
  };
  return m;
}

Machine contract_machine() {
  Machine m;
  m.kind = "contract";
  m.initial = "active";
  m.states = {"active", "fulfilled", "expired", "terminated"};
  m.terminal = {"expired", "terminated"};
  m.transitions = {
      {"release", {"active"}, "active", false, {contract_in_period()}},
      {"fulfil", {"active"}, "fulfilled", false, {}, "a release takes the last quantity"},
      {"reopen", {"fulfilled"}, "active", false, {}, "a release order is cancelled"},
      {"expire", {"active"}, "expired", false, {}, "derived: past the contract's `to` date"},
      {"terminate", {"active"}, "terminated", true, {}},
  };
  return m;
}

Machine invoice_machine() {
  Machine m;
  m.kind = "invoice";
  m.initial = "issued";
  m.states = {"issued", "partially-paid", "paid", "void"};
  m.terminal = {"paid", "void"};
  m.transitions = {
      {"pay",
       {"issued", "partially-paid"},
       "partially-paid",
       false,
       {},
       "crm payment add, for less than the balance"},
      {"settle",
       {"issued", "partially-paid"},
       "paid",
       false,
       {},
       "crm payment add, for the whole balance"},
      {"void", {"issued"}, "void", true, {invoice_has_no_payments()}},
  };
  return m;
}

Machine service_contract_machine() {
  Machine m;
  m.kind = "service-contract";
  m.initial = "active";
  m.states = {"active", "expired", "terminated"};
  m.terminal = {"expired", "terminated"};
  m.transitions = {
      {"expire", {"active"}, "expired", false, {}, "derived: past the contract's `to` date"},
      {"terminate", {"active"}, "terminated", true, {}},
  };
  return m;
}

Machine service_request_machine() {
  Machine m;
  m.kind = "service-request";
  m.initial = "open";
  m.states = {"open", "solved", "escalated", "closed"};
  m.terminal = {"solved", "closed"};
  m.transitions = {
      {"solve", {"open"}, "solved", false, {}},
      {"escalate", {"open"}, "escalated", false, {}},
      {"close", {"escalated"}, "closed", false, {}},
  };
  return m;
}

Machine service_order_machine() {
  Machine m;
  m.kind = "service-order";
  m.initial = "open";
  m.states = {"open", "assigned", "in-progress", "completed", "billed", "cancelled"};
  m.terminal = {"billed", "cancelled"};
  m.transitions = {
      {"assign", {"open", "assigned"}, "assigned", false, {}},
      {"start", {"assigned"}, "in-progress", false, {}},
      {"confirm", {"in-progress"}, "in-progress", false, {}, "crm service confirm --partial"},
      {"complete", {"in-progress"}, "completed", false, {}, "crm service confirm (final)"},
      {"bill", {"completed"}, "billed", false, {}, "crm invoice create --confirmation"},
      {"cancel", {"open", "assigned"}, "cancelled", false, {}},
  };
  return m;
}

Machine confirmation_machine() {
  Machine m;
  m.kind = "confirmation";
  m.initial = "confirmed";
  m.states = {"confirmed", "billed"};
  m.terminal = {"billed"};
  m.transitions = {
      {"bill", {"confirmed"}, "billed", false, {}, "crm invoice create --confirmation"},
  };
  return m;
}

Machine task_machine() {
  Machine m;
  m.kind = "task";
  m.initial = "open";
  m.states = {"open", "done", "cancelled"};
  m.terminal = {"done", "cancelled"};
  m.transitions = {
      {"done", {"open"}, "done", false, {}},
      {"cancel", {"open"}, "cancelled", false, {}},
  };
  return m;
}

const std::vector<Machine>& machines() {
  static const std::vector<Machine> k_machines = {lead_machine(),
                                                  task_machine(),
                                                  deal_machine(),
                                                  quote_machine(),
                                                  order_machine(),
                                                  contract_machine(),
                                                  invoice_machine(),
                                                  service_contract_machine(),
                                                  service_request_machine(),
                                                  service_order_machine(),
                                                  confirmation_machine()};
  return k_machines;
}

std::string or_list(const std::vector<std::string>& items) {
  if (items.empty()) return "nothing";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + " or " + items.back();
}

// How a refusal names a record: by its ID, which scripts can use as it stands.
std::string shown_name(const Record& record) {
  return record.id();
}

std::string what_now(const Machine& machine, const Record& record, std::string_view state) {
  if (machine.is_terminal(state))
    return fmt::format("{} is final for {}; see `crm lifecycle {}`", state,
                       with_article(machine.kind), machine.kind);
  if (!machine.has_state(state))
    return fmt::format("'{}' is not a state of the {} lifecycle; run `crm check` and fix the file",
                       state, machine.kind);
  // Verbs a user types, and changes crm makes itself (`by`), named apart.
  std::vector<std::string> verbs, automatic;
  for (const auto& t : machine.transitions) {
    if (std::find(t.from.begin(), t.from.end(), state) == t.from.end() || t.to == state) continue;
    if (t.by.empty())
      verbs.push_back(t.command);
    else
      automatic.push_back(fmt::format("{} when {}", t.to, t.by));
  }
  std::string hint;
  if (!verbs.empty())
    hint = fmt::format("from {} you can: {} (`crm {} <verb> {}`)", state, join(verbs, ", "),
                       machine.kind, record.id());
  if (!automatic.empty())
    hint += fmt::format("{}it becomes {}", hint.empty() ? "" : "; ", join(automatic, "; or "));
  return hint.empty() ? fmt::format("see `crm lifecycle {}`", machine.kind) : hint;
}

}  // namespace

bool Machine::has_state(std::string_view state) const {
  return std::find(states.begin(), states.end(), state) != states.end();
}

bool Machine::is_terminal(std::string_view state) const {
  return std::find(terminal.begin(), terminal.end(), state) != terminal.end();
}

const Transition* Machine::find(std::string_view command) const {
  for (const auto& t : transitions)
    if (t.command == command) return &t;
  return nullptr;
}

bool Machine::allows(std::string_view from, std::string_view to) const {
  return std::any_of(transitions.begin(), transitions.end(), [&](const Transition& t) {
    return t.to == to && std::find(t.from.begin(), t.from.end(), from) != t.from.end();
  });
}

std::vector<std::string> Machine::commands_from(std::string_view state) const {
  std::vector<std::string> out;
  for (const auto& t : transitions)
    if (std::find(t.from.begin(), t.from.end(), state) != t.from.end()) out.push_back(t.command);
  return out;
}

const Machine* machine_for(const Record& record) {
  switch (record.kind()) {
    case Kind::lead:
      return machine_named("lead");
    case Kind::deal:
      return machine_named("deal");
    case Kind::quote:
      return machine_named("quote");
    case Kind::order:
      return machine_named("order");
    case Kind::contract:
      return machine_named("contract");
    case Kind::invoice:
      return machine_named("invoice");
    case Kind::service_contract:
      return machine_named("service-contract");
    case Kind::service_request:
      return machine_named("service-request");
    case Kind::service_order:
      return machine_named("service-order");
    case Kind::confirmation:
      return machine_named("confirmation");
    case Kind::activity:
      return record.get("type") == "task" ? machine_named("task") : nullptr;
    default:
      return nullptr;
  }
}

const Machine* machine_named(std::string_view name) {
  for (const auto& m : machines())
    if (m.kind == name) return &m;
  return nullptr;
}

std::vector<std::string> machine_names() {
  std::vector<std::string> names;
  for (const auto& m : machines()) names.push_back(m.kind);
  return names;
}

namespace {

// The transition `command` may take now; throws the refusal otherwise.
const Transition& allowed_transition(const Record& record, std::string_view command,
                                     const std::string& note, bool check_reason,
                                     const GuardContext& context) {
  const Machine* machine = machine_for(record);
  if (!machine) throw RefusedError(fmt::format("{} has no lifecycle", record.id()));
  const Transition* t = machine->find(command);
  if (!t)
    throw RefusedError(fmt::format("a {} cannot {}", machine->kind, command),
                       fmt::format("see `crm lifecycle {}`", machine->kind));
  std::string from = record.get(machine->field);
  if (std::find(t->from.begin(), t->from.end(), from) == t->from.end())
    throw RefusedError(
        fmt::format("{} {} refused for {} {}: it is {}, and {} leads to {} only from {}",
                    machine->kind, command, machine->kind, shown_name(record), from, command, t->to,
                    or_list(t->from)),
        what_now(*machine, record, from));
  if (check_reason && t->needs_reason && trim(note).empty())
    throw UsageError(fmt::format("{} {} needs a reason", command, shown_name(record)),
                     fmt::format("add --reason \"...\" to say why it becomes {}", t->to));
  for (const Guard& guard : t->guards) {
    if (auto why = guard.check(record, context))
      throw RefusedError(fmt::format("{} {} refused for {} {} ({}, wanted {}): {}", machine->kind,
                                     command, machine->kind, shown_name(record), from, t->to, *why),
                         guard.hint);
  }
  return *t;
}

}  // namespace

void require_allowed(const Record& record, std::string_view command, const GuardContext& context) {
  allowed_transition(record, command, {}, false, context);
}

void fire(Record& record, std::string_view command, const Actor& actor, const std::string& note,
          const GuardContext& context) {
  const Transition* t = &allowed_transition(record, command, note, true, context);
  const Machine* machine = machine_for(record);
  std::string from = record.get(machine->field);
  record.set(machine->field, Value::string(t->to));
  Value entry = Value::map();
  entry.set("at", Value::string(actor.now));
  entry.set("from", Value::string(from));
  entry.set("to", Value::string(t->to));
  entry.set("by", Value::string(actor.user));
  if (!note.empty()) entry.set("note", Value::string(note));
  record.append_history(std::move(entry));
}

Value field_change_entry(const Actor& actor, std::string_view field, std::string_view from,
                         std::string_view to) {
  Value entry = Value::map();
  entry.set("at", Value::string(actor.now));
  entry.set("field", Value::string(std::string(field)));
  entry.set("from", Value::string(std::string(from)));
  entry.set("to", Value::string(std::string(to)));
  entry.set("by", Value::string(actor.user));
  return entry;
}

std::string describe_machine(const Machine& m) {
  std::string out = fmt::format("{} lifecycle (field: {})\n", m.kind, m.field);
  out += fmt::format("states: {}\n", join(m.states, ", "));
  out += fmt::format("initial: {}\n", m.initial);
  out += fmt::format("terminal: {}\n", join(m.terminal, ", "));
  out += "transitions:\n";
  for (const auto& t : m.transitions) {
    out += fmt::format("  {:<12} {} -> {}", t.command, join(t.from, "|"), t.to);
    if (t.needs_reason) out += "  (needs --reason)";
    if (!t.by.empty()) out += fmt::format("  (by crm: {})", t.by);
    out += '\n';
    for (const auto& g : t.guards) out += fmt::format("  {:<12} guard: {}\n", "", g.description);
  }
  return out;
}

std::string machine_to_dot(const Machine& m) {
  std::string out = fmt::format("digraph {} {{\n  rankdir=LR;\n", m.kind);
  out += fmt::format("  \"\" [shape=none];\n  \"\" -> \"{}\";\n", m.initial);
  for (const auto& s : m.states)
    out += fmt::format("  \"{}\" [shape={}];\n", s, m.is_terminal(s) ? "doublecircle" : "circle");
  for (const auto& t : m.transitions)
    for (const auto& from : t.from)
      out += fmt::format("  \"{}\" -> \"{}\" [label=\"{}{}\"];\n", from, t.to, t.command,
                         t.needs_reason ? " (reason)" : "");
  out += "}\n";
  return out;
}

}  // namespace crm
