# Readers never fail because a writer is busy (DESIGN section 7): `crm check` run again and again
# beside a loop of mutations, one-file (`lead add`) and multi-file (`lead convert`, with its
# journal), must exit 0 every time: a writer's temp files, its journal and a record renamed
# over while check reads it are not problems.
source "$(dirname "$0")/lib.sh"
setup
new_dir data
for i in 1 2 3; do
  run crm lead add --name "Seed $i"
  assert_exit 0
done

# stress NAME LOOP-BODY: runs LOOP-BODY (a shell command) in a background loop until told to
# stop, and 50 `crm check` beside it.
stress() {
  local name="$1" body="$2"
  rm -f "$T/io/stop" "$T/io/writes"
  (
    cd "$T/data"
    i=0
    while [[ ! -e "$T/io/stop" ]]; do
      i=$((i + 1))
      eval "$body" >>"$T/io/writer-log" 2>&1 || echo "writer failed: $i" >>"$T/io/writer-log"
      echo "$i" >"$T/io/writes"
    done
  ) &
  local writer=$!
  # Let the writer get going.
  for _ in $(seq 100); do [[ -s "$T/io/writes" ]] && break; sleep 0.05; done
  local k failures=0
  for k in $(seq 50); do
    run crm check
    if [[ "$RC" != 0 ]]; then
      failures=$((failures + 1))
      echo "--- $name: check $k exited $RC:" >&2
      echo "$ERR" | head -5 >&2
    fi
  done
  touch "$T/io/stop"
  wait "$writer"
  local writes
  writes="$(cat "$T/io/writes")"
  echo "$name: 50 checks beside $writes writes, $failures failed"
  ((failures == 0)) || fail "$name: $failures of 50 checks failed beside the writer"
  ok
  ((writes >= 5)) || fail "$name: the writer made only $writes writes: the test proves little"
  ok
  if grep -q "writer failed" "$T/io/writer-log"; then
    cat "$T/io/writer-log" >&2
    fail "$name: a write failed"
  fi
  ok
}

stress "lead add" '"$CRM_BIN" lead add --name "Lead $i" --email "lead$i@example.invalid"'
# Each round adds a lead and converts it: four files through the journal.
stress "lead convert" 'l=$("$CRM_BIN" lead add --name "Buyer $i" --company "Firm $i") && "$CRM_BIN" lead convert "$l"'

run crm check
assert_exit 0 "check once the writers are done"
assert_eq "" "$(find . \( -name '*.tmp' -o -name journal -o -name journal.pending \) -print)" \
  "temp files or journals after the writers"
finish
