# Crash safety of a write that carries files (DESIGN section 7): `crm mail import` of a message
# with two attachments (an activity and two files under documents/), killed right after each of
# its durable file operations, leaves, once the next command has run, exactly the directory
# before the import or exactly the one after it: no activity without its files, no files
# without their activity, no temp file; and crm check passes.
source "$(dirname "$0")/lib.sh"
setup
MAIL="$E2E_DIR/mail"

new_dir before
run crm contact add --name "Jan Nowak" --email jan.nowak@acme.example
assert_exit 0
cd "$T"
before="$(snapshot before)"

rm -rf "$T/after"
cp -a "$T/before" "$T/after"
(cd "$T/after" && "$CRM_BIN" mail import "$MAIL/attachment.eml" >"$T/io/clean-out" 2>&1) ||
  fail "the clean import failed: $(cat "$T/io/clean-out")"
after="$(snapshot "$T/after")"
[[ "$(echo "$after" | grep -c '/documents/')" == 2 ]] || fail "the clean import stored no two files: $after"
ok

n=1
saw_before=0
saw_after=0
while :; do
  ((n <= 200)) || fail "still crashing after 200 file operations"
  rm -rf "$T/run"
  cp -a "$T/before" "$T/run"
  cd "$T/run"
  CRM_CRASH_AFTER=$n run crm mail import "$MAIL/attachment.eml"
  if [[ "$RC" == 0 ]]; then
    cd "$T"
    assert_eq "$after" "$(snapshot "$T/run")" "files after an import that did not crash (N=$n)"
    break
  fi
  assert_exit 86 "CRM_CRASH_AFTER=$n"
  run crm activity list
  assert_exit 0 "activity list after a crash at operation $n"
  cd "$T"
  state="$(snapshot "$T/run")"
  if [[ "$state" == "$before" ]]; then
    saw_before=1
  elif [[ "$state" == "$after" ]]; then
    saw_after=1
  else
    echo "--- after ---" >&2
    echo "$after" >&2
    echo "--- crash at $n, then activity list ---" >&2
    echo "$state" >&2
    fail "a crash after file operation $n left a mix of before and after"
  fi
  ok
  assert_eq "" "$(cd "$T/run" && find . -name '*.tmp' -o -name 'journal' -o -name 'journal.pending' | sort)" \
    "temp files or a journal after recovery from a crash at operation $n"
  run crm -C "$T/run" check
  assert_exit 0 "crm check after a crash at operation $n"
  # The import again files what the crash lost, or skips what it kept: either way, "after".
  run crm -C "$T/run" mail import "$MAIL/attachment.eml"
  assert_exit 0 "import again after a crash at operation $n"
  [[ "$(snapshot "$T/run")" == "$after" ]] || fail "the import after a crash at operation $n does not give the clean result"
  ok
  n=$((n + 1))
done
((saw_before && saw_after)) || fail "the crash points never showed both states (before: $saw_before, after: $saw_after)"
ok
finish
