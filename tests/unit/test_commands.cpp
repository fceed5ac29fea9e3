// The front-end registers what the kind registry and the machines promise users: `list` and
// `show` under every kind's command, and every verb a machine says users type.
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "app.h"
#include "context.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/registry.h"
#include "helpers.h"

using namespace crm;

namespace commands_tests {

// The subcommand `words` names under `app`, or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::vector<std::string>& words) {
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

std::vector<std::string> with(std::vector<std::string> words, const std::string& last) {
  words.push_back(last);
  return words;
}

// Commands the registry promises that the front-end does not register yet (each is checked by
// the test after this one, which is expected to fail until the command exists).
const std::vector<std::vector<std::string>> k_missing = {{"activity", "show"}};

bool known_missing(const std::vector<std::string>& words) {
  return std::find(k_missing.begin(), k_missing.end(), words) != k_missing.end();
}

TEST_CASE("Every kind's command lists and shows its records", "[commands]") {
  CLI::App app;
  cli::Context ctx;
  cli::configure_app(app, ctx);
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.command_line());
    CHECK(find_command(app, spec.command) != nullptr);
    for (const char* verb : {"list", "show"})
      if (!known_missing(with(spec.command, verb)))
        CHECK(find_command(app, with(spec.command, verb)) != nullptr);
  }
}

// KindSpec::command promises `list` and `show` under every kind's command; `crm activity` has
// `log` and `list` but no `show` (activities are shown only through `crm timeline`).
TEST_CASE("crm activity show is registered", "[commands][!shouldfail]") {
  CLI::App app;
  cli::Context ctx;
  cli::configure_app(app, ctx);
  for (const auto& words : k_missing) {
    INFO(join(words, " "));
    CHECK(find_command(app, words) != nullptr);
  }
}

TEST_CASE("Every verb a machine says users type is a command", "[commands]") {
  CLI::App app;
  cli::Context ctx;
  cli::configure_app(app, ctx);
  for (const Machine& m : all_machines()) {
    for (const Transition& t : m.transitions) {
      if (!t.by.empty()) continue;  // a consequence crm fires itself
      INFO(m.command_line() << " " << t.command << " " << t.typed_as);
      if (t.typed_as.empty()) {
        CHECK(find_command(app, with(m.command, t.command)) != nullptr);
        continue;
      }
      // Typed another way: "crm payment add ID AMOUNT" names the command `payment add`.
      std::vector<std::string> words;
      std::istringstream typed(t.typed_as);
      std::string word;
      typed >> word;
      CHECK(word == "crm");
      while (typed >> word && !word.starts_with("-") && word != to_upper(word))
        words.push_back(word);
      REQUIRE_FALSE(words.empty());
      CHECK(find_command(app, words) != nullptr);
    }
  }
}

}  // namespace commands_tests
