// The front-end's per-run state: the global options, output settings, and the session it
// opens on demand. Passed to every command; nothing here is global.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "crm/kinds/session.h"
#include "crm/store/file_store.h"
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
};

class Context {
 public:
  GlobalOptions options;
  // The exit code of a command that succeeded but has something to say by it
  // (`crm agenda --exit-status`: 1 when something is overdue). Errors carry their own.
  int exit_code = 0;

  // The output, configured from the options once parsing is done.
  Output& out();

  // Opens the store (found from -C, $CRM_DIR or the working directory) and a session on it,
  // without the lock: for queries.
  Session& session();
  // The data directory itself, for what only it has (git history).
  FileStore& file_store();

  // Runs a mutation: takes the lock, builds the change set with `build`, writes it (unless
  // --dry-run), commits with git when configured, and prints what changed.
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
  std::unique_ptr<FileStore> m_store;
  std::unique_ptr<Session> m_session;
  std::unique_ptr<Output> m_out;
};

}  // namespace crm::cli
