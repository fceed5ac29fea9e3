# Every report on examples/ (issue 8, "every report's JSON on examples/ against expected figures"):
# figures recomputed from the YAML files by an independent script (PyYAML and Decimal, not crm's
# reader), each report's JSON compared with a reviewed golden file, and every format produced.
source "$(dirname "$0")/lib.sh"
setup
[[ -d "$CRM_SOURCE_DIR/examples/deals" ]] || fail "examples/ is missing from $CRM_SOURCE_DIR"
cp -r "$CRM_SOURCE_DIR/examples" "$T/data"
cd "$T/data"
when=2026-11-23T09:00:00+00:00

run crm --today "$when" report all --json
assert_exit 0 "report all --json"
cp "$OUT_FILE" "$T/all.json"
figures=$("$PY" "$CRM_SOURCE_DIR/tests/e2e/reports/independent_figures.py" . "$when" "$T/all.json") ||
  fail "the reports disagree with figures computed from the files: $(tail -n 1 <<<"$figures")"
ok
assert_contains "$figures" "42 figures agree"

reports=(pipeline forecast sales win-rate funnel quotes receivables service activity campaigns)
for r in "${reports[@]}"; do
  run crm --today "$when" report "$r" --json
  assert_exit 0 "report $r --json"
  assert_file_eq "$r.json" "$OUT_FILE"
  for format in table md csv yaml html; do
    run crm --today "$when" report "$r" --format "$format"
    assert_exit 0 "report $r --format $format"
    [[ -n "$OUT" ]] || fail "report $r --format $format printed nothing"
    ok
  done
done
assert_eq "$(printf '%s\n' "${reports[@]}")" "$("$PY" -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))))' "$T/all.json")" \
  "report all lists every report, in order"
finish
