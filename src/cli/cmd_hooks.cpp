// crm hooks list, crm hooks allow [NAME...]: which hooks in hooks/ this clone runs.
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/acting/hooks.h"

namespace crm::cli {

void setup_hooks(CLI::App& app, Context& ctx) {
  CLI::App* hooks =
      app.add_subcommand("hooks", "The programs in hooks/ that run before and after changes");
  hooks->require_subcommand(1);
  hooks->footer(
      "A hook runs only once this clone allowed its exact bytes: review it, then crm hooks "
      "allow NAME.");

  CLI::App* list = hooks->add_subcommand(
      "list", "Each hook in hooks/ and whether it runs here: allowed, changed, new");
  list->footer("Example: crm hooks list");
  list->callback([&ctx] {
    const fs::path& root = ctx.file_store().root();
    Table table{{"hook", "state"}, {}};
    for (const HookFile& hook : list_hooks(root))
      table.rows.push_back({hook.name, std::string(hook_state_name(hook.state))});
    ctx.out().table(table);
  });

  auto names = std::make_shared<std::vector<std::string>>();
  CLI::App* allow = hooks->add_subcommand(
      "allow", "Let hooks run in this clone, as they are now (all of them when none is named)");
  allow->add_option("name", *names, "The hooks to allow (pre-create, post-transition.quote...)");
  allow->footer("Example: crm hooks allow pre-create.quote post-transition.deal");
  allow->callback([&ctx, names] {
    FileStore& store = ctx.file_store();
    // Not a change of records (nothing to commit), but one command at a time.
    StoreLock lock = store.lock(ctx.options.wait_seconds);
    std::vector<std::string> allowed = allow_hooks(store.root(), *names);
    Table table{{"hook", "state"}, {}};
    for (const std::string& name : allowed) table.rows.push_back({name, "allowed"});
    if (allowed.empty() && ctx.format_name() == "table")
      ctx.out().text("no hooks in hooks/ to allow\n");
    else
      ctx.out().table(table);
  });
}

}  // namespace crm::cli
