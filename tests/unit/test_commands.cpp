// The front-end registers what the kind registry and the machines promise users: `list` and
// `show` under every kind's command, every verb a machine says users type, and `--reason`
// (and `--force`) where a machine needs them.
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "app.h"
#include "context.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/registry.h"
#include "helpers.h"

using namespace crm;

namespace commands_tests {

// The CLI as users get it, built but not run.
struct Cli {
  CLI::App app;
  cli::Context ctx;
  Cli() { cli::configure_app(app, ctx); }

  // The subcommand `words` names ("service", "order", "list"), or nullptr.
  const CLI::App* find(const std::vector<std::string>& words) const {
    const CLI::App* at = &app;
    for (const std::string& word : words) {
      const CLI::App* next = nullptr;
      for (const CLI::App* sub : at->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == word) next = sub;
      if (!next) return nullptr;
      at = next;
    }
    return at;
  }
};

std::vector<std::string> with(std::vector<std::string> words, const std::string& last) {
  words.push_back(last);
  return words;
}

TEST_CASE("Every kind's command lists and shows its records", "[commands][registry]") {
  Cli cli;
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.command_line());
    REQUIRE_FALSE(spec.command.empty());
    CHECK(cli.find(spec.command) != nullptr);
    for (const char* verb : {"list", "show"}) {
      INFO(verb);
      CHECK(cli.find(with(spec.command, verb)) != nullptr);
    }
    CHECK_THAT(spec.list_hint(), Catch::Contains(spec.command_line() + " list"));
  }
}

// KindSpec::command promises `list` and `show` under every kind's command; `crm activity` had
// `log` and `list` but no `show` (activities were shown only through `crm timeline`).
TEST_CASE("crm activity show is registered", "[commands]") {
  Cli cli;
  CHECK(cli.find({"activity", "show"}) != nullptr);
}

TEST_CASE("Every verb a machine says users type is a command", "[commands][registry]") {
  Cli cli;
  for (const Machine& m : all_machines()) {
    INFO(m.kind);
    CHECK(cli.find(m.command) != nullptr);
    for (const Transition& t : m.transitions) {
      if (!t.by.empty()) continue;  // a consequence crm fires itself
      INFO(m.command_line() << " " << t.command << " " << t.typed_as);
      if (t.typed_as.empty()) {
        CHECK(cli.find(with(m.command, t.command)) != nullptr);
        continue;
      }
      // Typed another way: "crm payment add ID AMOUNT" names the command `payment add`.
      CHECK(t.typed_as.starts_with("crm "));
      std::vector<std::string> words = crm_test::command_words(t.typed_as);
      REQUIRE_FALSE(words.empty());
      CHECK(cli.find(words) != nullptr);
    }
  }
}

TEST_CASE("Lifecycle verbs take --reason exactly where the machine needs one",
          "[commands][registry]") {
  Cli cli;
  for (const Machine& m : all_machines())
    for (const Transition& t : m.transitions) {
      if (!t.by.empty() || !t.typed_as.empty() || t.is_creation()) continue;
      const CLI::App* verb = cli.find(with(m.command, t.command));
      if (!verb) continue;  // reported by the test above
      INFO(m.kind << " " << t.command);
      const CLI::Option* reason = verb->get_option_no_throw("--reason");
      if (t.needs_reason) {
        REQUIRE(reason);
        CHECK(reason->get_required());
      } else if (reason) {
        CHECK_FALSE(reason->get_required());  // optional: a note, or the reason for --force
      }
      if (t.forcible) CHECK(verb->get_option_no_throw("--force"));
    }
}

}  // namespace commands_tests
