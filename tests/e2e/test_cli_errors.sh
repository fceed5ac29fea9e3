# Usage errors from the command-line parser (DESIGN section 5): exit 2, nothing on stdout, and on
# stderr exactly crm's two lines, "crm: error: WHAT" then "hint: WHAT TO DO"; a mistyped command
# word or option is named, with the nearest real one suggested when it is close.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# usage_error: the last run failed as a usage error, in crm's shape and not CLI11's.
usage_error() {
  local what="$1"
  assert_exit 2 "$what"
  assert_out_empty
  assert_eq 2 "$(wc -l <"$ERR_FILE")" "number of stderr lines ($what)"
  [[ "$(sed -n 1p "$ERR_FILE")" == "crm: error: "?* ]] || fail "first line is not 'crm: error: ...' ($what)"
  ok
  [[ "$(sed -n 2p "$ERR_FILE")" == "hint: "?* ]] || fail "second line is not 'hint: ...' ($what)"
  ok
  assert_not_contains "$ERR" "Run with --help" "stderr ($what)"
}
err_line() { sed -n "${1}p" "$ERR_FILE"; }

# --- 1. an unknown command word is named, and the nearest one suggested -------------------------
run crm leed list
usage_error "a mistyped noun"
assert_eq "crm: error: unknown command 'leed'" "$(err_line 1)" "crm leed list"
assert_eq "hint: did you mean 'lead'?" "$(err_line 2)" "crm leed list"
run crm leed
usage_error "a mistyped noun alone"
assert_eq "hint: did you mean 'lead'?" "$(err_line 2)" "crm leed"
run crm contcat list
usage_error "a noun with two letters swapped"
assert_eq "hint: did you mean 'contact'?" "$(err_line 2)" "crm contcat list"

run crm lead lsit
usage_error "a mistyped verb"
assert_contains "$(err_line 1)" "unknown command 'lsit'" "crm lead lsit"
assert_contains "$(err_line 1)" "crm lead" "crm lead lsit"
assert_eq "hint: did you mean 'list'?" "$(err_line 2)" "crm lead lsit"
run crm lead lsit --json
usage_error "a mistyped verb, a global option after it"
assert_eq "hint: did you mean 'list'?" "$(err_line 2)" "crm lead lsit --json"
run crm lead qual
usage_error "an abbreviated verb"
assert_eq "hint: did you mean 'qualify'?" "$(err_line 2)" "crm lead qual"

run crm service ordr list
usage_error "a mistyped word at the second level"
assert_contains "$(err_line 1)" "unknown command 'ordr'" "crm service ordr list"
assert_eq "hint: did you mean 'order'?" "$(err_line 2)" "crm service ordr list"
run crm service order lsit
usage_error "a mistyped word at the third level"
assert_contains "$(err_line 1)" "unknown command 'lsit'" "crm service order lsit"
assert_eq "hint: did you mean 'list'?" "$(err_line 2)" "crm service order lsit"

# Nothing close: no guess, the words that exist instead.
run crm frobnicate
usage_error "an unknown noun"
assert_eq "crm: error: unknown command 'frobnicate'" "$(err_line 1)" "crm frobnicate"
assert_not_contains "$ERR" "did you mean" "crm frobnicate"
assert_contains "$(err_line 2)" "lead, account, contact" "crm frobnicate"
run crm lead frobnicate
usage_error "an unknown verb"
assert_contains "$(err_line 1)" "unknown command 'frobnicate'" "crm lead frobnicate"
assert_not_contains "$ERR" "did you mean" "crm lead frobnicate"
assert_contains "$(err_line 2)" "add, list, show" "crm lead frobnicate"

# A missing command word lists the ones there are.
run crm lead
usage_error "a noun without a verb"
assert_contains "$(err_line 1)" "add, list, show" "crm lead"
assert_eq "hint: see crm lead --help" "$(err_line 2)" "crm lead"
run crm
usage_error "no command at all"

# An unknown option is named, with the nearest real one when close.
run crm lead list --frob
usage_error "an unknown option"
assert_contains "$(err_line 1)" "unknown option '--frob'" "crm lead list --frob"
assert_eq "hint: see crm lead list --help" "$(err_line 2)" "crm lead list --frob"
run crm lead list --onwer=anna
usage_error "a mistyped option with its value"
assert_contains "$(err_line 1)" "unknown option '--onwer'" "crm lead list --onwer=anna"
assert_eq "hint: did you mean '--owner'?" "$(err_line 2)" "crm lead list --onwer=anna"
run crm lead add --nmae "Jan"
usage_error "a mistyped option of add"
assert_contains "$(err_line 1)" "unknown option '--nmae'" "crm lead add --nmae"
assert_eq "hint: did you mean '--name'?" "$(err_line 2)" "crm lead add --nmae"
run crm --frob lead list
usage_error "an unknown option before the command words"
assert_contains "$(err_line 1)" "unknown option '--frob'" "crm --frob lead list"

# The suggestions are right: what they suggest works, global options after the words too.
run crm lead list --json
assert_exit 0 "crm lead list --json"
run crm service order list
assert_exit 0 "crm service order list"

# --- 2. every parser error in crm's shape -------------------------------------------------------
run crm lead add --name
usage_error "an option missing its value"
assert_contains "$(err_line 1)" "--name" "crm lead add --name"
assert_eq "hint: see crm lead add --help" "$(err_line 2)" "crm lead add --name"
run crm lead show
usage_error "a missing positional argument"
assert_contains "$(err_line 1)" "REF" "crm lead show"
assert_eq "hint: see crm lead show --help" "$(err_line 2)" "crm lead show"
run crm lead show L-ZZZZZZZZ extra
usage_error "an extra positional argument"
assert_contains "$(err_line 1)" "'extra'" "crm lead show L-ZZZZZZZZ extra"
run crm --format xml lead list
usage_error "a bad --format"
assert_contains "$(err_line 1)" "xml" "crm --format xml"
assert_eq "hint: see crm --help" "$(err_line 2)" "a global option's help is crm --help"
run crm lead list --color sometimes
usage_error "a bad --color after the command words"
assert_contains "$(err_line 1)" "sometimes" "--color sometimes"
run crm --wait never lead list
usage_error "a --wait that is not a number"
run crm lifecycle
usage_error "lifecycle without KIND"

# --help and --version still print to stdout and succeed.
run crm --help
assert_exit 0 "crm --help"
assert_out_contains "Usage"
assert_eq "" "$ERR" "stderr of crm --help"
run crm lead add --help
assert_exit 0 "crm lead add --help"
assert_out_contains "--name"
assert_eq "" "$ERR" "stderr of crm lead add --help"
run crm --version
assert_exit 0 "crm --version"
assert_out_contains "crm "
assert_eq "" "$ERR" "stderr of crm --version"

# --- 3. options a new record must have are required by the parser, and say so in the help -----
before="$(snapshot .)"
run crm lead add
usage_error "lead add without --name"
assert_eq "crm: error: --name is required" "$(err_line 1)" "crm lead add"
assert_eq "hint: see crm lead add --help" "$(err_line 2)" "crm lead add"
run crm lead add --company Acme
usage_error "lead add with a company but no --name"
assert_contains "$(err_line 1)" "--name" "crm lead add --company Acme"
run crm account add --phone 1
usage_error "account add without --name"
assert_contains "$(err_line 1)" "--name is required" "crm account add"
run crm contact add --title CFO
usage_error "contact add without --name"
assert_contains "$(err_line 1)" "--name is required" "crm contact add"
run crm product add --name Valve --price 3.00
usage_error "product add without --sku"
assert_contains "$(err_line 1)" "--sku is required" "product add without --sku"
run crm product add --sku VALVE-1 --price 3.00
usage_error "product add without --name"
assert_contains "$(err_line 1)" "--name is required" "product add without --name"
run crm product add --sku VALVE-1 --name Valve
usage_error "product add without --price"
assert_contains "$(err_line 1)" "--price is required" "product add without --price"
assert_eq "$before" "$(snapshot .)" "files after the refused adds"

help_line() { printf '%s\n' "$OUT" | grep -E -- "^ +$1 " || true; }
for cmd in "lead add:--name" "account add:--name" "contact add:--name" "product add:--sku" \
  "product add:--name" "product add:--price"; do
  words="${cmd%%:*}" option="${cmd#*:}"
  run crm $words --help
  assert_exit 0 "crm $words --help"
  assert_contains "$(help_line "$option")" "REQUIRED" "crm $words --help, the line of $option"
done
# edit changes what it is given: nothing is required there.
for noun in lead account contact product; do
  run crm "$noun" edit --help
  assert_exit 0 "crm $noun edit --help"
  assert_contains "$(help_line --name)" "--name" "crm $noun edit --help"
  assert_not_contains "$(help_line --name)" "REQUIRED" "crm $noun edit --help, the line of --name"
done
# What is marked required works when given.
run crm lead add --name "Jan"
assert_exit 0 "lead add --name"
run crm lead edit "$OUT" --phone "+48 1"
assert_exit 0 "lead edit without --name"

# --- 4. --wait is a finite number of seconds from 0 to 86400 -------------------------------------
before="$(snapshot .)"
for wait in nan NaN -nan inf -inf infinity 1e999 86401 -1 never ""; do
  run crm --wait "$wait" lead list
  usage_error "--wait '$wait'"
  assert_contains "$(err_line 1)" "--wait" "--wait '$wait'"
  assert_contains "$(err_line 1)" "0 to 86400" "--wait '$wait'"
  run crm lead add --name "Waiter" --wait "$wait"
  usage_error "lead add --wait '$wait'"
done
assert_eq "$before" "$(snapshot .)" "files after mutations with a bad --wait"
for wait in 0 0.5 86400; do
  run crm --wait "$wait" lead list
  assert_exit 0 "--wait $wait"
done
run crm --dry-run lead add --name "Waiter" --wait 1.5
assert_exit 0 "lead add --wait 1.5"

# --- 5. crm lifecycle KIND --format csv: one row per transition, the same data as --json ---------
run crm lifecycle lead --format csv
assert_exit 0 "lifecycle lead --format csv"
assert_eq "$(printf 'command,from,to,needs_reason,by,guards\r')" "$(head -n 1 "$OUT_FILE")" "the csv header"
assert_contains "$OUT" "disqualify,new|contacted|qualified,disqualified,true,," "the csv of lead"
assert_not_contains "$OUT" "lifecycle (field" "lifecycle lead --format csv"
for kind in lead task deal quote order contract invoice service-contract service-request \
  service-order confirmation; do
  run crm lifecycle "$kind" --json
  assert_exit 0 "lifecycle $kind --json"
  cp "$OUT_FILE" "$T/io/machine.json"
  run crm --format csv lifecycle "$kind"
  assert_exit 0 "lifecycle $kind --format csv"
  "$PY" - "$T/io/machine.json" "$OUT_FILE" <<'PYEOF' || fail "lifecycle $kind --format csv is not its transitions"
import csv, json, sys
machine = json.load(open(sys.argv[1]))
with open(sys.argv[2], newline="") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["command", "from", "to", "needs_reason", "by", "guards"], rows[0]
want = [[t["command"], "|".join(t["from"]), t["to"], "true" if t["needs_reason"] else "false",
         t["by"], "|".join(t["guards"])] for t in machine["transitions"]]
assert rows[1:] == want, (rows[1:], want)
PYEOF
  ok
done
# The table for people and --dot are unchanged; YAML as before.
run crm lifecycle quote --format csv
assert_contains "$OUT" "expire,sent,expired,false,derived: a sent quote past valid_until," "a transition crm fires itself"
run crm lifecycle deal --format csv
assert_contains "$OUT" "win,open,won,false,,needs an accepted quote" "a guard in the csv"
run crm lifecycle lead
assert_contains "$OUT" "lead lifecycle (field: status; commands: crm lead)" "lifecycle lead as a table"
run crm lifecycle lead --format table
assert_contains "$OUT" "lead lifecycle (field: status; commands: crm lead)" "lifecycle lead --format table"
run crm lifecycle lead --format csv --dot
assert_contains "$OUT" "digraph" "--dot wins over --format"
run crm lifecycle lead --format yaml
assert_eq new "$(printf '%s' "$OUT" | yaml_get initial)" "lifecycle --format yaml"

finish
