// crm merge-file BASE OURS THEIRS PATH (git's merge driver) and crm resolve.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/store/files.h"
#include "crm/store/git.h"
#include "crm/store/merge.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "field_options.h"

namespace crm::cli {
namespace merge_command {

struct MergeOptions {
  std::string base, ours, theirs, path;
};

// git's own text merge, into `ours`, with conflict markers where it cannot settle a line: what
// git would have done without the driver, so that nothing is lost. Its exit code is the number
// of conflicts (0: merged); 4 when it failed or could not be started.
int text_merge(const MergeOptions& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto absolute = [&](const std::string& p) { return fs::absolute(p, ec).string(); };
  GitResult r =
      run_git(fs::current_path(ec), {"merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                                     absolute(o.ours), absolute(o.base), absolute(o.theirs)});
  for (const std::string& line : split(trim(r.errors), '\n'))
    if (!line.empty()) std::cerr << escape_for_terminal(line) << '\n';
  // git merge-file exits with the number of conflicts (at most 127), or 255 when it failed
  // (an input it cannot read): that one is ours to say, as invalid data, like a crash is not.
  if (r.exit_code < 0 || r.exit_code > 127) {
    warn(r.exit_code < 0 ? "git could not be started for the text merge; the file is left as ours"
                         : "git merge-file failed; the file is left as ours");
    return static_cast<int>(ExitCode::invalid_data);
  }
  return r.exit_code;
}

int merge_file(const MergeOptions& o, bool dry_run) {
  std::string texts[3];
  const std::string* files[3] = {&o.base, &o.ours, &o.theirs};
  const char* sides[3] = {"base", "ours", "theirs"};
  TextMerge merged;
  bool readable = true;
  for (int i = 0; i < 3 && readable; ++i) {
    try {
      texts[i] = read_regular_file(*files[i], fmt::format("{} ({})", o.path, sides[i]),
                                   k_max_record_bytes);
    } catch (const Error& e) {
      merged.why = e.what();
      readable = false;
    }
  }
  if (readable) merged = merge_record_texts(texts[0], texts[1], texts[2], o.path);
  if (!merged.merged) {
    std::cerr
        << escape_for_terminal(fmt::format(
               "crm merge-file: {}: not a record crm can merge ({}); merging it as text with git "
               "merge-file instead",
               o.path, merged.why))
        << '\n';
    if (dry_run) return 0;
    return text_merge(o);
  }
  if (dry_run)
    std::cout << merged.text;
  else  // git gives a path relative to the repository's root, where it runs the driver
    write_file_atomic(std::filesystem::absolute(o.ours), merged.text, 0600);
  for (const FieldConflict& c : merged.conflicts)
    std::cerr << escape_for_terminal(fmt::format(
                     "crm merge-file: {}: conflict in '{}' (ours {}, theirs {}, base {}): the "
                     "field keeps "
                     "ours; settle it with `crm resolve {} --field {} --take ours|theirs|VALUE`",
                     o.path, c.field, conflict_value_text(c.ours), conflict_value_text(c.theirs),
                     conflict_value_text(c.base), merged.id, c.field))
              << '\n';
  return merged.conflicts.empty() ? 0 : 1;
}

void setup_merge_file(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MergeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "merge-file", "git's merge driver: merge three versions of a record field by field");
  cmd->add_option("BASE", o->base, "The common ancestor's version (git's %O)")->required();
  cmd->add_option("OURS", o->ours, "Our version, replaced by the result (git's %A)")->required();
  cmd->add_option("THEIRS", o->theirs, "Their version (git's %B)")->required();
  cmd->add_option("PATH", o->path, "The file's path in the repository (git's %P)")->required();
  cmd->footer(
      "git runs it; `crm init --git` registers it in .git/config as\n"
      "  merge.crm.driver = crm merge-file %O %A %B %P\n"
      "and .gitattributes names it for the record folders (deals/*.yaml merge=crm).\n"
      "Exit 0: merged; 1: conflicts left in the record's `conflicts` (see `crm check`, settle "
      "with `crm resolve`). An input that is not a record crm reads is merged by `git "
      "merge-file` instead, and its exit code is returned (the number of conflicts).\n"
      "Example: crm merge-file base.yaml ours.yaml theirs.yaml deals/D-7K3QZ9AB.yaml");
  cmd->callback([&ctx, o] { ctx.exit_code = merge_file(*o, ctx.options.dry_run); });
}

void setup_resolve(CLI::App& app, Context& ctx) {
  struct Options {
    std::string ref;
    Resolution resolution;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("resolve", "Settle a conflict that a git merge left in a record");
  add_reference(cmd, o->ref, "The record (ID, number, name...)");
  cmd->add_option("--field", o->resolution.field, "The conflicted field")->required();
  cmd->add_option("--take", o->resolution.take,
                  "ours (keep the field as merged), theirs, or a value of its own")
      ->required()
      ->check(choices({"ours", "theirs"}));
  cmd->footer(
      "During a merge (the file is unmerged in git's index) it stages the file once its last "
      "conflict is settled, instead of committing: finish with `git commit`.\n"
      "Example: crm resolve D-7K3QZ9AB --field stage --take theirs && git commit --no-edit");
  cmd->callback([&ctx, o] {
    Session& session = ctx.session();
    Record record = resolve(session.store, o->ref);
    std::string relative = record_relative_path(record);
    std::filesystem::path root = ctx.file_store().root();
    // git refuses to commit one path while a merge is under way: stage it instead (also when
    // the user staged the conflicted file already).
    bool merging = inside_git_work_tree(root) &&
                   (git_path_unmerged(root, relative) || git_merge_in_progress(root));
    if (merging) ctx.options.no_commit = true;
    ctx.mutate([&](Session& s) {
      return resolve_conflict(s, resolve(s.store, record.id()), o->resolution);
    });
    if (!merging || ctx.options.dry_run) return;
    std::vector<std::string> left =
        conflicted_fields(session.store.load(record.kind(), record.id()));
    if (!left.empty()) {
      if (!ctx.options.quiet)
        std::cerr << escape_for_terminal(fmt::format(
                         "crm: {} still has conflicts in: {}; git stages it once they are settled",
                         relative, join(left, ", ")))
                  << '\n';
      return;
    }
    if (auto failure = try_git_add(root, {relative}))
      warn(fmt::format("the conflict is settled, but git did not stage {}: run `git add {}`; "
                       "git said:",
                       relative, relative),
           *failure);
    else if (!ctx.options.quiet)
      std::cerr << escape_for_terminal(fmt::format(
                       "crm: staged {} for the merge under way; run `git commit` once every "
                       "conflicted file is settled (`git status` lists them)",
                       relative))
                << '\n';
  });
}

}  // namespace merge_command

void setup_merge(CLI::App& app, Context& ctx) {
  merge_command::setup_merge_file(app, ctx);
  merge_command::setup_resolve(app, ctx);
}

}  // namespace crm::cli
