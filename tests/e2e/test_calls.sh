# crm call through the real binary: a test dialer records its argv (the number and the tel:
# URI each one argument, never split or read by a shell), the call is logged at once, `crm call
# end` sets ended, duration and outcome; without a dialer the number is printed and the call
# logged; a second call while one is open and an end with none open are refused; a dialer that
# cannot start refuses and logs nothing.
source "$(dirname "$0")/lib.sh"
setup
new_dir data
DATA="$PWD"

run crm contact add --name "Ewa Nowak" --phone "+48 601 234 567"
assert_exit 0
ewa="$OUT"
run crm contact add --name "Odd Number" --phone '+1 555; rm -rf x $(id)'
odd="$OUT"
run crm contact add --name "Anna Berg"
anna="$OUT"

# --- no dialer configured: the number is printed, the call logged ---------------------------------
run crm --today 2026-11-23T10:00:00+00:00 call "Ewa Nowak"
assert_exit 0 "call without a dialer"
call1=$(head -1 <<<"$OUT")
[[ "$call1" =~ ^T-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "call printed [$OUT], not an activity ID first"
ok
assert_contains "$OUT" "dial +48 601 234 567 (tel:+48601234567)" "the number and its URI"
run crm activity show "$call1" --json
assert_eq '["call", "out", "+48 601 234 567", "2026-11-23T10:00:00+00:00", "tester", "Call to Ewa Nowak"]' \
  "$(json_eval '[d["type"], d["direction"], d["phone"], d["at"], d["by"], d["subject"]]' <<<"$OUT")" "the call logged at once"
assert_eq "$ewa" "$(json_get about <<<"$OUT")" "about the contact"

# --- one open call per user ----------------------------------------------------------------------
run crm call "$ewa"
assert_exit 1 "a second call while one is open"
assert_contains "$ERR" "$call1"
assert_contains "$ERR" "crm call end"
run crm --as ben call "$ewa" --no-dial --json
assert_exit 0 "another user may call"
assert_json "$OUT"
assert_eq ben "$(json_get by <<<"$OUT")"

# --- crm call end: ended, duration, outcome, note ------------------------------------------------
run crm --today 2026-11-23T10:04:32+00:00 call end --outcome reached --note "Sends the order on Monday"
assert_exit 0 "call end"
assert_eq "$call1" "$OUT" "call end prints the call's ID"
run crm activity show "$call1" --json
assert_eq '["2026-11-23T10:04:32+00:00", "PT4M32S", "reached", "Sends the order on Monday"]' \
  "$(json_eval '[d["ended"], d["duration"], d["outcome"], d["body"]]' <<<"$OUT")" "the ended call"
run crm call end
assert_exit 1 "no open call to end"
assert_contains "$ERR" "no open call"
run crm call end --outcome hung-up
assert_exit 2 "an unknown outcome"
run crm check
assert_exit 0 "crm check after the calls"

# --- a dialer: argv recorded, placeholders filled as single arguments -----------------------------
cat >"$T/dialer" <<'EOF'
#!/bin/sh
for a in "$@"; do printf '[%s]\n' "$a"; done >"$DIALED"
EOF
chmod +x "$T/dialer"
export DIALED="$T/dialed"
cat >>crm.yaml <<EOF
EOF
"$PY" - "$DATA/crm.yaml" "$T/dialer" <<'EOF'
import sys
path, dialer = sys.argv[1], sys.argv[2]
text = open(path).read()
old = '  # dialer: ["xdg-open", "{uri}"]'
assert old in text, text
open(path, "w").write(text.replace(old, '  dialer: ["%s", "--call", "{number}", "{uri}"]' % dialer))
EOF
run crm --today 2026-11-23T11:00:00+00:00 call "$odd"
assert_exit 0 "call with a dialer"
call2="$OUT"
for _ in $(seq 50); do [[ -s "$DIALED" ]] && break; sleep 0.1; done
assert_eq '[--call]
[+1 555; rm -rf x $(id)]
[tel:+1555;rm-rfx$(id)]' "$(cat "$DIALED")" "the dialer's argv"
assert_no_file "$DATA/x"
run crm activity show "$call2" --json
assert_eq '+1 555; rm -rf x $(id)' "$(json_get phone <<<"$OUT")"
run crm --today 2026-11-23T12:02:00+00:00 call end --outcome voicemail
assert_exit 0
run crm activity show "$call2" --json
assert_eq '["PT1H2M", "voicemail"]' "$(json_eval '[d["duration"], d["outcome"]]' <<<"$OUT")"

# --no-dial logs without dialing.
rm -f "$DIALED"
run crm call "$ewa" --no-dial
assert_exit 0 "--no-dial"
sleep 0.3
assert_no_file "$DIALED"
run crm --today 2026-11-23T12:10:00+00:00 call end
assert_exit 0

# --- a dialer that cannot start refuses, and nothing is logged ------------------------------------
sed -i "s#\"$T/dialer\"#\"$T/no-such-dialer\"#" crm.yaml
snap=$(snapshot "$DATA")
run crm call "$ewa"
assert_exit 1 "a dialer that cannot start"
assert_contains "$ERR" "no-such-dialer"
assert_contains "$ERR" "--no-dial"
assert_eq "$snap" "$(snapshot "$DATA")" "nothing logged"

# --- no number to call ----------------------------------------------------------------------------
run crm call "$anna"
assert_exit 1 "no number"
assert_contains "$ERR" "has no phone number to call"
assert_contains "$ERR" "crm contact edit $anna --phone NUMBER"
run crm call
assert_exit 2 "call without a record"

finish
