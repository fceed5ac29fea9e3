# The mutation lock (DESIGN section 7): .crm/lock held by another process makes a mutation wait
# --wait seconds and exit 5 writing nothing; queries take no lock.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

run crm lead add --name "Jan Kowalski" --company Acme
assert_exit 0
jan="$OUT"
run crm task add "$jan" --due tomorrow "Call"
task="$OUT"

# Hold the lock in the background until told to stop (a FIFO makes the hand-over deterministic).
mkfifo "$T/io/locked" "$T/io/release"
flock .crm/lock sh -c 'echo held >"$1"; read x <"$2"' sh "$T/io/locked" "$T/io/release" &
holder=$!
read -r _ <"$T/io/locked"

before="$(snapshot .)"
start=$(date +%s%N)
run crm --wait 0.3 lead add --name "Blocked"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
assert_exit 5 "lead add while the lock is held"
assert_err_contains "lock"
((elapsed_ms >= 250)) || fail "lead add gave up after $elapsed_ms ms, before --wait 0.3 s"
ok
((elapsed_ms < 5000)) || fail "lead add waited $elapsed_ms ms with --wait 0.3"
ok
for args in "lead edit $jan --phone 1" "lead contact $jan" "lead convert $jan" "note add $jan note" \
  "task done $task" "account add --name Acme" "activity log $jan --type call --subject Hi"; do
  # shellcheck disable=SC2086
  run crm $args --wait 0.3
  assert_exit 5 "crm $args while the lock is held"
done
run crm --wait 0 lead qualify "$jan"
assert_exit 5 "--wait 0 while the lock is held"
assert_eq "$before" "$(snapshot .)" "files after mutations refused by the lock"
assert_eq "lock" "$(ls -A .crm)" "no journal or temp file in .crm/"

# Queries still work while the lock is held.
run crm lead list
assert_exit 0 "lead list while the lock is held"
assert_out_contains "$jan"
run crm lead show "$jan"
assert_exit 0 "lead show while the lock is held"
run crm timeline "$jan"
assert_exit 0 "timeline while the lock is held"
run crm check
assert_exit 0 "check while the lock is held"
# --dry-run writes nothing, so it needs no lock either.
run crm --dry-run --wait 0.3 lead add --name "Dry"
assert_exit 0 "--dry-run while the lock is held"
run crm --wait -1 lead add --name "Negative"
assert_exit 2 "--wait -1"
run crm --wait soon lead add --name "Words"
assert_exit 2 "--wait soon"

# A mutation waiting with a longer --wait gets the lock when it is released.
run crm --wait 0.1 lead add --name "Still blocked"
assert_exit 5
( sleep 0.3; echo go >"$T/io/release" ) &
run crm --wait 10 lead add --name "Waited"
assert_exit 0 "a mutation that waits for the lock"
wait "$holder" || true
assert_file_exists "leads/$OUT.yaml"

# The lock is released when crm exits: the next mutation goes straight through.
run crm --wait 0 lead add --name "After"
assert_exit 0 "a mutation after the lock was released"

finish
