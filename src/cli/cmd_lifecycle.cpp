// crm lifecycle KIND [--dot] [--format table|json|yaml|csv]
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace {

Value machine_value(const Machine& m) {
  Value v = Value::map();
  v.set("kind", Value::string(m.kind));
  v.set("field", Value::string(m.field));
  v.set("initial", Value::string(m.initial));
  Value states = Value::sequence();
  for (const auto& s : m.states) states.push_back(Value::string(s));
  v.set("states", std::move(states));
  Value terminal = Value::sequence();
  for (const auto& s : m.terminal) terminal.push_back(Value::string(s));
  v.set("terminal", std::move(terminal));
  Value transitions = Value::sequence();
  for (const auto& t : m.transitions) {
    Value tv = Value::map();
    tv.set("command", Value::string(t.command));
    Value from = Value::sequence();
    for (const auto& f : t.from) from.push_back(Value::string(f));
    tv.set("from", std::move(from));
    tv.set("to", Value::string(t.to));
    tv.set("needs_reason", Value::boolean(t.needs_reason));
    tv.set("by", Value::string(t.by));
    Value guards = Value::sequence();
    for (const auto& g : t.guards) guards.push_back(Value::string(g.description));
    tv.set("guards", std::move(guards));
    transitions.push_back(std::move(tv));
  }
  v.set("transitions", std::move(transitions));
  return v;
}

// One row per transition, for --format csv.
Table transitions_table(const Machine& m) {
  Table table{{"command", "from", "to", "needs_reason", "by", "guards"}, {}};
  for (const auto& t : m.transitions) {
    std::vector<std::string> guards;
    for (const auto& g : t.guards) guards.push_back(g.description);
    table.rows.push_back({t.command, join(t.from, "|"), t.to, t.needs_reason ? "true" : "false",
                          t.by, join(guards, "|")});
  }
  return table;
}

}  // namespace

void setup_lifecycle(CLI::App& app, Context& ctx) {
  struct Options {
    std::string kind;
    bool dot = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("lifecycle", "Print a record kind's state machine");
  cmd->add_option("KIND", o->kind, "One of: " + join(machine_names(), ", "))->required();
  cmd->add_flag("--dot", o->dot, "Graphviz output (pipe into `dot -Tsvg`)");
  cmd->footer("Example: crm lifecycle lead --dot | dot -Tsvg > lead.svg");
  cmd->callback([&ctx, o] {
    const Machine* machine = machine_named(o->kind);
    if (!machine)
      throw UsageError(fmt::format("no lifecycle named '{}'", o->kind),
                       "choose one of: " + join(machine_names(), ", "));
    Output& out = ctx.out();
    if (o->dot) {
      std::cout << machine_to_dot(*machine);
    } else if (out.format() == Format::json) {
      std::cout << emit_json(machine_value(*machine)) << '\n';
    } else if (out.format() == Format::yaml) {
      std::cout << emit_yaml(machine_value(*machine));
    } else if (out.format() == Format::csv) {
      out.table(transitions_table(*machine));
    } else {
      std::cout << describe_machine(*machine);
    }
  });
}

}  // namespace crm::cli
