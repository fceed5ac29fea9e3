#include "context.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "crm/acting/hooks.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/git.h"

namespace crm::cli {
namespace {

bool wants_color(const std::string& setting) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  if (setting != "auto") throw UsageError("--color must be auto, always or never");
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

Output& Context::out() {
  if (!m_out) {
    Format format = options.json ? Format::json : parse_format(options.format);
    m_out = std::make_unique<Output>(format, options.quiet, wants_color(options.color), std::cout);
  }
  return *m_out;
}

bool Context::color() const {
  return wants_color(options.color);
}

Clock Context::clock() const {
  if (!options.today.empty()) return Clock::pinned(options.today);
  if (const char* pinned = std::getenv("CRM_TODAY"); pinned && *pinned)
    return Clock::pinned(pinned);
  return Clock::system();
}

std::string Context::acting_user(const std::filesystem::path& root) const {
  if (!options.as.empty()) return options.as;
  if (const char* user = std::getenv("CRM_USER"); user && *user) return user;
  if (auto name = git_user_name(root)) return *name;
  if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "unknown";
}

FileStore& Context::file_store() {
  session();
  return *m_store;
}

Context::~Context() {
  const char* stats = std::getenv("CRM_INDEX_STATS");
  if (m_index && stats && *stats)
    std::cerr << "crm: index: " << m_index->parsed_files() << " parsed, " << m_index->reused_files()
              << " reused\n";
}

bool Context::use_index() const {
  if (options.no_index) return false;
  const char* off = std::getenv("CRM_NO_INDEX");
  return !(off && *off && std::string(off) != "0");
}

Session& Context::session() {
  if (!m_session) {
    std::optional<std::string> dir;
    if (!options.dir.empty()) dir = options.dir;
    m_store = std::make_unique<FileStore>(find_data_dir(dir));
    for (const std::string& warning : m_store->recover_if_idle()) warn(warning);
    RecordStore* store = m_store.get();
    if (use_index()) {
      m_index = std::make_unique<IndexedFileStore>(*m_store);
      store = m_index.get();
    }
    m_session = std::make_unique<Session>(Session{*store, clock(), acting_user(m_store->root())});
  }
  return *m_session;
}

void Context::mutate(const std::function<ChangeSet(Session&)>& build) {
  mutate(build, [this](const ChangeSet& changes, bool dry_run) {
    out().changes(changes, session().store.config(), dry_run);
  });
}

void Context::mutate(const std::function<ChangeSet(Session&)>& build, const Report& report) {
  Session& s = session();
  std::vector<HookSubject> subjects;
  std::optional<HookRunner> hooks;
  {
    std::optional<StoreLock> lock;
    if (!options.dry_run) lock.emplace(m_store->lock(options.wait_seconds));
    ChangeSet changes = build(s);
    std::vector<std::string> written;
    bool finished = true;
    if (!options.dry_run) {
      if (!options.no_hooks) {
        // Read before the write: the hooks see each record as stored and as it will be.
        subjects = hook_subjects(s.store, changes);
        hooks.emplace(hook_invocation(s), s.store.config(), hook_notices());
        hooks->run_pre(subjects);  // throws when one refuses: nothing is written
      }
      // Throws ("nothing was written") when the write failed before its commit point; past it,
      // the change is made and what failed is a warning (DESIGN 7: exit 0 when it happened).
      WriteResult result = s.store.write(changes);
      written = std::move(result.written);
      for (const std::string& warning : result.warnings) warn(warning);
      std::error_code ec;
      finished = !std::filesystem::exists(journal_path(m_store->root()), ec);
    }
    // The IDs go out before the commit: if git refuses, the records exist all the same and a
    // script must still learn their IDs.
    report(changes, options.dry_run);
    std::cout.flush();
    if (!options.dry_run) commit(changes, written, finished);
  }
  // The post- hooks run once the lock is released, so that they may run crm themselves.
  if (hooks) hooks->run_post(subjects);
}

void Context::commit(const ChangeSet& changes, const std::vector<std::string>& written,
                     bool finished) {
  if (!m_store->config().git_autocommit || options.no_commit || written.empty() ||
      !inside_git_work_tree(m_store->root()))
    return;
  if (!finished) {
    warn(
        "the change is not committed to git, since it is not all in place yet: commit it by "
        "hand once a crm command has finished it");
  } else if (auto failure = try_git_commit_paths(m_store->root(), written, changes.summary)) {
    warn(
        "the change is made, but git did not commit it: commit it by hand, or set "
        "git.autocommit: false in crm.yaml; git said:",
        *failure);
  }
}

HookInvocation Context::hook_invocation(const Session& s) const {
  std::error_code ec;
  std::filesystem::path root = std::filesystem::absolute(m_store->root(), ec);
  if (ec) root = m_store->root();
  return HookInvocation{root, s.user, command_words, s.store.config().hook_timeout_seconds};
}

HookNotices Context::hook_notices() {
  HookNotices notices;
  notices.warning = [](const std::string& text) { warn(text); };
  // What a hook prints goes to stderr, never into crm's own output (--json stays parseable).
  notices.output = [](const std::string& hook, const std::string& text) {
    for (const std::string& line : split(text, '\n'))
      if (!line.empty()) std::cerr << "hooks/" << hook << ": " << escape_for_terminal(line) << '\n';
  };
  return notices;
}

}  // namespace crm::cli
