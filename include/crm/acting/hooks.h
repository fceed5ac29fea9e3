// Hooks, named like git's: a team's own executables in the data directory's `hooks/` that run
// before a change is written (pre-, which may refuse it) and after (post-, which observe it).
// Which hooks a change set fires and with what input, whether this clone allowed a hook to run
// (a hook can arrive with `git pull`), and running them without a shell, with a timeout.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/config.h"
#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

enum class HookPhase { pre, post };

// One changed record of a change set, as hooks are told about it.
struct HookSubject {
  std::string event;             // "create", "change" or "transition"
  std::optional<Record> before;  // as stored before the command; none when it is created
  Record after;                  // as the command writes it
};

// What a change does to a record: "create" (nothing stored before), "transition" (its
// lifecycle state changed, or its kind's stage field: a deal's stage), else "change".
std::string hook_event(const std::optional<Record>& before, const Record& after);

// The records of `changes` whose stored bytes change, in order, each with its event and the
// record as stored now. Read before the change set is written.
std::vector<HookSubject> hook_subjects(const RecordStore& store, const ChangeSet& changes);

// The hooks an event runs, in the order they run: {"pre-transition", "pre-transition.quote"}.
std::vector<std::string> hook_names(HookPhase phase, std::string_view event, Kind kind);

// True for the names hooks may have: (pre|post)-(create|change|transition), optionally with
// a kind's registry name after a dot (post-transition.quote).
bool is_hook_name(std::string_view name);

// Whether a file in hooks/ runs in this clone.
enum class HookState {
  allowed,         // its bytes equal the copy `crm hooks allow` kept in .crm/hooks-allowed/
  changed,         // allowed once, changed since: does not run until allowed again
  added,           // never allowed in this clone ("new"): does not run until allowed
  not_executable,  // a regular file without its execute bit: never runs (as with git)
  not_a_file,      // a symbolic link, folder or other: never followed, never runs
};
// allowed, changed, new, not-executable, not-a-file.
std::string_view hook_state_name(HookState state);

struct HookFile {
  std::string name;
  HookState state;
};

// The state of the hook `name`, or nullopt when hooks/ has nothing by that name.
std::optional<HookState> hook_state(const std::filesystem::path& root, std::string_view name);
// Every file in hooks/ named like a hook, sorted by name.
std::vector<HookFile> list_hooks(const std::filesystem::path& root);

// Allows hooks to run in this clone: copies each one's current bytes to
// .crm/hooks-allowed/NAME (private to the user). No names: every hook that can run. Returns
// the names allowed. Throws NotFoundError for a name with no hook file, RefusedError for a
// hook that can never run (a link, a file without its execute bit). Needs the lock.
std::vector<std::string> allow_hooks(const std::filesystem::path& root,
                                     const std::vector<std::string>& names);

// One command's hooks: where they are, who acts, and what was typed.
struct HookInvocation {
  std::filesystem::path root;  // the data directory (absolute)
  std::string user;
  std::vector<std::string> command;  // the crm command words as typed: {"deal", "win", "D-…"}
  double timeout_seconds = 30;
};

// The JSON object a hook reads on standard input: {"event", "kind", "id", "user", "command",
// "before", "after"}, the records as `crm ... --json` prints them (before: null when created).
std::string hook_input(const HookSubject& subject, const HookInvocation& invocation,
                       const Config& config);

// Where a runner reports: a warning (a hook not allowed here, a post- hook that failed), and
// what a hook that succeeded printed (its standard output and error, never crm's stdout).
struct HookNotices {
  std::function<void(const std::string& warning)> warning;
  std::function<void(const std::string& hook, const std::string& text)> output;
};

// Runs the hooks of one command: each hook once per record it concerns, with argv [hook path,
// command words...], the JSON on standard input, CRM_DIR, CRM_HOOK, CRM_EVENT, CRM_KIND,
// CRM_ID and CRM_USER in its environment, the data directory as its working directory, and
// the timeout; through run_process, never a shell. A hook present but not allowed is skipped
// with one warning per command.
class HookRunner {
 public:
  HookRunner(HookInvocation invocation, const Config& config, HookNotices notices);

  // Runs the pre- hooks. Throws RefusedError naming the hook, the record and the hook's own
  // message at the first one that exits non-zero, runs past the timeout or cannot start.
  void run_pre(const std::vector<HookSubject>& subjects);
  // Runs the post- hooks. A failure is a warning, and the other hooks still run.
  void run_post(const std::vector<HookSubject>& subjects);

 private:
  struct Ran;
  bool may_run(const std::string& name);
  Ran run_one(const std::string& name, const HookSubject& subject);

  HookInvocation m_invocation;
  const Config& m_config;
  HookNotices m_notices;
  std::map<std::string, std::optional<HookState>> m_states;
  std::set<std::string> m_warned;
};

}  // namespace crm
