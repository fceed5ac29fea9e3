// crm check
#include <iostream>

#include <fmt/format.h>

#include "commands.h"
#include "crm/check.h"
#include "crm/error.h"
#include "crm/text.h"

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

}  // namespace crm::cli
