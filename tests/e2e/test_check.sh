# crm check (issue 2 point 7): exit 0 when clean; every problem reported, located, in one run.
source "$(dirname "$0")/lib.sh"
setup

# --- clean directories ---------------------------------------------------------------------------
new_dir clean
run crm check
assert_exit 0 "check of an empty directory"
assert_out_contains "ok"
assert_eq "" "$ERR" "stderr of a clean check"
run crm --today 2026-11-20T09:00:00+00:00 account add --name "Acme" --email office@acme.example
acme="$OUT"
run crm contact add --name "Ewa" --account Acme
run crm lead add --name "Jan" --company "Jan Co" --source web
jan="$OUT"
run crm lead contact "$jan"
run crm lead convert "$jan"
run crm lead add --name "Olga"
olga="$OUT"
run crm lead disqualify "$olga" --reason "no"
run crm task add "$acme" --due friday "Call back"
task="$OUT"
run crm task done "$task"
run crm note add "$acme" "note"
run crm activity log "$acme" --type meeting --subject "Demo"
run crm check
assert_exit 0 "check of a directory crm wrote"
run crm check --json
assert_exit 0 "check --json when clean"
assert_eq "[]" "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))')" \
  "check --json when clean"
# Unknown keys added by hand are kept and are no problem... (custom fields)
printf 'region: "north"\n' >>"accounts/$acme.yaml"
run crm check
assert_exit 0 "check with a custom field"
run crm account edit "$acme" --phone "+48 1"
assert_exit 0
assert_eq north "$(yaml_get region <"accounts/$acme.yaml")" "custom field kept by an edit"
assert_eq "region: \"north\"" "$(tail -n 1 "accounts/$acme.yaml")" "custom field after the known ones"
cd "$T"

# The shipped examples/ directory is clean (and must be there: a missing one is a failure).
if [[ ! -f "$CRM_SOURCE_DIR/examples/crm.yaml" ]]; then
  echo "FAIL: $CRM_SOURCE_DIR/examples/crm.yaml is missing; the examples must ship" >&2
  exit 1
fi
cp -r "$CRM_SOURCE_DIR/examples" examples
run crm -C examples check
assert_exit 0 "crm check on examples/"

# --- a directory with many hand-made problems ---------------------------------------------------------
cp -r clean broken
cd broken
good_lead="$jan"
H='owner: "tester"\ncreated: "2026-11-23T00:00:00+00:00"\n'
# 1. bad YAML (line 3)
printf 'id: "L-BADYAM11"\nname: "x"\nstatus: [unclosed\n' >leads/L-BADYAM11.yaml
# 2. unknown status (line 2)
printf "id: \"L-VNKSTAT1\"\nstatus: \"pondering\"\nname: \"X\"\n$H" >leads/L-VNKSTAT1.yaml
# 3. history that skips a state: it says qualified -> contacted, but the lead was new (line 8)
printf "id: \"L-SKPST002\"\nstatus: \"contacted\"\nname: \"X\"\n${H}history:\n  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"qualified\"\n    to: \"contacted\"\n    by: \"tester\"\n" \
  >leads/L-SKPST002.yaml
# 4. reference to a missing record (line 3)
printf "id: \"C-MSSREF01\"\nname: \"Y\"\naccount: \"A-N0THERE1\"\n$H" >contacts/C-MSSREF01.yaml
# 5. a lead file in contacts/
printf "id: \"L-WR0NGF01\"\nstatus: \"new\"\nname: \"W\"\n$H" >contacts/L-WR0NGF01.yaml
# 6. missing required field (no name)
printf "id: \"L-N0NAME01\"\nstatus: \"new\"\n$H" >leads/L-N0NAME01.yaml
# 7. status and history disagree (line 2)
printf "id: \"L-SKPST003\"\nstatus: \"qualified\"\nname: \"X\"\n${H}history:\n  - at: \"2026-11-23T00:00:00+00:00\"\n    from: \"new\"\n    to: \"contacted\"\n    by: \"tester\"\n" \
  >leads/L-SKPST003.yaml
# 8. a duplicate ID: a copy of a good lead in deals/
cp "leads/$good_lead.yaml" "deals/$good_lead.yaml"
# 9. a hostile file: an anchor and alias
printf "id: \"L-A11AS000\"\nstatus: \"new\"\nname: &n \"X\"\nnick: *n\n$H" >leads/L-A11AS000.yaml
# 10. a wrong type
printf "id: \"L-WR0NGTY0\"\nstatus: \"new\"\nname: {a: 1}\n$H" >leads/L-WR0NGTY0.yaml
# 11. a task with an unknown status
printf "id: \"T-BADTASK1\"\ntype: \"task\"\nstatus: \"someday\"\nabout: \"$acme\"\nsubject: \"x\"\nat: \"2026-11-23T00:00:00+00:00\"\ndue: \"2026-11-24\"\nby: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n" \
  >activities/T-BADTASK1.yaml
# 12. a file whose name is not an ID
printf "id: \"L-N0TAN1D0\"\nstatus: \"new\"\nname: \"X\"\n$H" >leads/notes.yaml

run crm check
assert_exit 4 "check of a broken directory"
assert_err_contains "problems found"
# Every problem is reported in this one run, each located as FILE:LINE: or FILE:.
expect() { # expect FILE LINE TEXT: a line "FILE:LINE: ...TEXT..." (LINE "" for "FILE: ...",
  # "N" for any line number) on stderr
  local file="$1" at="$2" text="$3" prefix line
  case "$at" in
    "") prefix="$file: " ;;
    N) prefix="$file:[0-9]+: " ;;
    *) prefix="$file:$at: " ;;
  esac
  line="$(printf '%s\n' "$ERR" | grep -E "^${prefix//./\\.}" | grep -F -- "$text" || true)"
  [[ -n "$line" ]] || fail "crm check does not report [${prefix}...${text}...]"
  ok
}
expect leads/L-BADYAM11.yaml N "YAML"
expect leads/L-VNKSTAT1.yaml 2 "pondering"
expect leads/L-SKPST002.yaml 7 "history says qualified -> contacted"
expect contacts/C-MSSREF01.yaml 3 "A-N0THERE1"
expect contacts/L-WR0NGF01.yaml "" "lead"
expect leads/L-N0NAME01.yaml N "name"
expect leads/L-SKPST003.yaml 2 "history"
expect "deals/$good_lead.yaml" "" "$good_lead"
expect leads/L-A11AS000.yaml 3 "anchor"
expect leads/L-WR0NGTY0.yaml 3 "name"
expect activities/T-BADTASK1.yaml 3 "someday"
expect leads/notes.yaml "" "L-XXXXXXXX"
# Each reported problem line is located, and hints follow on indented lines.
printf '%s\n' "$ERR" | "$PY" -c '
import re, sys
lines = sys.stdin.read().splitlines()
for l in lines:
    if l.startswith("  hint: ") or l.startswith("crm: error: ") or l.startswith("hint: "):
        continue
    assert re.match(r"^[a-z-]+/[^: ]+\.yaml(:[0-9]+)?: \S", l), "unlocated problem: " + l
' || fail "crm check printed a problem without FILE[:LINE]: in front"
ok
assert_eq "" "$OUT" "stdout of a failing check"

# The same problems as data.
run crm check --json
assert_exit 4 "check --json of a broken directory"
printf '%s' "$OUT" | "$PY" -c '
import json, sys
rows = json.load(sys.stdin)
files = {r["file"] or r["message"].split(":")[0] for r in rows}
want = {"leads/L-BADYAM11.yaml", "leads/L-VNKSTAT1.yaml", "leads/L-SKPST002.yaml",
        "contacts/C-MSSREF01.yaml", "contacts/L-WR0NGF01.yaml", "leads/L-N0NAME01.yaml",
        "leads/L-SKPST003.yaml", "leads/L-A11AS000.yaml", "leads/L-WR0NGTY0.yaml",
        "activities/T-BADTASK1.yaml", "leads/notes.yaml"}
missing = want - files
assert not missing, "check --json misses %s" % sorted(missing)
for r in rows:
    assert set(r) == {"file", "line", "check", "message", "hint"}, r
' || fail "check --json does not list every problem"
ok
printf '%s' "$OUT" | "$PY" -c '
import json, sys
rows = json.load(sys.stdin)
sys.exit(0 if all(r["file"] for r in rows) else 1)' && ok || {
  # Regression (was a bug): in `crm check --json` the row for a file that does not parse (bad YAML, anchors) has an
  # empty "file" and "line", and the location is folded into "message" instead.
  fail "check --json leaves file and line empty for unparsable files"
}

# check is read-only: it changed nothing.
before="$(snapshot .)"
run crm check
assert_eq "$before" "$(snapshot .)" "files after crm check"

# Fixing the problems makes it clean again.
rm leads/L-BADYAM11.yaml leads/L-VNKSTAT1.yaml leads/L-SKPST002.yaml contacts/C-MSSREF01.yaml \
  contacts/L-WR0NGF01.yaml leads/L-N0NAME01.yaml leads/L-SKPST003.yaml "deals/$good_lead.yaml" \
  leads/L-A11AS000.yaml leads/L-WR0NGTY0.yaml activities/T-BADTASK1.yaml leads/notes.yaml
run crm check
assert_exit 0 "check after removing the broken files"

finish
