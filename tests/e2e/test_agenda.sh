# crm agenda through the real binary: silent on a fresh directory (made for cron), every item
# type from records made by crm's own commands, the window, --overdue, --owner, --exit-status,
# JSON, Markdown, and the iCalendar file read by an independent parser (python3-icalendar),
# with the same UIDs on a second run. The agenda writes nothing.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# --- nothing due: no output at all, exit 0 --------------------------------------------------------
run crm agenda
assert_exit 0 "agenda on a fresh directory"
assert_out_empty
assert_eq "" "$ERR" "stderr on a fresh directory"
run crm agenda --exit-status
assert_exit 0 "--exit-status with nothing overdue"
assert_out_empty
run crm agenda --format md
assert_exit 0
assert_out_empty
run crm agenda --json
assert_exit 0
assert_eq "[]" "$OUT" "JSON of an empty agenda"
run crm agenda --format csv
assert_eq "date,at,kind,id,number,label,what,overdue,days,owner" "$(tr -d '\r' <"$OUT_FILE")" \
  "CSV of an empty agenda: the header"

# --- records, made by crm ------------------------------------------------------------------------------
ACCT="Nordwind Logistik GmbH"
step 2026-10-01T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 999.00 --unit pcs
step 2026-10-01T08:01:00+00:00 account add --name "$ACCT" --owner anna
step 2026-10-01T08:02:00+00:00 deal add --account "$ACCT" --title "Pumps, Hamburg" --owner ben
deal="$OUT"
# A quote accepted, ordered, delivered and invoiced on 10-01: due 30 days later, 10-31.
step 2026-10-01T09:00:00+00:00 deal quote "$deal" --line PUMP-200:1 --tax 0
read -r q1 q1n <<<"$OUT"
step 2026-10-01T09:01:00+00:00 quote send "$q1"
step 2026-10-01T09:02:00+00:00 quote accept "$q1"
step 2026-10-01T09:03:00+00:00 order create --quote "$q1"
read -r order order_n <<<"$OUT"
step 2026-10-01T09:04:00+00:00 order deliver "$order"
step 2026-10-01T09:05:00+00:00 invoice create --order "$order"
invoice_line="$(printf '%s\n' "$OUT" | grep '^I-')"
read -r invoice invoice_n <<<"$invoice_line"
# A second quote, sent on 11-20 and valid 5 days: its last day is 11-25.
step 2026-11-20T09:00:00+00:00 deal quote "$deal" --line PUMP-200:2 --valid-days 5 --tax 0
read -r q2 q2n <<<"$OUT"
step 2026-11-20T09:01:00+00:00 quote send "$q2"
# Tasks: one overdue (with text to escape), one tomorrow by anna, one done.
step 2026-11-18T10:00:00+00:00 --as ben task add "$deal" --due 2026-11-20 'Call Ewa; offer v2, "final"'
task_late="$OUT"
step 2026-11-18T10:01:00+00:00 --as anna task add "$deal" --due 2026-11-24 "Prepare the demo"
task_anna="$OUT"
step 2026-11-18T10:02:00+00:00 task add "$deal" --due 2026-11-24 "Already done"
step 2026-11-18T10:03:00+00:00 task done "$OUT"
# A meeting on Wednesday afternoon.
step 2026-11-18T10:04:00+00:00 --as anna activity log "$deal" --type meeting --subject "Demo in Hamburg" \
  --at 2026-11-25T14:00:00+01:00
meeting="$OUT"
# A service contract every 3 months from 08-24: maintenance owed on 11-24; it ends 11-27.
step 2026-11-18T11:00:00+00:00 service contract add --account "$ACCT" --rate 95.00 \
  --included-hours 4 --period month --response-hours 8 --maintenance-every 3m --from 2026-08-24 \
  --to 2026-11-27
read -r sc sc_n <<<"$OUT"
# A request today at 08:00: respond by 16:00 today. Another escalated, its order for Thursday.
step 2026-11-23T08:00:00+00:00 service request add --account "$ACCT" --summary "Seal leaking"
read -r sr sr_n <<<"$(printf '%s\n' "$OUT" | head -n1)"
step 2026-11-19T08:00:00+00:00 service request add --account "$ACCT" --summary "Pump noisy"
read -r sr2 _ <<<"$(printf '%s\n' "$OUT" | head -n1)"
step 2026-11-19T08:10:00+00:00 service request escalate "$sr2"
read -r sv sv_n <<<"$(printf '%s\n' "$OUT" | head -n1)"
step 2026-11-19T08:20:00+00:00 service order assign "$sv" --to tom --date 2026-11-26

before="$(snapshot .)"

# --- the agenda, Monday 2026-11-23 at 09:00 --------------------------------------------------------------
export CRM_TODAY=2026-11-23T09:00:00+00:00
run crm agenda
assert_exit 0 "agenda"
assert_eq "Overdue
  2026-10-31  invoice due            $invoice_n  $ACCT, balance 999.00 EUR (23 days late)
  2026-11-20  task due               $task_late     Call Ewa; offer v2, \"final\" (3 days late)
Mon 2026-11-23 (today)
  16:00       response due           $sr_n   $ACCT: Seal leaking
Tue 2026-11-24 (tomorrow)
              task due               $task_anna     Prepare the demo
              maintenance due        $sc_n   $ACCT
Wed 2026-11-25
              quote expires          $q2n    $ACCT, 1998.00 EUR
  14:00       meeting                $meeting     Demo in Hamburg
Thu 2026-11-26
              service scheduled      $sv_n   $ACCT: Pump noisy (tom)
Fri 2026-11-27
              service contract ends  $sc_n   $ACCT" "$OUT" "the agenda's text"

run crm agenda --exit-status
assert_exit 1 "--exit-status with overdue items"
assert_eq "" "$ERR" "--exit-status says it by the exit code only"
run crm agenda --overdue
assert_exit 0
assert_eq "Overdue
  2026-10-31  invoice due  $invoice_n  $ACCT, balance 999.00 EUR (23 days late)
  2026-11-20  task due     $task_late     Call Ewa; offer v2, \"final\" (3 days late)" "$OUT" "--overdue"
run crm agenda --days 1
assert_exit 0
assert_eq 3 "$(printf '%s\n' "$OUT" | grep -c '^  ')" "--days 1: two overdue, one today"
run crm agenda --days 4 --json
assert_exit 0
assert_json "$OUT"
assert_eq '["invoice-due", "task-due", "response-due", "task-due", "maintenance-due", "quote-expires", "meeting", "service-scheduled"]' \
  "$(printf '%s' "$OUT" | json_eval '[i["what"] for i in d]')" "--days 4: the items in order"
assert_eq "[\"2026-10-31\", \"\", \"invoice\", \"$invoice\", \"$invoice_n\", true, -23, \"ben\"]" \
  "$(printf '%s' "$OUT" | json_eval '[d[0][k] for k in ["date", "at", "kind", "id", "number", "overdue", "days", "owner"]]')" \
  "an overdue invoice in JSON"
assert_eq "[\"2026-11-25\", \"2026-11-25T14:00:00+01:00\", \"activity\", \"$meeting\", false, 2, \"Demo in Hamburg\"]" \
  "$(printf '%s' "$OUT" | json_eval '[d[6][k] for k in ["date", "at", "kind", "id", "overdue", "days", "label"]]')" \
  "a meeting in JSON"

# --owner: anna owns the account; ben the deal, and so its quote, its invoice and the task he
# wrote. Tasks and meetings are their author's.
run crm agenda --owner anna --json
assert_eq "[\"$sr_n\", \"$task_anna\", \"$sc_n\", \"$meeting\", \"$sv_n\", \"$sc_n\"]" \
  "$(printf '%s' "$OUT" | json_eval '[i["number"] for i in d]')" "--owner anna"
run crm agenda --owner ben --json
assert_eq "[\"$invoice_n\", \"$task_late\", \"$q2n\"]" \
  "$(printf '%s' "$OUT" | json_eval '[i["number"] for i in d]')" "--owner ben"
run crm agenda --owner ben --overdue --exit-status
assert_exit 1 "ben has an overdue task"
run crm agenda --owner nobody --exit-status
assert_exit 0 "nobody has nothing overdue"
assert_out_empty

# Markdown for mail.
run crm agenda --format md --days 2
assert_exit 0
assert_eq "# Agenda, Mon 2026-11-23

## Overdue

- 2026-10-31 **invoice due** $invoice_n: $ACCT, balance 999.00 EUR (23 days late)
- 2026-11-20 **task due** $task_late: Call Ewa; offer v2, \"final\" (3 days late)

## Mon 2026-11-23 (today)

- 16:00 **response due** $sr_n: $ACCT: Seal leaking

## Tue 2026-11-24 (tomorrow)

- **task due** $task_anna: Prepare the demo
- **maintenance due** $sc_n: $ACCT" "$OUT" "--format md"

# --- the calendar ---------------------------------------------------------------------------------------
run crm agenda --ics -o agenda.ics
assert_exit 0 "--ics -o"
assert_out_empty
assert_file_exists agenda.ics
run crm agenda --ics
assert_exit 0 "--ics to stdout"
cmp -s agenda.ics "$OUT_FILE" || fail "--ics to stdout and -o FILE differ"
ok
ICS_CHECK='
import sys, datetime
from icalendar import Calendar
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "the last line ends in CRLF"
for line in raw.split(b"\r\n"):
    assert len(line) <= 75, "a line over 75 octets: %r" % line
    line.decode("utf-8")
assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF"
cal = Calendar.from_ical(raw)
def day(v):
    return v.dt.isoformat()
out = []
for c in cal.walk():
    if c.name == "VTODO":
        alarms = [a for a in c.walk("VALARM")]
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY", "a VTODO has one alarm"
        trig = alarms[0]["TRIGGER"]
        out.append("VTODO %s due=%s trigger=%s related=%s %s" % (c["UID"], day(c["DUE"]),
                   trig.dt, trig.params.get("RELATED"), c["SUMMARY"]))
    elif c.name == "VEVENT":
        start = c["DTSTART"].dt
        if isinstance(start, datetime.datetime):
            out.append("VEVENT %s start=%s duration=%s %s" % (c["UID"], start.isoformat(),
                       c["DURATION"].dt, c["SUMMARY"]))
        else:
            end = c["DTEND"].dt
            assert (end - start).days == 1, "an all-day event lasts one day"
            out.append("VEVENT %s day=%s %s" % (c["UID"], start.isoformat(), c["SUMMARY"]))
    if c.name in ("VTODO", "VEVENT"):
        assert c["DTSTAMP"].dt.isoformat() == "2026-11-23T09:00:00+00:00", "DTSTAMP is the pinned now"
print("\n".join(out))
'
ics_read() { /usr/bin/python3 -c "$ICS_CHECK" "$1" || fail "python3-icalendar could not read $1"; }
parsed="$(ics_read agenda.ics)"
assert_eq "VEVENT $invoice-invoice-due@crm day=2026-10-31 Invoice due $invoice_n: $ACCT, balance 999.00 EUR
VTODO $task_late-task-due@crm due=2026-11-20 trigger=9:00:00 related=END Call Ewa; offer v2, \"final\"
VTODO $sr-response-due@crm due=2026-11-23T16:00:00+00:00 trigger=-1 day, 23:00:00 related=END Response due $sr_n: $ACCT: Seal leaking
VTODO $task_anna-task-due@crm due=2026-11-24 trigger=9:00:00 related=END Prepare the demo
VEVENT $sc-maintenance-due-2026-11-24@crm day=2026-11-24 Maintenance due $sc_n: $ACCT
VEVENT $q2-quote-expires@crm day=2026-11-25 Quote expires $q2n: $ACCT, 1998.00 EUR
VEVENT $meeting-meeting@crm start=2026-11-25T13:00:00+00:00 duration=1:00:00 Demo in Hamburg
VEVENT $sv-service-scheduled@crm day=2026-11-26 Service scheduled $sv_n: $ACCT: Pump noisy (tom)
VEVENT $sc-service-contract-ends@crm day=2026-11-27 Service contract ends $sc_n: $ACCT" "$parsed" \
  "the calendar as python3-icalendar reads it"
grep -qxF $'SUMMARY:Call Ewa\\; offer v2\\, "final"\r' agenda.ics || fail "the task's summary is not escaped"
ok

# A second run, a day later and after `crm service plan`: the same things keep their UIDs.
uids() { /usr/bin/python3 -c '
import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
print("\n".join(str(c["UID"]) for c in cal.walk() if c.name in ("VTODO", "VEVENT")))
' "$1" | LC_ALL=C sort; }
run crm agenda --ics -o again.ics
cmp -s agenda.ics again.ics || fail "two runs on the same day give different calendars"
ok
assert_eq "$before" "$(snapshot . | grep -v -e ' ./agenda.ics$' -e ' ./again.ics$')" "the agenda wrote nothing"

# --- crm service plan turns the maintenance into an order; the agenda lists that instead ------------
step 2026-11-23T09:30:00+00:00 service plan --until 2026-11-24
read -r planned planned_n <<<"$OUT"
run crm agenda --json
assert_eq "[]" "$(printf '%s' "$OUT" | json_eval '[i["number"] for i in d if i["what"] == "maintenance-due"]')" \
  "no maintenance left to plan"
assert_eq "[\"$planned_n\"]" \
  "$(printf '%s' "$OUT" | json_eval '[i["number"] for i in d if i["what"] == "service-scheduled" and i["date"] == "2026-11-24"]')" \
  "the planned order"
run crm agenda --ics -o later.ics
assert_exit 0
ics_read later.ics >/dev/null
assert_eq "$( (uids agenda.ics | grep -v maintenance-due; echo "$planned-service-scheduled@crm") | sort)" \
  "$(uids later.ics)" "the same UIDs, and the planned order's"

# --- a broken file: exit 4, or skipped with a warning by --keep-going ----------------------------------
printf 'id: "T-BRKEN123"\ntype: [\n' >activities/T-BRKEN123.yaml
run crm agenda --overdue
assert_exit 4 "a broken activity"
assert_err_contains "activities/T-BRKEN123.yaml:3:"
run crm agenda --overdue --keep-going --exit-status
assert_exit 1 "--keep-going: the agenda of the readable records"
assert_eq "crm: warning: activities/T-BRKEN123.yaml:3: bad YAML: end of sequence flow not found (skipped)" \
  "$ERR" "one warning for the broken file"
assert_contains "$OUT" "$task_late" "the overdue task"
rm activities/T-BRKEN123.yaml

# --- usage ---------------------------------------------------------------------------------------------
run crm agenda --days -1
assert_exit 2 "--days -1"
run crm agenda -o x.ics
assert_exit 2 "-o without --ics"
assert_err_contains "--ics"
run crm agenda --format html
assert_exit 2 "--format html"

finish
