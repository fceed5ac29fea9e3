# Shared helpers for the end-to-end tests: source it first thing in every tests/e2e/test_*.sh.
#
# Each test runs the real binary ($CRM_BIN) in a fresh temporary directory ($T) that is removed
# on exit, with a pinned user, clock, time zone and ID seed, so that the files crm writes are
# byte-for-byte reproducible and can be compared with golden files under tests/e2e/golden/.
#
#   run crm ARGS...     runs the binary; sets RC, OUT, ERR (and OUT_FILE, ERR_FILE)
#   step WHEN ARGS...   `crm --today WHEN ARGS...` must succeed and leave `crm check` clean
#   assert_exit CODE    the last run's exit code
#   assert_eq / assert_contains / assert_not_contains / assert_file_eq GOLDEN FILE ...
#   json_get PATH       reads a value from JSON on stdin (PATH like 0.history.1.field)
#   yaml_get PATH       the same for YAML, through /usr/bin/python3's yaml.safe_load
#   snapshot DIR        "sha256  path" of every file in DIR outside .crm/, sorted
#
# Test hooks of the binary (include/crm/store/files.h), unset by setup and set per command:
#   CRM_CRASH_AFTER=N      crm exits 86 right after its Nth durable file operation
#                          (test_crash_convert.sh, test_read_only.sh);
#   CRM_FAIL_AT=N:ERRNO    the Nth file-system operation of the write path (lock, dirty mark,
#                          temp open/write/fsync/close, rename, folder open/fsync, unlink, mkdir)
#                          fails with ERRNO (ENOSPC, EIO, EACCES, EROFS, ... or a number); stderr
#                          then has "crm: CRM_FAIL_AT: operation N (...)" (test_io_faults.sh).
#
# Standalone: CRM_BIN=build-e2e/crm CRM_SOURCE_DIR=$PWD bash tests/e2e/test_leads.sh
# To regenerate golden files after an intended change: CRM_UPDATE_GOLDEN=1 (then review the diff).

set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${CRM_SOURCE_DIR:=$(cd "$E2E_DIR/../.." && pwd)}"
: "${CRM_BIN:=$CRM_SOURCE_DIR/build-e2e/crm}"
if [[ "$CRM_BIN" != /* ]]; then CRM_BIN="$PWD/$CRM_BIN"; fi
if [[ ! -x "$CRM_BIN" ]]; then
  echo "FAIL: CRM_BIN=$CRM_BIN is not an executable (build crm first)" >&2
  exit 1
fi
PY=/usr/bin/python3

TEST_NAME="$(basename "$0" .sh)"
TOPIC="${TEST_NAME#test_}"
GOLDEN_DIR="$E2E_DIR/golden/$TOPIC"

ASSERTIONS=0
LAST_CMD=""
RC=0
OUT=""
ERR=""

# --- setup ---------------------------------------------------------------------------------

_cleanup() {
  local rc=$?
  # Background helpers (lock holders) must not outlive the test.
  local job
  for job in $(jobs -p); do kill "$job" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "${T:-}" && -d "$T" ]]; then
    chmod -R u+rwx "$T" 2>/dev/null || true
    rm -rf "$T"
  fi
  return $rc
}

# Makes the fresh temporary directory $T, with $T/io for captured output and a private HOME
# (so that neither the user's git config nor ~/.config leaks in), and pins the environment.
setup() {
  T="$(mktemp -d "${TMPDIR:-/tmp}/crm-e2e-$TOPIC.XXXXXX")"
  trap _cleanup EXIT
  mkdir -p "$T/io" "$T/home"
  printf '[user]\n\tname = E2E Tester\n\temail = e2e@example.invalid\n[init]\n\tdefaultBranch = main\n' \
    >"$T/home/.gitconfig"
  export HOME="$T/home"
  export CRM_USER=tester TZ=UTC NO_COLOR=1 CRM_TODAY=2026-11-23 LC_ALL=C.UTF-8
  export CRM_ID_SEED="e2e-$TOPIC"
  unset CRM_DIR CRM_CRASH_AFTER CRM_FAIL_AT GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE || true
  # Sanitizer builds: any report is a failure, and a crash is never mistaken for an exit code.
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:exitcode=199"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}:halt_on_error=1:exitcode=199"
  cd "$T"
}

# `crm init DIR` and cd into it; fails the test if init fails.
new_dir() {
  local dir="$1"
  run crm init "$dir"
  assert_exit 0 "crm init $dir"
  cd "$dir"
}

# --- running crm -----------------------------------------------------------------------------

# run crm ARGS... : runs $CRM_BIN (the word "crm" is replaced by it) and captures stdout, stderr
# and the exit code. Never fails by itself, except on a crash (exit >= 128) or a sanitizer
# report, which no input may cause.
run() {
  local -a argv=("$@")
  if [[ "${argv[0]}" == crm ]]; then argv[0]="$CRM_BIN"; fi
  LAST_CMD="$(printf '%q ' "$@")"
  OUT_FILE="$T/io/out"
  ERR_FILE="$T/io/err"
  set +e
  "${argv[@]}" >"$OUT_FILE" 2>"$ERR_FILE" </dev/null
  RC=$?
  set -e
  OUT="$(cat "$OUT_FILE")"
  ERR="$(cat "$ERR_FILE")"
  if ((RC >= 128 && RC != 199)); then
    fail "crashed with exit code $RC (signal $((RC - 128)))"
  fi
  if ((RC == 199)) || grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:' "$ERR_FILE"; then
    fail "sanitizer report"
  fi
  return 0
}

# --- assertions ------------------------------------------------------------------------------

fail() {
  {
    echo "FAIL: $TEST_NAME: $*"
    if [[ -n "$LAST_CMD" ]]; then
      echo "  last command: $LAST_CMD"
      echo "  exit code:    $RC"
      echo "  --- stdout (first 40 lines) ---"
      head -n 40 "$T/io/out" 2>/dev/null | sed 's/^/  | /' || true
      echo "  --- stderr (first 40 lines) ---"
      head -n 40 "$T/io/err" 2>/dev/null | sed 's/^/  | /' || true
    fi
    echo "  at: ${BASH_SOURCE[2]:-?}:${BASH_LINENO[1]:-?}"
  } >&2
  exit 1
}

ok() { ASSERTIONS=$((ASSERTIONS + 1)); }


# step WHEN ARGS...: `crm --today WHEN ARGS...` succeeds, and `crm check` stays clean after it.
# OUT, ERR and LAST_CMD are the step's own afterwards.
step() {
  local when="$1"
  shift
  run crm --today "$when" "$@"
  assert_exit 0 "$*"
  local out="$OUT" err="$ERR" cmd="$LAST_CMD"
  run crm --today "$when" check
  assert_exit 0 "crm check after: $cmd"
  OUT="$out" ERR="$err" LAST_CMD="$cmd"
}

assert_exit() {
  local want="$1" what="${2:-}"
  [[ "$RC" == "$want" ]] || fail "expected exit code $want, got $RC${what:+ ($what)}"
  ok
}

assert_eq() {
  local want="$1" got="$2" what="${3:-value}"
  if [[ "$want" != "$got" ]]; then
    fail "$what: expected [$want], got [$got]"
  fi
  ok
}

assert_contains() {
  local haystack="$1" needle="$2" what="${3:-text}"
  [[ "$haystack" == *"$needle"* ]] || fail "$what does not contain [$needle]; it is: [$haystack]"
  ok
}

assert_not_contains() {
  local haystack="$1" needle="$2" what="${3:-text}"
  [[ "$haystack" != *"$needle"* ]] || fail "$what contains [$needle] but must not; it is: [$haystack]"
  ok
}

assert_out_contains() { assert_contains "$OUT" "$1" "stdout"; }
assert_err_contains() { assert_contains "$ERR" "$1" "stderr"; }
assert_out_empty() { [[ -z "$OUT" ]] || fail "stdout should be empty, it is: [$OUT]"; ok; }

assert_file_exists() { [[ -f "$1" ]] || fail "missing file $1"; ok; }
assert_no_file() { [[ ! -e "$1" && ! -L "$1" ]] || fail "file $1 should not exist"; ok; }

# assert_file_eq GOLDEN FILE: FILE's bytes equal tests/e2e/golden/<topic>/GOLDEN's.
# With CRM_UPDATE_GOLDEN=1 the golden file is (re)written instead.
assert_file_eq() {
  local golden="$GOLDEN_DIR/$1" actual="$2"
  [[ -f "$actual" ]] || fail "missing file $actual (to compare with golden $1)"
  if [[ "${CRM_UPDATE_GOLDEN:-}" == 1 ]]; then
    mkdir -p "$(dirname "$golden")"
    cp "$actual" "$golden"
    echo "updated golden $1"
  fi
  [[ -f "$golden" ]] || fail "missing golden file $golden (run with CRM_UPDATE_GOLDEN=1 to create it)"
  if ! cmp -s "$golden" "$actual"; then
    echo "--- diff golden/$TOPIC/$1 $actual ---" >&2
    diff -u "$golden" "$actual" | head -n 60 >&2 || true
    fail "$actual differs from golden $1"
  fi
  ok
}

# assert_out_golden GOLDEN: the last run's stdout equals the golden file.
assert_out_golden() {
  assert_file_eq "$1" "$OUT_FILE"
}

# --- parsing ---------------------------------------------------------------------------------

# json_get PATH < JSON: prints the value at PATH (keys and list indexes joined by dots; "" or
# "." for the whole document). Strings print raw, everything else as JSON; a missing path
# prints nothing and fails.
json_get() {
  "$PY" -c '
import json, sys
doc = json.load(sys.stdin)
path = sys.argv[1]
for part in [p for p in path.split(".") if p != ""]:
    if isinstance(doc, list):
        doc = doc[int(part)]
    elif isinstance(doc, dict):
        doc = doc[part]
    else:
        raise SystemExit("json_get: cannot index a scalar with " + part)
print(doc if isinstance(doc, str) else json.dumps(doc))
' "$1" || { echo "FAIL: $TEST_NAME: json_get $1: not found or not JSON" >&2; return 1; }
}

# yaml_get PATH < YAML: like json_get, through yaml.safe_load. Non-strings print as
# "<type>:<json>" so that a retyped value (int, bool, float) shows.
yaml_get() {
  "$PY" -c '
import json, sys, yaml
doc = yaml.safe_load(sys.stdin)
for part in [p for p in sys.argv[1].split(".") if p != ""]:
    doc = doc[int(part)] if isinstance(doc, list) else doc[part]
if isinstance(doc, str):
    print(doc)
else:
    print(type(doc).__name__ + ":" + json.dumps(doc, default=str))
' "$1" || { echo "FAIL: $TEST_NAME: yaml_get $1: not found or not YAML" >&2; return 1; }
}

# json_valid: fails the test unless stdin is one JSON document.
assert_json() {
  local what="${2:-stdout}"
  printf '%s' "$1" | "$PY" -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null ||
    fail "$what is not valid JSON: [$1]"
  ok
}

# --- files -----------------------------------------------------------------------------------

# snapshot DIR: one "sha256  ./path" line per regular file or symlink under DIR, except .crm/.
snapshot() {
  (cd "$1" && find . \( -type f -o -type l \) -not -path './.crm/*' -print0 | sort -z |
    xargs -0 -r sha256sum)
}

# --- the end ---------------------------------------------------------------------------------

finish() {
  echo "PASS: $TEST_NAME: $ASSERTIONS assertions"
  exit 0
}

# --- helpers for the sales tests (issue 3) ---------------------------------------------------------

# json_eval EXPR < JSON: evaluates the Python expression EXPR with the document bound to `d` and
# prints the result (strings raw, everything else as JSON), e.g.
#   json_eval '[l["sku"] for l in d["lines"]]'   or   json_eval 'len(d)'
json_eval() {
  "$PY" -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1], {"d": d, "json": json})
print(v if isinstance(v, str) else json.dumps(v))
' "$1" || { echo "FAIL: $TEST_NAME: json_eval $1: not JSON, or the expression fails" >&2; return 1; }
}

# soft ASSERTION ARGS...: runs one assert_* helper (or fail) but does not stop the test when it
# fails: the failure is reported at once, remembered, and finish_soft then fails the test. For
# checks of known crm bugs, so that one bug does not hide the rest of a test's assertions.
SOFT_FAILURES=()
soft() {
  local where="${BASH_SOURCE[1]:-?}:${BASH_LINENO[0]:-?}"
  if ("$@"); then
    ok
  else
    echo "  (that was a soft assertion at $where; the test goes on)" >&2
    SOFT_FAILURES+=("$where: $1 (${*: -1})")
  fi
}

# finish_soft: like finish, but fails the test when a `soft` assertion failed.
finish_soft() {
  if ((${#SOFT_FAILURES[@]} > 0)); then
    {
      echo "FAIL: $TEST_NAME: ${#SOFT_FAILURES[@]} assertion(s) failed (all the others passed):"
      printf '  %s\n' "${SOFT_FAILURES[@]}"
    } >&2
    exit 1
  fi
  finish
}
