# crm report: the output formats (bars in UTF-8 and ASCII, JSON, YAML, CSV by section, Markdown,
# HTML) and the usage errors, on the pipeline report (issue 8, points 1 and 2).
source "$(dirname "$0")/lib.sh"
setup
new_dir data

# An empty directory: every stage with 0.
run crm report pipeline --json
assert_exit 0
assert_eq 0 "$(json_get stages.0.deals <<<"$OUT")" "deals in an empty stage, as a JSON number"
assert_eq "0.00" "$(json_get totals.0.amount <<<"$OUT")"

step 2026-11-02T09:00:00+00:00 account add --name "Acme"
step 2026-11-02T09:01:00+00:00 deal add --account Acme --title "Pumps" --amount 1000 --close-by 2026-12-15
pumps="$OUT"
step 2026-11-02T09:02:00+00:00 deal add --account Acme --title "Valves" --amount 333.33 --close-by 2026-12-01
valves="$OUT"
step 2026-11-03T09:00:00+00:00 deal stage "$valves" proposal

# proposal: 333.33 x 50% = 166.665 -> 166.67; qualification: 1000 x 10% = 100.00.
run crm report pipeline --json
assert_exit 0
assert_eq "2026-11-23" "$(json_get period.today <<<"$OUT")"
assert_eq "qualification 1 1000.00 100.00" \
  "$(json_eval '" ".join(str(x) for x in [d["stages"][0]["stage"], d["stages"][0]["deals"], d["stages"][0]["amount"], d["stages"][0]["weighted"]])' <<<"$OUT")"
assert_eq "166.67" "$(json_get stages.2.weighted <<<"$OUT")"
assert_eq "1333.33 266.67" "$(json_eval 'd["totals"][0]["amount"] + " " + d["totals"][0]["weighted"]' <<<"$OUT")"
assert_eq "$valves" "$(json_get longest.1.deal <<<"$OUT")" "the later stage change waits less"

run crm report pipeline --format yaml
assert_exit 0
assert_eq "1333.33" "$(yaml_get totals.0.amount <<<"$OUT")"

# Text: block bars in a UTF-8 locale, '#' with --color never or a plain locale.
run env -u NO_COLOR LC_ALL=C.UTF-8 "$CRM_BIN" report pipeline
assert_exit 0
assert_out_contains "████████████████████████"
assert_out_contains "qualification   EUR           1  1000.00           10    100.00"
run crm report pipeline --color never
assert_exit 0
assert_out_contains "########################"
assert_not_contains "$OUT" "█" "ASCII output"
run env -u NO_COLOR LC_ALL=C "$CRM_BIN" report pipeline
assert_exit 0
assert_not_contains "$OUT" "█" "output in a locale without UTF-8"

# CSV: one table, the first unless --section names another.
run crm report pipeline --format csv
assert_exit 0
assert_eq "stage,currency,deals,amount,probability,weighted" "$(head -n1 <<<"$OUT" | tr -d '\r')"
run crm report pipeline --format csv --section totals
assert_exit 0
assert_eq $'currency,deals,amount,weighted\r\nEUR,2,1333.33,266.67\r' "$(cat "$OUT_FILE")"
run crm report pipeline --format csv --section nope
assert_exit 2
assert_err_contains "stages, totals, longest"
run crm report all --format csv
assert_exit 2

run crm report pipeline --format md
assert_exit 0
assert_out_contains "| stage | currency | deals | amount | probability | weighted |"
assert_out_contains "| proposal | EUR | 1 | 333.33 | 50 | 166.67 |"

run crm report pipeline --format html
assert_exit 0
assert_out_contains "<!DOCTYPE html>"
assert_out_contains "<svg class=\"chart\""
assert_not_contains "$OUT" "<script" "the page"

run crm report all --json
assert_exit 0
assert_eq "pipeline" "$(json_get pipeline.report <<<"$OUT")" "report all: one object per report"

# Usage errors: exit 2, a line that says what, and nothing else on stdout.
run crm report pipeline --by product
assert_exit 2
assert_err_contains "--by takes stage, owner"
run crm report pipeline --from 2026-12-01 --to 2026-11-01
assert_exit 2
run crm report pipeline --from someday
assert_exit 2
run crm report pipeline --currency euro
assert_exit 2
run crm report nope
assert_exit 2
run crm lead list --format md
assert_exit 2
assert_err_contains "for reports"

# Filters: the period applies to close_by; --owner and --currency keep their rows.
run crm report pipeline --from 2026-12-10 --to 2026-12-31 --json
assert_eq "1 1000.00" "$(json_eval 'str(d["totals"][0]["deals"]) + " " + d["totals"][0]["amount"]' <<<"$OUT")"
run crm report pipeline --owner nobody --json
assert_eq 0 "$(json_get totals.0.deals <<<"$OUT")"
finish
