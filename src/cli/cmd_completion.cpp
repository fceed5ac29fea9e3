// crm completion bash|zsh|fish, the hidden `crm __complete WORDS...` the scripts call, and the
// hidden `crm __man` that prints the manual page (both walk the command tree: completion.h,
// man_page.h).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/store/data_dir.h"
#include "man_page.h"

namespace crm::cli {

int run_complete(CLI::App& app, std::vector<std::string> words) {
  // Never an error, never a write, never the lock: a shell calls this on every <TAB>.
  try {
    if (!words.empty() && words.front() == "--") words.erase(words.begin());
    if (words.empty()) words.emplace_back();
    std::unique_ptr<FileStore> store;
    StoreOpener open = [&store](const std::optional<std::string>& dir) -> const RecordStore* {
      try {
        store = std::make_unique<FileStore>(find_data_dir(dir));
        return store.get();
      } catch (const std::exception&) {
        return nullptr;
      }
    };
    std::string out;
    for (const Candidate& c : complete(app, words, open)) {
      // One candidate per line: a value holding a line break or a tab cannot be typed anyway.
      if (c.text.find_first_of("\n\t") != std::string::npos) continue;
      out += c.text;
      std::string description = c.description.substr(0, c.description.find('\n'));
      std::replace(description.begin(), description.end(), '\t', ' ');
      if (!description.empty()) out += "\t" + description;
      out += '\n';
    }
    std::cout << out << std::flush;
  } catch (...) {
  }
  return 0;
}

void setup_completion(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  CLI::App* completion =
      app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  completion->add_option("SHELL", *shell, "The shell")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->footer(
      "Example: source <(crm completion bash)   (zsh: source <(crm completion zsh); fish: crm "
      "completion fish | source). See docs/shell.md.");
  completion->callback([shell] { std::cout << completion_script(*shell); });

  // Hidden (the empty group): for the scripts. `run()` answers it before parsing, so that the
  // words typed so far are never taken for crm's own options; this entry is for help's sake.
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* complete = app.add_subcommand(
      "__complete", "Print the completions of the last word (for the completion scripts)");
  complete->group("");
  complete->add_option("WORDS", *words, "The words after crm, the last one being typed");
  complete->callback([&app, &ctx, words] {
    std::vector<std::string> typed = *words;
    if (!ctx.options.dir.empty()) typed.insert(typed.begin(), {"-C", ctx.options.dir});
    run_complete(app, typed);
  });

  auto output = std::make_shared<std::string>();
  CLI::App* man = app.add_subcommand("__man", "Print crm's manual page (roff), crm.1");
  man->group("");
  man->add_option("--output", *output, "Write it to this file (the build's crm.1)");
  man->callback([&app, output] {
    std::string page = man_page(app);
    if (output->empty()) {
      std::cout << page;
      return;
    }
    std::ofstream file(*output, std::ios::binary | std::ios::trunc);
    file << page;
    file.close();
    if (!file) throw UsageError("cannot write the manual page to " + *output);
  });
}

}  // namespace crm::cli
