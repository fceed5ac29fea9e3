# Every `$ crm ...` example of the pages listed in `docs` below (README.md, the user guide and
# every page of docs/ with examples; docs/lifecycles.md through its template) runs against the binary, on a
# pinned clock, user and ID seed, and prints what the page shows (tests/docs/run-doc-examples says how). When this fails after an intended change
# of crm's output:
#   CRM_BIN=build/crm tests/docs/run-doc-examples --update README.md docs/user-guide.md \
#     docs/lifecycles.md.in && CRM_BIN=build/crm docs/gen-lifecycles.py
# then read the diff and fix the prose around what changed.
source "$(dirname "$0")/lib.sh"
setup

RUNNER="$CRM_SOURCE_DIR/tests/docs/run-doc-examples"
failed=()
docs=(
  README.md
  docs/user-guide.md
  docs/lifecycles.md.in
  docs/reports.md
  docs/import.md
  docs/git.md
  docs/shell.md
  docs/privacy.md
  docs/documents.md
  docs/mail.md
  docs/mail-import.md
  docs/hooks.md
  docs/calls.md
)
for doc in "${docs[@]}"; do
  echo "== $doc"
  if "$PY" "$RUNNER" --crm "$CRM_BIN" "$CRM_SOURCE_DIR/$doc"; then
    ok
  else
    failed+=("$doc")
  fi
done
((${#failed[@]} == 0)) || fail "examples differ from what crm does in: ${failed[*]}"

# The runner itself: a wrong output and an exit status the page does not show are failures;
# `...` stands for any lines.
cat >"$T/bad.md" <<'DOC'
# A page with wrong examples

    $ crm lifecycle task | head -1
    task lifecycle (field: state)
    $ crm lifecycle nothing
    $ crm --version
    ...
    $ crm lifecycle task | head -2
    ...
    states: open, done, cancelled
DOC
run "$PY" "$RUNNER" --crm "$CRM_BIN" "$T/bad.md"
assert_exit 1 "the runner on a wrong page"
assert_out_contains "+task lifecycle (field: status; commands: crm task)"
assert_out_contains "exited 2, but the docs show no \`crm: error:\` line"
assert_out_contains "4 commands run, 4 outputs compared, 0 not compared (a program is missing), 0 commands in 0 skipped blocks, 2 failed"
finish
