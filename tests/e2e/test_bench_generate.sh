# bench/generate (issue 11): every kind of the registry, a directory `crm check` finds clean,
# the same bytes for the same seed, and the lifecycles the benchmarks rely on.
source "$(dirname "$0")/lib.sh"
setup

build="$(dirname "$CRM_BIN")"
[[ -x $build/crm-bench-generate ]] ||
  fail "no $build/crm-bench-generate beside crm (ninja -C $build crm-bench-generate)"
generate() { BUILD_DIR="$build" bash "$CRM_SOURCE_DIR/bench/generate" "$@"; }
export CRM_TODAY=2026-12-02

run generate one 2000 --seed 11
assert_exit 0 "bench/generate one 2000 --seed 11"
total=$(find one -name '*.yaml' ! -name crm.yaml | wc -l)
assert_eq 2000 "$total" "the number of records asked for"

# Every kind's folder holds records: the folders `crm init` makes, one per kind of the registry.
run crm init fresh
assert_exit 0 "crm init fresh"
folders=$(cd fresh && find . -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n' | sort)
[[ -n $folders ]] || fail "no kind folders found"
for folder in $folders; do
  [[ -d one/$folder ]] || fail "no folder $folder"
  n=$(find "one/$folder" -name '*.yaml' | wc -l)
  ((n > 0)) || fail "$folder is empty"
  ok
done
for folder in contracts service-contracts service-requests service-orders confirmations solutions; do
  [[ $folders == *"$folder"* ]] || fail "crm's kinds lack $folder"
  ok
done
activities=$(find one/activities -name '*.yaml' | wc -l)
for folder in $folders; do
  n=$(find "one/$folder" -name '*.yaml' | wc -l)
  [[ $folder == activities ]] || ((n < activities)) || fail "$folder ($n) outnumbers activities ($activities)"
  ok
done

cd one
run crm check
assert_exit 0 "crm check of the generated directory"
assert_out_contains "no problems found"

count() { grep -l "^$2: \"$3\"" "$1"/*.yaml 2>/dev/null | wc -l; }
atleast() {  # atleast N FOLDER FIELD VALUE
  local n
  n=$(count "$2" "$3" "$4")
  ((n >= $1)) || fail "$2: only $n with $3 $4, expected at least $1"
  ok
}
for s in new contacted qualified converted disqualified; do atleast 5 leads status "$s"; done
for s in open won lost; do atleast 3 deals status "$s"; done
for s in qualification needs-analysis proposal negotiation; do atleast 3 deals stage "$s"; done
for s in sent accepted rejected superseded; do atleast 2 quotes status "$s"; done
n=$(grep -l '^revision: 2' quotes/*.yaml | wc -l)
((n >= 2)) || fail "only $n revised quotes"
ok
n=$(grep -l '^roles:' deals/*.yaml | wc -l)
((n >= 5)) || fail "only $n deals with a buying centre"
ok
for s in paid partially-paid issued; do atleast 1 invoices status "$s"; done
n=$(grep -l '^contract: "K-' orders/*.yaml | wc -l)
((n >= 1)) || fail "no release order of a sales contract"
ok
atleast 1 service-requests status solved
atleast 1 service-requests status escalated
atleast 1 service-orders status billed
atleast 1 confirmations status billed
n=$(grep -l '^confirmation: "CF-' invoices/*.yaml | wc -l)
((n >= 1)) || fail "no invoice of a service confirmation"
ok
n=$(grep -l '^documents:' ./*/*.yaml | wc -l)
((n >= 1)) || fail "no record with a linked document"
ok
for year in 2023 2024 2025 2026; do
  n=$(grep -l "^created: \"$year-" activities/*.yaml | wc -l)
  ((n >= 50)) || fail "only $n activities in $year"
  ok
done

# An overdue invoice shows in the receivables report; won deals in the sales report.
first_overdue() {  # the account of the first unpaid invoice past its due day
  local f due
  for f in invoices/*.yaml; do
    due=$(sed -n 's/^due: "\(.*\)"/\1/p' "$f")
    if grep -qE '^status: "(issued|partially-paid)"' "$f" && [[ $due < $CRM_TODAY ]]; then
      sed -n 's/^account: "\(.*\)"/\1/p' "$f"
      return 0
    fi
  done
}
overdue=$(first_overdue)
[[ -n $overdue ]] || fail "no overdue invoice"
ok
run crm report receivables
assert_exit 0 "report receivables"
assert_out_contains "$overdue"
won=$(grep -l '^status: "won"' deals/*.yaml)
won=${won%%$'\n'*}
run crm deal list --status won
assert_exit 0 "deal list --status won"
assert_out_contains "$(basename "$won" .yaml)"
cd ..

# The same seed gives the same bytes; another seed another directory.
run generate two 2000 --seed 11
assert_exit 0 "bench/generate two 2000 --seed 11"
# .crm/ is local state (the lock, the index the checks above built), not generated data.
diff -r --exclude=.crm one two >/dev/null || fail "the same seed gave different directories"
ok
run generate three 2000 --seed 12
assert_exit 0 "bench/generate three 2000 --seed 12"
if diff -rq one three >/dev/null; then fail "seeds 11 and 12 gave the same directory"; fi
ok

# The wrapper's usage.
run generate
assert_exit 2 "bench/generate without arguments"
assert_err_contains "usage: bench/generate DIR N [--seed S]"
run generate four ten
assert_exit 2 "bench/generate with N not a number"

finish
