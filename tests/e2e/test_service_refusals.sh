# The refusals of the service commands (issue 4, DESIGN sections 3 and 5): each exits with its
# code (1 refused by a rule, 2 usage error, 3 reference not found), says why on stderr, prints
# nothing on stdout and leaves every file as it was.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# refused CODE ARGS...: `crm ARGS...` exits CODE with a message on stderr, and no file changes.
refused() {
  local code="$1"
  shift
  local before
  before="$(snapshot .)"
  run crm --today 2026-11-15T10:00:00+00:00 "$@"
  assert_exit "$code" "$*"
  [[ -n "$ERR" ]] || fail "no message on stderr for a refusal"
  ok
  assert_out_empty
  assert_eq "$before" "$(snapshot .)" "files after the refused: $*"
  local out="$OUT" err="$ERR" rc="$RC" cmd="$LAST_CMD"
  run crm check
  assert_exit 0 "crm check after the refused: $*"
  OUT="$out" ERR="$err" RC="$rc" LAST_CMD="$cmd"
}
ACCT="Nordwind Logistik GmbH"

step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 999.00
step 2026-11-02T08:01:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" --price 12.45 --kind part
step 2026-11-02T08:02:00+00:00 account add --name "$ACCT"
step 2026-11-02T08:10:00+00:00 service contract add --account "$ACCT" --rate 95.00 --included-hours 4 \
  --period month --parts-coverage 50 --response-hours 8 --from 2026-11-01
read -r contract _ <<<"$OUT"
step 2026-11-02T09:00:00+00:00 kb add --title "Seal leak" --symptoms "water under the pump" \
  --resolution "Replace SEAL-7" --product PUMP-200
kb="$OUT"
# An open request; an escalated one whose order is only assigned; one whose order is in progress
# and confirmed, then invoiced.
step 2026-11-03T09:00:00+00:00 service request add --account "$ACCT" --summary "pump leaking"
read -r open_req _ <<<"$OUT"
step 2026-11-03T10:00:00+00:00 service request add --account "$ACCT" --summary "pump does not start"
read -r req2 _ <<<"$OUT"
step 2026-11-03T10:10:00+00:00 service request escalate "$req2"
assigned="$(printf '%s\n' "$OUT" | grep -o '^SV-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
step 2026-11-03T10:20:00+00:00 service order assign "$assigned" --to tom --date 2026-11-04
step 2026-11-03T11:00:00+00:00 service request add --account "$ACCT" --summary "valve stuck"
read -r req3 _ <<<"$OUT"
step 2026-11-03T11:10:00+00:00 service request escalate "$req3"
working="$(printf '%s\n' "$OUT" | grep -o '^SV-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
step 2026-11-03T11:20:00+00:00 service order assign "$working" --to tom
step 2026-11-04T08:00:00+00:00 service order start "$working"
step 2026-11-04T08:10:00+00:00 service request add --account "$ACCT" --summary "noisy"
read -r req4 _ <<<"$OUT"
step 2026-11-04T08:20:00+00:00 service request escalate "$req4"
done_order="$(printf '%s\n' "$OUT" | grep -o '^SV-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
step 2026-11-04T08:30:00+00:00 service order assign "$done_order" --to ann
step 2026-11-04T08:40:00+00:00 service order start "$done_order"
step 2026-11-04T12:00:00+00:00 service confirm "$done_order" --effort 1 --part SEAL-7:1
cf="$(printf '%s\n' "$OUT" | grep -o '^CF-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
step 2026-11-05T09:00:00+00:00 invoice create --confirmation "$cf"

# --- 1: refused by a rule ------------------------------------------------------------------------
refused 1 service confirm "$assigned" --effort 2
assert_err_contains "$assigned"
assert_err_contains "assigned"
refused 1 invoice create --confirmation "$cf"
refused 1 service request close "$open_req"
assert_err_contains "open"
# --- 2: usage errors ---------------------------------------------------------------------------------
refused 2 service confirm "$working" --effort abc
refused 2 service confirm "$working" --effort -1
refused 2 service contract terminate "$contract"
refused 2 service contract add --account "$ACCT" --rate 90 --included-hours 1 --period week
assert_err_contains "week"
refused 2 service contract add --account "$ACCT" --rate 1.005 --included-hours 1 --period month
assert_err_contains "1.005"
# --- 3: references not found -------------------------------------------------------------------------
refused 3 service confirm "$working" --effort 1 --part NOPE-1:1
assert_err_contains "NOPE-1"
refused 3 service request solve "$open_req" --solution KB-ZZZZZZZZ
refused 3 service request solve "$open_req" --solution "no such title at all"

# The refused ones did nothing; the legitimate moves still work afterwards.
assert_eq '["assigned", "in-progress", "billed"]' \
  "$(for o in "$assigned" "$working" "$done_order"; do run crm service order show "$o" --json; printf '%s' "$OUT" | json_get status; done | "$PY" -c 'import json,sys; print(json.dumps(sys.stdin.read().split()))')" \
  "the orders' states after the refusals"
step 2026-11-15T11:00:00+00:00 service request solve "$open_req" --solution "$kb"
step 2026-11-15T11:10:00+00:00 service confirm "$working" --effort 1
step 2026-11-15T11:20:00+00:00 service contract terminate "$contract" --reason "customer moved"
assert_eq terminated "$(run crm service contract show "$contract" --json; printf '%s' "$OUT" | json_get status)"
finish
