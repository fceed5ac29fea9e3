# The service cycle of issue 4 through the real binary: a contract, the knowledge base, a request
# solved from it, one escalated, an order assigned, started and confirmed inside and beyond the
# included hours, invoices for the confirmations, a complaint, planned maintenance; `crm check`
# clean after every step; refusals with their exit codes.
source "$(dirname "$0")/lib.sh"
setup
new_dir data


step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 999.00
step 2026-11-02T08:00:00+00:00 product add --sku SEAL-7 --name "Seal kit" --price 12.35 --kind part
step 2026-11-02T08:00:00+00:00 account add --name "Nordwind Logistik GmbH"
step 2026-11-02T08:00:00+00:00 service contract add --account "Nordwind Logistik GmbH" --rate 95 \
  --included-hours 4 --period month --parts-coverage 50 --response-hours 8 --maintenance-every 3m \
  --from 2026-10-01
read -r contract contract_number <<<"$OUT"
assert_eq SC-2026-0001 "$contract_number" "service contract number"

step 2026-11-02T08:10:00+00:00 kb add --title "Seal leak" --symptoms "water under the pump, seal leaking" \
  --resolution "Replace SEAL-7" --product PUMP-200
kb="$OUT"
step 2026-11-02T08:10:00+00:00 kb add --title "Pump noisy" --symptoms "rattling noise at start" \
  --resolution "Tighten the mount"
run crm kb search "pump leaking seal" --product PUMP-200 --json
assert_eq "$kb" "$(printf '%s' "$OUT" | json_get 0.id)" "kb search ranks the seal solution first"

# A request answered from the knowledge base; creation suggests it.
step 2026-11-03T09:00:00+00:00 service request add --account "Nordwind Logistik GmbH" --product PUMP-200 \
  --summary "pump leaking at the seal" --priority high
assert_contains "$OUT" "suggested solutions:"
assert_contains "$OUT" "$kb"
read -r request1 _ <<<"$OUT"
run crm service request show "$request1" --json
assert_eq "2026-11-03T17:00:00+00:00" "$(printf '%s' "$OUT" | json_get respond_by)" "respond_by = created + 8 h"
assert_eq "$contract" "$(printf '%s' "$OUT" | json_get contract)" "the request knows its contract"
step 2026-11-03T09:30:00+00:00 service request solve "$request1" --solution "$kb"
run crm service request show "$request1" --json
assert_eq solved "$(printf '%s' "$OUT" | json_get status)"

# A complaint is a request flagged as such and listed apart.
step 2026-11-04T10:00:00+00:00 service request add --account "Nordwind Logistik GmbH" \
  --summary "technician came late" --complaint
run crm service request list --complaint true --json
assert_eq 1 "$(printf '%s' "$OUT" | json_eval 'len(d)')" "one complaint"

# Escalated: a repair order, assigned, started, confirmed inside the allowance (3 of 4 hours).
step 2026-11-05T09:00:00+00:00 service request add --account "Nordwind Logistik GmbH" --product PUMP-200 \
  --summary "pump does not start"
read -r request2 _ <<<"$OUT"
step 2026-11-05T09:10:00+00:00 service request escalate "$request2"
order1="$(printf '%s\n' "$OUT" | awk '/^SV-/ {print $1}')"
run crm service order show "$order1" --json
assert_eq "$request2" "$(printf '%s' "$OUT" | json_get request)" "the order links its request"
assert_eq repair "$(printf '%s' "$OUT" | json_get kind)"
step 2026-11-05T09:20:00+00:00 service order assign "$order1" --to tom --date 2026-11-06
run crm service order list --assignee tom --scheduled 2026-11-06 --json
assert_eq "$order1" "$(printf '%s' "$OUT" | json_get 0.id)" "a technician's day"
step 2026-11-06T08:00:00+00:00 service order start "$order1"
step 2026-11-06T12:00:00+00:00 service confirm "$order1" --effort 3 --part SEAL-7:2 --note "seal replaced"
assert_contains "$OUT" "billable    = max(0, 3 effort − max(0, 4)) = 0 h"
cf1="$(printf '%s\n' "$OUT" | awk '/^CF-/ {print $1}')"
run crm service order show "$order1" --json
assert_eq completed "$(printf '%s' "$OUT" | json_get status)" "a final confirmation completes the order"

# A second order in the same month: 2.5 h, of which 1.5 h beyond the remaining hour.
step 2026-11-10T09:00:00+00:00 service request add --account "Nordwind Logistik GmbH" --summary "valve stuck"
read -r request3 _ <<<"$OUT"
step 2026-11-10T09:10:00+00:00 service request escalate "$request3"
order2="$(printf '%s\n' "$OUT" | awk '/^SV-/ {print $1}')"
step 2026-11-10T09:20:00+00:00 service order assign "$order2" --to tom
step 2026-11-10T09:30:00+00:00 service order start "$order2"
step 2026-11-10T12:00:00+00:00 service confirm "$order2" --effort 2.5
cf2="$(printf '%s\n' "$OUT" | awk '/^CF-/ {print $1}')"
# effort 2.5, remaining 4 − 3 = 1, billable 1.5, labour 1.5 × 95.00 = 142.50
cf2_json="$(cat "confirmations/$cf2.yaml")"
assert_contains "$cf2_json" 'billable_hours: "1.5"'
assert_contains "$cf2_json" 'labour: "142.50"'
assert_contains "$cf2_json" 'amount: "142.50"'
# the first: labour 0, parts round(2 × 12.35 × 50%) = 12.35
assert_contains "$(cat "confirmations/$cf1.yaml")" 'amount: "12.35"'

# Billing the confirmations: the order becomes billed; a second invoice is refused.
step 2026-11-12T09:00:00+00:00 invoice create --confirmation "$cf1"
read -r invoice1 _ <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
run crm invoice show "$invoice1" --json
assert_eq "12.35" "$(printf '%s' "$OUT" | json_get total)" "invoice total = confirmation amount (tax 0%)"
run crm service order show "$order1" --json
assert_eq billed "$(printf '%s' "$OUT" | json_get status)"
before="$(snapshot .)"
run crm invoice create --confirmation "$cf1"
assert_exit 1 "a second invoice for a confirmation"
assert_eq "$before" "$(snapshot .)" "files after a refused second invoice"
step 2026-11-12T09:10:00+00:00 payment add "$invoice1" 12.35

# Planned maintenance: owed every 3 months from 2026-10-01; twice from cron creates nothing new.
step 2026-11-20T06:00:00+00:00 service plan --until 2027-04-30
assert_eq 2 "$(printf '%s\n' "$OUT" | grep -c '^SV-')" "maintenance orders for 2027-01-01 and 2027-04-01"
step 2026-11-21T06:00:00+00:00 service plan --until 2027-04-30
assert_eq "" "$OUT" "a second plan run creates nothing"

# --- refusals ---------------------------------------------------------------------------------------
before="$(snapshot .)"
run crm service confirm "$order1" --effort 1
assert_exit 1 "confirm on a billed order"
run crm service order start "$order1"
assert_exit 1 "start a billed order"
run crm service confirm "$order2" --effort abc
assert_exit 2 "effort abc"
run crm service request close "$request1"
assert_exit 1 "close a solved request"
run crm service request solve "$request3" --solution KB-ZZZZZZZZ
assert_exit 3 "an unknown solution"
run crm service contract terminate "$contract"
assert_exit 2 "terminate without --reason"
run crm service contract add --account "Nordwind Logistik GmbH" --rate 90 --included-hours 1 --period week
assert_exit 2 "period week"
run crm service contract add --account "Nordwind Logistik GmbH" --rate 1.005 --included-hours 1 --period month
assert_exit 2 "a rate with three decimals"
assert_eq "$before" "$(snapshot .)" "files after the refusals"

run crm check
assert_exit 0 "crm check at the end"

# The files, byte for byte (IDs are reproducible with the test's CRM_ID_SEED).
assert_file_eq contract.yaml "service-contracts/$contract.yaml"
assert_file_eq request-solved.yaml "service-requests/$request1.yaml"
assert_file_eq order-billed.yaml "service-orders/$order1.yaml"
assert_file_eq confirmation-inside.yaml "confirmations/$cf1.yaml"
assert_file_eq confirmation-beyond.yaml "confirmations/$cf2.yaml"
assert_file_eq invoice.yaml "invoices/$invoice1.yaml"
finish
