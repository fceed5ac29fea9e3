# Scriptable output (issue 2 point 6, DESIGN section 5): --json, --format json|yaml|csv, global
# options anywhere, mutations' output, -q, --dry-run, colour, and escaping of control characters.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# Values that a YAML reader would retype if they were written plain.
run crm account add --name "NO" --phone "+48 42 683 74 61" --owner "yes" --website "0x1F" \
  --industry "1e3" --address "01234" --notes "null"
assert_exit 0
tricky="$OUT"
run crm account add --name "on" --phone "12:30" --owner "~" --website "2026-11-23" \
  --industry ".inf" --address "true" --notes "-.5"
assert_exit 0
tricky2="$OUT"
run crm --today 2026-11-23T09:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme, Inc." \
  --email jan@acme.example --phone "+48 42 683 74 61" --source fair --notes 'Said "maybe"'
assert_exit 0
jan="$OUT"
run crm --today 2026-11-23T10:00:00+00:00 lead add --name "Ewa Nowak" --source web
assert_exit 0
ewa="$OUT"

check_tricky() { # $1: YAML text of the tricky account; $2: what
  local y="$1"
  assert_eq "NO" "$(printf '%s' "$y" | yaml_get name)" "$2: name NO"
  assert_eq "+48 42 683 74 61" "$(printf '%s' "$y" | yaml_get phone)" "$2: phone"
  assert_eq "yes" "$(printf '%s' "$y" | yaml_get owner)" "$2: yes"
  assert_eq "0x1F" "$(printf '%s' "$y" | yaml_get website)" "$2: 0x1F"
  assert_eq "1e3" "$(printf '%s' "$y" | yaml_get industry)" "$2: 1e3"
  assert_eq "01234" "$(printf '%s' "$y" | yaml_get address)" "$2: 01234"
  assert_eq "null" "$(printf '%s' "$y" | yaml_get notes)" "$2: null"
}
check_tricky2() {
  local y="$1"
  assert_eq "on" "$(printf '%s' "$y" | yaml_get name)" "$2: on"
  assert_eq "12:30" "$(printf '%s' "$y" | yaml_get phone)" "$2: 12:30"
  assert_eq "~" "$(printf '%s' "$y" | yaml_get owner)" "$2: ~"
  assert_eq "2026-11-23" "$(printf '%s' "$y" | yaml_get website)" "$2: a date"
  assert_eq ".inf" "$(printf '%s' "$y" | yaml_get industry)" "$2: .inf"
  assert_eq "true" "$(printf '%s' "$y" | yaml_get address)" "$2: true"
  assert_eq "-.5" "$(printf '%s' "$y" | yaml_get notes)" "$2: -.5"
}

# --- the files themselves: every string double-quoted, read back as strings --------------------
check_tricky "$(cat "accounts/$tricky.yaml")" "record file"
check_tricky2 "$(cat "accounts/$tricky2.yaml")" "record file"
assert_file_eq accounts/tricky.yaml "accounts/$tricky.yaml"

# --- show in every format -------------------------------------------------------------------------
run crm account show "$tricky" --format yaml
assert_exit 0 "show --format yaml"
check_tricky "$OUT" "show --format yaml"
run crm account show "$tricky2" --format yaml
check_tricky2 "$OUT" "show --format yaml"
run crm account show "$tricky" --json
assert_exit 0 "show --json"
assert_json "$OUT"
assert_eq "01234" "$(printf '%s' "$OUT" | json_get address)" "show --json"
assert_eq "$tricky" "$(printf '%s' "$OUT" | json_get id)"
run crm account show "$tricky" --format json
assert_eq "NO" "$(printf '%s' "$OUT" | json_get name)" "show --format json"
run crm lead show "$jan" --format csv
assert_exit 0 "show --format csv"
printf '%s' "$OUT" | "$PY" -c '
import csv, io, sys
rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))
assert rows[0] == ["field", "value"], rows[0]
d = dict(rows[1:])
assert d["company"] == "Acme, Inc.", d
assert d["notes"] == "Said \"maybe\"", d
assert d["phone"] == "+48 42 683 74 61", d
' || fail "lead show --format csv does not parse back"
ok

# --- list in every format -------------------------------------------------------------------------
run crm lead list --json
assert_exit 0 "list --json"
assert_eq "$jan $ewa" "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))')" \
  "list --json: ids, oldest first"
assert_eq "Acme, Inc." "$(printf '%s' "$OUT" | json_get 0.company)"
assert_eq fair "$(printf '%s' "$OUT" | json_get 0.source)" "JSON field names are the YAML keys"
run crm lead list --format yaml
assert_exit 0 "list --format yaml"
assert_eq "+48 42 683 74 61" "$(printf '%s' "$OUT" | yaml_get 0.phone)" "list --format yaml"
assert_eq "$ewa" "$(printf '%s' "$OUT" | yaml_get 1.id)"
run crm account list --format yaml
check_tricky "$(printf '%s' "$OUT" | "$PY" -c 'import sys,yaml,json; print(json.dumps([a for a in yaml.safe_load(sys.stdin) if a["id"]==sys.argv[1]][0]))' "$tricky")" \
  "account list --format yaml"
run crm lead list --format csv
assert_exit 0 "list --format csv"
assert_out_golden lead-list.csv
printf '%s' "$OUT" | "$PY" -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline="")))
assert [r["id"] for r in rows] == sys.argv[1:], rows
assert rows[0]["company"] == "Acme, Inc.", rows[0]
' "$jan" "$ewa" || fail "lead list --format csv does not parse back"
ok
run crm lead list --format table
assert_exit 0
assert_out_golden lead-list.txt
run crm lead list --format xml
assert_exit 2 "--format xml"

# --- global options before or after the command words ----------------------------------------------
run crm --json lead list
a="$OUT"
run crm lead list --json
assert_eq "$a" "$OUT" "--json before and after the command words"
run crm lead --json list
assert_exit 0 "--json between the command words"
assert_eq "$a" "$OUT" "--json between the command words"
run crm lead list --format=json
assert_eq "$a" "$OUT" "--format=json after"
cd "$T"
run crm lead list -C data --status new
assert_exit 0 "-C after the command words"
assert_out_contains "$jan"
run crm -C data --today 2026-11-24 --as carol --json lead add --name "Before"
assert_exit 0 "global options before"
assert_eq carol "$(printf '%s' "$OUT" | json_get owner)"
assert_eq "2026-11-24T00:00:00+00:00" "$(printf '%s' "$OUT" | json_get created)" "--today before"
run crm lead add --name "After" -C data --today 2026-11-25 --as dave --json
assert_exit 0 "global options after"
assert_eq dave "$(printf '%s' "$OUT" | json_get owner)"
assert_eq "2026-11-25T00:00:00+00:00" "$(printf '%s' "$OUT" | json_get created)" "--today after"
cd data

# --- a mutation prints IDs, or the records with --json ---------------------------------------------
run crm lead contact "$ewa"
assert_eq "$ewa" "$OUT" "a mutation prints the ID it changed"
run crm lead qualify "$ewa" --json
assert_exit 0
assert_eq qualified "$(printf '%s' "$OUT" | json_get status)" "mutation --json: one object"
assert_eq dict "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(type(json.load(sys.stdin)).__name__)')" \
  "mutation --json is an object"
run crm note add "$ewa" "A note" --json
assert_eq note "$(printf '%s' "$OUT" | json_get type)" "note add --json"
run crm lead convert "$ewa" --json
assert_exit 0 "convert --json"
printf '%s' "$OUT" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
assert isinstance(d, list) and len(d) == 4, d
prefixes = sorted(r["id"][0] for r in d)
assert prefixes == ["A", "C", "D", "L"], prefixes
lead = [r for r in d if r["id"].startswith("L-")][0]
assert lead["status"] == "converted"
for r in d:
    if not r["id"].startswith("L-"):
        assert r["id"] in (lead["account"], lead["contact"], lead["deal"]), r
' || fail "convert --json is not an array of the 4 records"
ok

# --- -q ---------------------------------------------------------------------------------------------
run crm -q lead add --name "Quiet"
assert_exit 0 "-q lead add"
assert_out_empty
quiet_lead="$(grep -l '"Quiet"' leads/*.yaml)"
[[ -n "$quiet_lead" ]] || fail "-q lead add wrote no lead"
ok
run crm lead edit "$(basename "$quiet_lead" .yaml)" --phone 1 -q
assert_exit 0
assert_out_empty
run crm -q lead list
assert_exit 0 "-q lead list"
assert_out_empty
run crm -q check
assert_exit 0 "-q check"
assert_out_empty
run crm --quiet note add "$jan" "quiet note"
assert_exit 0
assert_out_empty

# --- --dry-run on every mutation: prints what would change, writes nothing ---------------------------
run crm account add --name "Dry Co"
dry_account="$OUT"
run crm contact add --name "Dry Person" --account "$dry_account"
dry_contact="$OUT"
run crm lead add --name "Dry Lead" --company "Dry Lead Co"
dry_lead="$OUT"
run crm task add "$dry_lead" --due tomorrow "Dry task"
dry_task="$OUT"
before="$(snapshot .)"
journal_before="$(ls -A .crm)"
dry() { # dry WHAT ARGS...: the mutation with --dry-run exits 0, says "would", writes nothing
  local what="$1"
  shift
  run crm --dry-run "$@"
  assert_exit 0 "--dry-run $what"
  assert_contains "$OUT" "would" "--dry-run $what output"
  assert_eq "$before" "$(snapshot .)" "files after --dry-run $what"
}
dry "lead add" lead add --name "Nobody"
assert_out_contains 'name: "Nobody"'
dry "lead edit" lead edit "$dry_lead" --owner zed
assert_out_contains "would update $dry_lead"
assert_out_contains 'owner: "zed"'
dry "lead contact" lead contact "$dry_lead"
dry "lead qualify" lead qualify "$dry_lead"
dry "lead disqualify" lead disqualify "$dry_lead" --reason "dry"
dry "lead convert" lead convert "$dry_lead"
assert_out_contains "would create A-"
assert_out_contains "would create C-"
assert_out_contains "would create D-"
assert_out_contains "would update $dry_lead"
dry "lead convert --account" lead convert "$dry_lead" --account "$dry_account"
assert_not_contains "$OUT" "would create A-" "convert --account --dry-run"
dry "account add" account add --name "Nope"
dry "account edit" account edit "$dry_account" --owner zed
dry "contact add" contact add --name "Nope" --account "$dry_account"
dry "contact edit" contact edit "$dry_contact" --title "CEO"
dry "note add" note add "$dry_lead" "dry note"
dry "activity log" activity log "$dry_lead" --type call --subject "dry call"
dry "task add" task add "$dry_lead" --due friday "dry task"
dry "task done" task done "$dry_task"
dry "task cancel" task cancel "$dry_task"
run crm lead edit "$dry_lead" --dry-run --owner zed
assert_exit 0 "--dry-run after the command words"
assert_out_contains "would update"
assert_eq "$before" "$(snapshot .)" "files after --dry-run after the command words"
run crm --dry-run --json lead add --name "Dry JSON"
assert_exit 0
assert_eq "Dry JSON" "$(printf '%s' "$OUT" | json_get name)" "--dry-run --json prints the record"
assert_eq "$before" "$(snapshot .)" "files after --dry-run --json"
# A refused mutation is refused under --dry-run too.
run crm --dry-run lead disqualify "$dry_lead"
assert_exit 2 "--dry-run disqualify without --reason"
run crm --dry-run lead convert "$ewa"
assert_exit 1 "--dry-run convert of a converted lead"
assert_eq "$journal_before" "$(ls -A .crm)" ".crm/ after the dry runs"
assert_eq "$before" "$(snapshot .)" "files after every --dry-run"
# init is a mutation too.
run crm --dry-run init "$T/dry-init"
assert_exit 0 "--dry-run init"
if [[ ! -e "$T/dry-init" ]]; then
  ok
else
  # Regression (was a bug): `crm --dry-run init DIR` creates the whole data directory.
  fail "--dry-run init DIR writes the directory"
fi

# --- colour -------------------------------------------------------------------------------------
esc=$'\033'
run crm lead list --color never
assert_not_contains "$OUT" "$esc" "--color never"
run crm lead list
assert_not_contains "$OUT" "$esc" "NO_COLOR, --color auto, not a terminal"
NO_COLOR="" run crm lead list
assert_not_contains "$OUT" "$esc" "--color auto into a pipe"
run crm lead list --color always
assert_contains "$OUT" "${esc}[" "--color always"
run crm --color always lead list --json
assert_not_contains "$OUT" "$esc" "--color always never colours JSON"
assert_json "$OUT"
run crm lead list --color sometimes
assert_exit 2 "--color sometimes"
# On a terminal (script(1) gives a pty): colour with --color auto unless NO_COLOR is set.
if script -qec true /dev/null >/dev/null 2>&1; then
  tty_out="$(NO_COLOR="" TERM=xterm script -qec "$(printf '%q ' "$CRM_BIN" lead list)" /dev/null </dev/null)"
  assert_contains "$tty_out" "${esc}[" "--color auto on a terminal"
  tty_out="$(NO_COLOR=1 TERM=xterm script -qec "$(printf '%q ' "$CRM_BIN" lead list)" /dev/null </dev/null)"
  assert_not_contains "$tty_out" "$esc" "NO_COLOR on a terminal"
  tty_out="$(NO_COLOR="" TERM=xterm script -qec "$(printf '%q ' "$CRM_BIN" lead list --color never)" /dev/null </dev/null)"
  assert_not_contains "$tty_out" "$esc" "--color never on a terminal"
fi

# --- control characters from a hand-written file are escaped ------------------------------------------
printf 'id: "L-ESC00001"\nstatus: "new"\nname: "Evil \\e[31mRED\\e[0m \\x07bell \\x9b2J"\nowner: "tester"\ncreated: "2026-11-23T11:00:00+00:00"\nnotes: "line one\\nline two \\e]0;title\\x07"\n' \
  >leads/L-ESC00001.yaml
raw_esc() { # fails if $1 holds a raw ESC or BEL, or (for tables) a C1 CSI (U+009B)
  if printf '%s' "$1" | LC_ALL=C grep -q $'[\033\007]'; then fail "$2 prints a raw control character"; fi
  ok
}
raw_c1() {
  if printf '%s' "$1" | LC_ALL=C grep -q $'\xc2\x9b'; then fail "$2 prints a raw C1 control character"; fi
  ok
}
run crm lead show L-ESC00001
assert_exit 0 "show of a file with control characters"
raw_esc "$OUT" "lead show"
raw_c1 "$OUT" "lead show"
assert_out_contains "Evil"
assert_out_contains "RED"
run crm lead list
raw_esc "$OUT" "lead list"
raw_c1 "$OUT" "lead list"
assert_out_contains "Evil"
run crm lead list --color always
raw_esc "$(printf '%s' "$OUT" | grep Evil)" "lead list --color always (the value row)"
run crm lead show L-ESC00001 --json
raw_esc "$OUT" "lead show --json"
assert_eq $'Evil \033[31mRED\033[0m \abell \u009b2J' "$(printf '%s' "$OUT" | json_get name)" \
  "lead show --json keeps the value (escaped as JSON)"
run crm lead list --format yaml
raw_esc "$OUT" "lead list --format yaml"
assert_eq $'Evil \033[31mRED\033[0m \abell \u009b2J' "$(printf '%s' "$OUT" |
  "$PY" -c 'import sys,yaml; print([r for r in yaml.safe_load(sys.stdin) if r["id"]=="L-ESC00001"][0]["name"])')" \
  "lead list --format yaml keeps the value"
run crm timeline L-ESC00001
raw_esc "$OUT" "timeline"
run crm lead show "$(printf 'x\033[31m')"
assert_exit 3
raw_esc "$ERR" "an error message quoting the reference"
run crm lead list --format csv
if printf '%s' "$OUT" | LC_ALL=C grep -q $'[\033\007]'; then
  # Regression (was a bug): --format csv prints control characters from values raw (ESC, BEL), so a hostile
  # record can drive the terminal of whoever runs `crm lead list --format csv`.
  fail "lead list --format csv prints raw control characters"
else
  ok
fi
run crm lead show L-ESC00001 --format csv
if printf '%s' "$OUT" | LC_ALL=C grep -q $'[\033\007]'; then
  # Regression (was a bug): same for `show --format csv`.
  fail "lead show --format csv prints raw control characters"
else
  ok
fi

finish
