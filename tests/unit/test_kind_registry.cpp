// The kind registry is the one place that says everything about a record kind, so it is walked
// here fact by fact: a fact that is missing, or that disagrees with the schema, the lifecycle
// machines or the commands the CLI registers, fails a test.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app.h"
#include "context.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/registry.h"

using namespace crm;

namespace {

constexpr Kind k_every_kind[] = {
    Kind::account,          Kind::contact,         Kind::lead,          Kind::deal,
    Kind::activity,         Kind::product,         Kind::quote,         Kind::order,
    Kind::contract,         Kind::invoice,         Kind::service_contract,
    Kind::service_request,  Kind::service_order,   Kind::confirmation,  Kind::solution,
};

// The CLI as users get it, built but not run.
struct Cli {
  CLI::App app;
  cli::Context ctx;
  Cli() { cli::configure_app(app, ctx); }

  // The command at `words` ("service", "order", "list"), or nullptr.
  const CLI::App* find(const std::vector<std::string>& words) const {
    const CLI::App* at = &app;
    for (const std::string& word : words) {
      auto subs = at->get_subcommands([&](const CLI::App* s) { return s->get_name() == word; });
      if (subs.empty()) return nullptr;
      at = subs.front();
    }
    return at;
  }
};

// "crm order create --quote ID" -> {"order", "create"}: the command words of a typed line.
std::vector<std::string> command_words(const std::string& line) {
  std::vector<std::string> words;
  for (const std::string& w : split(line, ' ')) {
    if (w.empty() || w == "crm") continue;
    if (w.starts_with("-") || w == "ID" || w == "AMOUNT" || w == "HOURS" || w == "DATE") break;
    words.push_back(w);
  }
  return words;
}

std::vector<std::string> plus(std::vector<std::string> words, const std::string& word) {
  words.push_back(word);
  return words;
}

}  // namespace

TEST_CASE("Every kind is in the registry once, found by its value, name, prefix and folder",
          "[registry]") {
  CHECK(all_kinds().size() == std::size(k_every_kind));
  std::set<std::string> names, prefixes, folders;
  for (Kind kind : k_every_kind) {
    const KindSpec& spec = kind_spec(kind);
    CAPTURE(spec.name);
    CHECK(spec.kind == kind);
    CHECK(kind_by_name(spec.name) == kind);
    CHECK(kind_by_prefix(spec.prefix) == kind);
    CHECK(kind_by_folder(spec.folder) == kind);
    CHECK(names.insert(spec.name).second);
    CHECK(prefixes.insert(spec.prefix).second);
    CHECK(folders.insert(spec.folder).second);
  }
  CHECK_FALSE(kind_by_name("nothing"));
  CHECK_FALSE(kind_by_prefix("ZZ"));
}

TEST_CASE("The facts of every kind name fields its schema declares, with the right types",
          "[registry]") {
  for (const KindSpec& spec : all_kinds()) {
    CAPTURE(spec.name);
    std::set<std::string> seen;
    for (const FieldSpec& f : spec.fields) {
      CAPTURE(f.name);
      CHECK(seen.insert(f.name).second);  // a field is declared once
      if (f.type == FieldType::choice) CHECK_FALSE(f.choices.empty());
      for (const std::string& state : f.required_in) {
        REQUIRE(spec.machine);
        CHECK(spec.machine->has_state(state));
      }
    }
    for (const char* always : {"id", "created", "history", "documents"})
      CHECK(spec.has_field(always));
    CHECK(spec.has_field(spec.label));
    CHECK(spec.has_field(spec.list_order));
    const FieldSpec* order = spec.field(spec.list_order);
    REQUIRE(order);
    CHECK((order->type == FieldType::timestamp || order->type == FieldType::date));
    for (const std::string& parent : spec.parents) {
      CAPTURE(parent);
      const FieldSpec* f = spec.field(parent);
      REQUIRE(f);
      CHECK(f->type == FieldType::reference);
    }
    for (const std::string& amount : spec.amounts) {
      CAPTURE(amount);
      const FieldSpec* f = spec.field(amount);
      REQUIRE(f);
      CHECK(f->type == FieldType::money);
    }
    for (const LookupKey& key : spec.keys) {
      CAPTURE(key.field);
      const FieldSpec* f = spec.field(key.field);
      REQUIRE(f);
      if (key.match == KeyMatch::email) CHECK(f->type == FieldType::email);
    }
    // A human number and a number field go together.
    CHECK(spec.number_prefix.empty() != spec.has_field("number"));
    for (const DerivedField& d : spec.derived_fields) {
      CAPTURE(d.name);
      CHECK_FALSE(spec.has_field(d.name));  // shown beside the fields, never stored
      CHECK(d.value);
    }
  }
}

TEST_CASE("A kind's status choices are its machine's states, and every machine is consistent",
          "[registry]") {
  std::set<const Machine*> used;
  for (const KindSpec& spec : all_kinds()) {
    CAPTURE(spec.name);
    if (!spec.machine) {
      CHECK_FALSE(spec.has_field("status"));
      continue;
    }
    used.insert(spec.machine);
    const Machine& m = *spec.machine;
    const FieldSpec* status = spec.field(m.field);
    REQUIRE(status);
    CHECK(status->type == FieldType::choice);
    CHECK(status->choices == m.states);
    if (spec.machine_when) CHECK(spec.has_field(spec.machine_when->first));
  }
  CHECK(used.size() == all_machines().size());  // no machine without a kind
  for (const Machine& m : all_machines()) {
    CAPTURE(m.kind);
    CHECK(m.has_state(m.initial));
    for (const std::string& s : m.terminal) CHECK(m.has_state(s));
    std::set<std::string> commands;
    for (const Transition& t : m.transitions) {
      CAPTURE(t.command);
      CHECK(commands.insert(t.command).second);
      for (const std::string& from : t.from) CHECK(m.has_state(from));
      if (!t.keeps_state()) CHECK(m.has_state(t.to));
      if (t.is_creation()) CHECK(t.to == m.initial);
      for (const Guard& g : t.guards) {
        CHECK_FALSE(g.name.empty());
        CHECK_FALSE(g.description.empty());
        CHECK(g.check);
      }
      // A transition out of a terminal state would make it not final.
      for (const std::string& from : t.from)
        if (m.is_terminal(from)) CHECK(t.keeps_state());
    }
    for (const DerivedState& d : m.derived) {
      CHECK_FALSE(d.name.empty());
      CHECK(d.holds);
    }
  }
}

TEST_CASE("Every command the registry names is one the CLI registers", "[registry][cli]") {
  Cli cli;
  for (const KindSpec& spec : all_kinds()) {
    CAPTURE(spec.name);
    REQUIRE_FALSE(spec.command.empty());
    CHECK(cli.find(spec.command));
    CHECK(cli.find(plus(spec.command, "list")));
    CHECK(cli.find(plus(spec.command, "show")));
    CHECK_THAT(spec.list_hint(), Catch::Contains(spec.command_line() + " list"));
  }
  for (const Machine& m : all_machines()) {
    CAPTURE(m.kind);
    CHECK(cli.find(m.command));
    for (const Transition& t : m.transitions) {
      CAPTURE(t.command);
      if (!t.by.empty()) continue;  // crm fires it itself
      if (!t.typed_as.empty())
        CHECK(cli.find(command_words(t.typed_as)));
      else
        CHECK(cli.find(plus(m.command, t.command)));
    }
  }
}

TEST_CASE("Lifecycle verbs take --reason exactly where the machine needs one", "[registry][cli]") {
  Cli cli;
  for (const Machine& m : all_machines())
    for (const Transition& t : m.transitions) {
      if (!t.by.empty() || !t.typed_as.empty() || t.is_creation()) continue;
      const CLI::App* verb = cli.find(plus(m.command, t.command));
      if (!verb) continue;  // reported by the test above
      CAPTURE(m.kind, t.command);
      const CLI::Option* reason = verb->get_option_no_throw("--reason");
      if (t.needs_reason) {
        REQUIRE(reason);
        CHECK(reason->get_required());
      }
      if (t.forcible) CHECK(verb->get_option_no_throw("--force"));
    }
}
