# Crash safety of a multi-file command (DESIGN section 7): `lead convert` killed right after each
# of its durable file operations leaves, once the next command has run, exactly the directory
# before the conversion or exactly the one after it, never a mix; and crm check passes.
source "$(dirname "$0")/lib.sh"
setup

# The "before" directory: an account, a lead with some history, a task on it.
new_dir before
run crm --today 2026-11-20T09:00:00+00:00 account add --name "Existing Co"
run crm --today 2026-11-20T10:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme Sp. z o.o." \
  --email jan@acme.example --phone "+48 42 683 74 61" --source fair
assert_exit 0
lead="$OUT"
run crm --today 2026-11-21T10:00:00+00:00 lead contact "$lead"
run crm --today 2026-11-21T11:00:00+00:00 task add "$lead" --due friday "Send the brochure"
assert_exit 0
cd "$T"
before="$(snapshot before)"

# crash_case NAME CONVERT-ARGS...: the proof for one form of the convert.
crash_case() {
  local name="$1"
  shift
  # The "after" directory from a clean run with the same seed.
  rm -rf "$T/after"
  cp -a "$T/before" "$T/after"
  (cd "$T/after" && "$CRM_BIN" --today 2026-11-23T12:00:00+00:00 "$@" >"$T/io/clean-out" 2>&1) ||
    fail "$name: the clean convert failed: $(cat "$T/io/clean-out")"
  local after
  after="$(snapshot "$T/after")"
  [[ "$after" != "$before" ]] || fail "$name: the clean convert changed nothing"
  ok
  local created
  created="$(diff <(echo "$before" | awk '{print $2}') <(echo "$after" | awk '{print $2}') | grep -c '^>' || true)"

  local n=1 saw_before=0 saw_after=0 state
  while :; do
    ((n <= 200)) || fail "$name: still crashing after 200 file operations"
    rm -rf "$T/run"
    cp -a "$T/before" "$T/run"
    cd "$T/run"
    CRM_CRASH_AFTER=$n run crm --today 2026-11-23T12:00:00+00:00 "$@"
    if [[ "$RC" == 0 ]]; then
      cd "$T"
      assert_eq "$after" "$(snapshot "$T/run")" "$name: files after a convert that did not crash (N=$n)"
      break
    fi
    assert_exit 86 "$name: CRM_CRASH_AFTER=$n"
    # Any next command recovers.
    run crm lead list
    assert_exit 0 "$name: lead list after a crash at operation $n"
    cd "$T"
    state="$(snapshot "$T/run")"
    if [[ "$state" == "$before" ]]; then
      saw_before=1
    elif [[ "$state" == "$after" ]]; then
      saw_after=1
    else
      echo "--- before ---" >&2; echo "$before" >&2
      echo "--- after ---" >&2; echo "$after" >&2
      echo "--- crash at $n, then lead list ---" >&2; echo "$state" >&2
      fail "$name: a crash after file operation $n left a mix of before and after"
    fi
    ok
    # Nothing of the interrupted command is left behind: no journal, no temp files.
    assert_eq "" "$(cd "$T/run" && find . -path ./.crm -prune -o -name '*.tmp' -print | sort)" \
      "$name: temp files in record folders after recovery from a crash at operation $n"
    assert_eq "" "$(cd "$T/run" && find .crm -name 'journal' -o -name 'journal.pending' | sort)" \
      "$name: journal after recovery from a crash at operation $n"
    leftover="$(cd "$T/run" && find .crm -name '*.tmp' | sort)"
    if [[ -z "$leftover" ]]; then
      ok
    else
      # Regression (was a bug): a crash while journal.pending itself is being written (its temp file, before the
      # rename) leaves .crm/.journal.pending.PID-N.tmp for ever: recover() only looks for
      # journal and journal.pending, so no later command removes it.
      fail "$name: crash at operation $n leaves $leftover in .crm/ after recovery"
    fi
    run crm -C "$T/run" check
    assert_exit 0 "$name: crm check after a crash at operation $n"
    # A recovered "before" can still be converted, with the same result.
    if [[ "$state" == "$before" ]]; then
      (cd "$T/run" && "$CRM_BIN" --today 2026-11-23T12:00:00+00:00 "$@" >/dev/null 2>&1) ||
        fail "$name: convert after recovery from a crash at operation $n failed"
      assert_eq "$after" "$(snapshot "$T/run")" "$name: convert after recovery from a crash at $n"
    fi
    n=$((n + 1))
  done
  ((n > 2)) || fail "$name: the convert finished after $((n - 1)) file operations; the crash hook does not work"
  ok
  ((saw_before == 1 && saw_after == 1)) ||
    fail "$name: expected crashes to leave both states (before: $saw_before, after: $saw_after)"
  ok
  echo "$name: $((n - 1)) crash points, $created files created, every one before or after"
}

crash_case "lead convert" lead convert "$lead"
crash_case "lead convert --account" lead convert "$lead" --account "Existing Co"

# A reader never sees a half-written file: a crash during a single-file write leaves the old or
# the new file whole (no journal needed).
cp -a before single
cd single
n=1
while :; do
  ((n <= 50)) || fail "lead edit still crashing after 50 operations"
  rm -rf "$T/single-run" && cp -a "$T/single" "$T/single-run"
  CRM_CRASH_AFTER=$n run crm -C "$T/single-run" lead edit "$lead" --phone "+48 99"
  [[ "$RC" == 0 ]] && break
  assert_exit 86 "lead edit with CRM_CRASH_AFTER=$n"
  run crm -C "$T/single-run" lead show "$lead" --json
  assert_exit 0 "lead show after a crashed edit"
  phone="$(printf '%s' "$OUT" | json_get phone)"
  [[ "$phone" == "+48 42 683 74 61" || "$phone" == "+48 99" ]] || fail "phone after a crashed edit: $phone"
  ok
  leftover="$(cd "$T/single-run" && run crm lead add --name "Next mutation" && find . -name '*.tmp' | sort)"
  if [[ -z "$leftover" ]]; then
    ok
  else
    # Regression (was a bug): a crash between writing a single record's temp file and renaming it leaves the hidden
    # temp file (e.g. leads/.L-XXXXXXXX.yaml.PID-0.tmp) in the record folder for ever: no
    # journal names it, so neither the next query nor the next mutation removes it, and
    # `git add -A` would commit it.
    fail "lead edit crashed at operation $n leaves $leftover"
  fi
  n=$((n + 1))
done
cd "$T"

finish
