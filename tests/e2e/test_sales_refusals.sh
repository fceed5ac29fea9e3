# Every refusal of the sale (issue 3; DESIGN sections 3 and 5): its exit code (1 refused by a
# domain rule, 2 usage error, 3 not found), its message on stderr (first line "crm: error: ..."
# naming the record and why, then what to do) and no change to any file.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# refused CODE WHAT crm ARGS...: the command exits CODE, prints nothing on stdout, an error on
# stderr, and leaves every file as it was. ERR stays the command's for further checks.
refused() {
  local code="$1" what="$2"
  shift 2
  local before
  before="$(snapshot .)"
  run "$@"
  assert_exit "$code" "$what"
  assert_out_empty
  [[ "$(head -n 1 "$ERR_FILE")" == "crm: error: "* ]] || fail "$what: stderr does not start with 'crm: error: '"
  ok
  assert_eq "$before" "$(snapshot .)" "files after: $what"
}
# A refusal by a domain rule also says what to do instead.
assert_hint() { assert_contains "$(sed -n '2,$p' "$ERR_FILE")" "$1" "the hint after the error"; }
# DESIGN 3: "A refused transition names the record, its state, the wanted state and what to do
# instead." STATE and WANTED must both appear as words in the error line.
assert_names_states() {
  local line
  line="$(head -n 1 "$ERR_FILE")"
  [[ " $line " =~ [^a-z-]$1[^a-z-] ]] || fail "the refusal does not name the state '$1': [$line]"
  [[ " $line " =~ [^a-z-]$2[^a-z-] ]] || fail "the refusal does not name the wanted state '$2': [$line]"
}
ok_step() { # ok_step WHEN ARGS...: a step that must succeed
  local when="$1"
  shift
  run crm --today "$when" "$@"
  assert_exit 0 "$*"
}

# --- the catalogue, the customer, two deals -----------------------------------------------------------
ok_step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 1249.00
ok_step 2026-11-02T08:01:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" --price 12.45 --kind part
ok_step 2026-11-02T08:02:00+00:00 product add --sku SENSOR-T1 --name "Temperature sensor T1" --price 49.90
ok_step 2026-11-02T09:00:00+00:00 account add --name "Nordwind Logistik GmbH"
ok_step 2026-11-02T10:00:00+00:00 deal add --account "Nordwind Logistik GmbH" --title "Pumps"
pumps="$OUT"
ok_step 2026-11-02T10:01:00+00:00 deal add --account "Nordwind Logistik GmbH" --title "Sensors"
sensors="$OUT"

# --- quote lines: malformed (2), unknown sku (3) --------------------------------------------------------
for line in PUMP-200 PUMP-200: :3 PUMP-200:0 PUMP-200:-1 PUMP-200:three PUMP-200:3@ PUMP-200:3@abc \
  PUMP-200:3@1.005 PUMP-200:3-10 PUMP-200:3-150% "PUMP-200:3 -10%" "PUMP 200:3" PUMP-200:3@-5; do
  refused 2 "deal quote --line '$line'" crm deal quote "$pumps" --line "$line"
  assert_err_contains "--line"
done
refused 2 "deal quote --line with a three-decimal price" crm deal quote "$pumps" --line PUMP-200:1@1.005
assert_err_contains "1.005"
refused 2 "deal quote without --line" crm deal quote "$pumps"
refused 2 "deal quote --discount 101" crm deal quote "$pumps" --line PUMP-200:1 --discount 101
assert_err_contains "--discount"
refused 2 "deal quote --tax -1" crm deal quote "$pumps" --line PUMP-200:1 --tax -1
refused 2 "deal quote --tax 23%" crm deal quote "$pumps" --line PUMP-200:1 --tax 23%
refused 2 "deal quote --valid-days 0" crm deal quote "$pumps" --line PUMP-200:1 --valid-days 0
refused 3 "deal quote --line with an unknown sku" crm deal quote "$pumps" --line PUMP-200:1 --line NO-SUCH:2
assert_err_contains "NO-SUCH"
assert_hint "crm product"
refused 3 "deal quote for an unknown deal" crm deal quote D-ZZZZZZZZ --line PUMP-200:1

# --- a quote sent: no edit, no lose, no win ----------------------------------------------------------------
ok_step 2026-11-02T11:00:00+00:00 deal quote "$pumps" --line PUMP-200:2 --line SEAL-7:4 --tax 23 --valid-days 7
read -r qa qan <<<"$OUT"
assert_eq Q-2026-0001 "$qan"
refused 1 "quote accept of a draft" crm quote accept "$qan"
assert_err_contains "$qa"
assert_names_states draft accepted
refused 3 "quote edit --line with an unknown sku" crm quote edit "$qan" --line NO-SUCH:1
refused 2 "quote edit --line malformed" crm quote edit "$qan" --line PUMP-200
ok_step 2026-11-03T09:00:00+00:00 quote send "$qan"
assert_eq "2026-11-09" "$(yaml_get valid_until <"quotes/$qa.yaml")" "valid 7 days from 2026-11-02"

refused 1 "quote edit of a sent quote" crm quote edit "$qan" --discount 10
assert_err_contains "$qan"
assert_err_contains "sent"
assert_err_contains "draft"
assert_hint "revise"
refused 1 "quote edit --line of a sent quote" crm quote edit "$qan" --line PUMP-200:1
refused 1 "quote send of a sent quote" crm quote send "$qan"
assert_names_states sent sent
refused 1 "quote revise of a sent quote that is still valid" crm --today 2026-11-05 quote revise "$qan"
assert_err_contains "2026-11-09"
refused 1 "deal lose while a quote is sent" crm --today 2026-11-05 deal lose "$pumps" --reason "went silent"
assert_err_contains "$pumps"
assert_err_contains "$qan"
assert_err_contains "sent"
assert_hint "reject"
soft assert_names_states open lost
refused 2 "deal lose without --reason" crm deal lose "$pumps"
assert_err_contains "--reason"
refused 1 "deal win without an accepted quote" crm --today 2026-11-05 deal win "$pumps"
assert_err_contains "$pumps"
assert_err_contains "accepted quote"
assert_hint "crm quote accept"
soft assert_names_states open won
refused 1 "deal complete of an open deal" crm deal complete "$pumps"
assert_names_states open completed
refused 2 "quote reject without --reason" crm quote reject "$qan"

# --- expiry: accepted on its last day, not after -------------------------------------------------------------
refused 1 "quote accept of an expired quote" crm --today 2026-11-10 quote accept "$qan"
assert_err_contains "expired"
assert_err_contains "2026-11-09"
assert_hint "crm quote revise"
soft assert_names_states sent accepted
run crm --today 2026-11-10 quote show "$qan"
assert_contains "$(printf '%s\n' "$OUT" | grep '^status:')" expired "quote show past valid_until"
assert_eq sent "$(yaml_get status <"quotes/$qa.yaml")" "expiry is derived, not stored"
ok_step 2026-11-09T17:00:00+00:00 quote accept "$qan"
assert_eq accepted "$(yaml_get status <"quotes/$qa.yaml")" "accepted on the last day of validity"
refused 1 "quote accept of an accepted quote" crm quote accept "$qan"
assert_names_states accepted accepted
refused 1 "quote reject of an accepted quote" crm quote reject "$qan" --reason "changed our mind"
refused 1 "quote revise of an accepted quote" crm quote revise "$qan"
refused 1 "quote edit of an accepted quote" crm quote edit "$qan" --discount 5

# --- a second accepted quote of one deal ----------------------------------------------------------------------
ok_step 2026-11-09T17:10:00+00:00 deal quote "$pumps" --line PUMP-200:3
read -r qb qbn <<<"$OUT"
refused 1 "order create from a draft quote" crm order create --quote "$qbn"
assert_err_contains "$qbn"
assert_err_contains "draft"
assert_err_contains "accepted"
ok_step 2026-11-09T17:20:00+00:00 quote send "$qbn"
refused 1 "a second accepted quote of a deal" crm --today 2026-11-09T18:00:00+00:00 quote accept "$qbn"
assert_err_contains "$qan"
assert_err_contains "accepted quote"
soft assert_names_states sent accepted
refused 1 "order create from a sent quote" crm order create --quote "$qbn"
assert_err_contains "$qbn"
assert_err_contains "sent"
assert_hint "crm quote accept"
refused 1 "contract create from a sent quote" crm contract create --quote "$qbn" --from 2026-12-01 --to 2027-05-31
ok_step 2026-11-09T18:10:00+00:00 quote reject "$qbn" --reason "the first one is accepted"

# --- one order per quote; no completion before delivery ----------------------------------------------------------
ok_step 2026-11-10T09:00:00+00:00 deal win "$pumps"
refused 1 "deal win of a won deal" crm deal win "$pumps"
refused 1 "deal lose of a won deal" crm deal lose "$pumps" --reason "too late"
refused 1 "deal complete without an order" crm deal complete "$pumps"
assert_err_contains "$pumps"
assert_err_contains "order"
ok_step 2026-11-10T10:00:00+00:00 order create --quote "$qan"
read -r oa oan <<<"$OUT"
assert_eq SO-2026-0001 "$oan"
refused 1 "a second order from one quote" crm order create --quote "$qan"
assert_err_contains "$qan"
assert_err_contains "$oan"
refused 1 "a contract from a quote that became an order" crm contract create --quote "$qan" \
  --from 2026-12-01 --to 2027-05-31
assert_err_contains "$oan"
refused 1 "deal complete with an undelivered order" crm deal complete "$pumps"
assert_err_contains "$pumps"
assert_err_contains "$oan"
assert_err_contains "delivered"
assert_hint "crm order deliver"
soft assert_names_states won completed
refused 1 "invoice create for an undelivered order" crm invoice create --order "$oan"
assert_err_contains "$oa"
assert_err_contains "open"
assert_err_contains "delivered"
refused 3 "invoice create for an unknown order" crm invoice create --order SO-2026-0099
refused 3 "order create from an unknown quote" crm order create --quote Q-2026-0099

# --- one invoice per order; payments never above the balance -------------------------------------------------------
ok_step 2026-11-12T09:00:00+00:00 order deliver "$oan"
refused 1 "order deliver of a delivered order" crm order deliver "$oan"
assert_names_states delivered delivered
refused 1 "order cancel of a delivered order" crm order cancel "$oan"
assert_names_states delivered cancelled
ok_step 2026-11-12T10:00:00+00:00 invoice create --order "$oan"
read -r ia ian <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
total="$(yaml_get total <"invoices/$ia.yaml")"
# 2 × 1249.00 + 4 × 12.45 = 2547.80; tax 23% = 585.994 → 585.99; total 3133.79.
assert_eq "3133.79" "$total" "the invoice's total"
refused 1 "a second invoice for one order" crm invoice create --order "$oan"
assert_err_contains "$oan"
assert_err_contains "$ian"
assert_hint "void"
refused 1 "a payment above the balance" crm payment add "$ian" 3133.80
assert_err_contains "$ian"
assert_err_contains "3133.80"
assert_err_contains "3133.79"
assert_hint "3133.79"
refused 2 "a payment with three decimals" crm payment add "$ian" 100.001
assert_err_contains "100.001"
refused 2 "a payment of zero" crm payment add "$ian" 0
refused 2 "a payment of 0.00" crm payment add "$ian" 0.00
refused 2 "a negative payment" crm payment add "$ian" -100.00
refused 2 "a payment with a decimal comma" crm payment add "$ian" 100,00
refused 2 "a payment without an amount" crm payment add "$ian"
refused 2 "a payment with a bad --date" crm payment add "$ian" 100.00 --date 2026-11-31
refused 3 "a payment to an unknown invoice" crm payment add INV-2026-0099 100.00
refused 2 "invoice void without --reason" crm invoice void "$ian"
ok_step 2026-11-20T09:00:00+00:00 payment add "$ian" 1000.00 --ref "TX 1"
assert_eq "2133.79" "$(yaml_get balance <"invoices/$ia.yaml")"
refused 1 "a payment above the remaining balance" crm payment add "$ian" 2133.80
assert_hint "2133.79"
refused 1 "invoice void of an invoice with payments" crm invoice void "$ian" --reason "wrong address"
assert_err_contains "$ia"
assert_err_contains "partially-paid"
soft assert_not_contains "$ERR" "crm invoice <verb>" "the hint of void with payments (there is no crm invoice pay or settle)"
ok_step 2026-11-21T09:00:00+00:00 payment add "$ian" 2133.79
refused 1 "a payment to a paid invoice" crm payment add "$ian" 0.01
refused 1 "invoice void of a paid invoice" crm invoice void "$ian" --reason "wrong address"
assert_names_states paid void
assert_eq closed "$(yaml_get status <"orders/$oa.yaml")"

# --- contract releases: within the period, never beyond what remains --------------------------------------------------
ok_step 2026-11-22T11:00:00+00:00 deal quote "$sensors" --line SENSOR-T1:10 --line SEAL-7:4
read -r qc qcn <<<"$OUT"
ok_step 2026-11-22T11:10:00+00:00 quote send "$qcn"
ok_step 2026-11-22T11:20:00+00:00 quote accept "$qcn"
refused 2 "contract create with --to before --from" crm contract create --quote "$qcn" --from 2027-01-01 \
  --to 2026-12-01
refused 2 "contract create without --to" crm contract create --quote "$qcn" --from 2026-12-01
refused 2 "contract create with a bad --from" crm contract create --quote "$qcn" --from 2026-02-30 --to 2027-01-01
ok_step 2026-11-22T12:00:00+00:00 contract create --quote "$qcn" --from 2026-12-01 --to 2027-05-31
read -r ka kan <<<"$OUT"
ok_step 2026-11-22T12:10:00+00:00 deal win "$sensors"
refused 1 "an order from a quote that became a contract" crm order create --quote "$qcn"
assert_err_contains "$kan"
refused 1 "contract release before the contract period" crm --today 2026-11-30 contract release "$kan" \
  --line SENSOR-T1:1
assert_err_contains "2026-12-01"
assert_hint "period"
refused 1 "contract release after the contract period" crm --today 2027-06-01 contract release "$kan" \
  --line SENSOR-T1:1
assert_err_contains "2027-05-31"
refused 1 "contract release beyond the remaining quantity" crm --today 2026-12-01 contract release "$kan" \
  --line SENSOR-T1:11
assert_err_contains "$kan"
assert_err_contains "SENSOR-T1"
assert_err_contains "10"
assert_hint "10"
ok_step 2026-12-01T09:00:00+00:00 contract release "$kan" --line SENSOR-T1:6 --line SEAL-7:4
refused 1 "contract release beyond what remains after a release" crm --today 2026-12-02 contract release "$kan" \
  --line SENSOR-T1:5
assert_err_contains "only 4 remain"
refused 1 "contract release of a line that is used up" crm --today 2026-12-02 contract release "$kan" \
  --line SEAL-7:1
assert_err_contains "only 0 remain"
refused 1 "two lines of one sku that together exceed what remains" crm --today 2026-12-02 contract release \
  "$kan" --line SENSOR-T1:3 --line SENSOR-T1:2
refused 1 "one line within, the other beyond: nothing is released" crm --today 2026-12-02 contract release \
  "$kan" --line SENSOR-T1:1 --line SEAL-7:1
refused 2 "contract release of a sku the contract does not have" crm --today 2026-12-02 contract release \
  "$kan" --line PUMP-200:1
assert_err_contains "PUMP-200"
refused 2 "contract release with a price" crm --today 2026-12-02 contract release "$kan" --line SENSOR-T1:1@1.00
refused 2 "contract release with a discount" crm --today 2026-12-02 contract release "$kan" --line SENSOR-T1:1-5%
refused 2 "contract release --line malformed" crm --today 2026-12-02 contract release "$kan" --line SENSOR-T1
refused 2 "contract release without --line" crm --today 2026-12-02 contract release "$kan"
refused 3 "contract release of an unknown contract" crm --today 2026-12-02 contract release SK-2026-0099 \
  --line SENSOR-T1:1
# Exactly what remains is fine, and fulfils the contract; then nothing more.
ok_step 2026-12-02T09:00:00+00:00 contract release "$kan" --line SENSOR-T1:4
assert_eq fulfilled "$(yaml_get status <"contracts/$ka.yaml")"
refused 1 "contract release of a fulfilled contract" crm --today 2026-12-03 contract release "$kan" \
  --line SENSOR-T1:1
assert_err_contains "fulfilled"
refused 1 "deal complete of a won deal with undelivered release orders" crm deal complete "$sensors"
assert_err_contains "SO-2026-0002"
assert_err_contains "not delivered"

# --- references that resolve to nothing: exit 3 --------------------------------------------------------------------
refused 3 "quote show of an unknown number" crm quote show Q-2026-0099
refused 3 "order deliver of an unknown order" crm order deliver SO-2026-0099
refused 3 "invoice show of an unknown number" crm invoice show INV-2026-0099
refused 3 "contract show of an unknown number" crm contract show SK-2026-0099
refused 3 "doc add to an unknown record" crm doc add Q-2026-0099 docs/x.pdf
run crm --today 2026-12-05T09:00:00+00:00 doc add "$qan" docs/offer.pdf --title "Offer"
assert_exit 0 "doc add"
refused 1 "doc add of a link the record has" crm doc add "$qan" docs/offer.pdf
assert_err_contains "docs/offer.pdf"

run crm check
assert_exit 0 "crm check after all the refusals"

finish_soft
