# The exit codes of DESIGN section 5: 0 done, 1 refused by a domain rule, 2 usage error, 3 reference
# not found or ambiguous, 4 invalid data, 5 lock not taken in time; CLI11's parse errors are 2.
# Errors go to stderr, first line "crm: error: ...", stdout stays empty.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

run crm lead add --name "Jan"
jan="$OUT"

error_shape() { # the last run failed the documented way: nothing on stdout, a message on stderr
  assert_out_empty
  [[ -n "$(head -n 1 "$ERR_FILE")" ]] || fail "stderr has no error line"
  ok
}
crm_error() { # ... and, for crm's own errors, the first line is "crm: error: WHAT"
  error_shape
  [[ "$(head -n 1 "$ERR_FILE")" == "crm: error: "?* ]] || fail "stderr does not start with 'crm: error: '"
  ok
}

# 0
run crm lead list
assert_exit 0 "a query"
run crm lead show "$jan"
assert_exit 0 "show"
run crm --help
assert_exit 0 "--help"
assert_out_contains "Usage"
run crm lead add --help
assert_exit 0 "lead add --help"
assert_out_contains "--name"
assert_out_contains "Example"

# 1: refused by a domain rule
run crm lead disqualify "$jan" --reason "gone"
assert_exit 0
run crm lead qualify "$jan"
assert_exit 1 "qualify a disqualified lead"
crm_error
assert_err_contains "crm: error: "
assert_err_contains "$jan"
assert_err_contains "disqualified"
run crm init .
assert_exit 1 "init over an existing crm.yaml"

# 2: usage errors
run crm lead add --name "X" --source nowhere
assert_exit 2 "a bad option value"
crm_error
run crm task add "$jan" --due "not a date" "x"
assert_exit 2 "a bad date"
crm_error
run crm lead add --name "X" --email "not-an-email"
assert_exit 2 "a bad email"
run crm lifecycle nothing
assert_exit 2 "an unknown lifecycle"
# CLI11's own parse errors map to 2.
run crm lead list --frobnicate
assert_exit 2 "an unknown option"
error_shape
run crm lead add --name
assert_exit 2 "an option missing its argument"
error_shape
run crm lead frobnicate
assert_exit 2 "an unknown subcommand"
error_shape
run crm frobnicate
assert_exit 2 "an unknown noun"
run crm
assert_exit 2 "no command at all"
run crm lead
assert_exit 2 "a noun without a verb"
run crm lead show
assert_exit 2 "a missing positional argument"
run crm lead show "$jan" extra
assert_exit 2 "an extra positional argument"
run crm --format xml lead list
assert_exit 2 "a bad --format"
run crm --color sometimes lead list
assert_exit 2 "a bad --color"
run crm --wait never lead add --name "X"
assert_exit 2 "a bad --wait"
run crm --today "the day after" lead list
assert_exit 2 "a bad --today"
CRM_TODAY="yesterdayish" run crm lead list
assert_exit 2 "a bad \$CRM_TODAY"
cd "$T" && mkdir -p nodata && cd nodata
run crm lead list
assert_exit 2 "no data directory"
crm_error
assert_err_contains "crm init"
cd "$T/data"

# 3: reference not found or ambiguous
run crm lead show L-ZZZZZZZZ
assert_exit 3 "an unknown ID"
crm_error
assert_err_contains "L-ZZZZZZZZ"
run crm account add --name "Twin"
run crm account add --name "Twin"
run crm account show "Twin"
assert_exit 3 "an ambiguous name"
crm_error
run crm contact add --name "Y" --account "Nobody"
assert_exit 3 "an unknown account"

# 4: invalid data in the directory
printf 'id: "L-BAD00000"\nstatus: [\n' >leads/L-BAD00000.yaml
run crm lead show L-BAD00000
assert_exit 4 "a broken file"
crm_error
assert_err_contains "leads/L-BAD00000.yaml"
run crm lead list
assert_exit 4 "a list over a broken file"
run crm check
assert_exit 4 "check with a problem"
rm leads/L-BAD00000.yaml
printf 'version: [\n' >crm.yaml
run crm lead list
assert_exit 4 "a broken crm.yaml"
assert_err_contains "crm.yaml"
cd "$T"
new_dir data2

# 5: the lock
mkfifo "$T/io/locked" "$T/io/release"
flock .crm/lock sh -c 'echo held >"$1"; read x <"$2"' sh "$T/io/locked" "$T/io/release" &
read -r _ <"$T/io/locked"
run crm --wait 0.2 lead add --name "Z"
assert_exit 5 "the lock is held"
crm_error
assert_err_contains "lock"
echo go >"$T/io/release"
wait

finish
