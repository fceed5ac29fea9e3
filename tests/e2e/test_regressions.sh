# Regression tests for the defects found by trying crm as a new user would (issue 7): each block
# reproduces one report and asserts the behaviour that replaced it.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

first_id() { printf '%s\n' "$OUT" | grep -o "^$1-[0-9A-HJKMNP-TV-Z]\{8\}" | head -1; }
ACCT="Nordwind Logistik GmbH"

step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 999.00
step 2026-11-02T08:01:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" --price 12.45 --kind part
step 2026-11-02T08:02:00+00:00 account add --name "$ACCT"
account="$OUT"
step 2026-11-02T08:10:00+00:00 service contract add --account "$ACCT" --rate 95.00 \
  --included-hours 4 --period month --parts-coverage 50 --response-hours 8 --from 2026-11-01
contract="$(first_id SC)"

# --- Two active service contracts of one account: the second is refused while they overlap ----
run crm --today 2026-11-02T08:20:00+00:00 service contract add --account "$ACCT" --rate 80 \
  --included-hours 2 --period month --from 2026-12-01
assert_exit 1 "a second contract overlapping the first"
assert_err_contains "[service-contract-alone]"
assert_err_contains "$(grep -h '^number:' service-contracts/*.yaml | cut -d'"' -f2)"
assert_contains "$ERR" "hint:" "the refusal says what to do instead"
# Another product range, or a period after the first ends, is allowed.
step 2026-11-02T08:25:00+00:00 service contract terminate "$contract" --reason "renegotiated"
step 2026-11-02T08:30:00+00:00 service contract add --account "$ACCT" --rate 95.00 \
  --included-hours 4 --period month --from 2026-11-01 --product PUMP-200
step 2026-11-02T08:31:00+00:00 service contract add --account "$ACCT" --rate 60.00 \
  --included-hours 1 --period month --from 2026-11-01 --product SEAL-7
contract="$(ls service-contracts | sed -n 's/\.yaml$//p' | while read -r c; do
  grep -q 'PUMP-200' "service-contracts/$c.yaml" && grep -q '^status: "active"' "service-contracts/$c.yaml" && echo "$c"; done)"
# check names an overlap made by hand (the rule lives in the machine; check runs it too).
cp "service-contracts/$contract.yaml" keep.yaml
sed -i 's/^  - "PUMP-200"$/  - "SEAL-7"/' "service-contracts/$contract.yaml"
run crm check
assert_exit 4 "check of two overlapping active contracts"
assert_err_contains "[service-cover]"
cp keep.yaml "service-contracts/$contract.yaml"
run crm check
assert_exit 0 "check once the overlap is gone"

# --- An account's timeline holds its service records -------------------------------------------
step 2026-11-03T09:00:00+00:00 service request add --account "$ACCT" --product PUMP-200 \
  --summary "pump leaking"
request="$(first_id SR)"
step 2026-11-03T09:10:00+00:00 service request escalate "$request"
order="$(first_id SV)"
step 2026-11-03T09:20:00+00:00 service order assign "$order" --to tom

# --- Confirming an assigned order names commands that exist -----------------------------------
run crm --today 2026-11-03T09:30:00+00:00 service confirm "$order" --effort 2
assert_exit 1 "confirming an assigned order"
assert_err_contains "service confirm refused"
assert_not_contains "$ERR" "service-order <verb>" "no hint of a command that does not exist"
assert_err_contains "crm service order start"
step 2026-11-03T09:40:00+00:00 service order start "$order"
step 2026-11-03T10:00:00+00:00 service confirm "$order" --effort 2 --part SEAL-7:1
confirmation="$(first_id CF)"

run crm timeline "$ACCT"
assert_exit 0 "timeline of the account"
for id in "$contract" "$request" "$order" "$confirmation"; do
  assert_out_contains "$id"
done

# --- Confirmations have list and show; an invoice made from one has its net ---------------------
run crm service confirmation list
assert_exit 0 "service confirmation list"
assert_out_contains "$confirmation"
run crm service confirmation show "$confirmation" --json
assert_exit 0 "service confirmation show"
assert_eq "$confirmation" "$(json_get id <<<"$OUT")" "the confirmation shown"
step 2026-11-04T08:00:00+00:00 invoice create --confirmation "$confirmation"
invoice="$(first_id I)"
run crm invoice show "$invoice" --json
assert_eq "$(json_get subtotal <<<"$OUT")" "$(json_get net <<<"$OUT")" "an invoice from a confirmation has its net"
run crm service confirmation list --status billed --json
assert_eq "$confirmation" "$(json_get 0.id <<<"$OUT")" "billed confirmations filtered"

# --- Payments have a list; document links can be listed and removed ---------------------------
step 2026-11-05T08:00:00+00:00 payment add "$invoice" 10.00 --ref "TX 1"
run crm payment list "$invoice" --json
assert_exit 0 "payment list"
assert_eq "10.00" "$(json_get 0.amount <<<"$OUT")" "the payment listed"
assert_eq "TX 1" "$(json_get 0.ref <<<"$OUT")" "its reference"
step 2026-11-05T08:10:00+00:00 doc add "$invoice" docs/invoice.pdf --title "Signed copy"
run crm doc list "$invoice"
assert_exit 0 "doc list"
assert_out_contains "docs/invoice.pdf"
assert_out_contains "Signed copy"
step 2026-11-05T08:20:00+00:00 doc remove "$invoice" docs/invoice.pdf
run crm doc list "$invoice"
assert_not_contains "$OUT" "docs/invoice.pdf" "the link is gone"
run crm doc remove "$invoice" docs/invoice.pdf
assert_exit 3 "removing a link the record does not have"

# --- Complaint filters: a request that is no complaint matches --complaint false ----------------
step 2026-11-05T09:00:00+00:00 service request add --account "$ACCT" --summary "noisy" --complaint
complaint="$(first_id SR)"
run crm service request list --complaint false --json
assert_contains "$OUT" "$request" "--complaint false lists requests without the field"
assert_not_contains "$OUT" "$complaint" "--complaint false leaves the complaint out"
run crm service request list --complaint maybe
assert_exit 2 "--complaint takes true or false"

# --- Filters: an unknown value is a usage error; tasks have a derived overdue ------------------
step 2026-11-06T08:00:00+00:00 lead add --name "Jan Kowalski" --company "Kowalski Meble"
lead="$OUT"
step 2026-11-06T08:01:00+00:00 task add "$lead" --due 2026-11-20 "Call back"
late="$OUT"
step 2026-11-06T08:02:00+00:00 task add "$lead" --due 2026-11-10 "Send brochure"
early="$OUT"
step 2026-11-06T08:03:00+00:00 task add "$lead" --due 2026-12-24 "Christmas card"
run crm lead list --status overdue
assert_exit 2 "overdue is no state of a lead"
assert_err_contains "'overdue' is not one of new, contacted, qualified, converted, disqualified"
run crm lead list --status newish
assert_exit 2 "a misspelt status"
run crm --today 2026-11-23 task list --status overdue --json
assert_exit 0 "task list --status overdue"
assert_eq "2" "$(json_eval 'len(d)' <<<"$OUT")" "two tasks are past due on 2026-11-23"
run crm --today 2026-11-23 task list
assert_exit 0 "task list"
order_seen="$(printf '%s\n' "$OUT" | grep -o 'T-[0-9A-Z]\{8\}' | tr '\n' ' ')"
assert_contains "$order_seen" "$early $late" "tasks listed by due date"
assert_contains "$OUT" "overdue" "an overdue task shows as overdue"
run crm task list --help
assert_contains "$OUT" "List tasks, by due date" "task list's help names tasks"

# --- Lead sources come from crm.yaml ---------------------------------------------------------
run crm lead add --name "Ola" --source podcast
assert_exit 2 "a source crm.yaml does not list"
assert_err_contains "lead_sources"
sed -i 's/^  - "other"$/  - "other"\n  - "podcast"/' crm.yaml
step 2026-11-06T09:00:00+00:00 lead add --name "Ola" --source podcast
run crm lead list --source podcast --json
assert_eq "Ola" "$(json_get 0.name <<<"$OUT")" "the new source is listed"

# --- E-mail addresses follow HTML's rule ---------------------------------------------------------
for bad in 'a@' '@b' 'a@@b' '<a@b>' 'a@b,c@d' $'a\t@b' 'a@b c'; do
  run crm lead add --name "Bad mail" --email "$bad"
  assert_exit 2 "e-mail $bad"
done
step 2026-11-06T09:10:00+00:00 lead add --name "Good mail" --email "jan+crm@kowalski-meble.example"

# --- A deal's probability is in its JSON; completion is the act that closes it -----------------
step 2026-11-07T08:00:00+00:00 deal add --account "$ACCT" --title "Pumps" --amount 5000
deal="$OUT"
run crm deal show "$deal" --json
assert_eq "10" "$(json_get probability <<<"$OUT")" "deal show --json has the probability"
run crm deal list --json
assert_eq "10" "$(json_get 0.probability <<<"$OUT")" "deal list --json has it too"
step 2026-11-07T08:10:00+00:00 deal quote "$deal" --line PUMP-200:2
quote="$(first_id Q)"
step 2026-11-07T08:11:00+00:00 quote send "$quote"
step 2026-11-07T08:12:00+00:00 quote accept "$quote"
step 2026-11-07T08:13:00+00:00 deal win "$deal"
assert_eq "2026-11-07" "$(yaml_get closed <"deals/$deal.yaml")" "a won deal records when"
step 2026-11-07T08:14:00+00:00 order create --quote "$quote"
sales_order="$(first_id O)"
run crm --today 2026-11-07T09:00:00+00:00 deal complete "$deal"
assert_exit 1 "completing a deal whose order is open"
assert_err_contains "is not delivered"
assert_err_contains "[deal-orders-invoiced]"
step 2026-11-07T09:10:00+00:00 order deliver "$sales_order"
step 2026-11-07T09:11:00+00:00 invoice create --order "$sales_order"
sales_invoice="$(first_id I)"
run crm --today 2026-11-07T09:20:00+00:00 deal complete "$deal"
assert_exit 1 "completing a deal with an unpaid invoice"
assert_err_contains "[deal-invoices-paid]"
assert_err_contains "$(yaml_get number <"invoices/$sales_invoice.yaml")"
assert_contains "$ERR" "--force --reason" "the hint names the override"
run crm --today 2026-11-07T09:30:00+00:00 deal complete "$deal" --force
assert_exit 2 "--force needs a reason"
step 2026-11-07T09:40:00+00:00 deal complete "$deal" --force --reason "paid in cash, booked later"
assert_eq "completed" "$(yaml_get status <"deals/$deal.yaml")" "a forced completion"
assert_eq "forced: paid in cash, booked later" "$(yaml_get history.-1.note <"deals/$deal.yaml")" \
  "the override is in history"
run crm deal next "$deal" --json
assert_exit 0 "deal next on a closed deal"
assert_eq "[]" "$OUT" "a closed deal has no next step"

# --- Records made in the same second keep the order they were made in --------------------------
# The real clock, not a pinned one: timestamps carry milliseconds.
unset CRM_TODAY
run crm lead add --name "Same Second" --company "Second GmbH"
second="$OUT"
run crm task add "$second" --due tomorrow "Check the budget"
task="$OUT"
run crm task done "$task"
run crm lead convert "$second"
assert_exit 0 "convert right after the task"
run crm timeline "$second"
done_line="$(printf '%s\n' "$OUT" | grep -n 'open -> done' | cut -d: -f1)"
convert_line="$(printf '%s\n' "$OUT" | grep -n 'converted' | head -1 | cut -d: -f1)"
[[ -n $done_line && -n $convert_line && $done_line -lt $convert_line ]] ||
  fail "the task done before the conversion is shown first: $OUT"
ok
export CRM_TODAY=2026-11-23

run crm check
assert_exit 0 "the directory is clean at the end"
finish
