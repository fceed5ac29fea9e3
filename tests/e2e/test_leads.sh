# crm lead add|list|show|edit|contact|qualify|disqualify|convert (issue 2, point 4 and 5).
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# --- add ------------------------------------------------------------------------------------------
run crm --today 2026-11-23T09:00:00+00:00 lead add --name "Jan Kowalski" \
  --company "Acme Sp. z o.o." --email jan@acme.example --phone "+48 42 683 74 61" \
  --source fair --owner anna --notes "Met at the Poznan fair; wants a demo in March"
assert_exit 0 "lead add with every field"
jan="$OUT"
[[ "$jan" =~ ^L-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "lead add printed [$jan], not one lead ID"
ok
assert_eq "leads/$jan.yaml" "$(ls leads/*.yaml)" "the one file lead add wrote"
assert_eq 600 "$(stat -c %a "leads/$jan.yaml")" "mode of a new record"
assert_file_eq leads/jan-new.yaml "leads/$jan.yaml"

# Unknown source: usage error, nothing written.
before="$(snapshot .)"
run crm lead add --name "Bad Source" --source telepathy
assert_exit 2 "lead add --source telepathy"
assert_err_contains "telepathy"
assert_err_contains "referral"
assert_eq "$before" "$(snapshot .)" "files after a refused lead add"
# Every documented source is accepted.
for src in referral business-card fair campaign web other; do
  run crm --dry-run lead add --name "S $src" --source "$src"
  assert_exit 0 "lead add --source $src"
done
# A name is required.
run crm lead add --company "Nameless"
assert_exit 2 "lead add without --name"
assert_eq "$before" "$(snapshot .)" "files after lead add without a name"

# Owner defaults to the acting user: $CRM_USER, or --as.
run crm --today 2026-11-23T10:00:00+00:00 lead add --name "Ewa Nowak" --company "Beta GmbH" \
  --email ewa@beta.example --source web
assert_exit 0
ewa="$OUT"
run crm --today 2026-11-23T11:00:00+00:00 --as bob lead add --name "Piotr Zielinski" \
  --company "Gamma SA" --source referral
assert_exit 0
piotr="$OUT"
run crm --today 2026-11-23T12:00:00+00:00 lead add --name "Olga Lis" --company "Delta" \
  --source web --owner anna
assert_exit 0
olga="$OUT"
run crm lead show "$ewa" --json
assert_eq tester "$(printf '%s' "$OUT" | json_get owner)" "default owner"
run crm lead show "$piotr" --json
assert_eq bob "$(printf '%s' "$OUT" | json_get owner)" "owner with --as bob"

# --- list ---------------------------------------------------------------------------------------
run crm lead list
assert_exit 0 "lead list"
assert_out_golden list-all.txt
run crm lead list --status new --json
assert_eq "$jan $ewa $piotr $olga" "$(printf '%s' "$OUT" | json_get . | "$PY" -c '
import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))')" "lead list --status new (oldest first)"
run crm lead list --owner anna --json
assert_eq "[\"$jan\", \"$olga\"]" "$(printf '%s' "$OUT" | "$PY" -c '
import json,sys; print(json.dumps([r["id"] for r in json.load(sys.stdin)]))')" "lead list --owner anna"
run crm lead list --source web --json
assert_eq "[\"$ewa\", \"$olga\"]" "$(printf '%s' "$OUT" | "$PY" -c '
import json,sys; print(json.dumps([r["id"] for r in json.load(sys.stdin)]))')" "lead list --source web"
run crm lead list --source web --owner anna --json
assert_eq "$olga" "$(printf '%s' "$OUT" | json_get 0.id)" "lead list --source web --owner anna"
assert_eq 1 "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
  "number of leads with --source web --owner anna"
run crm lead list gamma
assert_exit 0 "lead list TEXT"
assert_out_contains "$piotr"
assert_not_contains "$OUT" "$jan" "lead list gamma"
run crm lead list "POZNAN"
assert_out_contains "$jan"
assert_not_contains "$OUT" "$ewa" "lead list POZNAN (free text searches notes, case-insensitively)"
run crm lead list --status converted
assert_exit 0 "lead list with no match"
assert_eq "id  status  name  company  source  owner" "$(echo "$OUT" | tr -s ' ' | sed 's/ /  /g')" \
  "an empty list prints the header only"

# --- show -----------------------------------------------------------------------------------------
run crm lead show "$jan"
assert_exit 0 "lead show"
assert_out_golden show-jan-new.txt
# Prefix (4 characters after the dash, any case), and exact email and name.
run crm lead show "$(echo "${jan:0:6}" | tr 'A-Z' 'a-z')"
assert_exit 0 "lead show by a lower-case 4-character prefix"
assert_out_contains "Jan Kowalski"
run crm lead show jan@acme.example
assert_exit 0 "lead show by email"
assert_out_contains "$jan"
run crm lead show "Jan Kowalski"
assert_exit 0 "lead show by exact name"
assert_out_contains "$jan"
run crm lead show L-ZZZZZZZZ
assert_exit 3 "lead show of a missing lead"

# --- edit and hand-over -------------------------------------------------------------------------
run crm --today 2026-11-24T08:00:00+00:00 lead edit "$jan" --owner bob
assert_exit 0 "lead edit --owner"
assert_eq "$jan" "$OUT" "lead edit prints the ID"
run crm lead show "$jan" --json
assert_eq '{"at": "2026-11-24T08:00:00+00:00", "field": "owner", "from": "anna", "to": "bob", "by": "tester"}' \
  "$(printf '%s' "$OUT" | json_get history.0)" "the hand-over's history entry"
assert_eq bob "$(printf '%s' "$OUT" | json_get owner)" "owner after hand-over"
run crm --today 2026-11-24T08:30:00+00:00 lead edit "$jan" --phone "+48 42 000 00 00"
assert_exit 0 "lead edit --phone"
run crm lead show "$jan" --json
assert_eq "+48 42 000 00 00" "$(printf '%s' "$OUT" | json_get phone)" "phone after edit"
assert_eq 1 "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["history"]))')" \
  "a plain field edit adds no history entry"
# An edit that changes nothing rewrites nothing.
before="$(snapshot .)"
inode="$(stat -c %i "leads/$jan.yaml")"
run crm lead edit "$jan" --phone "+48 42 000 00 00"
assert_exit 0 "lead edit to the same value"
assert_eq "$before" "$(snapshot .)" "files after an edit that changes nothing"
assert_eq "$inode" "$(stat -c %i "leads/$jan.yaml")" "inode of a file an edit left unchanged (not rewritten)"
# An empty value clears a field.
run crm lead edit "$olga" --company ""
assert_exit 0 "lead edit --company ''"
assert_not_contains "$(cat "leads/$olga.yaml")" "company:" "lead file after clearing company"
run crm lead edit "$olga" --source nonsense
assert_exit 2 "lead edit --source nonsense"

# --- contact, qualify, disqualify ------------------------------------------------------------------
run crm --today 2026-11-24T09:00:00+00:00 lead contact "$jan"
assert_exit 0 "lead contact"
assert_eq "$jan" "$OUT"
run crm --today 2026-11-24T09:00:00+00:00 lead contact "$jan"
assert_exit 1 "contact of a contacted lead"
assert_err_contains "$jan"
assert_err_contains "contacted"
run crm --today 2026-11-25T10:00:00+00:00 lead qualify "$jan"
assert_exit 0 "lead qualify"
run crm lead show "$jan" --json
assert_eq qualified "$(printf '%s' "$OUT" | json_get status)"
assert_eq '{"at": "2026-11-24T09:00:00+00:00", "from": "new", "to": "contacted", "by": "tester"}' \
  "$(printf '%s' "$OUT" | json_get history.1)" "history entry of contact"
assert_eq '{"at": "2026-11-25T10:00:00+00:00", "from": "contacted", "to": "qualified", "by": "tester"}' \
  "$(printf '%s' "$OUT" | json_get history.2)" "history entry of qualify"
assert_file_eq leads/jan-qualified.yaml "leads/$jan.yaml"
run crm lead show "$jan"
assert_out_golden show-jan-qualified.txt

before="$(snapshot .)"
run crm lead disqualify "$piotr"
assert_exit 2 "disqualify without --reason"
assert_err_contains "--reason"
assert_eq "$before" "$(snapshot .)" "files after disqualify without a reason"
run crm --today 2026-11-25T11:00:00+00:00 lead disqualify "$piotr" --reason "no budget this year"
assert_exit 0 "disqualify with a reason"
run crm lead show "$piotr" --json
assert_eq disqualified "$(printf '%s' "$OUT" | json_get status)"
assert_eq "no budget this year" "$(printf '%s' "$OUT" | json_get reason)" "stored reason"
assert_eq "no budget this year" "$(printf '%s' "$OUT" | json_get history.0.note)" "history note"
assert_file_eq leads/piotr-disqualified.yaml "leads/$piotr.yaml"
run crm lead qualify "$piotr"
assert_exit 1 "qualify a disqualified lead"

# --- convert ----------------------------------------------------------------------------------------
run crm --today 2026-11-26T10:00:00+00:00 lead convert "$jan"
assert_exit 0 "lead convert"
mapfile -t ids <<<"$OUT"
account="$(printf '%s\n' "${ids[@]}" | grep '^A-' || true)"
contact="$(printf '%s\n' "${ids[@]}" | grep '^C-' || true)"
deal="$(printf '%s\n' "${ids[@]}" | grep '^D-' || true)"
[[ -n "$account" && -n "$contact" && -n "$deal" ]] || fail "convert printed [$OUT]: no A-, C- and D- IDs"
ok
for id in "${ids[@]}"; do
  [[ "$id" =~ ^[ACDL]-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "convert printed [$id], not an ID"
done
ok
assert_file_exists "accounts/$account.yaml"
assert_file_exists "contacts/$contact.yaml"
assert_file_exists "deals/$deal.yaml"
run crm lead show "$jan" --json
assert_eq converted "$(printf '%s' "$OUT" | json_get status)"
assert_eq "$account" "$(printf '%s' "$OUT" | json_get account)" "lead's account"
assert_eq "$contact" "$(printf '%s' "$OUT" | json_get contact)" "lead's contact"
assert_eq "$deal" "$(printf '%s' "$OUT" | json_get deal)" "lead's deal"
run crm account show "$account" --json
assert_eq "Acme Sp. z o.o." "$(printf '%s' "$OUT" | json_get name)" "account name"
run crm contact show "$contact" --json
assert_eq "$account" "$(printf '%s' "$OUT" | json_get account)" "contact's account"
assert_file_eq leads/jan-converted.yaml "leads/$jan.yaml"
assert_file_eq accounts/acme.yaml "accounts/$account.yaml"
assert_file_eq contacts/jan.yaml "contacts/$contact.yaml"
assert_file_eq deals/acme-deal.yaml "deals/$deal.yaml"
assert_eq qualification "$(yaml_get stage <"deals/$deal.yaml")" "the deal starts in stage one"
assert_eq "$jan" "$(yaml_get lead <"deals/$deal.yaml")" "the deal's lead"

# Convert with --account "Existing Name" links it and creates no account.
accounts_before="$(ls accounts)"
run crm --today 2026-11-26T11:00:00+00:00 lead convert "$ewa" --account "Acme Sp. z o.o." \
  --title "Beta via Acme"
assert_exit 0 "lead convert --account NAME"
assert_not_contains "$OUT" "A-" "IDs printed by convert --account"
assert_eq "$accounts_before" "$(ls accounts)" "accounts after convert --account"
run crm lead show "$ewa" --json
assert_eq "$account" "$(printf '%s' "$OUT" | json_get account)" "linked account"
ewa_contact="$(printf '%s' "$OUT" | json_get contact)"
ewa_deal="$(printf '%s' "$OUT" | json_get deal)"
assert_eq "$account" "$(yaml_get account <"contacts/$ewa_contact.yaml")" "new contact's account"
assert_eq "Beta via Acme" "$(yaml_get title <"deals/$ewa_deal.yaml")" "deal title from --title"
assert_file_eq leads/ewa-converted.yaml "leads/$ewa.yaml"
assert_file_eq contacts/ewa.yaml "contacts/$ewa_contact.yaml"
assert_file_eq deals/beta-via-acme.yaml "deals/$ewa_deal.yaml"

# Convert --account with an unknown account: exit 3, nothing written.
before="$(snapshot .)"
run crm lead convert "$olga" --account "No Such Company"
assert_exit 3 "convert --account unknown"
assert_eq "$before" "$(snapshot .)" "files after convert with an unknown account"

# Refused: converted and disqualified leads. Exit 1, names the lead and its state, no change.
before="$(snapshot .)"
run crm lead convert "$jan"
assert_exit 1 "convert of a converted lead"
assert_err_contains "$jan"
assert_err_contains "converted"
run crm lead convert "$piotr"
assert_exit 1 "convert of a disqualified lead"
assert_err_contains "$piotr"
assert_err_contains "disqualified"
run crm lead convert "$piotr" --account "Acme Sp. z o.o."
assert_exit 1 "convert --account of a disqualified lead"
run crm lead disqualify "$jan" --reason "too late"
assert_exit 1 "disqualify a converted lead"
assert_err_contains "$jan"
assert_eq "$before" "$(snapshot .)" "files after refused transitions"
assert_eq "lock" "$(ls -A .crm | grep -vx index)" "nothing but the lock (and the local index) in .crm/"

run crm check
assert_exit 0 "crm check after the lead workflow"

finish
