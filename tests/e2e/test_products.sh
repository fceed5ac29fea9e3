# crm product add|list|show|edit (issue 3, point 1; DESIGN sections 2, 4 and 5).
source "$(dirname "$0")/lib.sh"
setup
new_dir data

ids_of() { json_eval '" ".join(r["id"] for r in d)'; }

# --- add ------------------------------------------------------------------------------------------
run crm --today 2026-11-02T09:00:00+00:00 product add --sku PUMP-200 --name "Pump 200" \
  --price 1249 --unit pcs --notes "Stainless steel; 200 l/min"
assert_exit 0 "product add"
pump="$OUT"
[[ "$pump" =~ ^P-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "product add printed [$pump], not one product ID"
ok
assert_eq "products/$pump.yaml" "$(ls products/*.yaml)" "the one file product add wrote"
assert_eq "1249.00" "$(yaml_get price <"products/$pump.yaml")" "a price is stored with the currency's two decimals"
assert_eq goods "$(yaml_get kind <"products/$pump.yaml")" "the default kind"
assert_eq EUR "$(yaml_get currency <"products/$pump.yaml")" "the default currency (crm.yaml's)"
assert_file_eq products/pump.yaml "products/$pump.yaml"

run crm --today 2026-11-02T09:10:00+00:00 product add --sku SVC-INSTALL --name "Installation" \
  --price 85.00 --unit h --kind service
assert_exit 0 "product add --kind service"
install="$OUT"
run crm --today 2026-11-02T09:20:00+00:00 product add --sku SEAL-7 --name "Seal kit 7" \
  --price 12.5 --unit pcs --kind part
assert_exit 0 "product add --kind part"
seal="$OUT"
assert_eq part "$(yaml_get kind <"products/$seal.yaml")" "kind of a spare part"
assert_eq "12.50" "$(yaml_get price <"products/$seal.yaml")" "12.5 is stored as 12.50"
assert_file_eq products/seal.yaml "products/$seal.yaml"

# A currency without minor unit: "500" stays 500, and a decimal is refused.
run crm --today 2026-11-02T09:30:00+00:00 product add --sku GAUGE-JP --name "Pressure gauge (import)" \
  --price 500 --currency JPY
assert_exit 0 "product add --currency JPY --price 500"
gauge="$OUT"
assert_eq "500" "$(yaml_get price <"products/$gauge.yaml")" "a JPY price has no decimals"
assert_eq JPY "$(yaml_get currency <"products/$gauge.yaml")"
assert_file_eq products/gauge-jpy.yaml "products/$gauge.yaml"

# --- refused input: exit 2, nothing written ---------------------------------------------------------
before="$(snapshot .)"
run crm product add --sku PUMP-200 --name "Another pump" --price 10.00
assert_exit 2 "product add with a duplicate sku"
assert_err_contains "PUMP-200"
assert_err_contains "$pump"
run crm product add --sku VALVE-1 --name "Valve" --price 12.345
assert_exit 2 "three-decimal price in EUR"
assert_err_contains "12.345"
assert_err_contains "EUR"
run crm product add --sku VALVE-1 --name "Valve" --price 500.5 --currency JPY
assert_exit 2 "a decimal price in JPY"
assert_err_contains "JPY"
run crm product add --sku VALVE-1 --name "Valve" --price -3.00
assert_exit 2 "a negative price"
run crm product add --sku VALVE-1 --name "Valve" --price 1,50
assert_exit 2 "a price with a decimal comma"
run crm product add --sku VALVE-1 --name "Valve" --price 3.00 --currency eur
assert_exit 2 "a lower-case currency code"
run crm product add --sku VALVE-1 --name "Valve" --price 3.00 --currency EURO
assert_exit 2 "a currency that is not ISO 4217"
run crm product add --sku VALVE-1 --name "Valve" --price 3.00 --kind gadget
assert_exit 2 "an unknown kind"
assert_err_contains "gadget"
run crm product add --sku "VALVE 1" --name "Valve" --price 3.00
assert_exit 2 "a sku with a space"
run crm product add --sku VALVE:1 --name "Valve" --price 3.00
assert_exit 2 "a sku with a colon (it would break --line SKU:QTY)"
run crm product add --name "Valve" --price 3.00
assert_exit 2 "product add without --sku"
run crm product add --sku VALVE-1 --price 3.00
assert_exit 2 "product add without --name"
run crm product add --sku VALVE-1 --name "Valve"
assert_exit 2 "product add without --price"
assert_eq "$before" "$(snapshot .)" "files after refused product adds"
# Three decimals are fine where the currency has three.
run crm --dry-run product add --sku VALVE-KW --name "Valve" --price 1.250 --currency KWD
assert_exit 0 "a three-decimal price in KWD"
assert_eq "$before" "$(snapshot .)" "files after a --dry-run product add"

# --- list ---------------------------------------------------------------------------------------------
run crm product list
assert_exit 0 "product list"
assert_out_golden list-all.txt
run crm product list --json
assert_json "$OUT"
assert_eq "$pump $install $seal $gauge" "$(printf '%s' "$OUT" | ids_of)" "product list --json, oldest first"
assert_eq '["PUMP-200", "1249.00", "EUR", "pcs", "goods"]' \
  "$(printf '%s' "$OUT" | json_eval '[d[0][k] for k in ("sku", "price", "currency", "unit", "kind")]')" \
  "the JSON fields of a product"
run crm product list --kind part --json
assert_eq "$seal" "$(printf '%s' "$OUT" | ids_of)" "product list --kind part"
run crm product list --kind service
assert_out_contains "SVC-INSTALL"
assert_not_contains "$OUT" "PUMP-200" "product list --kind service"
run crm product list seal
assert_exit 0 "product list TEXT"
assert_out_contains "SEAL-7"
assert_not_contains "$OUT" "PUMP-200" "product list seal"

# --- show: by sku, ID, ID prefix ------------------------------------------------------------------------
run crm product show PUMP-200
assert_exit 0 "product show SKU"
assert_out_golden show-pump.txt
run crm product show "$pump" --json
assert_exit 0 "product show ID --json"
assert_eq PUMP-200 "$(printf '%s' "$OUT" | json_get sku)"
assert_eq "1249.00" "$(printf '%s' "$OUT" | json_get price)" "price is a decimal string in JSON"
run crm product show "$(echo "${seal:0:6}" | tr 'A-Z' 'a-z')"
assert_exit 0 "product show by a lower-case ID prefix"
assert_out_contains "SEAL-7"
run crm product show NO-SUCH-SKU
assert_exit 3 "product show of an unknown sku"
assert_err_contains "NO-SUCH-SKU"
# A sku wins over an ID prefix (DESIGN 2: exact ID, exact number or sku, unique ID prefix).
prefix="${pump:0:6}"
run crm --today 2026-11-02T09:40:00+00:00 product add --sku "$prefix" --name "Looks like an ID" --price 1.00
assert_exit 0 "product add --sku that looks like an ID prefix"
tricky="$OUT"
run crm product show "$prefix" --json
assert_eq "$tricky" "$(printf '%s' "$OUT" | json_get id)" "a sku that is also an ID prefix resolves as the sku"

# --- edit ----------------------------------------------------------------------------------------------
run crm --today 2026-11-03T10:00:00+00:00 product edit PUMP-200 --price 1299.5 --name "Pump 200 (2027)"
assert_exit 0 "product edit SKU --price --name"
assert_eq "$pump" "$OUT" "product edit prints the ID"
assert_eq "1299.50" "$(yaml_get price <"products/$pump.yaml")" "edited price, normalized"
assert_file_eq products/pump-edited.yaml "products/$pump.yaml"
# An edit that changes nothing rewrites nothing.
before="$(snapshot .)"
inode="$(stat -c %i "products/$pump.yaml")"
run crm product edit PUMP-200 --price 1299.50
assert_exit 0 "product edit to the same price"
assert_eq "$before" "$(snapshot .)" "files after an edit that changes nothing"
assert_eq "$inode" "$(stat -c %i "products/$pump.yaml")" "inode of an unchanged product file"
# Refused edits: the files stay as they were.
run crm product edit PUMP-200 --sku SEAL-7
assert_exit 2 "product edit to another product's sku"
assert_err_contains "SEAL-7"
run crm product edit PUMP-200 --price 1299.505
assert_exit 2 "product edit to a three-decimal EUR price"
run crm product edit PUMP-200 --currency JPY
assert_exit 2 "product edit to JPY of a price with cents"
run crm product edit PUMP-200 --kind gadget
assert_exit 2 "product edit --kind gadget"
run crm product edit NO-SUCH-SKU --price 1.00
assert_exit 3 "product edit of an unknown sku"
assert_eq "$before" "$(snapshot .)" "files after refused product edits"
# The sku can change; the new sku resolves, the old one no longer does.
run crm --today 2026-11-03T11:00:00+00:00 product edit SEAL-7 --sku SEAL-7B
assert_exit 0 "product edit --sku"
run crm product show SEAL-7B --json
assert_eq "$seal" "$(printf '%s' "$OUT" | json_get id)" "the product under its new sku"
run crm product show SEAL-7
assert_exit 3 "the old sku after a rename"
# JPY to EUR: "500" becomes "500.00".
run crm --today 2026-11-03T12:00:00+00:00 product edit GAUGE-JP --currency EUR
assert_exit 0 "product edit --currency EUR"
assert_eq "500.00" "$(yaml_get price <"products/$gauge.yaml")" "the price in the new currency's minor unit"

run crm product list
assert_out_golden list-edited.txt

run crm check
assert_exit 0 "crm check after the product commands"

finish
