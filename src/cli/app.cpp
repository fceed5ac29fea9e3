#include "app.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "completion.h"
#include "context.h"
#include "crm/base/error.h"
#include "crm/base/text.h"

namespace {

// A finite number of seconds, at most a day. (CLI::Range lets NaN through, every comparison with
// it being false, and the lock would then wait past the default.)
std::string check_wait_seconds(const std::string& text) {
  char* end = nullptr;
  double seconds = std::strtod(text.c_str(), &end);
  bool number = !text.empty() && end == text.c_str() + text.size();
  if (number && std::isfinite(seconds) && seconds >= 0 && seconds <= 86400) return {};
  return "must be a number of seconds from 0 to 86400, not '" + text + "'";
}

void add_global_options(CLI::App& app, crm::cli::GlobalOptions& o) {
  app.add_option("-C,--dir", o.dir,
                 "Data directory (default: $CRM_DIR, else the nearest "
                 "folder at or above here with crm.yaml)");
  app.add_option("--format", o.format,
                 "Output format: table, json, yaml or csv; reports and the agenda also md, html; "
                 "quotes, invoices and confirmations (show) also md, html, pdf")
      ->check(CLI::IsMember({"table", "json", "yaml", "csv", "md", "html", "pdf"}));
  app.add_flag("--json", o.json, "Short for --format json");
  app.add_flag("-q,--quiet", o.quiet, "Print nothing on success");
  app.add_option("--color", o.color,
                 "Colour: auto (terminal only, not with NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--dry-run", o.dry_run, "Show what a mutation would change; write nothing");
  app.add_option("--as", o.as, "Acting user (default: $CRM_USER, git's user.name, login name)");
  app.add_option("--today", o.today, "Pin today's date (YYYY-MM-DD or an ISO timestamp)");
  app.add_option("--wait", o.wait_seconds, "Seconds a mutation waits for the lock (default 10)")
      ->check(CLI::Validator(check_wait_seconds, "FLOAT in [0 - 86400]"));
  app.add_flag("--no-commit", o.no_commit, "Skip the git auto-commit once");
  app.add_flag("--keep-going", o.keep_going, "Queries: skip broken files with a warning");
  app.add_flag("--no-hooks", o.no_hooks, "Run no hooks from hooks/ this once");
  app.add_flag("--no-index", o.no_index,
               "Read the YAML files without the local index .crm/index (also CRM_NO_INDEX=1)");
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

// Edit distance with transpositions (optimal string alignment): "lsit" is one step from "list".
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitution = d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// The candidate `word` was probably meant to be (like ninja's "did you mean"): the nearest by
// edit distance, if within a third of the word's length (1 to 3 edits), so that a short word
// is not matched with an unrelated short word; else the one candidate that starts with `word`.
// Leading dashes do not count.
std::optional<std::string> nearest(const std::string& word,
                                   const std::vector<std::string>& candidates) {
  auto bare = [](const std::string& s) {
    std::size_t start = s.find_first_not_of('-');
    return crm::to_lower(start == std::string::npos ? s : s.substr(start));
  };
  std::string typed = bare(word);
  std::size_t best = std::max<std::size_t>(1, std::min<std::size_t>(3, typed.size() / 3)) + 1;
  std::optional<std::string> found;
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(typed, bare(candidate));
    if (distance < best) {
      best = distance;
      found = candidate;
    }
  }
  if (found || typed.size() < 2) return found;
  // An abbreviation: `crm lead qual`.
  for (const std::string& candidate : candidates) {
    if (bare(candidate).rfind(typed, 0) != 0) continue;
    if (found) return std::nullopt;  // ambiguous
    found = candidate;
  }
  return found;
}

// The commands from the top down to `command`: {crm, lead, add}.
std::vector<const CLI::App*> command_chain(const CLI::App* command) {
  std::vector<const CLI::App*> chain;
  for (const CLI::App* a = command; a; a = a->get_parent()) chain.insert(chain.begin(), a);
  return chain;
}

std::string command_words(const CLI::App* command) {
  std::vector<std::string> words;
  for (const CLI::App* a : command_chain(command)) words.push_back(a->get_name());
  return crm::join(words, " ");
}

// The arguments the parser could not place, in command-line order, from args[from] on. With
// fallthrough they collect in whichever command of the chain gave up on them (mostly crm
// itself), so they are gathered from the whole chain.
std::vector<std::string> unplaced(const std::vector<const CLI::App*>& chain,
                                  const std::vector<std::string>& args, std::size_t from) {
  std::vector<std::string> left;
  for (const CLI::App* a : chain)
    for (const std::string& s : a->remaining()) left.push_back(s);
  std::vector<std::string> out;
  for (std::size_t i = from; i < args.size(); ++i) {
    auto it = std::find(left.begin(), left.end(), args[i]);
    if (it == left.end()) continue;
    out.push_back(*it);
    left.erase(it);
  }
  return out;
}

bool looks_like_option(const std::string& arg) {
  return arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1]));
}

// The command of the chain whose option or argument `message` names (deepest first), for the
// hint: CLI11's help for `crm lead add` does not show the global options.
const CLI::App* owner_of_named_option(const std::string& message,
                                      const std::vector<const CLI::App*>& chain) {
  auto names = [&message](const std::string& name) {
    if (name.empty()) return false;
    for (auto at = message.find(name); at != std::string::npos; at = message.find(name, at + 1)) {
      std::size_t end = at + name.size();
      if (end == message.size() || !(std::isalnum(static_cast<unsigned char>(message[end])) ||
                                     message[end] == '-' || message[end] == '_'))
        return true;
    }
    return false;
  };
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const CLI::Option* option : (*it)->get_options())
      if (names(option->get_name())) return *it;
  return chain.back();
}

// The command words as typed, for hooks: the arguments without the global options and their
// values. An option belongs to the deepest command of those typed so far that has it, as the
// parser decides (global options may follow the command words).
std::vector<std::string> typed_command_words(const CLI::App& app,
                                             const std::vector<std::string>& args) {
  std::vector<const CLI::App*> chain{&app};
  std::vector<std::string> words;
  bool positional_only = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") positional_only = true;
    if (positional_only || !looks_like_option(arg)) {
      words.push_back(arg);
      if (positional_only) continue;
      for (const CLI::App* sub :
           chain.back()->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(arg)) {
          chain.push_back(sub);
          break;
        }
      continue;
    }
    bool long_name = arg.rfind("--", 0) == 0;
    std::string name = long_name ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
    bool value_attached = long_name ? arg.find('=') != std::string::npos : arg.size() > 2;
    const CLI::Option* option = nullptr;
    const CLI::App* owner = nullptr;
    for (auto it = chain.rbegin(); it != chain.rend() && !option; ++it)
      if ((option = (*it)->get_option_no_throw(name))) owner = *it;
    bool takes_value = option && option->get_expected_max() > 0;
    bool skip_next = takes_value && !value_attached && i + 1 < args.size();
    if (owner != &app) {
      words.push_back(arg);
      if (skip_next) words.push_back(args[i + 1]);
    }
    if (skip_next) ++i;
  }
  return words;
}

struct Problem {
  std::string message;
  std::string hint;
};

// Says what CLI11 refused the way crm says every error: what is wrong, then what to do. `args`
// are the arguments as given (without the program name), to tell where an unknown word stood.
Problem describe_parse_error(const CLI::App& app, const CLI::ParseError& e,
                             const std::vector<std::string>& args) {
  const CLI::App* command = &app;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  std::vector<const CLI::App*> chain = command_chain(command);
  std::string words = command_words(command);
  std::string see = "see " + words + " --help";

  std::vector<std::string> verbs;
  // Hidden commands (no group: __complete, __man) are for scripts, not offered to people.
  for (const CLI::App* verb : command->get_subcommands([](const CLI::App*) { return true; }))
    if (!verb->get_group().empty()) verbs.push_back(verb->get_name());
  // (get_name() is no guide: an ExtrasError is named after the app.)
  bool verb_missing = dynamic_cast<const CLI::RequiredError*>(&e) && !verbs.empty() &&
                      command->get_require_subcommand_min() > 0;

  // Where the deepest command's own word stands in args: a word after it is its verb.
  std::size_t after_command = 0;
  for (std::size_t k = 1; k < chain.size(); ++k) {
    while (after_command < args.size() && !chain[k]->check_name(args[after_command]))
      ++after_command;
    if (after_command < args.size()) ++after_command;
  }

  // A word where the verb should be is a mistyped verb; an unknown option there comes first (the
  // word after it is likely its value).
  std::vector<std::string> after = unplaced(chain, args, after_command);
  if (verb_missing && !after.empty() && !looks_like_option(after.front())) {
    const std::string& word = after.front();
    std::string message = "unknown command '" + word + "'";
    if (command != &app) message += " for " + words;
    if (auto meant = nearest(word, verbs)) return {message, "did you mean '" + *meant + "'?"};
    return {message, "choose one of: " + crm::join(verbs, ", ") + " (" + see + ")"};
  }
  for (const std::string& arg : unplaced(chain, args, 0)) {
    if (!looks_like_option(arg)) continue;
    std::string option = arg.substr(0, arg.find('='));
    std::vector<std::string> known;
    for (const CLI::App* a : chain) {
      for (const CLI::Option* o : a->get_options()) {
        for (const std::string& name : o->get_lnames()) known.push_back("--" + name);
        for (const std::string& name : o->get_snames()) known.push_back("-" + name);
      }
    }
    std::string message = "unknown option '" + option + "' for " + words;
    if (auto meant = nearest(option, known)) return {message, "did you mean '" + *meant + "'?"};
    return {message, see};
  }
  if (verb_missing) return {words + " needs one of: " + crm::join(verbs, ", "), see};
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::vector<std::string> extra = unplaced(chain, args, 0);
    if (!extra.empty()) {
      for (std::string& word : extra) word = "'" + word + "'";
      return {(extra.size() == 1 ? "unexpected argument " : "unexpected arguments ") +
                  crm::join(extra, ", "),
              see};
    }
  }
  // CLI11's own sentence ("--name is required", "--format: xml not in {...}"), in crm's case.
  std::string message = e.what();
  if (message.size() > 1 && std::isupper(static_cast<unsigned char>(message[0])) &&
      std::islower(static_cast<unsigned char>(message[1])))
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  return {message, "see " + command_words(owner_of_named_option(message, chain)) + " --help"};
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
  register_commands(app, ctx);
}

int run(int argc, char** argv) {
  CLI::App app;
  Context ctx;
  configure_app(app, ctx);
  // The completion scripts' question is answered before parsing: the words typed so far are
  // not crm's options (`crm __complete lead add --na` must not parse --na). Global options
  // before it (`crm -C DIR __complete ...`) count as typed words.
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) != "__complete") continue;
    std::vector<std::string> words(argv + 1, argv + i);
    words.insert(words.end(), argv + i + 1, argv + argc);
    return run_complete(app, words);
  }
  ctx.command_words =
      typed_command_words(app, std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
  try {
    app.parse(argc, argv);
    return ctx.exit_code;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help and --version, on stdout
    auto [message, hint] = describe_parse_error(
        app, e, std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
    print_error(message, hint, ctx.options.color);
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
