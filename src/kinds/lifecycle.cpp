#include "crm/kinds/lifecycle.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "machines/machines.h"

namespace crm {
namespace {

std::string or_list(const std::vector<std::string>& items) {
  if (items.empty()) return "nothing";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + " or " + items.back();
}

// What a user can do from `state`: the commands to type, each ready to copy, and what crm does
// by itself. Derived states are left out: they are shown, not reached.
std::string what_now(const Machine& machine, const Record& record, std::string_view state) {
  if (!machine.has_state(state))
    return fmt::format("'{}' is not a state of the {} lifecycle; run `crm check` and fix the file",
                       state, machine.kind);
  // Every step users take from here, ready to copy (also those that keep the state: an
  // accepted quote still becomes an order), and the changes crm makes by itself.
  std::vector<std::string> commands, automatic;
  std::string ref = record.id();
  for (const auto& t : machine.transitions) {
    if (!t.starts_from(state)) continue;
    if (!t.by.empty()) {
      if (!t.by.starts_with("derived") && t.to != state)
        automatic.push_back(fmt::format("{} when {}", t.to, t.by));
      continue;
    }
    std::string command = t.typed_as.empty()
                              ? fmt::format("{} {} {}", machine.command_line(), t.command, ref)
                              : replace_all(t.typed_as, " ID", " " + ref);
    if (t.needs_reason) command += " --reason ...";
    command = "`" + command + "`";
    if (std::find(commands.begin(), commands.end(), command) == commands.end())
      commands.push_back(command);
  }
  std::vector<std::string> parts;
  if (machine.is_terminal(state)) {
    std::string final_state = fmt::format("{} is final for {}", state, with_article(machine.kind));
    parts.push_back(
        commands.empty()
            ? fmt::format("{}; see `crm lifecycle {}`", final_state, machine.kind)
            : fmt::format("{}, but you can still run {}", final_state, or_list(commands)));
  } else if (!commands.empty()) {
    parts.push_back(fmt::format("from {} you can run {}", state, or_list(commands)));
  }
  if (!automatic.empty()) parts.push_back("it becomes " + join(automatic, "; or "));
  if (parts.empty()) parts.push_back(fmt::format("see `crm lifecycle {}`", machine.kind));
  return join(parts, "; ");
}

// How a refusal names a record: its number and ID when it has a number (Q-2026-0001
// (Q-7K3QZ9AB)), else its ID; both are references a script can use.
std::string shown_name(const Record& record) {
  std::string number = record.number_or_id();
  return number == record.id() ? number : fmt::format("{} ({})", number, record.id());
}

const Transition& find_transition(const Machine& machine, std::string_view command) {
  const Transition* t = machine.find(command);
  if (!t)
    throw RefusedError(fmt::format("a {} cannot {}", machine.kind, command),
                       fmt::format("see `crm lifecycle {}`", machine.kind));
  return *t;
}

const Machine& machine_or_refuse(const Record& record) {
  const Machine* machine = machine_for(record);
  if (!machine)
    throw RefusedError(fmt::format("{} has no lifecycle", record.id()),
                       fmt::format("{} records have no state", record.spec().name));
  return *machine;
}

std::string wanted(const Transition& t, const std::string& from) {
  return t.keeps_state() ? from : t.to;
}

// What a refusal calls the step: "quote accept", or for a transition users fire through another
// command the command they typed, "service confirm".
std::string action_name(const Machine& machine, const Transition& t) {
  if (t.typed_as.empty()) return machine.kind + " " + t.command;
  std::vector<std::string> words;
  for (const std::string& w : split(t.typed_as, ' ')) {
    if (w == "crm") continue;
    if (w.empty() || w.starts_with("-") || w == "ID") break;
    words.push_back(w);
  }
  return join(words, " ");
}

// Why `t` may not start from the record's state, or nullopt. The guards that would refuse too
// are named as well: "it is invoiced ...; it is already billed by INV-2026-0001".
std::optional<RefusedError> state_refusal(const Machine& machine, const Transition& t,
                                          const Record& record, const GuardContext& context) {
  if (t.is_creation()) return std::nullopt;
  std::string from = record.get(machine.field);
  if (t.starts_from(from)) return std::nullopt;
  std::string also;
  for (const Guard& guard : t.guards)
    if (auto why = guard.check(record, context)) also += "; " + why->why;
  std::string action = action_name(machine, t);
  return RefusedError(
      fmt::format("{} refused for {} {}: it is {}, and {} {} only from {}{}", action, machine.kind,
                  shown_name(record), from, t.typed_as.empty() ? t.command : action,
                  t.keeps_state() ? "is allowed" : "leads to " + t.to, or_list(t.from), also),
      what_now(machine, record, from));
}

// The first guard of `t` that refuses, as the error to throw.
std::optional<RefusedError> guard_refusal(const Machine& machine, const Transition& t,
                                          const Record& record, const GuardContext& context) {
  std::string from = record.get(machine.field);
  for (const Guard& guard : t.guards) {
    auto why = guard.check(record, context);
    if (!why) continue;
    std::string hint = why->hint.empty() ? guard.hint : why->hint;
    // The state, and the wanted one: "it is sent and would become accepted, but ...".
    std::string state = t.is_creation() ? ""
                        : t.keeps_state() || t.to == from
                            ? fmt::format("it is {}, but ", from)
                            : fmt::format("it is {} and would become {}, but ", from, t.to);
    if (t.forcible)
      hint += fmt::format("{}or override with --force --reason \"...\"", hint.empty() ? "" : "; ");
    // A record being created has no name yet that would mean anything to the user.
    std::string whom =
        t.is_creation() ? "" : fmt::format(" for {} {}", machine.kind, shown_name(record));
    return RefusedError(fmt::format("{} refused{}: {}{} [{}]", action_name(machine, t), whom, state,
                                    why->why, guard.name),
                        hint);
  }
  return std::nullopt;
}

}  // namespace

bool Transition::starts_from(std::string_view state) const {
  return std::find(from.begin(), from.end(), state) != from.end();
}

bool Machine::has_state(std::string_view state) const {
  return std::find(states.begin(), states.end(), state) != states.end();
}

bool Machine::is_terminal(std::string_view state) const {
  return std::find(terminal.begin(), terminal.end(), state) != terminal.end();
}

const Transition* Machine::find(std::string_view name) const {
  for (const auto& t : transitions)
    if (t.command == name) return &t;
  return nullptr;
}

bool Machine::allows(std::string_view from, std::string_view to) const {
  return std::any_of(transitions.begin(), transitions.end(), [&](const Transition& t) {
    return !t.keeps_state() && t.to == to && t.starts_from(from);
  });
}

std::string Machine::command_line() const {
  return "crm " + join(command, " ");
}

const std::vector<Machine>& all_machines() {
  static const std::vector<Machine> k_machines = build_machines();
  return k_machines;
}

const Machine* machine_named(std::string_view name) {
  for (const auto& m : all_machines())
    if (m.kind == name) return &m;
  return nullptr;
}

std::vector<std::string> machine_names() {
  std::vector<std::string> names;
  for (const auto& m : all_machines()) names.push_back(m.kind);
  return names;
}

const Machine* machine_for(const Record& record) {
  return machine_of(record.spec(), record.fields());
}

void start_lifecycle(Record& record) {
  const Machine* machine = machine_for(record);
  if (machine && record.get(machine->field).empty())
    record.set_text(machine->field, machine->initial);
}

std::string effective_status(const Record& record, const Date& today) {
  const Machine* machine = machine_for(record);
  if (!machine) return record.status();
  for (const DerivedState& derived : machine->derived)
    if (derived.holds(record, today)) return derived.name;
  return record.get(machine->field);
}

void require_allowed(const Record& record, std::string_view command, const GuardContext& context) {
  const Machine& machine = machine_or_refuse(record);
  const Transition& t = find_transition(machine, command);
  if (auto refusal = state_refusal(machine, t, record, context)) throw *refusal;
  if (auto refusal = guard_refusal(machine, t, record, context)) throw *refusal;
}

bool can_fire(const Record& record, std::string_view command, const GuardContext& context) {
  const Machine* machine = machine_for(record);
  const Transition* t = machine ? machine->find(command) : nullptr;
  return t && !state_refusal(*machine, *t, record, context) &&
         !guard_refusal(*machine, *t, record, context);
}

void fire(Record& record, std::string_view command, const Actor& actor, const Firing& firing,
          const GuardContext& context) {
  const Machine& machine = machine_or_refuse(record);
  const Transition& t = find_transition(machine, command);
  if (auto refusal = state_refusal(machine, t, record, context)) throw *refusal;
  std::string note = trim(firing.note);
  if (firing.force && !t.forcible)
    throw UsageError(fmt::format("{} {} cannot be forced", machine.kind, command),
                     "leave out --force");
  if ((t.needs_reason || firing.force) && note.empty())
    throw UsageError(
        fmt::format("{} {}{} needs a reason", command, firing.force ? "--force " : "", record.id()),
        fmt::format("add --reason \"...\" to say why{}",
                    firing.force ? " the rules are overridden"
                                 : fmt::format(" it becomes {}", wanted(t, record.status()))));
  if (!firing.force)
    if (auto refusal = guard_refusal(machine, t, record, context)) throw *refusal;
  if (t.keeps_state() || t.is_creation()) return;
  std::string from = record.get(machine.field);
  record.set_text(machine.field, t.to);
  // The reason a transition needs is kept on the record, where the kind has a place for it.
  if (t.needs_reason && record.spec().has_field("reason")) record.set_text("reason", note);
  Value entry = Value::map();
  entry.set("at", Value::string(actor.now));
  entry.set("from", Value::string(from));
  entry.set("to", Value::string(t.to));
  entry.set("by", Value::string(actor.user));
  if (firing.force) note = "forced: " + note;
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

Value import_entry(const Actor& actor, std::string_view from, std::string_view to,
                   std::string_view note) {
  Value entry = Value::map();
  entry.set("at", Value::string(actor.now));
  entry.set("from", Value::string(std::string(from)));
  entry.set("to", Value::string(std::string(to)));
  entry.set("by", Value::string(actor.user));
  entry.set("action", Value::string("import"));
  if (!note.empty()) entry.set("note", Value::string(std::string(note)));
  return entry;
}

bool is_import_entry(const Value& entry) {
  return entry.get("action") == "import";
}

bool history_step_allowed(const Machine& machine, const Value& entry) {
  if (is_import_entry(entry)) return machine.has_state(entry.get("to"));
  return machine.allows(entry.get("from"), entry.get("to"));
}

std::string describe_machine(const Machine& m) {
  std::string out =
      fmt::format("{} lifecycle (field: {}; commands: {})\n", m.kind, m.field, m.command_line());
  out += fmt::format("states: {}\n", join(m.states, ", "));
  out += fmt::format("initial: {}\n", m.initial);
  out += fmt::format("terminal: {}\n", join(m.terminal, ", "));
  out += "transitions:\n";
  for (const auto& t : m.transitions) {
    std::string from = t.is_creation() ? "(new)" : join(t.from, "|");
    std::string to = t.keeps_state() ? "(stays)" : t.to;
    out += fmt::format("  {:<12} {} -> {}", t.command, from, to);
    if (t.needs_reason) out += "  (needs --reason)";
    if (t.forcible) out += "  (--force --reason overrides the guards)";
    if (!t.by.empty()) out += fmt::format("  (by crm: {})", t.by);
    if (!t.typed_as.empty()) out += fmt::format("  (run: {})", t.typed_as);
    out += '\n';
    for (const auto& g : t.guards)
      out += fmt::format("  {:<12} guard {}: {}\n", "", g.name, g.description);
  }
  if (!m.derived.empty()) {
    out += "derived (shown, never stored):\n";
    for (const auto& d : m.derived) out += fmt::format("  {:<12} {}\n", d.name, d.description);
  }
  return out;
}

std::string machine_to_dot(const Machine& m) {
  std::string out = fmt::format("digraph \"{}\" {{\n  rankdir=LR;\n", m.kind);
  out += fmt::format("  \"\" [shape=none];\n  \"\" -> \"{}\";\n", m.initial);
  for (const auto& s : m.states)
    out += fmt::format("  \"{}\" [shape={}];\n", s, m.is_terminal(s) ? "doublecircle" : "circle");
  for (const auto& t : m.transitions)
    for (const auto& from : t.from)
      out += fmt::format("  \"{}\" -> \"{}\" [label=\"{}{}\"{}];\n", from,
                         t.keeps_state() ? from : t.to, t.command,
                         t.needs_reason ? " (reason)" : "", t.by.empty() ? "" : ", style=dashed");
  out += "}\n";
  return out;
}

}  // namespace crm
