// The front-end's per-run state: the global options, output settings, and the session it
// opens on demand. Passed to every command; nothing here is global.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crm/acting/hooks.h"
#include "crm/kinds/session.h"
#include "crm/store/file_store.h"
#include "crm/store/indexed_file_store.h"
#include "output.h"

namespace crm::cli {

struct GlobalOptions {
  std::string dir;
  std::string format = "table";
  bool json = false;
  bool quiet = false;
  std::string color = "auto";
  bool dry_run = false;
  std::string as;
  std::string today;
  double wait_seconds = 10;
  bool no_commit = false;
  bool keep_going = false;
  bool no_hooks = false;
  // Read the YAML files directly, without .crm/index (--no-index, or CRM_NO_INDEX=1).
  bool no_index = false;
};

class Context {
 public:
  Context() = default;
  // With CRM_INDEX_STATS set, says on stderr how many files the index parsed and reused (for
  // the tests and benchmarks: proof that the index answered).
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GlobalOptions options;
  // The exit code of a command that succeeded but has something to say by it
  // (`crm agenda --exit-status`: 1 when something is overdue). Errors carry their own.
  int exit_code = 0;
  // The command words as typed, without the program and the global options ({"deal", "win",
  // "D-7K3QZ9AB"}): what hooks get as their arguments.
  std::vector<std::string> command_words;

  // The output, configured from the options once parsing is done.
  Output& out();

  // Opens the store (found from -C, $CRM_DIR or the working directory) and a session on it,
  // without the lock: for queries.
  Session& session();
  // The data directory itself, for what only it has (git history).
  FileStore& file_store();
  // Whether reads go through the local index (not with --no-index or CRM_NO_INDEX=1).
  bool use_index() const;

  // Runs a mutation: takes the lock, builds the change set with `build`, runs the pre- hooks
  // (which may refuse it), writes it (unless --dry-run), prints what changed, commits with git
  // when configured, releases the lock and runs the post- hooks. --dry-run and --no-hooks run
  // no hooks.
  void mutate(const std::function<ChangeSet(Session&)>& build);
  // The same, with `report` printing what changed instead of the list of records (an import
  // prints its summary). It runs after the write and before the git commit.
  using Report = std::function<void(const ChangeSet&, bool dry_run)>;
  void mutate(const std::function<ChangeSet(Session&)>& build, const Report& report);

  Clock clock() const;
  // Whether output to standard output may use colour (--color, NO_COLOR, TERM, a terminal).
  bool color() const;
  // The --format asked for by name ("table", "json", "md"...), --json included.
  std::string format_name() const { return options.json ? "json" : options.format; }
  std::string acting_user(const std::filesystem::path& root) const;

 private:
  // The git auto-commit of what a mutation wrote, when crm.yaml asks for it.
  void commit(const ChangeSet& changes, const std::vector<std::string>& written, bool finished);
  HookInvocation hook_invocation(const Session& s) const;
  HookNotices hook_notices();

  std::unique_ptr<FileStore> m_store;
  // The store every command reads through (session().store) unless the index is off; it saves
  // .crm/index when the context ends.
  std::unique_ptr<IndexedFileStore> m_index;
  std::unique_ptr<Session> m_session;
  std::unique_ptr<Output> m_out;
};

}  // namespace crm::cli
