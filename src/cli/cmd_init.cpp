// crm init [DIR] [--git]
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/base/text.h"
#include "crm/store/data_dir.h"
#include "crm/store/file_store.h"

namespace crm::cli {
namespace init_command {

// Shell-quotes a path for git's driver line, which git runs through the shell.
std::string shell_quoted(const std::string& text) {
  if (!text.empty() && text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789/._-+,:@%") == std::string::npos)
    return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// How the merge driver names this program: `crm` when `crm` on $PATH is this very binary (the
// line then survives an upgrade and reads the same in every clone), else the absolute path of
// the running executable, so that git runs the crm that set the driver up, not another one or
// none (a build tree, a binary outside $PATH).
std::string driver_program() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty()) return "crm";
  const char* path = std::getenv("PATH");
  for (const std::string& dir : split(path ? path : "", ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / "crm";
    if (!fs::exists(candidate, ec)) continue;
    // The first crm on $PATH is the one git would run.
    if (fs::equivalent(candidate, self, ec) && !ec) return "crm";
    break;
  }
  return shell_quoted(self.string());
}

}  // namespace init_command

void setup_init(CLI::App& app, Context& ctx) {
  struct Options {
    std::string dir = ".";
    bool git = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("init", "Create a data directory");
  cmd->add_option("DIR", o->dir, "Where (default: here)");
  cmd->add_flag("--git", o->git,
                "Make it a git repository with auto-commit on and register the merge driver; in a "
                "clone that has crm.yaml, only register the driver");
  cmd->footer(
      "Example: crm init ~/sales --git && cd ~/sales && crm lead add --name \"Jan Kowalski\"\n"
      "In a fresh clone: git clone URL sales && cd sales && crm init --git");
  cmd->callback([&ctx, o] {
    std::string dir = o->dir == "." && !ctx.options.dir.empty() ? ctx.options.dir : o->dir;
    InitResult result =
        init_data_dir(dir, o->git, ctx.options.dry_run, init_command::driver_program());
    if (!result.missing_attributes.empty())
      warn(fmt::format(".gitattributes does not name the merge driver for every record folder, so "
                       "git merges those as text: add these lines to {} and commit it:",
                       (result.root / ".gitattributes").string()),
           join(result.missing_attributes, "\n"));
    if (result.existing) {
      std::string what = result.driver_already ? "the merge driver is registered already"
                         : ctx.options.dry_run ? "would register the merge driver in .git/config"
                                               : "registered the merge driver in .git/config";
      ctx.out().text(
          fmt::format("{} (merge.crm.driver):\n  {}\nno data changed: {} already "
                      "holds {}\n",
                      what, result.driver, result.root.string(), k_config_file));
      return;
    }
    if (ctx.options.dry_run) {
      for (const auto& file : result.written)
        ctx.out().text(fmt::format("would create {}\n", (result.root / file).string()));
      if (!result.driver.empty())
        ctx.out().text(fmt::format("would register the merge driver: {}\n", result.driver));
      return;
    }
    ctx.out().text(fmt::format("initialized crm data directory in {}\n", result.root.string()));
    if (result.commit_failure)
      warn(
          "the directory is made, but git did not commit its files: commit them by hand; git "
          "said:",
          *result.commit_failure);
  });
}

}  // namespace crm::cli
