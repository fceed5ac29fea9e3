# The cron recipes of examples/cron run as written: each command line of the crontab, with the
# crontab's own variables pointed at a test directory, crm, and a fake sendmail that keeps
# what it is given. The morning agenda mail (none on a quiet day), the nightly service plan
# (nothing twice), the weekly dashboard page and pipeline report.
source "$(dirname "$0")/lib.sh"
setup
CRON_DIR="$CRM_SOURCE_DIR/examples/cron"
CRONTAB="$CRON_DIR/crontab"
new_dir data
DATA="$PWD"

# A fake sendmail: each call appends "ARGS" and the message to $T/mail, numbered.
mkdir -p "$T/bin"
cat >"$T/bin/sendmail" <<'SH'
#!/bin/sh
n=$(($(cat "$MAIL_LOG.count" 2>/dev/null || echo 0) + 1))
echo "$n" >"$MAIL_LOG.count"
{ echo "=== mail $n: $*"; cat; } >>"$MAIL_LOG"
SH
chmod +x "$T/bin/sendmail"
export MAIL_LOG="$T/mail"
mail_count() { cat "$MAIL_LOG.count" 2>/dev/null || echo 0; }

# The crontab: its variable lines, and its jobs (five time fields, then the command).
grep -qE '^CRM_CRON=' "$CRONTAB" || fail "the crontab sets no CRM_CRON"
ok
mapfile -t jobs < <(grep -vE '^\s*(#|$)' "$CRONTAB" | grep -vE '^[A-Z_]+=' |
  sed -E 's/^([^ ]+ +){5}//')
assert_eq 3 "${#jobs[@]}" "jobs in the crontab"
for job in "${jobs[@]}"; do
  script="${job#\$CRM_CRON/}"
  [[ -x "$CRON_DIR/$script" ]] || fail "the crontab runs $job, which is no executable in examples/cron"
  ok
  # POSIX sh, as cron runs them.
  sh -n "$CRON_DIR/$script" || fail "$script is not valid sh"
  ok
done
job_of() {  # the crontab's line that runs $1
  local j
  for j in "${jobs[@]}"; do [[ "$j" == *"/$1" ]] && { echo "$j"; return; }; done
  fail "no job runs $1"
}

# cron_run NAME: the crontab's job line for NAME, run the way cron runs it (sh -c, in HOME,
# with the crontab's variables), the paths pointed at this test. Sets RC, OUT, ERR.
cron_run() {
  local line
  line="$(job_of "$1")"
  LAST_CMD="$line"
  set +e
  (cd "$HOME" && env SHELL=/bin/sh PATH="$T/bin:/usr/bin:/bin" CRM="$CRM_BIN" CRM_DIR="$DATA" \
    CRM_CRON="$CRON_DIR" SENDMAIL="$T/bin/sendmail" AGENDA_TO=sales@example.com \
    REPORT_TO=management@example.com REPORT_DIR="$T/www" AGENDA_FROM=crm@example.com \
    REPORT_FROM=crm@example.com sh -c "$line") >"$T/io/out" 2>"$T/io/err"
  RC=$?
  set -e
  OUT="$(cat "$T/io/out")"
  ERR="$(cat "$T/io/err")"
}

# --- a quiet day: no mail, no output --------------------------------------------------------------
cron_run agenda-mail
assert_exit 0 "agenda-mail on a fresh directory"
assert_out_empty
assert_eq "" "$ERR" "agenda-mail's stderr"
assert_eq 0 "$(mail_count)" "no mail on a quiet day"
cron_run service-plan
assert_exit 0 "service-plan with no contracts"
assert_out_empty

# --- something due ------------------------------------------------------------------------------------
step 2026-11-01T08:00:00+00:00 account add --name "Nordwind" --owner anna
step 2026-11-01T08:01:00+00:00 deal add --account Nordwind --title "Pumps" --amount 4000 --owner anna
deal="$OUT"
step 2026-11-18T10:00:00+00:00 task add "$deal" --due 2026-11-20 "Call Ewa"
task="$OUT"
step 2026-11-18T11:00:00+00:00 service contract add --account Nordwind --rate 95.00 \
  --included-hours 4 --period month --maintenance-every 3m --from 2026-08-27
read -r sc sc_n <<<"$OUT"

cron_run agenda-mail
assert_exit 0 "agenda-mail with an overdue task"
assert_out_empty
assert_eq 1 "$(mail_count)" "one mail"
run crm agenda --format md
md="$OUT"
assert_eq "=== mail 1: -t -oi
From: crm@example.com
To: sales@example.com
Subject: crm agenda for 2026-11-23: overdue items
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

$md" "$(cat "$MAIL_LOG")" "the agenda mail"
assert_contains "$md" "**task due** $task: Call Ewa (3 days late)" "the mail's agenda"

# --- the nightly plan: the orders owed in the next 14 days, once ---------------------------------------
cron_run service-plan
assert_exit 0 "service-plan"
read -r order order_n <<<"$OUT"
[[ "$order" == SV-* && "$order_n" == SV-2026-* ]] || fail "service-plan printed [$OUT], not the new order"
ok
run crm service order show "$order" --json
assert_eq "[\"maintenance\", \"2026-11-27\", \"$sc\"]" \
  "$(printf '%s' "$OUT" | json_eval '[d["kind"], d["scheduled"], d["contract"]]')" "the planned order"
cron_run service-plan
assert_exit 0 "service-plan again"
assert_out_empty

# The agenda now lists the order; without overdue items the subject says nothing of them.
step 2026-11-23T09:00:00+00:00 task done "$task"
cron_run agenda-mail
assert_exit 0
assert_eq 2 "$(mail_count)" "a second mail"
assert_contains "$(cat "$MAIL_LOG")" "Subject: crm agenda for 2026-11-23
MIME" "a subject without overdue items"
assert_contains "$(cat "$MAIL_LOG")" "**service scheduled** $order_n: Nordwind: Planned maintenance" \
  "the planned order in the mail"

# --- the weekly report -----------------------------------------------------------------------------------
cron_run weekly-report
assert_exit 0 "weekly-report"
assert_out_empty
assert_eq "" "$ERR" "weekly-report's stderr"
assert_file_exists "$T/www/dashboard.html"
assert_file_exists "$T/www/dashboard-2026-11-23.html"
run crm report all --format html
cmp -s "$OUT_FILE" "$T/www/dashboard.html" || fail "dashboard.html is not crm report all --format html"
ok
cmp -s "$T/www/dashboard.html" "$T/www/dashboard-2026-11-23.html" || fail "the dated page differs"
ok
assert_eq "" "$(find "$T/www" -name '.dashboard.*')" "no temp file left"
assert_eq 3 "$(mail_count)" "the report mail"
run crm report pipeline --format md
pipeline="$OUT"
assert_contains "$pipeline" "4000.00" "the pipeline report"
assert_contains "$(cat "$MAIL_LOG")" "=== mail 3: -t -oi
From: crm@example.com
To: management@example.com
Subject: crm pipeline, week of 2026-11-23
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

$pipeline" "the pipeline mail"

# --- failures reach cron: a missing directory is crm's error and exit code (2), and no mail -------------------
DATA="$T/nowhere"
cron_run agenda-mail
assert_exit 2 "agenda-mail without a data directory"
assert_contains "$ERR" "crm: error:" "crm's message"
assert_eq 3 "$(mail_count)" "no mail after a failure"
DATA="$T/data"
(unset AGENDA_TO; cd "$HOME" && CRM="$CRM_BIN" CRM_DIR="$DATA" sh "$CRON_DIR/agenda-mail") \
  >"$T/io/out" 2>"$T/io/err" && fail "agenda-mail ran without AGENDA_TO"
ok
assert_contains "$(cat "$T/io/err")" "AGENDA_TO" "agenda-mail names the missing variable"

finish
