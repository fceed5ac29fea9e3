# crm lifecycle KIND [--dot] [--json] (DESIGN section 3). Needs no data directory.
source "$(dirname "$0")/lib.sh"
setup

run crm lifecycle lead
assert_exit 0 "lifecycle lead"
assert_out_golden lead.txt
run crm lifecycle task
assert_exit 0 "lifecycle task"
assert_out_golden task.txt

# --dot: a valid digraph with every state and every transition.
check_dot() { # $1: kind; stdin: the dot text; argv: states, then "--", then from>to pairs
  "$PY" -c '
import re, sys
text = sys.stdin.read()
kind = sys.argv[1]
args = sys.argv[2:]
sep = args.index("--")
states, edges = args[:sep], args[sep + 1:]
assert re.match(r"\s*digraph\s+(\w+|\"[^\"]*\")\s*\{", text), "no digraph header"
assert text.rstrip().endswith("}"), "no closing brace"
# Balanced braces and quotes, one statement per line ending in ; or { or }.
assert text.count("{") == text.count("}"), "unbalanced braces"
body = text[text.index("{") + 1:text.rindex("}")]
for line in body.splitlines():
    line = line.strip()
    if not line:
        continue
    assert line.count("\"") % 2 == 0, "unbalanced quotes: " + line
    assert line.endswith(";"), "statement without ;: " + line
    assert re.match(r"^(\w+\s*=\s*\w+|\"[^\"]*\"(\s*->\s*\"[^\"]*\")?(\s*\[[^\]]*\])?);$", line), \
        "not a dot statement: " + line
nodes = set(re.findall(r"^\s*\"([^\"]+)\"\s*(?:\[|;)", body, re.M))
for s in states:
    assert s in nodes, "state %s is not a node" % s
found = set(re.findall(r"\"([^\"]*)\"\s*->\s*\"([^\"]*)\"", body))
for e in edges:
    f, t = e.split(">")
    assert (f, t) in found, "missing edge %s -> %s" % (f, t)
' "$@"
}
run crm lifecycle lead --dot
assert_exit 0 "lifecycle lead --dot"
printf '%s' "$OUT" | check_dot lead new contacted qualified converted disqualified -- \
  new\>contacted new\>qualified contacted\>qualified new\>converted contacted\>converted \
  qualified\>converted new\>disqualified contacted\>disqualified qualified\>disqualified ||
  fail "lifecycle lead --dot is not the lead machine as a digraph"
ok
assert_out_golden lead.dot
if command -v dot >/dev/null 2>&1; then
  printf '%s' "$OUT" | dot -Tsvg >/dev/null || fail "dot rejects lifecycle lead --dot"
  ok
fi
run crm lifecycle task --dot
assert_exit 0 "lifecycle task --dot"
printf '%s' "$OUT" | check_dot task open done cancelled -- open\>done open\>cancelled ||
  fail "lifecycle task --dot is not the task machine as a digraph"
ok

# --json: the machine as data.
run crm lifecycle lead --json
assert_exit 0 "lifecycle lead --json"
printf '%s' "$OUT" | "$PY" -c '
import json, sys
m = json.load(sys.stdin)
assert m["kind"] == "lead", m
assert m["initial"] == "new"
assert m["states"] == ["new", "contacted", "qualified", "converted", "disqualified"], m["states"]
assert sorted(m["terminal"]) == ["converted", "disqualified"], m["terminal"]
t = {x["command"]: x for x in m["transitions"]}
assert set(t) == {"contact", "qualify", "disqualify", "convert"}, set(t)
assert t["contact"]["from"] == ["new"] and t["contact"]["to"] == "contacted"
assert sorted(t["convert"]["from"]) == ["contacted", "new", "qualified"], t["convert"]
assert t["convert"]["to"] == "converted"
assert t["disqualify"]["needs_reason"] is True
assert t["qualify"]["needs_reason"] is False
assert t["disqualify"]["to"] == "disqualified"
' || fail "lifecycle lead --json is not the lead machine"
ok
run crm --json lifecycle task
assert_exit 0 "--json lifecycle task"
printf '%s' "$OUT" | "$PY" -c '
import json, sys
m = json.load(sys.stdin)
assert m["kind"] == "task" and m["initial"] == "open", m
assert sorted(m["terminal"]) == ["cancelled", "done"], m
assert {(x["command"], x["to"]) for x in m["transitions"]} == {("done", "done"), ("cancel", "cancelled")}, m
' || fail "lifecycle task --json is not the task machine"
ok
run crm lifecycle lead --format yaml
assert_exit 0 "lifecycle lead --format yaml"
assert_eq new "$(printf '%s' "$OUT" | yaml_get initial)" "lifecycle --format yaml"

# Unknown kind: usage error naming the known ones.
run crm lifecycle deal-breaker
assert_exit 2 "lifecycle of an unknown kind"
assert_err_contains "deal-breaker"
assert_err_contains "lead"
run crm lifecycle
assert_exit 2 "lifecycle without KIND"

finish
