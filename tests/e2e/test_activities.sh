# crm note add, activity log|list, task add|done|cancel|list, timeline, history (issue 2 point 5).
# Today is pinned to 2026-11-23, a Monday.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

field() { yaml_get "$2" <"activities/$1.yaml"; }

# A small family: an account, a contact at it, a lead linked to it by conversion, a deal.
run crm --today 2026-11-01T09:00:00+00:00 account add --name "Acme Sp. z o.o." --email office@acme.example
assert_exit 0
acme="$OUT"
run crm --today 2026-11-02T09:00:00+00:00 contact add --name "Ewa Nowak" --account "$acme" --email ewa@acme.example
assert_exit 0
ewa="$OUT"
run crm --today 2026-11-03T09:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme Sp. z o.o." --email jan@acme.example
assert_exit 0
jan="$OUT"
run crm --today 2026-11-04T09:00:00+00:00 lead add --name "Other Lead" --company "Unrelated"
assert_exit 0
other="$OUT"

# --- note add ----------------------------------------------------------------------------------------
run crm --today 2026-11-05T10:00:00+00:00 note add "$jan" "Met at the Poznan fair; wants a demo in March"
assert_exit 0 "note add"
note="$OUT"
[[ "$note" =~ ^T-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "note add printed [$note], not an activity ID"
ok
assert_eq note "$(field "$note" type)" "type of a note"
assert_eq "$jan" "$(field "$note" about)" "a note's record"
assert_file_eq activities/note.yaml "activities/$note.yaml"
run crm note add "Acme Sp. z o.o." "About the account, by name"
assert_exit 0 "note add by account name"
assert_eq "$acme" "$(field "$OUT" about)"
run crm note add L-ZZZZZZZZ "nobody"
assert_exit 3 "note add to an unknown record"
run crm note add "$jan"
assert_exit 2 "note add without TEXT"

# --- activity log --------------------------------------------------------------------------------------
run crm --today 2026-11-23T15:00:00+00:00 activity log "$jan" --type call --subject "Intro call" \
  --at 2026-11-06T14:00:00+00:00 --body "Talked about the budget"
assert_exit 0 "activity log call"
call="$OUT"
assert_eq call "$(field "$call" type)"
assert_eq "2026-11-06T14:00:00+00:00" "$(field "$call" at)" "--at of a call"
assert_eq "Talked about the budget" "$(field "$call" body)" "--body"
assert_file_eq activities/call.yaml "activities/$call.yaml"
run crm --today 2026-11-07T10:00:00+00:00 activity log ewa@acme.example --type meeting --subject "Demo at Acme"
assert_exit 0 "activity log meeting (default --at is now)"
meeting="$OUT"
assert_eq "2026-11-07T10:00:00+00:00" "$(field "$meeting" at)" "default --at"
assert_eq "$ewa" "$(field "$meeting" about)"
run crm --today 2026-11-08T10:00:00+00:00 activity log "$acme" --type email --subject "Sent the brochure" --at 2026-11-08
assert_exit 0 "activity log email with a date --at"
email="$OUT"
assert_contains "$(field "$email" at)" "2026-11-08" "--at DATE"

before="$(snapshot .)"
run crm activity log "$jan" --type fax --subject "Fax"
assert_exit 2 "activity log --type fax"
assert_err_contains "fax"
run crm activity log "$jan" --type note --subject "Not through log"
assert_exit 2 "activity log --type note"
run crm activity log "$jan" --type call
assert_exit 2 "activity log without --subject"
run crm activity log "$jan" --subject "No type"
assert_exit 2 "activity log without --type"
run crm activity log "$jan" --type call --subject "Bad time" --at "half past never"
assert_exit 2 "activity log with a bad --at"
assert_eq "$before" "$(snapshot .)" "files after refused activity logs"

# --- task add with date words ------------------------------------------------------------------------
declare -A due_of=(
  [today]=2026-11-23 [tomorrow]=2026-11-24 [+3d]=2026-11-26 [+2w]=2026-12-07
  [eom]=2026-11-30 [friday]=2026-11-27 [2026-12-24]=2026-12-24
)
declare -A task_of
for word in today tomorrow +3d +2w eom friday 2026-12-24; do
  run crm --today 2026-11-23T12:00:00+00:00 task add "$jan" --due "$word" "Task due $word"
  assert_exit 0 "task add --due $word"
  task_of[$word]="$OUT"
  assert_eq "${due_of[$word]}" "$(field "$OUT" due)" "due of --due $word (today is Monday 2026-11-23)"
  assert_eq open "$(field "$OUT" status)" "status of a new task"
  assert_eq task "$(field "$OUT" type)"
done
assert_file_eq activities/task-friday.yaml "activities/${task_of[friday]}.yaml"
# Weekday names in any case, and the other weekdays: the next one after today.
run crm --dry-run --json task add "$jan" --due Wednesday "x"
assert_exit 0 "--due Wednesday"
assert_eq 2026-11-25 "$(printf '%s' "$OUT" | json_get due)" "--due Wednesday"
run crm --dry-run --json task add "$jan" --due sunday "x"
assert_eq 2026-11-29 "$(printf '%s' "$OUT" | json_get due)" "--due sunday"
# Pinned today moves every word.
run crm --today 2026-02-10 --dry-run --json task add "$jan" --due eom "x"
assert_eq 2026-02-28 "$(printf '%s' "$OUT" | json_get due)" "--due eom in February"
run crm --today 2028-02-27 --dry-run --json task add "$jan" --due +3d "x"
assert_eq 2028-03-01 "$(printf '%s' "$OUT" | json_get due)" "--due +3d over a leap day"
run crm --today 2026-12-30 --dry-run --json task add "$jan" --due +2w "x"
assert_eq 2027-01-13 "$(printf '%s' "$OUT" | json_get due)" "--due +2w over the new year"

before="$(snapshot .)"
for bad in someday 2026-13-01 2026-02-30 +3x ""; do
  run crm task add "$jan" --due "$bad" "Bad due"
  assert_exit 2 "task add --due '$bad'"
done
run crm task add "$jan" "No due"
assert_exit 2 "task add without --due"
run crm task add L-ZZZZZZZZ --due today "Nobody"
assert_exit 3 "task add to an unknown record"
assert_eq "$before" "$(snapshot .)" "files after refused task adds"

# --- task done / cancel -------------------------------------------------------------------------------
run crm --today 2026-11-23T16:00:00+00:00 task done "${task_of[today]}"
assert_exit 0 "task done"
assert_eq "${task_of[today]}" "$OUT"
assert_eq done "$(field "${task_of[today]}" status)"
assert_file_eq activities/task-today-done.yaml "activities/${task_of[today]}.yaml"
before="$(snapshot .)"
run crm task done "${task_of[today]}"
assert_exit 1 "task done twice"
assert_err_contains "${task_of[today]}"
assert_err_contains "done"
run crm task cancel "${task_of[today]}"
assert_exit 1 "cancel a done task"
assert_eq "$before" "$(snapshot .)" "files after refused task transitions"
run crm --today 2026-11-23T16:30:00+00:00 task cancel "${task_of[tomorrow]:0:6}"
assert_exit 0 "task cancel by prefix"
assert_eq cancelled "$(field "${task_of[tomorrow]}" status)"
run crm task done "${task_of[tomorrow]}"
assert_exit 1 "done a cancelled task"
run crm task done "$note"
assert_exit 1 "task done on a note"
run crm task done "$jan"
assert_exit 3 "task done on a lead ID"
run crm task done T-ZZZZZZZZ
assert_exit 3 "task done on an unknown ID"

# --- task list, activity list ---------------------------------------------------------------------------
run crm task list
assert_exit 0 "task list"
assert_out_golden task-list.txt
run crm task list --status open --json
assert_exit 0
assert_eq 5 "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" "open tasks"
run crm task list --status done --json
assert_eq "${task_of[today]}" "$(printf '%s' "$OUT" | json_get 0.id)" "done tasks"
run crm activity list --type meeting
assert_exit 0 "activity list --type meeting"
assert_out_golden activity-list-meetings.txt
run crm activity list --json
assert_exit 0 "activity list --json"
assert_eq 12 "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
  "number of activities"
# "List activity records, oldest first": an activity's time is when it happened (`at`), and the
# table shows that column. The call was logged on the 23rd about the 6th.
if printf '%s' "$OUT" | "$PY" -c '
import json, sys
from datetime import datetime
at = [datetime.fromisoformat(r["at"]) for r in json.load(sys.stdin)]
sys.exit(0 if at == sorted(at) else 1)'; then
  ok
else
  # Regression (was a bug): activity list orders by `created`, not by `at`: a call logged later with --at in the
  # past is listed last although its `at` column is the oldest.
  fail "activity list is not ordered by the activities' time (at)"
fi
run crm activity list --type call --json
assert_eq "$call" "$(printf '%s' "$OUT" | json_get 0.id)" "activity list --type call"
run crm activity list --about "$ewa" --json
assert_eq "$meeting" "$(printf '%s' "$OUT" | json_get 0.id)" "activity list --about"

# --- timeline and history ------------------------------------------------------------------------------
# Convert the lead into the existing account: the account's timeline then includes the lead's,
# the new contact's and the deal's events, and Ewa's (a contact of the account).
run crm --today 2026-11-20T09:00:00+00:00 lead contact "$jan"
assert_exit 0
run crm --today 2026-11-21T09:00:00+00:00 lead convert "$jan" --account "$acme"
assert_exit 0
deal="$(printf '%s\n' "$OUT" | grep '^D-')"
run crm --today 2026-11-22T09:00:00+00:00 note add "$deal" "Deal note"
assert_exit 0
run crm --today 2026-11-22T10:00:00+00:00 note add "$other" "Note on an unrelated lead"
assert_exit 0

run crm timeline "$acme"
assert_exit 0 "timeline of an account"
assert_out_golden timeline-account.txt
assert_out_contains "$jan"
assert_out_contains "$ewa"
assert_out_contains "$deal"
assert_out_contains "Demo at Acme"
assert_out_contains "Deal note"
assert_not_contains "$OUT" "unrelated" "account timeline"
assert_not_contains "$OUT" "$other" "account timeline"
run crm timeline "$acme" --json
assert_exit 0 "timeline --json"
printf '%s' "$OUT" | "$PY" -c '
import json, sys
from datetime import datetime
rows = json.load(sys.stdin)
assert rows, "empty timeline"
times = [datetime.fromisoformat(r["at"]) for r in rows]
assert times == sorted(times), "timeline not oldest first: %r" % [r["at"] for r in rows]
assert set(rows[0]) == {"at", "record", "event", "detail"}, rows[0]
' || fail "timeline --json is not oldest first"
ok
run crm timeline "$jan"
assert_exit 0 "timeline of a lead"
assert_out_golden timeline-lead.txt
assert_not_contains "$OUT" "Demo at Acme" "a lead's timeline (Ewa is not under the lead)"
run crm timeline L-ZZZZZZZZ
assert_exit 3 "timeline of an unknown record"

run crm history "$jan"
assert_exit 0 "history of a lead"
assert_out_golden history-lead.txt
run crm history "${task_of[today]}"
assert_exit 0 "history of a task"
assert_out_contains "open -> done"
run crm history "$acme" --json
assert_exit 0 "history --json"
assert_eq created "$(printf '%s' "$OUT" | json_get 0.event)"
run crm history L-ZZZZZZZZ
assert_exit 3 "history of an unknown record"

run crm check
assert_exit 0 "crm check after the activities"

finish
