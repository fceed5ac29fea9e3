# crm export json and crm import json: examples/ (with a hand-edited record holding custom keys
# and a block-scalar note) exported, imported into a fresh `crm init` directory, and every
# record file comes back byte for byte; a second import changes nothing; a record that differs
# refuses the import; hostile documents are refused with nothing written.
source "$(dirname "$0")/lib.sh"
setup
cp -r "$CRM_SOURCE_DIR/examples" ex
# A record a user edited by hand: custom keys of every kind, a block-scalar note.
cat >ex/contacts/C-7K3QZ9AB.yaml <<'EOF'
id: "C-7K3QZ9AB"
name: "Grażyna Wiśniewska"
account: "A-EY051BBB"
email: "g.wisniewska@example.com"
owner: "anna"
created: "2026-10-01T09:00:00+00:00"
notes: |
  Met at the fair.
    Indented line, and "quotes" and a \ backslash.

  Last line after a blank one.
since: 2024-05-01
score: 42
ratio: 0.75
vip: yes
active: true
nothing: null
"odd/key~": "x"
tags:
  - 2026-01-01
  - "two"
  - 3
nested:
  level: "one"
  list:
    - a: "b"
EOF
run crm -C ex check
assert_exit 0 "examples/ with the hand-edited record checks clean"

# --- export --------------------------------------------------------------------------------------
run crm -C ex export json -o "$T/all.json"
assert_exit 0 "export json"
assert_out_empty
run crm -C ex export json
assert_eq "$(cat "$T/all.json")" "$OUT" "-o and stdout, and two exports, are the same"
assert_json "$OUT"
assert_eq 1 "$(json_get crm_export <"$T/all.json")"
assert_eq account "$(json_get records.0.kind <"$T/all.json")" "kinds in registry order"
run crm -C ex export json --kind contact
assert_exit 0
printf '%s' "$OUT" | "$PY" -c '
import json, sys
doc = json.load(sys.stdin)
kinds = {r["kind"] for r in doc["records"]}
assert kinds == {"contact"}, kinds
ids = [r["fields"]["id"] for r in doc["records"]]
assert ids == sorted(ids), ids
me = [r for r in doc["records"] if r["fields"]["id"] == "C-7K3QZ9AB"][0]
assert me["plain"] == ["/since", "/vip", "/tags/0"], me["plain"]
assert me["fields"]["score"] == 42 and me["fields"]["active"] is True and me["fields"]["nothing"] is None
' || fail "export json --kind contact"
ok
run crm -C ex export json --kind robot
assert_exit 2 "an unknown kind"
assert_err_contains "--kind robot is not a kind of record"

# --- import into a fresh directory: the same bytes --------------------------------------------
run crm init --git fresh
assert_exit 0
commits() { git -C fresh rev-list --count HEAD; }
base=$(commits)
run crm -C fresh import json "$T/all.json"
assert_exit 0 "import json"
records=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["records"]))' "$T/all.json")
assert_out_contains "$T/all.json: $records records created, 0 unchanged"
assert_eq $((base + 1)) "$(commits)" "one commit"
for folder in fresh/*/; do
  name=$(basename "$folder")
  [[ -d "ex/$name" ]] || continue
  diff -r "ex/$name" "fresh/$name" >&2 || fail "fresh/$name differs from examples/$name"
  ok
done
assert_eq "$(cat ex/contacts/C-7K3QZ9AB.yaml)" "$(cat fresh/contacts/C-7K3QZ9AB.yaml)"
run crm -C fresh check
assert_exit 0 "crm check on the imported directory"
run crm -C fresh export json
assert_eq "$(cat "$T/all.json")" "$OUT" "the imported directory exports the same document"

# Again: everything is unchanged, nothing written, no commit.
before=$(snapshot fresh)
run crm -C fresh import json "$T/all.json"
assert_exit 0 "import json again"
assert_out_contains "0 records created, $records unchanged"
assert_eq "$before" "$(snapshot fresh)"
assert_eq $((base + 1)) "$(commits)"

# A record that differs refuses the whole import, naming it.
sed -i 's/"Jonas Petersen"/"Jonas Peterson"/' fresh/contacts/C-4J53XE8V.yaml
rm fresh/contacts/C-7K3QZ9AB.yaml
before=$(snapshot fresh)
run crm -C fresh import json "$T/all.json"
assert_exit 1 "a record that differs"
assert_err_contains "contacts/C-4J53XE8V.yaml exists and differs from the record in $T/all.json; nothing was imported"
assert_eq "$before" "$(snapshot fresh)" "nothing written after a refusal"

# Standard input, and --dry-run.
run crm init stdin
run bash -c "$CRM_BIN -C stdin import json --dry-run - <'$T/all.json'"
assert_exit 0
assert_out_contains "standard input: $records records to create, 0 unchanged"
assert_eq "" "$(ls stdin/contacts)" "--dry-run writes nothing"

# --- hostile documents: refused, exit 2, nothing written ----------------------------------------
run crm init target
before=$(snapshot target)
refused() {
  local file="$1" message="$2"
  run crm -C target import json "$file"
  assert_exit 2 "$file"
  assert_err_contains "$message"
  assert_eq "$before" "$(snapshot target)" "nothing written for $file"
}
"$PY" - "$T" <<'EOF'
import sys
t = sys.argv[1]
open(t + "/deep.json", "w").write('{"crm_export": 1, "records": ' + "[" * 100000 + "]" * 100000 + "}")
data = open(t + "/all.json", "rb").read()
open(t + "/cut.json", "wb").write(data[: len(data) // 2])
open(t + "/utf8.json", "wb").write(data.replace(b"Jonas", b"Jo\xc3\x28nas", 1))
open(t + "/types.json", "w").write('{"crm_export": 1, "records": [{"kind": "contact", "fields": '
                                   '{"id": "C-7K3QZ9AB", "name": 12, "created": "2026-11-20T10:00:00+00:00"}}]}')
open(t + "/fields.json", "w").write('{"crm_export": 1, "records": [{"kind": "contact", "fields": []}]}')
open(t + "/path.json", "w").write('{"crm_export": 1, "records": [{"kind": "contact", "fields": '
                                  '{"id": "../../etc/passwd"}}]}')
open(t + "/dup.json", "w").write('{"crm_export": 1, "crm_export": 1, "records": []}')
open(t + "/other.json", "w").write('[{"id": "C-7K3QZ9AB"}]')
EOF
refused "$T/deep.json" "deep.json:1: nesting deeper than 12; nothing was imported"
refused "$T/cut.json" "cut.json:"
refused "$T/utf8.json" "a string that is not valid UTF-8; nothing was imported"
refused "$T/types.json" "C-7K3QZ9AB: \"name\" must be a string, not 12; nothing was imported"
refused "$T/fields.json" "a record needs \"fields\", an object"
refused "$T/path.json" "a contact needs an \"id\" such as C-7K3QZ9AB, not \"../../etc/passwd\""
refused "$T/dup.json" "the key \"crm_export\" appears twice in one object"
refused "$T/other.json" "the document must be an object"
refused "$T/no-such.json" "cannot read $T/no-such.json"

finish
