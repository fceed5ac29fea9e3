#include "app.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "context.h"
#include "crm/base/error.h"
#include "crm/base/text.h"

namespace {

void add_global_options(CLI::App& app, crm::cli::GlobalOptions& o) {
  app.add_option("-C,--dir", o.dir,
                 "Data directory (default: $CRM_DIR, else the nearest "
                 "folder at or above here with crm.yaml)");
  app.add_option("--format", o.format, "Output format: table, json, yaml or csv")
      ->check(CLI::IsMember({"table", "json", "yaml", "csv"}));
  app.add_flag("--json", o.json, "Short for --format json");
  app.add_flag("-q,--quiet", o.quiet, "Print nothing on success");
  app.add_option("--color", o.color,
                 "Colour: auto (terminal only, not with NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--dry-run", o.dry_run, "Show what a mutation would change; write nothing");
  app.add_option("--as", o.as, "Acting user (default: $CRM_USER, git's user.name, login name)");
  app.add_option("--today", o.today, "Pin today's date (YYYY-MM-DD or an ISO timestamp)");
  app.add_option("--wait", o.wait_seconds, "Seconds a mutation waits for the lock (default 10)")
      ->check(CLI::Range(0.0, 86400.0));
  app.add_flag("--no-commit", o.no_commit, "Skip the git auto-commit once");
  app.add_flag("--keep-going", o.keep_going, "Queries: skip broken files with a warning");
}

// Errors follow --color like all output, judged on stderr.
void print_error(const std::string& message, const std::string& hint, const std::string& setting) {
  const char* no_color = std::getenv("NO_COLOR");
  bool color = setting == "always" ||
               (setting == "auto" && ::isatty(STDERR_FILENO) == 1 && !(no_color && *no_color));
  std::cerr << (color ? "\x1b[31mcrm: error:\x1b[0m " : "crm: error: ")
            << crm::escape_for_terminal(message) << '\n';
  if (!hint.empty()) std::cerr << "hint: " << crm::escape_for_terminal(hint) << '\n';
}

// CLI11 says "A subcommand is required" both for `crm lead` and `crm lead frob`; name the
// command words that would work instead.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  const CLI::App* deepest = app;
  while (!deepest->get_subcommands().empty()) deepest = deepest->get_subcommands().front();
  std::string message = "crm: error: " + CLI::FailureMessage::simple(app, e);
  if (e.get_name() != "RequiredError") return message;
  auto verbs = deepest->get_subcommands([](const CLI::App*) { return true; });
  if (verbs.empty()) return message;
  std::vector<std::string> names;
  for (const CLI::App* verb : verbs) names.push_back(verb->get_name());
  std::string words = deepest == app ? "crm" : "crm " + deepest->get_name();
  std::vector<std::string> extra = deepest->remaining();
  std::string got = extra.empty() ? "" : " (not '" + crm::escape_for_terminal(extra.front()) + "')";
  return "crm: error: " + words + " needs one of: " + crm::join(names, ", ") + got +
         "\nRun with --help for more information.\n";
}

}  // namespace

namespace crm::cli {

void configure_app(CLI::App& app, Context& ctx) {
  app.description(
      "crm: the customer lifecycle in a directory of YAML records under git.\n"
      "Example: crm init && crm lead add --name \"Jan Kowalski\" --company Acme");
  app.name("crm");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command words
  app.set_version_flag("--version", "crm " CRM_VERSION, "Print crm's version and exit");
  add_global_options(app, ctx.options);
  app.failure_message(failure_message);
  register_commands(app, ctx);
}

int run(int argc, char** argv) {
  CLI::App app;
  Context ctx;
  configure_app(app, ctx);
  try {
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    app.exit(e, std::cout, std::cerr);
    return static_cast<int>(crm::ExitCode::usage);
  } catch (const crm::Error& e) {
    print_error(e.what(), e.hint(), ctx.options.color);
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory", "", ctx.options.color);
    return static_cast<int>(crm::ExitCode::invalid_data);
  } catch (const std::exception& e) {
    print_error(std::string("unexpected failure: ") + e.what(), "please report this as a bug",
                ctx.options.color);
    return static_cast<int>(crm::ExitCode::invalid_data);
  }
}

}  // namespace crm::cli
