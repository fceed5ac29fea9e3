# The dashboard (`crm report all --format html`) as a person's browser shows it: on a copy of
# examples/ at the docs' pinned moment, the page is self-contained (no script, no link or
# source but #anchors, no url(), no @import), and headless Chromium renders it with no console
# message, no exception, no failed or extra request, showing every report's title and section
# and the pipeline's totals worked out here from the deals' files.
#
# Chromium is driven over the DevTools protocol on a pipe by tests/e2e/chromium_page.py, which
# listens to the Runtime, Log and Network domains: a console message of any level, an uncaught
# exception, a "Failed to load resource" log entry, a request for any URL but the page's, and a
# failed request each print a line and make it exit 1. The script first checks that it does
# catch them, on a page made to have all of them.
source "$(dirname "$0")/lib.sh"
setup

CHROMIUM="${CRM_CHROMIUM:-$(command -v chromium || true)}"
if [[ -z $CHROMIUM || ! -x $CHROMIUM ]]; then
  echo "FAIL: chromium is not installed; 'bash .ci/install-deps --test' installs it" >&2
  exit 1
fi
PAGE="$PY $E2E_DIR/chromium_page.py --chromium $CHROMIUM"

cp -r "$CRM_SOURCE_DIR/examples" examples
export CRM_DIR="$T/examples" CRM_TODAY=2026-11-23T09:00:00+00:00

run crm report all --format html
assert_exit 0 "report all --format html"
printf '%s' "$OUT" >dashboard.html
assert_contains "$OUT" "<!DOCTYPE html>" "an HTML page"

# --- self-contained: nothing to run, nothing to fetch -------------------------------------------

for pattern in '<script' 'url(' '@import' '<link' '<iframe' '<object' '<embed' 'javascript:'; do
  if grep -qiF -- "$pattern" dashboard.html; then
    fail "the dashboard holds '$pattern': $(grep -iF -- "$pattern" dashboard.html | head -3)"
  fi
  ok
done
# src= and href= only as in-page anchors (href="#pipeline"); xmlns is a name, not a fetch.
bad_refs=$(grep -oiE '(src|href|srcset|action|poster|data)[[:space:]]*=[[:space:]]*"[^"]*"' \
  dashboard.html | grep -viE '^href[[:space:]]*=[[:space:]]*"#[a-z0-9_-]+"$' || true)
[[ -z $bad_refs ]] || fail "references to other files in the dashboard: $bad_refs"
ok

# --- the probe catches what it should ------------------------------------------------------------

cat >bad.html <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body>
<p>probe</p><img src="missing.png" alt=""><script>console.error("boom");</script></body></html>
HTML
set +e
probe=$($PAGE bad.html 2>&1)
probe_rc=$?
set -e
assert_eq 1 "$probe_rc" "chromium_page.py exits 1 on a page with problems (output: $probe)"
assert_contains "$probe" "console.error: boom" "a console error is caught"
assert_contains "$probe" "missing.png" "a failed request is caught"

# --- rendered by Chromium ------------------------------------------------------------------------

set +e
problems=$($PAGE --text rendered.txt dashboard.html 2>&1)
page_rc=$?
set -e
if ((page_rc == 2)); then fail "Chromium did not render the dashboard: $problems"; fi
[[ $page_rc == 0 && -z $problems ]] || fail "the dashboard logged problems in Chromium:
$problems"
ok
rendered=$(cat rendered.txt)
heading=$(grep -oE '<h1>[^<]*' dashboard.html | sed 's/<h1>//')
[[ -n $heading ]] || fail "the dashboard has no <h1>"
assert_contains "$rendered" "$heading" "the page's heading"

# Every report of the binary's list has its section, its title and its sections' titles shown.
# (`report all --json` is one object keyed by report name, or the report itself when the list
# holds only one.)
names=$("$CRM_BIN" report all --format json | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
print(d["report"] if isinstance(d.get("report"), str) else "\n".join(d))')
[[ -n $names ]] || fail "report all --json names no report"
assert_contains "$names" "pipeline" "the pipeline report is in the list"
while IFS= read -r name; do
  section=$(awk -v id="id=\"$name\"" 'index($0, id) {on = 1} on {print} on && /<\/section>/ {exit}' \
    dashboard.html)
  [[ -n $section ]] || fail "the dashboard has no section for report $name"
  while IFS= read -r heading; do
    heading=$("$PY" -c 'import html,sys; print(html.unescape(sys.argv[1]))' "$heading")
    assert_contains "$rendered" "$heading" "report $name: '$heading' is shown"
  done < <(grep -oE '<h[23]>[^<]*</h[23]>' <<<"$section" | sed -E 's/<[^>]*>//g')
  assert_contains "$rendered" "$(grep -oE '<h2>[^<]*' <<<"$section" | sed 's/<h2>//; s/ — .*//')" \
    "report $name's title"
done <<<"$names"
assert_contains "$rendered" "Pipeline" "the pipeline's title"
assert_contains "$rendered" "as of 2026-11-23" "the pinned day"

# The pipeline's totals, worked out from the deal files: every open deal's amount, and its
# amount times its stage's probability from crm.yaml, rounded half up per deal.
read -r open_deals total weighted < <("$PY" - "$CRM_DIR" <<'PY'
import decimal, glob, sys, yaml
root = sys.argv[1]
stages = {s["name"]: decimal.Decimal(s["probability"])
          for s in yaml.safe_load(open(f"{root}/crm.yaml"))["stages"]}
count, total, weighted = 0, decimal.Decimal("0.00"), decimal.Decimal("0.00")
cent = decimal.Decimal("0.01")
for path in sorted(glob.glob(f"{root}/deals/*.yaml")):
    deal = yaml.safe_load(open(path))
    if deal.get("status") != "open":
        continue
    amount = decimal.Decimal(deal.get("amount") or "0")
    count += 1
    total += amount
    weighted += (amount * stages[deal["stage"]] / 100).quantize(cent, decimal.ROUND_HALF_UP)
print(count, total.quantize(cent), weighted.quantize(cent))
PY
)
((open_deals >= 4)) || fail "the examples should hold open deals in every stage; found $open_deals"
ok
totals_line=$(grep -E "^EUR[[:space:]]+$open_deals[[:space:]]+$total[[:space:]]+$weighted\$" \
  <<<"$(tr '\t' ' ' <rendered.txt | sed -E 's/ +/ /g')" || true)
assert_contains "$rendered" "$total" "the pipeline's total amount ($total) is shown"
assert_contains "$rendered" "$weighted" "the pipeline's weighted amount ($weighted) is shown"
[[ -n $totals_line ]] || fail "no totals row 'EUR $open_deals $total $weighted' in the rendered page:
$(grep -n EUR rendered.txt | head -20)"
ok

finish
