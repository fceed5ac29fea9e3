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
#include "crm/store/indexed_file_store.h"
#include "field_options.h"

namespace crm::cli {

void setup_check(CLI::App& app, Context& ctx) {
  struct Options {
    bool list = false;
    std::vector<std::string> only;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate the whole data directory: files, fields, references, states, history");
  cmd->add_flag("--list", o->list, "List the checks, each with what it verifies");
  cmd->add_option("--only", o->only, "Run only this check (repeatable, or comma-separated)")
      ->delimiter(',');
  cmd->footer(
      "Example: crm check   (run it after git pull, or in a pre-commit hook); crm check --only "
      "totals,references; crm check --no-index   (parse every file, ignoring .crm/index)");
  cmd->callback([&ctx, o] {
    Output& out = ctx.out();
    if (o->list) {
      Table table{{"name", "description"}, {}};
      for (const CheckInfo& c : all_checks()) table.rows.push_back({c.name, c.description});
      out.table(table);
      return;
    }
    std::vector<Problem> problems;
    if (ctx.use_index()) {
      problems = check_store(ctx.session().store, o->only);
    } else {
      // Without the saved index every file is parsed, on two threads, into an index that lives
      // as long as the check (and is not written to .crm/).
      IndexedFileStore::Options fresh;
      fresh.read_saved = false;
      fresh.save = false;
      fresh.validate_after_loads = 1;
      IndexedFileStore store(ctx.file_store(), fresh);
      problems = check_store(store, o->only);
    }
    if (out.format() != Format::table) {
      Table table{{"file", "line", "check", "message", "hint"}, {}};
      for (const auto& p : problems)
        table.rows.push_back(
            {p.file, p.line ? std::to_string(p.line) : "", p.check, p.message, p.hint});
      out.table(table);
    } else {
      for (const auto& p : problems) {
        std::cerr << escape_for_terminal(format_problem_location(p)) << " [" << p.check << "]\n";
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
