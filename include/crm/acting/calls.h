// Phone calls from within: the number to call for a record, the dialer command that calls it
// (never through a shell), and the `call` activity logged when the call starts and closed,
// with its duration and outcome, when it ends. One open call per user at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/config.h"
#include "crm/kinds/session.h"

namespace crm {

// The kinds `crm call` takes: those with a phone of their own or a way to one.
std::vector<Kind> callable_kinds();

// Who is called and on which number.
struct CallTarget {
  std::string number;  // as the record holds it: "+48 601 234 567"
  std::string name;    // the person or company called, for the subject
};

// The number to call for `record`: its `phone`, else the first of its `phones`; else, through
// the registry's call_through, the number of the records it names (a deal's contact, its
// buying centre, its account). Throws RefusedError saying which field to fill when there is
// none.
CallTarget call_target(const RecordStore& store, const Record& record);

// "tel:" and the number without spaces: "tel:+48601234567".
std::string tel_uri(std::string_view number);

// The dialer from crm.yaml with {number} and {uri} filled in, one argument each (never split,
// never a shell); empty when no dialer is configured.
std::vector<std::string> dialer_command(const Config& config, std::string_view number);

// Throws RefusedError unless the program the dialer names can be started.
void require_dialer(const std::vector<std::string>& command);

// Starts the dialer without waiting for it (a softphone may stay open); why it could not
// start, if it could not.
std::optional<std::string> dial(const std::vector<std::string>& command);

// The acting user's open call (a call they started with `crm call`, not yet ended), the
// newest one when there are several.
std::optional<Record> open_call(const RecordStore& store, const std::string& user);

// Logs the start of a call about `about`: an activity of type call, direction out, the number,
// at = now, by the acting user, subject "Call to NAME". Refused while the user has an open
// call.
ChangeSet start_call(Session& session, const Record& about, const CallTarget& target);

struct CallEnd {
  std::string outcome;  // reached, voicemail, no-answer or busy; empty: not said
  std::string note;     // added to the call's body
};

// Ends the acting user's open call: ended = now, its duration and outcome, the note. Refused
// when they have none open; UsageError for an outcome not in the registry's choices.
ChangeSet end_call(Session& session, const CallEnd& end);

// A duration in seconds as ISO 8601: PT4M32S, PT1H2M, PT0S.
std::string iso_duration(long long seconds);

}  // namespace crm
