# Shared by the I/O fault tests: I/O errors at every step of the write path (DESIGN section 7).
# With CRM_FAIL_AT=N:ERRNO the Nth file-system operation of a write fails. For every N of a one-file create, a one-file
# update and both forms of the multi-file `lead convert`, with ENOSPC (and EIO for a one-file
# and a multi-file write), the command either
#   - exits 0, printing the IDs, when the change happened (a failure after the commit point is a
#     `crm: warning:` on stderr), and the next command finishes it: the directory is then
#     exactly the one of a clean run; or
#   - exits 4 saying "nothing was written", and the directory is exactly as before, at once;
# and in both cases no temp file or journal is left once the next command has run, and
# `crm check` passes.
#
# Sourced by test_io_faults*.sh, after lib.sh: makes the "before" directory ($T/before, with
# $lead) and defines `sweep NAME ARGS...`, which proves the above for `crm ARGS...` with each
# errno of ERRNOS.
#
# Hundreds of writes, each fsyncing several files and folders: on a memory file system when
# there is one (the fsyncs are not what is tested; their failures are injected).
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi
setup

export CRM_TODAY=2026-11-23T12:00:00+00:00
new_dir before
run crm --today 2026-11-20T09:00:00+00:00 account add --name "Existing Co"
run crm --today 2026-11-20T10:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme" \
  --email jan@acme.example --phone "+48 42 683 74 61"
assert_exit 0
lead="$OUT"
run crm --today 2026-11-21T10:00:00+00:00 lead contact "$lead"
assert_exit 0
cd "$T"
before="$(snapshot before)"

# Leftovers of a write anywhere in DIR: temp files (also in .crm/) and journals.
leftovers() {
  (cd "$1" && find . \( -name '*.tmp' -o -name journal -o -name journal.pending \) -print | sort)
}

TOTAL_POINTS=0
FAILED_POINTS=0
# sweep NAME ARGS...: every injection point of `crm ARGS...` run in a copy of "before".
sweep() {
  local name="$1"
  shift
  rm -rf "$T/after" && cp -a "$T/before" "$T/after"
  (cd "$T/after" && "$CRM_BIN" "$@" >"$T/io/clean-out" 2>&1) ||
    fail "$name: the clean run failed: $(cat "$T/io/clean-out")"
  local after ids
  after="$(snapshot "$T/after")"
  ids="$(grep -v '^crm' "$T/io/clean-out" || true)"
  [[ "$after" != "$before" ]] || fail "$name: the clean run changed nothing"
  ok
  local errno n warned refused
  for errno in "${ERRNOS[@]}"; do
    n=1
    warned=0
    refused=0
    while :; do
      ((n <= 100)) || fail "$name: still failing at operation 100"
      rm -rf "$T/run" && cp -a "$T/before" "$T/run"
      cd "$T/run"
      CRM_FAIL_AT="$n:$errno" run crm "$@"
      cd "$T"
      if [[ "$ERR" != *"CRM_FAIL_AT: operation $n "* ]]; then
        # Past the last operation: a clean run.
        assert_exit 0 "$name: CRM_FAIL_AT=$n:$errno beyond the last operation"
        assert_eq "$after" "$(snapshot "$T/run")" "$name: a run with no failure"
        break
      fi
      TOTAL_POINTS=$((TOTAL_POINTS + 1))
      local what="$name, operation $n failing with $errno (${ERR%%$'\n'*})"
      if [[ "$RC" == 0 ]]; then
        # The change happened: the IDs are printed; any failure is a warning.
        assert_eq "$ids" "$OUT" "$what: stdout"
        assert_not_contains "$ERR" "crm: error" "$what: stderr"
        [[ "$ERR" == *"crm: warning:"* ]] && warned=$((warned + 1))
        run crm -C "$T/run" lead list
        assert_exit 0 "$what: lead list after it"
        assert_eq "$after" "$(snapshot "$T/run")" "$what: files once the next command has run"
      else
        refused=$((refused + 1))
        assert_exit 4 "$what"
        assert_contains "$ERR" "nothing was written" "$what: stderr"
        assert_out_empty
        assert_eq "$before" "$(snapshot "$T/run")" "$what: files right after it"
        assert_eq "" "$(leftovers "$T/run")" "$what: leftovers right after it"
      fi
      assert_eq "" "$(leftovers "$T/run")" "$what: leftovers"
      run crm -C "$T/run" check
      assert_exit 0 "$what: crm check after it"
      n=$((n + 1))
    done
    ((refused > 0)) || fail "$name: no failure with $errno refused the command"
    echo "$name with $errno: $((n - 1)) operations, $refused refused, $warned warned"
  done
}

