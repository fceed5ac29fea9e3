# The whole sale of issue 3 (point 9) driven through the real binary: a lead converted, a deal
# through its stages, a quote rejected and revised, an accepted quote that becomes an order, a
# second deal whose accepted quote becomes a sales contract with two releases, deliveries,
# invoices, a partial and a full payment, completed deals. `crm check` runs after every step.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# step WHEN ARGS...: `crm --today WHEN ARGS...` must succeed and leave a directory that `crm check`
# finds clean. OUT and ERR stay those of the step.
# show_json NOUN REF EXPR: EXPR evaluated on `crm NOUN show REF --json`.
show_json() {
  run crm "$1" show "$2" --json
  assert_exit 0 "$1 show $2 --json"
  printf '%s' "$OUT" | json_eval "$3"
}
# The parts of a document that DESIGN section 5 names, as one line of JSON.
TOTALS='[d["subtotal"], d["discount"], d["net"], d["tax"], d["total"]]'
LINES='[[l["sku"], l["qty"], l["unit_price"], l["discount"], l["net"]] for l in d["lines"]]'

# --- the catalogue -------------------------------------------------------------------------------------
step 2026-11-02T08:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" --price 1249.00 --unit pcs
step 2026-11-02T08:01:00+00:00 product add --sku SVC-INSTALL --name "Installation" --price 85.00 \
  --unit h --kind service
step 2026-11-02T08:02:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" --price 12.45 --unit pcs \
  --kind part
step 2026-11-02T08:03:00+00:00 product add --sku SENSOR-T1 --name "Temperature sensor T1" \
  --price 49.90 --unit pcs

# --- lead to deal ----------------------------------------------------------------------------------------
step 2026-11-02T10:00:00+00:00 lead add --name "Ewa Nowak" --company "Nordwind Logistik GmbH" \
  --email ewa@nordwind.example --source fair --notes "Needs pumps for the Hamburg depot"
lead="$OUT"
step 2026-11-03T09:00:00+00:00 lead qualify "$lead"
step 2026-11-03T10:00:00+00:00 lead convert "$lead" --title "Pumps for the Hamburg depot"
account="$(printf '%s\n' "$OUT" | grep '^A-')"
ewa="$(printf '%s\n' "$OUT" | grep '^C-')"
pumps="$(printf '%s\n' "$OUT" | grep '^D-')"
step 2026-11-03T11:00:00+00:00 contact add --name "Jan Kowalski" --account "Nordwind Logistik GmbH" \
  --title CFO --email jan@nordwind.example
jan="$OUT"
step 2026-11-04T09:00:00+00:00 deal edit "$pumps" --amount 4000 --close-by eom
assert_eq "4000.00 2026-11-30" "$(show_json deal "$pumps" 'd["amount"] + " " + d["close_by"]')" "amount and close date"
step 2026-11-04T10:00:00+00:00 deal stage "$pumps" needs-analysis
step 2026-11-04T11:00:00+00:00 deal role "$pumps" --contact "Ewa Nowak" --role champion --influence high \
  --attitude supportive
step 2026-11-05T09:00:00+00:00 deal role "$pumps" --contact jan@nordwind.example --role decision-maker \
  --influence high --attitude neutral
step 2026-11-09T09:00:00+00:00 deal stage "$pumps" proposal
assert_eq "" "$ERR" "no warning: the decision maker is known"

# --- quote, revision 1: sent and rejected -------------------------------------------------------------------
step 2026-11-09T10:00:00+00:00 deal quote "$pumps" --line PUMP-200:3 --line SVC-INSTALL:8@90.00-10% \
  --line SEAL-7:10 --discount 5 --tax 23 --valid-days 14
read -r q1 q1n <<<"$OUT"
[[ "$q1" =~ ^Q-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "deal quote printed [$OUT], not 'ID NUMBER'"
ok
assert_eq Q-2026-0001 "$q1n" "the first quote's number"
# 3 × 1249.00 = 3747.00; 8 × 90.00 × 0.90 = 648.00; 10 × 12.45 = 124.50; subtotal 4519.50;
# net 4519.50 × 0.95 = 4293.525 → 4293.53; tax 4293.53 × 0.23 = 987.5119 → 987.51; total 5281.04.
assert_eq '[["PUMP-200", "3", "1249.00", "0", "3747.00"], ["SVC-INSTALL", "8", "90.00", "10", "648.00"], ["SEAL-7", "10", "12.45", "0", "124.50"]]' \
  "$(show_json quote "$q1n" "$LINES")" "quote 1's lines (price from the catalogue unless given)"
assert_eq '["4519.50", "5", "4293.53", "987.51", "5281.04"]' "$(show_json quote "$q1n" "$TOTALS")" \
  "quote 1's totals"
assert_eq '["Q-2026-0001", "draft", 1, "23", "2026-11-23", "EUR"]' \
  "$(show_json quote "$q1" '[d["number"], d["status"], d["revision"], d["tax_rate"], d["valid_until"], d["currency"]]')" \
  "quote 1's terms"
assert_eq '[true, true]' "$(show_json quote "$q1" '[all(isinstance(l[k], str) for l in d["lines"] for k in ("qty", "unit_price", "discount", "net")), all(isinstance(d[k], str) for k in ("subtotal", "net", "tax", "total"))]')" \
  "amounts and quantities are decimal strings in JSON"
step 2026-11-10T09:00:00+00:00 quote send "$q1n"
assert_eq "$q1 $q1n" "$OUT" "quote send prints ID and number"
step 2026-11-12T15:00:00+00:00 quote reject "$q1n" --reason "price too high"
assert_eq '["rejected", "price too high"]' "$(show_json quote "$q1n" '[d["status"], d["reason"]]')"

# --- revision 2: revised, edited, sent, accepted ---------------------------------------------------------------
step 2026-11-13T09:00:00+00:00 quote revise "$q1n"
read -r q2 q2n <<<"$(printf '%s\n' "$OUT" | grep -v "^$q1 ")"
assert_eq Q-2026-0002 "$q2n" "the revision's number"
assert_eq "[\"draft\", 2, \"$q1\"]" "$(show_json quote "$q2" '[d["status"], d["revision"], d["supersedes"]]')" \
  "the revision: a draft, revision 2, superseding quote 1"
assert_eq "[\"superseded\", \"$q2\"]" "$(show_json quote "$q1" '[d["status"], d["superseded_by"]]')" \
  "quote 1 after the revision"
assert_eq "$(show_json quote "$q1" "$LINES")" "$(show_json quote "$q2" "$LINES")" "the revision copies the lines"
step 2026-11-13T10:00:00+00:00 quote edit "$q2n" --line PUMP-200:2 --line SVC-INSTALL:7@90.00-12.5% \
  --line SEAL-7:6-15% --discount 2 --valid-days 30
# The totals by hand (DESIGN 4, half-up at each step):
#   PUMP-200     2 × 1249.00              = 2498.00
#   SVC-INSTALL  7 ×   90.00 × (1 − 12.5%) =  551.25
#   SEAL-7       6 ×   12.45 × (1 − 15%)   =   63.495   → 63.50 (half-up; truncation gives 63.49)
#   subtotal     2498.00 + 551.25 + 63.50  = 3112.75
#   net          3112.75 × (1 − 2%)        = 3050.495   → 3050.50
#   tax          3050.50 × 23%             =  701.615   → 701.62
#   total        3050.50 + 701.62          = 3752.12
assert_eq '[["PUMP-200", "2", "1249.00", "0", "2498.00"], ["SVC-INSTALL", "7", "90.00", "12.5", "551.25"], ["SEAL-7", "6", "12.45", "15", "63.50"]]' \
  "$(show_json quote "$q2n" "$LINES")" "quote 2's lines after the edit"
assert_eq '["3112.75", "2", "3050.50", "701.62", "3752.12"]' "$(show_json quote "$q2n" "$TOTALS")" \
  "quote 2's totals, by hand"
assert_eq '["23", "2026-12-13", 2]' "$(show_json quote "$q2n" '[d["tax_rate"], d["valid_until"], d["revision"]]')" \
  "the tax rate carried from revision 1, valid_until from --valid-days"
run crm quote show "$q2n"
assert_exit 0 "quote show (a draft)"
assert_out_golden quote-show-q2-draft.txt
step 2026-11-16T09:00:00+00:00 deal stage "$pumps" negotiation
step 2026-11-16T10:00:00+00:00 quote send "$q2n"

# --- a second deal of the same account, for a sales contract -----------------------------------------------------
step 2026-11-16T11:00:00+00:00 deal add --account "Nordwind Logistik GmbH" --title "Sensors 2027" \
  --contact "Ewa Nowak" --amount 7000 --close-by 2026-11-30
sensors="$OUT"
step 2026-11-16T12:00:00+00:00 deal stage "$sensors" proposal
step 2026-11-16T12:10:00+00:00 deal role "$sensors" --contact "Jan Kowalski" --role decision-maker \
  --influence high
step 2026-11-17T09:00:00+00:00 deal quote "$sensors" --line SENSOR-T1:100-10% --line SEAL-7:20 --tax 23 \
  --valid-days 30
read -r q3 q3n <<<"$OUT"
assert_eq Q-2026-0003 "$q3n"
# 100 × 49.90 × 0.90 = 4491.00; 20 × 12.45 = 249.00; subtotal = net 4740.00; tax 1090.20; total 5830.20.
assert_eq '["4740.00", "0", "4740.00", "1090.20", "5830.20"]' "$(show_json quote "$q3n" "$TOTALS")" \
  "quote 3's totals"
step 2026-11-17T10:00:00+00:00 quote send "$q3n"
run crm --today 2026-11-17T10:00:00+00:00 quote list
assert_exit 0 "quote list"
assert_out_golden quote-list-sent.txt

# --- accepted: deal won, an order ---------------------------------------------------------------------------------
step 2026-11-18T09:00:00+00:00 quote accept "$q2n"
assert_eq accepted "$(show_json quote "$q2n" 'd["status"]')"
step 2026-11-18T09:30:00+00:00 doc add "$q2n" docs/offer-Q-2026-0002-signed.pdf --title "Signed offer"
assert_eq '[["docs/offer-Q-2026-0002-signed.pdf", "Signed offer"]]' \
  "$(show_json quote "$q2n" '[[x["path"], x["title"]] for x in d["documents"]]')" "the quote's document link"
# issue 3 point 8: documents are listed by `show`.
run crm quote show "$q2n"
assert_exit 0
soft assert_contains "$OUT" "Signed offer" "quote show of a quote with a document link"
soft assert_contains "$OUT" "docs/offer-Q-2026-0002-signed.pdf" "quote show of a quote with a document link"
step 2026-11-18T10:00:00+00:00 deal win "$pumps"
assert_eq won "$(show_json deal "$pumps" 'd["status"]')"
step 2026-11-18T11:00:00+00:00 order create --quote "$q2n"
read -r o1 o1n <<<"$OUT"
[[ "$o1" =~ ^O-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "order create printed [$OUT], not 'ID NUMBER'"
ok
assert_eq SO-2026-0001 "$o1n"
assert_eq "[\"open\", \"$q2\", \"$pumps\", \"$account\"]" \
  "$(show_json order "$o1n" '[d["status"], d["quote"], d["deal"], d["account"]]')" "the order's links"
assert_eq "$(show_json quote "$q2n" "$LINES")" "$(show_json order "$o1n" "$LINES")" "the order's lines are the quote's"
assert_eq "$(show_json quote "$q2n" "$TOTALS")" "$(show_json order "$o1n" "$TOTALS")" "the order's totals are the quote's"

# --- accepted: the second deal won, a sales contract --------------------------------------------------------------
step 2026-11-20T09:00:00+00:00 quote accept "$q3n"
step 2026-11-20T09:10:00+00:00 deal win "$sensors"
step 2026-11-20T10:00:00+00:00 contract create --quote "$q3n" --from 2026-12-01 --to 2027-11-30
read -r k1 k1n <<<"$OUT"
[[ "$k1" =~ ^K-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "contract create printed [$OUT], not 'ID NUMBER'"
ok
assert_eq SK-2026-0001 "$k1n"
assert_eq "[\"active\", \"2026-12-01\", \"2027-11-30\", \"$q3\", \"5830.20\"]" \
  "$(show_json contract "$k1n" '[d["status"], d["from"], d["to"], d["quote"], d["total"]]')" "the contract"
assert_eq '[["SENSOR-T1", "100", "0"], ["SEAL-7", "20", "0"]]' \
  "$(show_json contract "$k1n" '[[l["sku"], l["qty"], l["released"]] for l in d["lines"]]')" "nothing released yet"

# --- delivery and invoice of the order ------------------------------------------------------------------------------
step 2026-11-25T09:00:00+00:00 order deliver "$o1n"
assert_eq '["delivered", "2026-11-25"]' "$(show_json order "$o1n" '[d["status"], d["delivered"]]')"
step 2026-11-25T10:00:00+00:00 invoice create --order "$o1n"
read -r i1 i1n <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
[[ "$i1" =~ ^I-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "invoice create printed [$OUT], no 'ID NUMBER' of an invoice"
ok
assert_eq INV-2026-0001 "$i1n"
# Due 30 days after issue (crm.yaml's payment_terms_days); nothing paid yet.
assert_eq "[\"INV-2026-0001\", \"issued\", \"2026-11-25\", \"2026-12-25\", \"3752.12\", \"3752.12\", \"$o1\"]" \
  "$(show_json invoice "$i1n" '[d["number"], d["status"], d["issued"], d["due"], d["total"], d["balance"], d["order"]]')" \
  "the invoice"
assert_eq "$(show_json order "$o1n" "$LINES")" "$(show_json invoice "$i1n" "$LINES")" "the invoice's lines"
assert_eq invoiced "$(show_json order "$o1n" 'd["status"]')" "the order once billed"

# --- first release from the contract -----------------------------------------------------------------------------------
step 2026-12-01T09:00:00+00:00 contract release "$k1n" --line SENSOR-T1:40 --line SEAL-7:5
read -r o2 o2n <<<"$(printf '%s\n' "$OUT" | grep '^O-')"
assert_eq SO-2026-0002 "$o2n" "the first release order's number"
# 40 × 49.90 × 0.90 = 1796.40; 5 × 12.45 = 62.25; subtotal = net 1858.65;
# tax 1858.65 × 0.23 = 427.4895 → 427.49; total 2286.14.
assert_eq '[["SENSOR-T1", "40", "49.90", "10", "1796.40"], ["SEAL-7", "5", "12.45", "0", "62.25"]]' \
  "$(show_json order "$o2n" "$LINES")" "the release order's lines, at the contract's prices"
assert_eq '["1858.65", "0", "1858.65", "427.49", "2286.14"]' "$(show_json order "$o2n" "$TOTALS")" \
  "the release order's totals"
assert_eq "[\"open\", \"$k1\", \"$sensors\"]" "$(show_json order "$o2n" '[d["status"], d["contract"], d["deal"]]')" \
  "the release order's links"
assert_eq '["active", [["SENSOR-T1", "40"], ["SEAL-7", "5"]]]' \
  "$(show_json contract "$k1n" '[d["status"], [[l["sku"], l["released"]] for l in d["lines"]]]')" \
  "the contract after the first release"
run crm --today 2026-12-01T09:00:00+00:00 contract show "$k1n"
assert_exit 0 "contract show"
assert_out_golden contract-show-first-release.txt
step 2026-12-03T09:00:00+00:00 order deliver "$o2n"
step 2026-12-03T10:00:00+00:00 invoice create --order "$o2n"
read -r i2 i2n <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
assert_eq INV-2026-0002 "$i2n"
assert_eq '["2286.14", "2027-01-02"]' "$(show_json invoice "$i2n" '[d["balance"], d["due"]]')"

# --- payments: partial, then the rest --------------------------------------------------------------------------------
step 2026-12-10T09:00:00+00:00 payment add "$i1n" 1500.00 --date 2026-12-10 --ref "TX 4711"
assert_eq '["partially-paid", "2252.12"]' "$(show_json invoice "$i1n" '[d["status"], d["balance"]]')" \
  "the invoice after a partial payment"
assert_eq invoiced "$(show_json order "$o1n" 'd["status"]')" "the order while its invoice is partly paid"
step 2026-12-20T09:00:00+00:00 payment add "$i1n" 2252.12 --ref "TX 4790"
assert_eq '["paid", "0.00", [["2026-12-10", "1500.00", "TX 4711"], ["2026-12-20", "2252.12", "TX 4790"]]]' \
  "$(show_json invoice "$i1n" '[d["status"], d["balance"], [[p["date"], p["amount"], p["ref"]] for p in d["payments"]]]')" \
  "the invoice paid in full"
assert_eq closed "$(show_json order "$o1n" 'd["status"]')" "the order once its invoice is paid"
run crm --today 2026-12-20T09:00:00+00:00 invoice show "$i1n"
assert_exit 0 "invoice show"
assert_out_golden invoice-show-paid.txt
step 2026-12-20T10:00:00+00:00 deal complete "$pumps"
assert_eq completed "$(show_json deal "$pumps" 'd["status"]')" "the first deal after the act"
step 2026-12-28T09:00:00+00:00 payment add "$i2n" 2286.14 --ref "TX 5102"
assert_eq '["paid", "closed"]' "[\"$(show_json invoice "$i2n" 'd["status"]')\", \"$(show_json order "$o2n" 'd["status"]')\"]"

# --- second release: the contract is fulfilled --------------------------------------------------------------------------
step 2027-01-15T09:00:00+00:00 contract release "$k1n" --line SENSOR-T1:60 --line SEAL-7:15
read -r o3 o3n <<<"$(printf '%s\n' "$OUT" | grep '^O-')"
assert_eq SO-2027-0001 "$o3n" "numbers start again in a new year"
# 60 × 49.90 × 0.90 = 2694.60; 15 × 12.45 = 186.75; subtotal 2881.35; tax 662.7105 → 662.71; total 3544.06.
assert_eq '["2881.35", "0", "2881.35", "662.71", "3544.06"]' "$(show_json order "$o3n" "$TOTALS")" \
  "the second release order's totals"
assert_eq '["fulfilled", [["SENSOR-T1", "100"], ["SEAL-7", "20"]]]' \
  "$(show_json contract "$k1n" '[d["status"], [[l["sku"], l["released"]] for l in d["lines"]]]')" \
  "the contract after the release of what remained"
run crm --today 2027-01-15T09:00:00+00:00 contract show "$k1n"
assert_out_contains "fulfilled"
step 2027-01-20T09:00:00+00:00 order deliver "$o3n"
step 2027-01-20T10:00:00+00:00 invoice create --order "$o3n"
read -r i3 i3n <<<"$(printf '%s\n' "$OUT" | grep '^I-')"
assert_eq INV-2027-0001 "$i3n"
assert_eq '["issued", "2027-02-19", "3544.06"]' "$(show_json invoice "$i3n" '[d["status"], d["due"], d["balance"]]')"
# Past the due date the invoice shows as overdue; that is derived, and the stored status (which
# --json prints, as the user guide says) stays issued.
run crm --today 2027-02-22 invoice list
assert_exit 0 "invoice list"
assert_out_golden invoice-list-overdue.txt
assert_eq "INV-2027-0001 overdue" "$(printf '%s\n' "$OUT" | grep INV-2027-0001 | awk '{print $1, $2}')" \
  "invoice list on 2027-02-22"
run crm --today 2027-02-22 invoice show "$i3n"
assert_contains "$(printf '%s\n' "$OUT" | grep '^status:')" overdue "invoice show on 2027-02-22"
run crm --today 2027-02-19 invoice show "$i3n"
assert_contains "$(printf '%s\n' "$OUT" | grep '^status:')" issued "invoice show on its due date"
run crm --today 2027-02-22 invoice list --json
assert_eq '[["INV-2026-0001", "paid"], ["INV-2026-0002", "paid"], ["INV-2027-0001", "issued"]]' \
  "$(printf '%s' "$OUT" | json_eval '[[r["number"], r["status"]] for r in d]')" "invoice list --json on 2027-02-22"
# With --json a mutation prints what it changed: here the order it closed and the invoice it paid.
step 2027-02-22T09:00:00+00:00 payment add "$i3n" 3544.06 --ref "TX 6001" --json
assert_json "$OUT"
assert_eq "[[\"$o3\", \"closed\"], [\"$i3\", \"paid\", \"0.00\"]]" \
  "$(printf '%s' "$OUT" | json_eval '[[r["id"], r["status"]] + ([r["balance"]] if "balance" in r else []) for r in d]')" \
  "payment add --json"
step 2027-02-22T10:00:00+00:00 deal complete "$sensors"

# --- the end state ----------------------------------------------------------------------------------------------------
run crm --today 2027-02-22 order list --json
assert_eq '[["SO-2026-0001", "closed"], ["SO-2026-0002", "closed"], ["SO-2027-0001", "closed"]]' \
  "$(printf '%s' "$OUT" | json_eval '[[r["number"], r["status"]] for r in d]')" "every order closed"
run crm --today 2027-02-22 deal list --json
assert_eq "[[\"$pumps\", \"completed\"], [\"$sensors\", \"completed\"]]" \
  "$(printf '%s' "$OUT" | json_eval '[[r["id"], r["status"]] for r in d]')" "both deals completed"
run crm --today 2027-02-22 quote list
assert_out_golden quote-list-final.txt
run crm --today 2027-02-22 quote show "$q1n"
assert_exit 0 "quote show of the superseded revision"
assert_out_golden quote-show-q1-superseded.txt

assert_file_eq leads/lead-converted.yaml "leads/$lead.yaml"
assert_file_eq deals/pumps-completed.yaml "deals/$pumps.yaml"
assert_file_eq deals/sensors-completed.yaml "deals/$sensors.yaml"
assert_file_eq quotes/q1-superseded.yaml "quotes/$q1.yaml"
assert_file_eq quotes/q2-accepted.yaml "quotes/$q2.yaml"
assert_file_eq quotes/q3-accepted.yaml "quotes/$q3.yaml"
assert_file_eq orders/so-2026-0001.yaml "orders/$o1.yaml"
assert_file_eq orders/so-2026-0002-release.yaml "orders/$o2.yaml"
assert_file_eq orders/so-2027-0001-release.yaml "orders/$o3.yaml"
assert_file_eq contracts/sk-2026-0001.yaml "contracts/$k1.yaml"
assert_file_eq invoices/inv-2026-0001.yaml "invoices/$i1.yaml"
assert_file_eq invoices/inv-2026-0002.yaml "invoices/$i2.yaml"
assert_file_eq invoices/inv-2027-0001.yaml "invoices/$i3.yaml"
assert_eq "1 1 2 3 1 3" "$(for d in leads accounts contacts quotes contracts orders; do ls "$d" | wc -l; done | tr '\n' ' ' | sed 's/ $//')" \
  "records of each kind"

# --- the account's timeline -----------------------------------------------------------------------------------------------
run crm --today 2027-02-22 timeline "Nordwind Logistik GmbH"
assert_exit 0 "timeline of the account"
for needle in "$q1" "$q2" "$q3" "$o1" "$o2" "$o3" "$k1" "$i1" "$i2" "$i3" "Signed offer" \
  "docs/offer-Q-2026-0002-signed.pdf" "1500.00" "2252.12" "price too high"; do
  assert_out_contains "$needle"
done
assert_eq 4 "$(printf '%s\n' "$OUT" | grep -c ' payment ')" "payments in the timeline"
assert_out_golden timeline-account.txt

# --- frozen totals: crm check recomputes them ---------------------------------------------------------------------------
cp -a . "$T/tampered"
sed -i 's/^total: "3752.12"$/total: "3752.13"/' "$T/tampered/quotes/$q2.yaml"
run crm -C "$T/tampered" check
assert_exit 4 "crm check of a quote whose total was changed by hand"
assert_err_contains "quotes/$q2.yaml"
assert_err_contains "3752.12"

run crm --today 2027-02-22 check
assert_exit 0 "crm check at the end"

finish_soft
