# Readers on a read-only directory (DESIGN section 7), even one that a crash left with a journal
# or a dirty mark: `lead convert` is killed after each of its durable file operations
# (CRM_CRASH_AFTER), the directory made read-only (`chmod -R a-w`), and then `lead list`, `lead
# show`, `timeline`, `deal list` and `check` work and show exactly the state before the
# conversion or exactly the one after it, all of them the same one; `lead add` is refused with a
# message that says the directory is read-only; and once it is writable again, the next command
# leaves the directory in the state the readers saw.
#
# root ignores file modes, so as root the read-only part runs as the user nobody (setpriv, else
# runuser), on a copy that nobody owns. When neither works the test says so loudly and skips.
source "$(dirname "$0")/lib.sh"
setup

AS=()
READER_BIN="$CRM_BIN"
if [[ "$(id -u)" == 0 ]]; then
  chmod 0755 "$T"
  # A copy nobody can reach: the build folder may be under a home that nobody cannot enter.
  mkdir -p "$T/bin" && cp "$CRM_BIN" "$T/bin/crm" && chmod 0755 "$T/bin" "$T/bin/crm"
  READER_BIN="$T/bin/crm"
  for candidate in "setpriv --reuid=65534 --regid=65534 --clear-groups" "runuser -u nobody --"; do
    read -r -a try <<<"$candidate"
    if "${try[@]}" "$READER_BIN" --version >/dev/null 2>&1 &&
      ! "${try[@]}" touch "$T/io/probe" 2>/dev/null; then
      AS=("${try[@]}")
      break
    fi
  done
  if ((${#AS[@]} == 0)); then
    echo "SKIP: test_read_only: running as root, and neither setpriv nor runuser can run $CRM_BIN" \
      "as the user nobody: read-only directories are NOT TESTED here" >&2
    finish
  fi
  echo "running the read-only part as nobody with: ${AS[*]}"
fi
# as_reader ARGS...: runs crm (the first word) as the reader, in the read-only copy.
as_reader() {
  local -a argv=("$@")
  argv[0]="$READER_BIN"
  run "${AS[@]}" env HOME="$T/home" "${argv[@]}"
}

export CRM_TODAY=2026-11-23T12:00:00+00:00
new_dir before
run crm --today 2026-11-20T09:00:00+00:00 account add --name "Existing Co"
run crm --today 2026-11-20T10:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme" \
  --email jan@acme.example --phone "+48 42 683 74 61"
assert_exit 0
lead="$OUT"
run crm --today 2026-11-21T10:00:00+00:00 lead contact "$lead"
run crm --today 2026-11-21T11:00:00+00:00 task add "$lead" --due friday "Send the brochure"
assert_exit 0
cd "$T"
rm -rf after && cp -a before after
(cd after && "$CRM_BIN" lead convert "$lead" >/dev/null) || fail "the clean convert failed"

# What the readers print, one command after the other.
view() {
  local dir="$1" out=""
  for args in "lead list --json" "lead show $lead --json" "timeline $lead" "deal list --json" \
    "account list --json" "contact list --json"; do
    # shellcheck disable=SC2086
    "$2" $args
    [[ "$RC" == 0 ]] || fail "crm $args in $dir exited $RC"
    ok
    out+="== $args"$'\n'"$OUT"$'\n'
  done
  printf '%s' "$out"
}
in_dir() { run crm -C "$VIEW_DIR" "$@"; }
as_reader_in_dir() { as_reader crm -C "$VIEW_DIR" "$@"; }
VIEW_DIR="$T/before" && want_before="$(view before in_dir)"
VIEW_DIR="$T/after" && want_after="$(view after in_dir)"
[[ "$want_before" != "$want_after" ]] || fail "the convert changed nothing the readers show"
ok
before="$(snapshot before)"
after="$(snapshot after)"

n=1
saw_before=0
saw_after=0
while :; do
  ((n <= 100)) || fail "still crashing after 100 file operations"
  rm -rf "$T/run" && cp -a "$T/before" "$T/run"
  CRM_CRASH_AFTER=$n run crm -C "$T/run" lead convert "$lead"
  [[ "$RC" == 0 ]] && break
  assert_exit 86 "CRM_CRASH_AFTER=$n"
  ((${#AS[@]} == 0)) || chown -R 65534:65534 "$T/run"
  "${AS[@]}" chmod -R a-w "$T/run"
  crashed="$(snapshot "$T/run")"

  VIEW_DIR="$T/run"
  seen="$(view run as_reader_in_dir)"
  if [[ "$seen" == "$want_before" ]]; then
    saw_before=1
    state="$before"
  elif [[ "$seen" == "$want_after" ]]; then
    saw_after=1
    state="$after"
  else
    diff <(echo "$want_before") <(echo "$seen") | head -20 >&2 || true
    fail "readers on a read-only directory crashed at operation $n see neither before nor after"
  fi
  ok
  as_reader crm -C "$T/run" check
  assert_exit 0 "check on a read-only directory crashed at operation $n"
  as_reader crm -C "$T/run" lead add --name "Refused"
  assert_exit 4 "lead add on a read-only directory crashed at operation $n"
  assert_err_contains "is read-only"
  assert_err_contains "nothing was written"
  assert_out_empty
  assert_eq "$crashed" "$(snapshot "$T/run")" "files after the readers (crash at $n)"

  # Writable again: the next command makes on disk the state the readers saw.
  chmod -R u+w "$T/run"
  run crm -C "$T/run" lead list
  assert_exit 0
  assert_eq "$state" "$(snapshot "$T/run")" "files once writable again (crash at $n)"
  n=$((n + 1))
done
((saw_before == 1 && saw_after == 1)) ||
  fail "expected crash points on both sides of the commit (before: $saw_before, after: $saw_after)"
ok
echo "$((n - 1)) crash points, each read consistently on a read-only directory"

# A clean read-only directory: queries work, mutations say why they cannot.
rm -rf "$T/run" && cp -a "$T/before" "$T/run"
((${#AS[@]} == 0)) || chown -R 65534:65534 "$T/run"
"${AS[@]}" chmod -R a-w "$T/run"
as_reader crm -C "$T/run" lead list
assert_exit 0
assert_eq "" "$ERR" "stderr of lead list on a clean read-only directory"
as_reader crm -C "$T/run" lead contact "$lead"
assert_exit 4
assert_err_contains "is read-only"
echo "refusal: $ERR"
finish
