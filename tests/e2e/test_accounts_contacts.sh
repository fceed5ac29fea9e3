# crm account|contact add|list|show|edit, and reference resolution (DESIGN section 2).
source "$(dirname "$0")/lib.sh"
setup
new_dir data

ids_of() { printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'; }

# --- accounts -------------------------------------------------------------------------------------
run crm --today 2026-11-23T09:00:00+00:00 account add --name "Acme Sp. z o.o." \
  --email office@acme.example --phone "+48 42 683 74 61" --website https://acme.example \
  --industry machinery --address "ul. Piotrkowska 1, 90-001 Lodz" --owner anna --notes "Key account"
assert_exit 0 "account add"
acme="$OUT"
[[ "$acme" =~ ^A-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "account add printed [$acme], not an account ID"
ok
assert_file_eq accounts/acme-new.yaml "accounts/$acme.yaml"
run crm --today 2026-11-23T10:00:00+00:00 account add --name "Beta GmbH" --email info@beta.example \
  --industry software
assert_exit 0
beta="$OUT"
run crm account add --phone "1"
assert_exit 2 "account add without --name"

run crm account list
assert_exit 0 "account list"
assert_out_golden account-list.txt
run crm account list --owner anna --json
assert_eq "$acme" "$(ids_of)" "account list --owner anna"
run crm account list --industry software --json
assert_eq "$beta" "$(ids_of)" "account list --industry software"
run crm account list PIOTRKOWSKA --json
assert_eq "$acme" "$(ids_of)" "account list TEXT"
run crm account show "$acme"
assert_exit 0 "account show"
assert_out_golden account-show.txt

run crm --today 2026-11-24T08:00:00+00:00 account edit "Acme Sp. z o.o." --owner bob --industry "industrial machinery"
assert_exit 0 "account edit --owner by name"
assert_eq "$acme" "$OUT"
run crm account show "$acme" --json
assert_eq bob "$(printf '%s' "$OUT" | json_get owner)"
assert_eq '{"at": "2026-11-24T08:00:00+00:00", "field": "owner", "from": "anna", "to": "bob", "by": "tester"}' \
  "$(printf '%s' "$OUT" | json_get history.0)" "account hand-over history"
assert_file_eq accounts/acme-edited.yaml "accounts/$acme.yaml"

# --- contacts, with --account by name, by ID prefix, by email ------------------------------------
run crm --today 2026-11-23T11:00:00+00:00 contact add --name "Ewa Nowak" --account "Acme Sp. z o.o." \
  --title CFO --email ewa.nowak@acme.example --phone "01234" --owner anna --notes "Prefers email"
assert_exit 0 "contact add --account NAME"
ewa="$OUT"
[[ "$ewa" =~ ^C-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "contact add printed [$ewa], not a contact ID"
ok
assert_eq "$acme" "$(yaml_get account <"contacts/$ewa.yaml")" "account of a contact added by account name"
assert_file_eq contacts/ewa-new.yaml "contacts/$ewa.yaml"

run crm --today 2026-11-23T12:00:00+00:00 contact add --name "Hans Meier" --account "${beta:0:6}" --email hans@beta.example
assert_exit 0 "contact add --account PREFIX"
hans="$OUT"
assert_eq "$beta" "$(yaml_get account <"contacts/$hans.yaml")" "account by ID prefix"

run crm --today 2026-11-23T13:00:00+00:00 contact add --name "Jan Nowy" --account OFFICE@ACME.EXAMPLE
assert_exit 0 "contact add --account EMAIL (any case)"
jan="$OUT"
assert_eq "$acme" "$(yaml_get account <"contacts/$jan.yaml")" "account by email"

run crm --today 2026-11-23T14:00:00+00:00 contact add --name "Free Agent"
assert_exit 0 "contact add without an account"
free="$OUT"

before="$(snapshot .)"
run crm contact add --name "Nobody" --account "No Such Company"
assert_exit 3 "contact add --account unknown"
assert_err_contains "No Such Company"
assert_eq "$before" "$(snapshot .)" "files after a contact add with an unknown account"
# A contact is not an account.
run crm contact add --name "Nobody" --account "$ewa"
assert_exit 3 "contact add --account CONTACT-ID"
assert_eq "$before" "$(snapshot .)" "files after a contact add with a contact as account"

run crm contact list
assert_exit 0 "contact list"
assert_out_golden contact-list.txt
run crm contact list --account "$acme" --json
assert_eq "$ewa $jan" "$(ids_of)" "contact list --account"
run crm contact list --owner anna --json
assert_eq "$ewa" "$(ids_of)" "contact list --owner"
run crm contact list meier --json
assert_eq "$hans" "$(ids_of)" "contact list TEXT"
run crm contact show ewa.nowak@acme.example
assert_exit 0 "contact show EMAIL"
assert_out_golden contact-show.txt

run crm --today 2026-11-24T09:00:00+00:00 contact edit "Ewa Nowak" --title "Head of Purchasing" --account "Beta GmbH"
assert_exit 0 "contact edit by name, --account by name"
assert_eq "$ewa" "$OUT"
assert_eq "$beta" "$(yaml_get account <"contacts/$ewa.yaml")" "account after contact edit"
assert_eq "Head of Purchasing" "$(yaml_get title <"contacts/$ewa.yaml")"
assert_file_eq contacts/ewa-edited.yaml "contacts/$ewa.yaml"
before="$(snapshot .)"
run crm contact edit "$ewa" --account "No Such Company"
assert_exit 3 "contact edit --account unknown"
assert_eq "$before" "$(snapshot .)" "files after a refused contact edit"

# --- references -----------------------------------------------------------------------------------
run crm account show "$acme"
assert_exit 0 "full ID"
run crm account show "$(echo "$acme" | tr 'A-Z' 'a-z')"
assert_exit 0 "full ID in lower case"
run crm account show "${acme:0:6}"
assert_exit 0 "4-character prefix"
assert_out_contains "$acme"
run crm account show "$(echo "${acme:0:7}" | tr 'A-Z' 'a-z')"
assert_exit 0 "5-character prefix in lower case"
assert_out_contains "$acme"
run crm account show "${acme:0:5}"
assert_exit 3 "3-character prefix"
assert_err_contains "4 characters"
run crm account show "Acme Sp. z o.o."
assert_exit 0 "exact name"
assert_out_contains "$acme"
run crm account show "acme sp. z o.o."
assert_exit 3 "name in another case is not an exact name"
run crm account show "Acme"
assert_exit 3 "part of a name is no reference"
run crm account show info@beta.example
assert_exit 0 "exact email"
assert_out_contains "$beta"
run crm account show "A-ZZZZZZZZ"
assert_exit 3 "unknown ID"
assert_err_contains "A-ZZZZZZZZ"
run crm account show "Nobody Inc"
assert_exit 3 "unknown name"
assert_err_contains "Nobody Inc"
run crm contact show "$acme"
assert_exit 3 "an account ID given to contact show"
run crm account show ""
assert_exit 2 "empty reference"

# Two accounts with one name: exit 3, listing both.
run crm --today 2026-11-23T15:00:00+00:00 account add --name "Beta GmbH" --email sales@beta2.example
assert_exit 0 "a second account with an existing name is allowed"
beta2="$OUT"
before="$(snapshot .)"
run crm account show "Beta GmbH"
assert_exit 3 "duplicate name"
assert_err_contains "ambiguous"
assert_err_contains "$beta"
assert_err_contains "$beta2"
run crm contact add --name "Tom" --account "Beta GmbH"
assert_exit 3 "contact add --account DUPLICATE-NAME"
assert_err_contains "$beta2"
assert_eq "$before" "$(snapshot .)" "files after ambiguous references"
# Either can still be named by its email.
run crm account show sales@beta2.example
assert_exit 0
assert_out_contains "$beta2"

# Two IDs with a common prefix (hand-made files): the short prefix is ambiguous, a longer one not.
sed -e "s/$acme/A-ABCD0001/" "accounts/$acme.yaml" >accounts/A-ABCD0001.yaml
sed -e "s/$acme/A-ABCD0002/" -e 's/Acme Sp. z o.o./Acme Two/' -e 's/office@acme.example/two@acme.example/' \
  "accounts/$acme.yaml" >accounts/A-ABCD0002.yaml
sed -i -e 's/Acme Sp. z o.o./Acme One/' -e 's/office@acme.example/one@acme.example/' accounts/A-ABCD0001.yaml
run crm check
assert_exit 0 "check after adding hand-made accounts"
run crm account show a-abcd
assert_exit 3 "ambiguous ID prefix"
assert_err_contains "A-ABCD0001"
assert_err_contains "A-ABCD0002"
run crm account show A-ABCD000
assert_exit 3 "still ambiguous with 7 characters"
run crm account show A-ABCD0002
assert_exit 0 "full ID among similar ones"
assert_out_contains "Acme Two"
run crm contact add --name "Zed" --account A-ABCD
assert_exit 3 "contact add --account AMBIGUOUS-PREFIX"
assert_err_contains "A-ABCD0001"
run crm note add A-ABCD "x"
assert_exit 3 "note add AMBIGUOUS-PREFIX"

run crm check
assert_exit 0 "crm check at the end"

finish
