# docs/lifecycles.md is what docs/gen-lifecycles.py makes of docs/lifecycles.md.in and the output
# of `crm lifecycle` for every kind the binary knows. When this fails, the machines changed (or
# the template did): run `CRM_BIN=build/crm docs/gen-lifecycles.py`, review the diff, commit.
source "$(dirname "$0")/lib.sh"
setup

GEN="$CRM_SOURCE_DIR/docs/gen-lifecycles.py"
[[ -f "$GEN" ]] || fail "missing $GEN"

set +e
CRM_BIN="$CRM_BIN" "$PY" "$GEN" --check >"$T/io/out" 2>"$T/io/err"
RC=$?
set -e
cat "$T/io/out" "$T/io/err"
((RC == 0)) || fail "docs/lifecycles.md is stale (exit $RC); see the diff above"
ok

# The check must also catch a stale page: a copy of the generator beside a changed page fails.
mkdir -p "$T/docs"
cp "$GEN" "$CRM_SOURCE_DIR/docs/lifecycles.md.in" "$T/docs/"
sed 's/^    states: new, contacted, qualified, converted, disqualified$/    states: new/' \
  "$CRM_SOURCE_DIR/docs/lifecycles.md" >"$T/docs/lifecycles.md"
run env CRM_BIN="$CRM_BIN" "$PY" "$T/docs/gen-lifecycles.py" --check
assert_exit 1 "gen-lifecycles --check on a stale page"
assert_out_contains "-    states: new"
finish
