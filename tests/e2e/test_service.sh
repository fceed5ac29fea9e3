# The service cycle of issue 4 through the real binary: a service contract, the knowledge base, a
# request solved from it, a complaint, a request escalated into a service order that is assigned,
# started and confirmed inside the included hours, a second order confirmed beyond them, the
# confirmation invoiced and paid, planned maintenance run twice. `crm check` after every step.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# show_json NOUN... REF EXPR: EXPR evaluated on `crm NOUN... show REF --json`.
svc_json() {  # svc_json KIND REF EXPR  (KIND: contract, request, order)
  run crm service "$1" show "$2" --json
  assert_exit 0 "service $1 show $2 --json"
  printf '%s' "$OUT" | json_eval "$3"
}
ACCT="Nordwind Logistik GmbH"

# --- catalogue, account, contract ------------------------------------------------------------------
step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 999.00 --unit pcs
step 2026-11-02T08:01:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" --price 12.45 --unit pcs \
  --kind part
step 2026-11-02T08:02:00+00:00 account add --name "$ACCT"
account="$OUT"
step 2026-11-02T08:10:00+00:00 service contract add --account "$ACCT" --rate 95.00 --included-hours 4 \
  --period month --parts-coverage 50 --response-hours 8 --maintenance-every 3m --from 2026-10-01
read -r contract contract_n <<<"$OUT"
[[ "$contract" =~ ^[A-Z]+-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "contract add printed [$OUT], not 'ID NUMBER'"
ok
assert_eq SC-2026-0001 "$contract_n" "the service contract's number"
assert_eq "[\"active\", \"$account\", \"95.00\", \"4\", \"month\", \"50\", \"3m\", \"2026-10-01\"]" \
  "$(svc_json contract "$contract" '[d["status"], d["account"], d["hourly_rate"], d["included_hours"], d["period"], d["parts_coverage"], d["maintenance_every"], d["from"]]')" \
  "the contract's terms"
# DESIGN 5: "quantities and hours plain decimal strings" in JSON; response_hours comes out as a number.
soft assert_eq '"8"' "$(svc_json contract "$contract" 'json.dumps(d["response_hours"])')" "response_hours in JSON"

# --- knowledge base ----------------------------------------------------------------------------------
step 2026-11-02T09:00:00+00:00 kb add --title "Seal leak" --symptoms "water under the pump, seal leaking" \
  --resolution "Replace the seal kit SEAL-7" --product PUMP-200
kb_seal="$OUT"
step 2026-11-02T09:01:00+00:00 kb add --title "Noisy start" --symptoms "rattling noise when the pump starts" \
  --resolution "Tighten the mounting bolts"
kb_noise="$OUT"
run crm kb search "pump seal leaking" --json
assert_exit 0 "kb search"
assert_eq "[\"$kb_seal\", \"$kb_noise\"]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" \
  "kb search: the seal solution (3 words) before the noise solution (1 word)"
run crm kb search "rattling noise" --json
assert_eq "$kb_noise" "$(printf '%s' "$OUT" | json_get 0.id)" "kb search: the noise solution first"

# --- a request solved from the knowledge base ----------------------------------------------------------
step 2026-11-03T09:00:00+00:00 service request add --account "$ACCT" --product PUMP-200 \
  --summary "pump leaking at the seal" --priority high
read -r req1 _ <<<"$OUT"
assert_out_contains "suggested solutions:"
assert_out_contains "$kb_seal"
assert_eq "[\"open\", \"$contract\", \"2026-11-03T17:00:00+00:00\", false]" \
  "$(svc_json request "$req1" '[d["status"], d["contract"], d["respond_by"], d.get("complaint", False)]')" \
  "the request: open, under the contract, respond_by = created + 8 h, no complaint"
run crm service request show "$req1"
assert_exit 0
assert_out_contains "$kb_seal"
step 2026-11-03T09:30:00+00:00 service request solve "$req1" --solution "$kb_seal"
assert_eq "[\"solved\", \"$kb_seal\"]" "$(svc_json request "$req1" '[d["status"], d["solution"]]')" \
  "the request solved with the KB solution"

# --- a complaint ---------------------------------------------------------------------------------------
step 2026-11-04T10:00:00+00:00 service request add --account "$ACCT" --summary "technician came late" \
  --complaint
read -r complaint _ <<<"$OUT"
run crm service request list --complaint true --json
assert_exit 0 "request list --complaint true"
assert_eq "[\"$complaint\"]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" "only the complaint"
run crm service request list --json
assert_eq "[\"$req1\", \"$complaint\"]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" "request list: both"
run crm service request list --complaint false --json
assert_exit 0 "request list --complaint false"
soft assert_eq "[\"$req1\"]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" \
  "request list --complaint false: the requests that are not complaints"

# --- escalated: a repair order, assigned, started, confirmed inside the allowance -------------------------
step 2026-11-05T09:00:00+00:00 service request add --account "$ACCT" --product PUMP-200 \
  --summary "pump does not start"
read -r req2 _ <<<"$OUT"
step 2026-11-05T09:10:00+00:00 service request escalate "$req2"
read -r order1 order1_n <<<"$(printf '%s\n' "$OUT" | grep '^SV-\|^[A-Z]*-[0-9A-Z]\{8\} SV-' | head -1)"
[[ -n "$order1" ]] || fail "escalate printed no service order: [$OUT]"
ok
if [[ "$order1" == SV-* ]]; then order1="$(svc_json order "$order1" 'd["id"]')"; fi
assert_eq "[\"escalated\", \"$order1\"]" "$(svc_json request "$req2" '[d["status"], d["service_order"]]')" \
  "the request links its order"
assert_eq "[\"open\", \"$req2\", \"$account\", \"PUMP-200\", \"pump does not start\", \"$contract\"]" \
  "$(svc_json order "$order1" '[d["status"], d["request"], d["account"], d["product"], d["summary"], d["contract"]]')" \
  "the order carries the request's customer, product and summary"
step 2026-11-05T09:20:00+00:00 service order assign "$order1" --to tom --date tomorrow
assert_eq '["assigned", "tom", "2026-11-06"]' "$(svc_json order "$order1" '[d["status"], d["assignee"], d["scheduled"]]')" \
  "assigned to tom for tomorrow"
run crm service order list --assignee tom --json
assert_exit 0 "order list --assignee tom"
assert_eq "[\"$order1\"]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" "tom's orders"
run crm service order list --assignee ann --json
assert_eq "[]" "$(printf '%s' "$OUT" | json_eval '[r["id"] for r in d]')" "ann has none"
step 2026-11-06T08:00:00+00:00 service order start "$order1"
assert_eq in-progress "$(svc_json order "$order1" 'd["status"]')"
step 2026-11-06T12:00:00+00:00 service confirm "$order1" --effort 3 --part SEAL-7:3 --note "seal replaced"
cf1="$(printf '%s\n' "$OUT" | grep -o '^CF-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
[[ -n "$cf1" && -f "confirmations/$cf1.yaml" ]] || fail "confirm printed no confirmation: [$OUT]"
ok
# remaining 4 − 0 = 4; billable max(0, 3 − 4) = 0; labour 0.00;
# parts 3 × 12.45 × (1 − 50%) = 18.675 → 18.68 (half-up); amount 18.68, from the parts only.
assert_out_contains "remaining   = 4 included − 0 used this month = 4 h"
assert_out_contains "billable    = max(0, 3 effort − max(0, 4)) = 0 h"
assert_out_contains "part SEAL-7 = 3 × 12.45 × (1 − 50%) = 18.68"
assert_eq '["3", "0", "0.00", "18.68", "18.68", true, "confirmed"]' \
  "$(yaml_get . <"confirmations/$cf1.yaml" | sed 's/^dict://' | json_eval '[d["effort"], d["billable_hours"], d["labour"], d["parts"], d["amount"], d["final"], d["status"]]')" \
  "confirmation 1: inside the allowance, the amount is the parts'"
assert_eq completed "$(svc_json order "$order1" 'd["status"]')" "a final confirmation completes the order"
run crm --today 2026-11-06T13:00:00+00:00 service contract show "$contract"
assert_exit 0 "contract show"
assert_out_contains "this month (2026-11-01 .. 2026-11-30): 3 h used, 1 h remaining"
assert_out_golden contract-show-3h-used.txt

# --- a second order, beyond the allowance ------------------------------------------------------------
step 2026-11-10T09:00:00+00:00 service request add --account "$ACCT" --summary "valve stuck"
read -r req3 _ <<<"$OUT"
step 2026-11-10T09:10:00+00:00 service request escalate "$req3"
order2="$(printf '%s\n' "$OUT" | grep -o '^SV-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
[[ -n "$order2" ]] || fail "escalate printed no service order: [$OUT]"
ok
step 2026-11-10T09:20:00+00:00 service order assign "$order2" --to tom --date 2026-11-10
step 2026-11-10T09:30:00+00:00 service order start "$order2"
run crm service order list --assignee tom --json
assert_eq "[[\"$order1\", \"completed\"], [\"$order2\", \"in-progress\"]]" \
  "$(printf '%s' "$OUT" | json_eval '[[r["id"], r["status"]] for r in d]')" "tom's orders"
# The same confirmation with --json in a copy of the directory (IDs are reproducible).
cp -a . "$T/copy"
run crm -C "$T/copy" --today 2026-11-10T12:00:00+00:00 service confirm "$order2" --effort 2.5 --part SEAL-7:1 --json
assert_exit 0 "confirm --json"
assert_json "$OUT"
cf2_json="$(printf '%s' "$OUT" | json_eval '[r for r in d if r["id"].startswith("CF-")][0]')"
step 2026-11-10T12:00:00+00:00 service confirm "$order2" --effort 2.5 --part SEAL-7:1
cf2="$(printf '%s\n' "$OUT" | grep -o '^CF-[0-9A-HJKMNP-TV-Z]\{8\}' | head -1)"
# remaining 4 − 3 = 1; billable max(0, 2.5 − 1) = 1.5; labour 1.5 × 95.00 = 142.50;
# parts 1 × 12.45 × 50% = 6.225 → 6.23; amount 142.50 + 6.23 = 148.73.
assert_out_contains "remaining   = 4 included − 3 used this month = 1 h"
assert_out_contains "billable    = max(0, 2.5 effort − max(0, 1)) = 1.5 h"
assert_out_contains "labour      = 1.5 h × 95.00 = 142.50"
assert_out_contains "part SEAL-7 = 1 × 12.45 × (1 − 50%) = 6.23"
assert_out_contains "amount      = 142.50 labour + 6.23 parts = 148.73"
assert_eq "$cf2" "$(printf '%s' "$cf2_json" | json_get id)" "the same confirmation in the copy"
assert_eq '["2.5", "1.5", "142.50", "6.23", "148.73"]' \
  "$(printf '%s' "$cf2_json" | json_eval '[d["effort"], d["billable_hours"], d["labour"], d["parts"], d["amount"]]')" \
  "confirm --json: effort, billable_hours, labour, parts, amount (decimal strings)"
run crm --today 2026-11-10T13:00:00+00:00 service contract show "$contract"
assert_out_contains "5.5 h used, 0 h remaining"

# --- billing -------------------------------------------------------------------------------------------
step 2026-11-12T09:00:00+00:00 invoice create --confirmation "$cf2"
read -r inv inv_n <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
[[ "$inv" =~ ^I-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "invoice create printed [$OUT], no invoice"
ok
assert_eq INV-2026-0001 "$inv_n"
run crm invoice show "$inv" --json
assert_eq "[\"issued\", \"$cf2\", \"$account\", \"148.73\", \"148.73\"]" \
  "$(printf '%s' "$OUT" | json_eval '[d["status"], d.get("confirmation"), d["account"], d["net"], d["balance"]]')" \
  "the invoice bills the confirmation's amount"
assert_eq billed "$(svc_json order "$order2" 'd["status"]')" "the order once billed"
assert_eq billed "$(yaml_get status <"confirmations/$cf2.yaml")" "the confirmation once billed"
total="$(crm_total() { "$CRM_BIN" invoice show "$inv" --json | json_get total; }; crm_total)"
step 2026-11-20T09:00:00+00:00 payment add "$inv" "$total" --ref "TX 9001"
assert_eq '["paid", "0.00"]' "$(run crm invoice show "$inv" --json; printf '%s' "$OUT" | json_eval '[d["status"], d["balance"]]')" \
  "the invoice paid"

# --- planned maintenance -------------------------------------------------------------------------------
# Every 3 months after the start 2026-10-01 (the user guide's sample: the first one interval
# after --from): 2027-01-01 and 2027-04-01 are owed up to 2027-04-30.
step 2026-11-21T06:00:00+00:00 service plan --until 2027-04-30
assert_eq 2 "$(printf '%s\n' "$OUT" | grep -c '^SV-' || true)" "maintenance orders owed up to 2027-04-30"
run crm service order list --json
assert_eq "[[\"2027-01-01\", \"open\", \"$contract\", \"$account\"], [\"2027-04-01\", \"open\", \"$contract\", \"$account\"]]" \
  "$(printf '%s' "$OUT" | json_eval 'sorted([[r["scheduled"], r["status"], r.get("contract"), r["account"]] for r in d if r["kind"] == "maintenance"])')" \
  "the planned maintenance orders"
before="$(snapshot .)"
step 2026-11-22T06:00:00+00:00 service plan --until 2027-04-30
assert_eq "" "$(printf '%s\n' "$OUT" | grep '^SV-' || true)" "the second run creates nothing"
assert_eq "$before" "$(snapshot .)" "files after the second plan run"
run crm service order list --json
assert_eq '[["maintenance", 2], ["repair", 2]]' \
  "$(printf '%s' "$OUT" | json_eval 'sorted([[k, sum(1 for r in d if r["kind"] == k)] for k in set(r["kind"] for r in d)])')" \
  "service orders by kind"

# --- the end state ---------------------------------------------------------------------------------------
run crm --today 2026-11-23 check
assert_exit 0 "crm check at the end"
assert_file_eq contract.yaml "service-contracts/$contract.yaml"
assert_file_eq confirmation-inside.yaml "confirmations/$cf1.yaml"
assert_file_eq confirmation-beyond-billed.yaml "confirmations/$cf2.yaml"
assert_file_eq invoice-paid.yaml "invoices/$inv.yaml"
finish_soft
