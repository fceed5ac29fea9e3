// crm init [DIR] [--git]
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/store/file_store.h"

namespace crm::cli {

void setup_init(CLI::App& app, Context& ctx) {
  struct Options {
    std::string dir = ".";
    bool git = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("init", "Create a data directory");
  cmd->add_option("DIR", o->dir, "Where (default: here)");
  cmd->add_flag("--git", o->git, "Make it a git repository with auto-commit on");
  cmd->footer(
      "Example: crm init ~/sales --git && cd ~/sales && crm lead add --name \"Jan Kowalski\"");
  cmd->callback([&ctx, o] {
    std::string dir = o->dir == "." && !ctx.options.dir.empty() ? ctx.options.dir : o->dir;
    InitResult result = init_data_dir(dir, o->git, ctx.options.dry_run);
    if (ctx.options.dry_run) {
      for (const auto& file : result.written)
        ctx.out().text(fmt::format("would create {}\n", (result.root / file).string()));
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
