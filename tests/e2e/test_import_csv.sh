#!/usr/bin/env bash
# crm import csv and crm export csv, end to end on the sample exports of examples/import/:
# every tool's headers, --map, --key (a second run changes nothing and commits nothing; a
# changed row updates its record), bad rows with their lines, --all-or-nothing, --dry-run,
# won and lost deals with their closed dates, crm check, the sales report by product with a
# product kept as text, one commit per import, and the export/import round trip byte for byte.
source "$(dirname "$0")/lib.sh"
setup
S="$CRM_SOURCE_DIR/examples/import"

commits() { git rev-list --count HEAD; }

run crm init --git d
assert_exit 0 "init"
cd d

# --- Google Contacts: contacts with accounts created by name, one commit ---------------------
before=$(commits)
run crm import csv --kind contact "$S/google-contacts.csv"
assert_exit 0 "google import"
assert_out_contains "imported 3 rows of contact records"
assert_out_contains "3 created, 0 updated, 0 unchanged, 0 bad rows"
assert_out_contains "accounts created: 2"
assert_out_contains "columns not imported: Group Membership, E-mail 1 - Type, Phone 1 - Type, Organization 1 - Type"
assert_eq $((before + 1)) "$(commits)" "one commit for the import"
assert_contains "$(git log -1 --format=%s)" "import csv contact: 3 created, 0 updated" "commit message"
run crm contact show "Jonas Weber" --json
assert_eq "jonas.weber@nordwind.example.com" "$(json_get email <<<"$OUT")" "first of several e-mails"
assert_eq "Fleet Manager" "$(json_get title <<<"$OUT")" "title"
assert_contains "$(json_get notes <<<"$OUT")" "Speaks German" "multi-line note"
run crm contact show "Claire Dubois" --json
assert_eq "Claire Dubois" "$(json_get name <<<"$OUT")" "given + family name"
run crm account show "Nordwind Logistik GmbH"
assert_exit 0 "account created by name"

# Again: nothing changes, no file is rewritten, no commit.
snap=$(snapshot .)
run crm import csv --kind contact "$S/google-contacts.csv"
assert_exit 0 "google again"
assert_out_contains "0 created, 0 updated, 3 unchanged"
assert_eq "$snap" "$(snapshot .)" "files after a second import"
assert_eq $((before + 1)) "$(commits)" "no commit for an import that changes nothing"

# --- Outlook: Job Title wins over the honorific Title; an existing account is linked ----------
run crm import csv --kind contact "$S/outlook-contacts.csv"
assert_exit 0 "outlook"
assert_out_contains "accounts created: 1"
run crm contact show "Elena Rossi" --json
assert_eq "CFO" "$(json_get title <<<"$OUT")" "outlook job title"
assert_eq "+47 912 34 567" "$(json_get phone <<<"$OUT")" "mobile phone when no business phone"
fjord=$("$CRM_BIN" account show "Fjordfrakt AS" --json | json_get id)
assert_eq "$fjord" "$(json_get account <<<"$OUT")" "linked to the account Google's import created"

# --- HubSpot contacts as leads: Lead Status maps onto the lead lifecycle ----------------------
run crm import csv --kind lead "$S/hubspot-contacts.csv"
assert_exit 0 "hubspot contacts as leads"
run crm lead show "Sven Larsen" --json
assert_eq "contacted" "$(json_get status <<<"$OUT")" "IN_PROGRESS is contacted"
assert_eq "Nordic Reefers" "$(json_get company <<<"$OUT")" "company"
assert_eq "Marketing Qualified Lead" "$(json_get lifecycle_stage <<<"$OUT")" "custom field"
assert_eq "import" "$(json_get history.0.action <<<"$OUT")" "import history entry"
assert_eq "imported from hubspot-contacts.csv line 3" "$(json_get history.0.note <<<"$OUT")" "note"

# --- Salesforce leads: --key, --map-source, a disqualified lead -------------------------------
run crm import csv --kind lead "$S/salesforce-leads.csv" --key "Lead ID"
assert_exit 1 "lead sources not in crm.yaml"
assert_err_contains "salesforce-leads.csv:2: source 'Trade Show' is not one of crm.yaml's lead_sources"
assert_err_contains "hint: add --map-source 'Trade Show=...', or add it to crm.yaml"
assert_err_contains "salesforce-leads.csv:4: source 'Partner Referral'"
assert_out_contains "1 created, 0 updated, 0 unchanged, 2 bad rows"
run crm import csv --kind lead "$S/salesforce-leads.csv" --key "Lead ID" \
  --map-source "Trade Show=fair" --map-source "Partner Referral=referral"
assert_exit 0 "salesforce leads"
assert_out_contains "2 created, 0 updated, 1 unchanged"
run crm lead show "Oskar Lind" --json
assert_eq "disqualified" "$(json_get status <<<"$OUT")" "Closed - Not Converted"
assert_eq "00QDn000001XyZc" "$(json_get external_id <<<"$OUT")" "external_id"
assert_contains "$(json_get reason <<<"$OUT")" "Closed - Not Converted" "reason"

# --- HubSpot deals: stages mapped, won/lost with closed dates, products ------------------------
run crm product add --sku TLM-400 --name "Telematics unit TLM-400" --price 890
assert_exit 0 "product"
run crm import csv --kind deal "$S/hubspot-deals.csv" --key "Record ID"
assert_exit 1 "unmapped stages are bad rows"
assert_err_contains "hubspot-deals.csv:2: stage 'Appointment scheduled' is not one of ours"
assert_err_contains "hint: add --map-stage 'Appointment scheduled=...' naming one of them"
assert_err_contains "hubspot-deals.csv:3: stage 'Contract sent'"
before=$(commits)
run crm import csv --kind deal "$S/hubspot-deals.csv" --key "Record ID" \
  --map-stage "Appointment scheduled=qualification" --map-stage "Contract sent=negotiation"
assert_exit 0 "hubspot deals"
assert_out_contains "products kept as text (no product has this sku or name): Cold-chain sensor kit"
assert_eq $((before + 1)) "$(commits)" "one commit"
run crm deal list --json
won=$(json_eval '[d["id"] for d in d if d["title"] == "Nordwind yard automation"][0]' <<<"$OUT")
run crm deal show "$won" --json
assert_eq "won" "$(json_get status <<<"$OUT")" "won"
assert_eq "2026-10-30" "$(json_get closed <<<"$OUT")" "won keeps its close date"
assert_eq "38000.00" "$(json_get amount <<<"$OUT")" "amount with grouping"
assert_eq "2026-05-11T09:03:00+00:00" "$(json_get created <<<"$OUT")" "created from Create Date"
assert_eq "Anna Schmidt" "$(json_get owner <<<"$OUT")" "owner"
assert_eq "Sales Pipeline" "$(json_get pipeline <<<"$OUT")" "pipeline kept as custom"
run crm deal list --status lost --json
assert_eq "2026-09-12" "$(json_get 0.closed <<<"$OUT")" "lost keeps its close date"
assert_contains "$(json_get 0.reason <<<"$OUT")" "Closed lost" "lost reason"
run crm deal list --json
assert_eq "TLM-400" "$(json_eval '[d["product"] for d in d if d["title"] == "Fjordfrakt fleet telematics"][0]' <<<"$OUT")" "product by sku"

# Again with the key: nothing changes, no commit. A changed row updates its record.
snap=$(snapshot .)
before=$(commits)
run crm import csv --kind deal "$S/hubspot-deals.csv" --key "Record ID" \
  --map-stage "Appointment scheduled=qualification" --map-stage "Contract sent=negotiation"
assert_exit 0 "hubspot again"
assert_out_contains "0 created, 0 updated, 4 unchanged"
assert_eq "$snap" "$(snapshot .)" "files after the same import"
assert_eq "$before" "$(commits)" "no new commit"
sed -e 's/^9002,Baltic Cargo tracking pilot,Contract sent,4800/9002,Baltic Cargo tracking pilot,Closed won,5200/' \
  "$S/hubspot-deals.csv" >"$T/changed.csv"
run crm import csv --kind deal "$T/changed.csv" --key "Record ID" \
  --map-stage "Appointment scheduled=qualification" --map-stage "Contract sent=negotiation"
assert_exit 0 "changed row"
assert_out_contains "updated D-"
assert_out_contains "0 created, 1 updated, 3 unchanged"
assert_eq $((before + 1)) "$(commits)" "one commit for the update"
run crm deal list --json
baltic=$(json_eval '[d for d in d if d["title"] == "Baltic Cargo tracking pilot"][0]' <<<"$OUT")
assert_eq "won" "$(json_get status <<<"$baltic")" "state change"
assert_eq "5200.00" "$(json_get amount <<<"$baltic")" "amount change"
assert_eq "2026-12-15" "$(json_get closed <<<"$baltic")" "closed"
assert_eq "import" "$(json_get history.0.action <<<"$baltic")" "history entry for the state change"

# --- Pipedrive: status column, won/lost times, currency ---------------------------------------
run crm import csv --kind deal "$S/pipedrive-deals.csv" --key "Deal - ID" \
  --map-stage "Qualified=qualification" --map-stage "Negotiations Started=negotiation" \
  --map-stage "Proposal Made=proposal"
assert_exit 0 "pipedrive"
run crm deal list --json
nordic=$(json_eval '[d for d in d if d["title"] == "Nordic Reefers pilot"][0]' <<<"$OUT")
assert_eq "won" "$(json_get status <<<"$nordic")" "pipedrive won"
assert_eq "2026-11-18" "$(json_get closed <<<"$nordic")" "won time"
assert_eq "negotiation" "$(json_get stage <<<"$nordic")" "stage"
alpen=$(json_eval '[d for d in d if d["title"] == "Alpen Transport retrofit"][0]' <<<"$OUT")
assert_eq "CHF" "$(json_get currency <<<"$alpen")" "currency column"
assert_eq "2026-10-20" "$(json_get closed <<<"$alpen")" "lost time"

# --- Salesforce opportunities: M/D/YYYY, European amounts, product by name --------------------
run crm product add --sku GW-200 --name "Site gateway GW-200" --price 1200
run crm import csv --kind deal "$S/salesforce-opportunities.csv" --key "Opportunity ID" \
  --map-stage "Prospecting=qualification"
assert_exit 0 "salesforce opportunities"
run crm deal list --json
rollout=$(json_eval '[d for d in d if d["title"] == "Baltic Cargo gateway rollout"][0]' <<<"$OUT")
assert_eq "24300.00" "$(json_get amount <<<"$rollout")" "€24.300,00"
assert_eq "2027-01-15" "$(json_get close_by <<<"$rollout")" "1/15/2027"
assert_eq "GW-200" "$(json_get product <<<"$rollout")" "product by name"

run crm check
assert_exit 0 "crm check after the imports"

# The sales report groups won deals without a quote by their product, text or sku.
run crm report sales --by product --format csv
assert_exit 0 "sales by product"
assert_contains "$OUT" "Spare battery pack,EUR,1,1980.00" "a product kept as text"
assert_contains "$OUT" "Cold-chain sensor kit,EUR,1,5200.00" "the updated deal's product"

# --- --map, stdin, ; delimiter, --json ---------------------------------------------------------
printf 'Nom;Courriel;Couleur\nAmélie Martin;amelie@example.invalid;bleu\n' >"$T/fr.csv"
# (`run` gives crm /dev/null as standard input: this one runs the binary itself)
"$CRM_BIN" import csv --kind contact - --delimiter ';' --map Nom=name --map Courriel=email \
  --map "Couleur=favourite colour" --json <"$T/fr.csv" >"$T/io/json" 2>"$T/io/jerr"
assert_eq "1" "$(json_get created <"$T/io/json")" "created from stdin"
assert_eq "name" "$(json_get columns.Nom <"$T/io/json")" "mapped column"
run crm contact show "Amélie Martin" --json
assert_eq "bleu" "$(json_get favourite_colour <<<"$OUT")" "custom field from --map"
assert_eq "imported 1 rows from standard input" "imported $(json_get rows <"$T/io/json") rows from $(json_get file <"$T/io/json")" "stdin"

# --- bad rows: lines, --all-or-nothing, --dry-run ----------------------------------------------
printf 'name,email,Close\n"Ann\nOnly",ann@example.invalid,x\nBad Mail,nope,\nToo,many,fields,here\nGood,good@example.invalid,\n' >"$T/bad.csv"
snap=$(snapshot .)
before=$(commits)
run crm import csv --kind contact "$T/bad.csv" --all-or-nothing
assert_exit 1 "all or nothing"
assert_err_contains "bad.csv:4: email 'nope' is not an e-mail address"
assert_err_contains "bad.csv:5: the row has 4 fields, the header 3"
assert_err_contains "2 of 4 rows are bad: nothing was imported (--all-or-nothing)"
assert_eq "$snap" "$(snapshot .)" "nothing written"
run crm import csv --kind contact "$T/bad.csv" --dry-run
assert_exit 1 "dry run with bad rows"
assert_out_contains "would create C-"
assert_out_contains "would import 4 rows"
assert_eq "$snap" "$(snapshot .)" "dry run writes nothing"
assert_eq "$before" "$(commits)" "dry run commits nothing"
run crm import csv --kind contact "$T/bad.csv"
assert_exit 1 "some rows bad"
assert_out_contains "2 created, 0 updated, 0 unchanged, 2 bad rows"
assert_out_contains "columns not imported: Close"
assert_eq $((before + 1)) "$(commits)" "the good rows in one commit"

# Unusable files: exit 2, nothing written.
printf 'name\nJos\xe9\n' >"$T/latin1.csv"
run crm import csv --kind contact "$T/latin1.csv"
assert_exit 2 "not UTF-8"
assert_err_contains "line 2: the file is not UTF-8 text"
printf 'name,email\n"Open,x@example.invalid\n' >"$T/open.csv"
run crm import csv --kind contact "$T/open.csv"
assert_exit 1 "unterminated quote"
assert_err_contains "open.csv:2: the quoted field opened on line 2 is never closed"
run crm import csv --kind quote "$T/open.csv"
assert_exit 2 "a kind that cannot be imported"
run crm import csv --kind contact "$T/missing.csv"
assert_exit 2 "missing file"

run crm check
assert_exit 0 "crm check at the end"

# --- export and import: byte for byte ----------------------------------------------------------
for kind in account contact lead product deal; do
  run crm export csv --kind "$kind" -o "$T/$kind.csv"
  assert_exit 0 "export $kind"
done
run crm export csv --kind deal
assert_exit 0 "export to stdout"
cmp -s "$T/deal.csv" "$OUT_FILE" || fail "export to a file and to stdout differ"
ok
# Into the directory it came from: nothing changes.
snap=$(snapshot .)
for kind in account contact lead product deal; do
  run crm import csv --kind "$kind" "$T/$kind.csv"
  assert_exit 0 "import the export of $kind back"
  assert_contains "$OUT" "0 created, 0 updated" "re-import of $kind"
done
assert_eq "$snap" "$(snapshot .)" "files after importing the exports back"
# Into a fresh directory: the same bytes out again.
cd "$T"
run crm init fresh
cd fresh
for kind in account contact lead product deal; do
  run crm import csv --kind "$kind" "$T/$kind.csv"
  assert_exit 0 "import $kind into a fresh directory"
done
for kind in account contact lead product deal; do
  run crm export csv --kind "$kind" -o "$T/$kind-again.csv"
  cmp -s "$T/$kind.csv" "$T/$kind-again.csv" || {
    diff "$T/$kind.csv" "$T/$kind-again.csv" | head -20 >&2
    fail "export of $kind after import into a fresh directory differs"
  }
  ok
done
run crm check
assert_exit 0 "crm check in the fresh directory"

# Export filters like list's.
cd "$T/d"
run crm export csv --kind deal --status won
assert_exit 0 "export won deals"
assert_not_contains "$OUT" ",open," "only won deals"
assert_contains "$OUT" ",won," "won deals"
run crm export csv --kind account --stage proposal
assert_exit 2 "a filter the kind lacks"

finish
