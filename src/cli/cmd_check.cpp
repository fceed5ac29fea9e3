// crm check
#include <iostream>

#include <fmt/format.h>

#include <memory>
#include "commands.h"

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/check/check.h"
#include "crm/kinds/numbering.h"
#include "crm/kinds/reference.h"
#include "field_options.h"

namespace crm::cli {

void setup_check(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate the whole data directory: files, fields, references, states, history");
  cmd->footer("Example: crm check   (run it after git pull, or in a pre-commit hook)");
  cmd->callback([&ctx] {
    const Store& store = ctx.session().store;
    std::vector<Problem> problems = check_store(store);
    Output& out = ctx.out();
    if (out.format() != Format::table) {
      Table table{{"file", "line", "message", "hint"}, {}};
      for (const auto& p : problems)
        table.rows.push_back({p.file, p.line ? std::to_string(p.line) : "", p.message, p.hint});
      out.table(table);
    } else {
      for (const auto& p : problems) {
        std::cerr << escape_for_terminal(format_problem_location(p)) << '\n';
        if (!p.hint.empty()) std::cerr << "  hint: " << escape_for_terminal(p.hint) << '\n';
      }
      if (problems.empty()) out.text("ok: no problems found\n");
    }
    if (!problems.empty())
      throw DataError(
          fmt::format("{} problem{} found", problems.size(), problems.size() == 1 ? "" : "s"),
          "fix them by hand or restore the files with git, then run crm check again");
  });
}

void setup_renumber(CLI::App& app, Context& ctx) {
  auto ref = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "renumber", "Give a document the next free number (when a merge left two with one)");
  add_reference(cmd, *ref, "The document: its ID (a shared number is ambiguous)");
  cmd->footer("Example: crm renumber Q-7K3QZ9AB   (after crm check reports a duplicate number)");
  cmd->callback(
      [&ctx, ref] { ctx.mutate([&](Session& s) { return renumber(s, resolve(s.store, *ref)); }); });
}

}  // namespace crm::cli
