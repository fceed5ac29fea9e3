#include "crm/acting/calls.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/process.h"
#include "crm/base/text.h"
#include "crm/relationship/activities.h"

namespace crm {
namespace {

// A record's own number: its `phone`, else the first number of its `phones`.
std::string own_number(const Record& record) {
  const KindSpec& spec = record.spec();
  if (spec.has_field("phone") && !trim(record.get("phone")).empty())
    return trim(record.get("phone"));
  if (spec.has_field("phones"))
    if (const Value* phones = record.find("phones"); phones && phones->is_sequence())
      for (const Value& entry : phones->items())
        if (!trim(entry.get("number")).empty()) return trim(entry.get("number"));
  return {};
}

// The IDs a call_through path names on `record`: a reference field's value, or the KEY of
// each entry of FIELD for "FIELD.KEY".
std::vector<std::string> named_ids(const Record& record, const std::string& path) {
  std::vector<std::string> ids;
  auto dot = path.find('.');
  if (dot == std::string::npos) {
    if (!record.get(path).empty()) ids.push_back(record.get(path));
    return ids;
  }
  if (const Value* entries = record.find(path.substr(0, dot)); entries && entries->is_sequence())
    for (const Value& entry : entries->items())
      if (!entry.get(path.substr(dot + 1)).empty()) ids.push_back(entry.get(path.substr(dot + 1)));
  return ids;
}

std::string party_named(const Record& record) {
  return fmt::format("{} {} ({})", record.spec().name, record.label(), record.id());
}

// Where to add a number to `record`: "crm contact edit C-... --phone NUMBER".
std::string edit_hint(const Record& record) {
  return fmt::format("{} edit {} --phone NUMBER", record.spec().command_line(), record.id());
}

bool is_open_call(const Record& activity, const std::string& user) {
  return activity.get("type") == "call" && activity.get("by") == user &&
         activity.get("direction") == "out" && !activity.get("phone").empty() &&
         activity.get("ended").empty();
}

}  // namespace

std::vector<Kind> callable_kinds() {
  std::vector<Kind> kinds;
  for (const KindSpec& spec : all_kinds())
    if (!spec.is_event && (spec.has_field("phone") || !spec.call_through.empty()))
      kinds.push_back(spec.kind);
  return kinds;
}

CallTarget call_target(const RecordStore& store, const Record& record) {
  if (std::string number = own_number(record); !number.empty())
    return CallTarget{number, record.label()};
  const KindSpec& spec = record.spec();
  std::vector<std::string> tried;
  std::vector<std::string> hints;
  for (const std::string& path : spec.call_through) {
    std::string field = path.substr(0, path.find('.'));
    const FieldSpec* field_spec = spec.field(field);
    for (const std::string& id : named_ids(record, path)) {
      auto kind = kind_by_prefix(id.substr(0, id.find('-')));
      if (!kind || !store.exists(*kind, id)) continue;
      if (field_spec && !field_spec->targets.empty() &&
          std::find(field_spec->targets.begin(), field_spec->targets.end(), *kind) ==
              field_spec->targets.end())
        continue;
      Record named = store.load(*kind, id);
      if (std::string number = own_number(named); !number.empty())
        return CallTarget{number, named.label()};
      tried.push_back(party_named(named));
      hints.push_back(edit_hint(named));
    }
  }
  std::string message = fmt::format("{} has no phone number to call", party_named(record));
  if (!tried.empty()) message += fmt::format(", nor has {}", join(tried, ", nor "));
  std::string hint;
  if (spec.has_field("phone")) hint = "add one: " + edit_hint(record);
  if (!hints.empty()) hint = "add one: " + join(hints, ", or ");
  if (hint.empty() && !spec.call_through.empty())
    hint = fmt::format("link a contact or an account with a phone: {} edit {} --contact REF",
                       spec.command_line(), record.id());
  throw RefusedError(message, hint);
}

std::string tel_uri(std::string_view number) {
  std::string uri = "tel:";
  for (char c : number)
    if (c != ' ' && c != '\t') uri += c;
  return uri;
}

std::vector<std::string> dialer_command(const Config& config, std::string_view number) {
  std::vector<std::string> command;
  for (const std::string& argument : config.dialer)
    command.push_back(
        replace_all(replace_all(argument, "{number}", number), "{uri}", tel_uri(number)));
  return command;
}

void require_dialer(const std::vector<std::string>& command) {
  if (command.empty()) return;
  if (!find_program(command[0]))
    throw RefusedError(
        fmt::format("the dialer '{}' (calls.dialer in crm.yaml) cannot be started: no such "
                    "program, or it is not executable",
                    command[0]),
        "install it, fix calls.dialer in crm.yaml, or call without dialing: crm call REF "
        "--no-dial");
}

std::optional<std::string> dial(const std::vector<std::string>& command) {
  return start_detached(command);
}

std::optional<Record> open_call(const RecordStore& store, const std::string& user) {
  std::optional<Record> newest;
  for (const Record& activity : store.find_by(Kind::activity, "by", user)) {
    if (!is_open_call(activity, user)) continue;
    if (!newest || moment_key(activity.get("at")) >= moment_key(newest->get("at")))
      newest = activity;
  }
  return newest;
}

ChangeSet start_call(Session& session, const Record& about, const CallTarget& target) {
  if (auto open = open_call(session.store, session.user))
    throw RefusedError(fmt::format("{} has a call open already: {} ({}, started {})", session.user,
                                   open->id(), open->get("subject"), open->get("at")),
                       "end it first: crm call end [--outcome reached|voicemail|no-answer|busy]");
  ChangeSet changes =
      log_activity(session, about, LoggedActivity{"call", "Call to " + target.name, "", ""});
  Record& call = changes.changes.at(0).record;
  call.set_text("direction", "out");
  call.set_text("phone", target.number);  // the number dialled
  changes.summary = fmt::format("call {} on {}", call.id(), about.id());
  return changes;
}

ChangeSet end_call(Session& session, const CallEnd& end) {
  if (!end.outcome.empty()) {
    const FieldSpec* outcome = kind_spec(Kind::activity).field("outcome");
    if (std::find(outcome->choices.begin(), outcome->choices.end(), end.outcome) ==
        outcome->choices.end())
      throw UsageError(fmt::format("--outcome '{}' is not one of {}", end.outcome,
                                   join(outcome->choices, ", ")));
  }
  std::optional<Record> open = open_call(session.store, session.user);
  if (!open)
    throw RefusedError(fmt::format("{} has no open call to end", session.user),
                       "start one with crm call REF; log a past call with crm activity log REF "
                       "--type call --subject S");
  Record call = std::move(*open);
  std::string id = call.id();
  std::string now = session.clock.now();
  long long seconds = 0;
  auto started = epoch_seconds(call.get("at"));
  auto ended = epoch_seconds(now);
  if (started && ended && *ended > *started) seconds = *ended - *started;
  call.set_text("ended", now);
  call.set_text("duration", iso_duration(seconds));
  call.set_text("outcome", end.outcome);
  if (!trim(end.note).empty()) {
    std::string body = call.get("body");
    call.set_text("body", body.empty() ? end.note : body + "\n" + end.note);
  }
  return ChangeSet::of_updated(std::move(call), "call end " + id);
}

std::string iso_duration(long long seconds) {
  if (seconds <= 0) return "PT0S";
  long long hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60;
  std::string out = "PT";
  if (hours) out += fmt::format("{}H", hours);
  if (minutes) out += fmt::format("{}M", minutes);
  if (rest) out += fmt::format("{}S", rest);
  return out;
}

}  // namespace crm
