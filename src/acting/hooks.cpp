#include "crm/acting/hooks.h"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/process.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/store/files.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> k_events = {"create", "change", "transition"};
// Hooks are programs, often compiled ones: far larger than a record, but still bounded.
constexpr std::size_t k_max_hook_bytes = std::size_t{64} << 20;
// How much of a hook's own message a refusal or warning quotes.
constexpr std::size_t k_max_message = 2000;

std::string_view phase_name(HookPhase phase) {
  return phase == HookPhase::pre ? "pre" : "post";
}

// The fields whose change is a transition: the machine's state, and the kind's stage field.
std::vector<std::string> state_fields(const Record& record) {
  std::vector<std::string> fields;
  if (const Machine* machine = machine_for(record)) fields.push_back(machine->field);
  if (!record.spec().stage_field.empty()) fields.push_back(record.spec().stage_field);
  return fields;
}

std::string hook_display(std::string_view name) {
  return "hooks/" + std::string(name);
}

// The bytes of a hook or of its allowed copy; nullopt when it cannot be read as a regular file.
std::optional<std::string> read_bytes(const fs::path& path) {
  try {
    return read_regular_file(path, path.string(), k_max_hook_bytes);
  } catch (const Error&) {
    return std::nullopt;
  }
}

// "Q-2026-0001 (Q-7K3QZ9AB)" or the ID, as refusals name a record.
std::string record_named(const Record& record) {
  std::string number = record.number_or_id();
  return number == record.id() ? number : number + " (" + record.id() + ")";
}

std::string event_noun(const std::string& event) {
  if (event == "create") return "creation";
  return event;  // "change", "transition"
}

// "the creation of quote Q-2026-0001 (Q-7K3QZ9AB)"
std::string what_happens(const HookSubject& subject) {
  return fmt::format("the {} of {} {}", event_noun(subject.event), subject.after.spec().name,
                     record_named(subject.after));
}

// A hook's own words: its standard error, else its standard output; trimmed, one line (lines
// joined with "; "), control characters escaped, and bounded.
std::string own_message(const ProcessResult& result) {
  std::string text = trim(result.errors).empty() ? result.output : result.errors;
  std::vector<std::string> lines;
  for (const std::string& line : split(text, '\n'))
    if (!trim(line).empty()) lines.push_back(trim(line));
  std::string message = escape_for_terminal(join(lines, "; "));
  if (message.size() > k_max_message) message = message.substr(0, k_max_message) + " …";
  return message;
}

}  // namespace

std::string hook_event(const std::optional<Record>& before, const Record& after) {
  if (!before) return "create";
  std::vector<std::string> fields = state_fields(after);
  for (const std::string& field : state_fields(*before))
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
  for (const std::string& field : fields)
    if (before->fields().get(field) != after.fields().get(field)) return "transition";
  return "change";
}

std::vector<HookSubject> hook_subjects(const RecordStore& store, const ChangeSet& changes) {
  std::vector<HookSubject> subjects;
  for (const ChangeSet::Change& change : changes.changes) {
    const Record& after = change.record;
    std::optional<Record> before;
    if (store.exists(after.kind(), after.id())) before = store.load(after.kind(), after.id());
    // What the store will not write changes nothing, and runs no hook.
    if (before && record_to_yaml(*before) == record_to_yaml(after)) continue;
    std::string event = hook_event(before, after);
    subjects.push_back(HookSubject{std::move(event), std::move(before), after});
  }
  return subjects;
}

std::vector<std::string> hook_names(HookPhase phase, std::string_view event, Kind kind) {
  std::string base = fmt::format("{}-{}", phase_name(phase), event);
  return {base, base + "." + kind_spec(kind).name};
}

bool is_hook_name(std::string_view name) {
  std::string_view base = name.substr(0, name.find('.'));
  bool known = false;
  for (HookPhase phase : {HookPhase::pre, HookPhase::post})
    for (const std::string& event : k_events)
      if (base == fmt::format("{}-{}", phase_name(phase), event)) known = true;
  if (!known) return false;
  if (base.size() == name.size()) return true;
  return kind_by_name(name.substr(base.size() + 1)).has_value();
}

std::string_view hook_state_name(HookState state) {
  switch (state) {
    case HookState::allowed:
      return "allowed";
    case HookState::changed:
      return "changed";
    case HookState::added:
      return "new";
    case HookState::not_executable:
      return "not-executable";
    case HookState::not_a_file:
      return "not-a-file";
  }
  return "unknown";
}

std::optional<HookState> hook_state(const fs::path& root, std::string_view name) {
  fs::path path = hooks_dir(root) / std::string(name);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  // Links are not followed (DESIGN 7): a pulled link could point anywhere.
  if (!S_ISREG(st.st_mode)) return HookState::not_a_file;
  if (!(st.st_mode & S_IXUSR)) return HookState::not_executable;
  std::optional<std::string> bytes = read_bytes(path);
  if (!bytes) return HookState::not_a_file;
  std::error_code ec;
  fs::path copy = allowed_hooks_dir(root) / std::string(name);
  if (!fs::exists(fs::symlink_status(copy, ec))) return HookState::added;
  std::optional<std::string> allowed = read_bytes(copy);
  return allowed && *allowed == *bytes ? HookState::allowed : HookState::changed;
}

std::vector<HookFile> list_hooks(const fs::path& root) {
  std::vector<HookFile> hooks;
  std::error_code ec;
  for (fs::directory_iterator it(hooks_dir(root), ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!is_hook_name(name)) continue;
    if (auto state = hook_state(root, name)) hooks.push_back({name, *state});
  }
  std::sort(hooks.begin(), hooks.end(),
            [](const HookFile& a, const HookFile& b) { return a.name < b.name; });
  return hooks;
}

std::vector<std::string> allow_hooks(const fs::path& root, const std::vector<std::string>& names) {
  std::vector<std::string> chosen = names;
  if (chosen.empty()) {
    for (const HookFile& hook : list_hooks(root))
      if (hook.state != HookState::not_executable && hook.state != HookState::not_a_file)
        chosen.push_back(hook.name);
  }
  // Check every name before copying any, so that a typo allows nothing.
  for (const std::string& name : chosen) {
    if (!is_hook_name(name))
      throw UsageError(fmt::format("'{}' is not a hook name", name),
                       "hooks are named (pre|post)-(create|change|transition), optionally with "
                       ".KIND (post-transition.quote); see crm hooks list");
    std::optional<HookState> state = hook_state(root, name);
    if (!state)
      throw NotFoundError(fmt::format("there is no hook {}", hook_display(name)),
                          "see crm hooks list");
    if (*state == HookState::not_a_file)
      throw RefusedError(
          fmt::format("{} is not a regular file (a link or a folder), so it never runs",
                      hook_display(name)),
          "crm does not follow links in the data directory: put the program itself there");
    if (*state == HookState::not_executable)
      throw RefusedError(fmt::format("{} is not executable, so it never runs", hook_display(name)),
                         fmt::format("make it executable: chmod +x {}", hook_display(name)));
  }
  std::vector<std::string> allowed;
  if (chosen.empty()) return allowed;
  ensure_directory(allowed_hooks_dir(root), 0700);
  for (const std::string& name : chosen) {
    std::optional<std::string> bytes = read_bytes(hooks_dir(root) / name);
    if (!bytes) throw NotFoundError(fmt::format("cannot read {}", hook_display(name)));
    write_file_atomic(allowed_hooks_dir(root) / name, *bytes, 0600);
    allowed.push_back(name);
  }
  return allowed;
}

std::string hook_input(const HookSubject& subject, const HookInvocation& invocation,
                       const Config& config) {
  Value input = Value::map();
  input.set("event", Value::string(subject.event));
  input.set("kind", Value::string(subject.after.spec().name));
  input.set("id", Value::string(subject.after.id()));
  input.set("user", Value::string(invocation.user));
  Value command = Value::sequence();
  for (const std::string& word : invocation.command) command.push_back(Value::string(word));
  input.set("command", std::move(command));
  input.set("before", subject.before ? subject.before->view(config) : Value::null());
  input.set("after", subject.after.view(config));
  return emit_json(input) + "\n";
}

struct HookRunner::Ran {
  bool succeeded = false;
  std::string failure;  // why it failed, as a clause: "it exited with status 1"
  ProcessResult result;
};

HookRunner::HookRunner(HookInvocation invocation, const Config& config, HookNotices notices)
    : m_invocation(std::move(invocation)), m_config(config), m_notices(std::move(notices)) {}

bool HookRunner::may_run(const std::string& name) {
  auto found = m_states.find(name);
  if (found == m_states.end())
    found = m_states.emplace(name, hook_state(m_invocation.root, name)).first;
  const std::optional<HookState>& state = found->second;
  if (!state) return false;
  if (*state == HookState::allowed) return true;
  if ((*state == HookState::changed || *state == HookState::added) &&
      m_warned.insert(name).second && m_notices.warning)
    m_notices.warning(fmt::format(
        "{} is not allowed in this clone (new or changed): review it, then run crm hooks allow {}",
        hook_display(name), name));
  return false;
}

HookRunner::Ran HookRunner::run_one(const std::string& name, const HookSubject& subject) {
  ProcessRequest request;
  request.argv.push_back((hooks_dir(m_invocation.root) / name).string());
  for (const std::string& word : m_invocation.command) request.argv.push_back(word);
  request.input = hook_input(subject, m_invocation, m_config);
  request.timeout_seconds = m_invocation.timeout_seconds;
  request.working_dir = m_invocation.root;
  request.environment = {
      {"CRM_DIR", m_invocation.root.string()},
      {"CRM_HOOK", name},
      {"CRM_EVENT", subject.event},
      {"CRM_KIND", subject.after.spec().name},
      {"CRM_ID", subject.after.id()},
      {"CRM_USER", m_invocation.user},
  };
  Ran ran;
  ran.result = run_process(request);
  const ProcessResult& r = ran.result;
  std::string said = own_message(r);
  if (!r.started) {
    ran.failure = fmt::format("it could not be run: {}", r.error);
  } else if (r.timed_out) {
    ran.failure =
        fmt::format("it ran past its timeout of {} s (hooks.timeout in crm.yaml) and was killed",
                    m_invocation.timeout_seconds);
    if (!said.empty()) ran.failure += "; it said: " + said;
  } else if (r.exit_code != 0) {
    ran.failure = said.empty()
                      ? fmt::format("it exited with status {} and said nothing", r.exit_code)
                      : fmt::format("{} (exit status {})", said, r.exit_code);
  } else {
    ran.succeeded = true;
    if (m_notices.output) {
      if (!r.output.empty()) m_notices.output(name, r.output);
      if (!r.errors.empty()) m_notices.output(name, r.errors);
    }
  }
  return ran;
}

void HookRunner::run_pre(const std::vector<HookSubject>& subjects) {
  for (const HookSubject& subject : subjects) {
    for (const std::string& name :
         hook_names(HookPhase::pre, subject.event, subject.after.kind())) {
      if (!may_run(name)) continue;
      Ran ran = run_one(name, subject);
      if (ran.succeeded) continue;
      throw RefusedError(
          fmt::format("{} refused {}: {}", hook_display(name), what_happens(subject), ran.failure),
          "nothing was written; do what the hook asks, or skip hooks once with --no-hooks");
    }
  }
}

void HookRunner::run_post(const std::vector<HookSubject>& subjects) {
  for (const HookSubject& subject : subjects) {
    for (const std::string& name :
         hook_names(HookPhase::post, subject.event, subject.after.kind())) {
      if (!may_run(name)) continue;
      Ran ran = run_one(name, subject);
      if (!ran.succeeded && m_notices.warning)
        m_notices.warning(fmt::format("{} failed after {}: {}; the change is made all the same",
                                      hook_display(name), what_happens(subject), ran.failure));
    }
  }
}

}  // namespace crm
