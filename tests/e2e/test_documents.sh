# Documents for customers (crm quote|invoice|service confirmation show --format md|html|pdf):
# on a fresh `crm init` with a company block, a quote (line discount, quote discount, tax) and
# an invoice with a partial payment rendered as HTML and loaded in headless Chromium (the
# totals are on the page, no console message, nothing fetched), and as PDF read back with
# pdftotext (number, customer, total); a hostile customer name shown as text; `-o FILE` (mode,
# content, atomic); `--lang pl` from crm.yaml (Polish letters intact in the PDF) and an unknown
# language; no converter on PATH (the error names Debian's chromium package, exit 1, nothing
# written); a pdf_command pointing at a fake converter (placeholders filled, no shell); the
# text view naming the customer; then the sample directory's quote, invoice and confirmation.
source "$(dirname "$0")/lib.sh"
setup

CHROMIUM="${CRM_CHROMIUM:-$(command -v chromium || true)}"
if [[ -z $CHROMIUM || ! -x $CHROMIUM ]]; then
  echo "FAIL: chromium is not installed; 'bash .ci/install-deps --test' installs it" >&2
  exit 1
fi
command -v pdftotext >/dev/null || {
  echo "FAIL: pdftotext is not installed; 'bash .ci/install-deps --test' installs poppler-utils" >&2
  exit 1
}
PAGE="$PY $E2E_DIR/chromium_page.py --chromium $CHROMIUM"

# Loads an HTML file in Chromium; its text goes to $1.txt. Fails on any console message,
# exception or request.
load_page() {
  local page="$1" problems
  set +e
  problems=$($PAGE --text "$page.txt" "$page" 2>&1)
  local rc=$?
  set -e
  assert_eq 0 "$rc" "Chromium loads $page without problems: $problems"
}

# Fails when the page could fetch or run anything.
assert_self_contained() {
  local page="$1" pattern
  for pattern in '<script' 'url(' '@import' '<link' '<iframe' '<img' 'javascript:' 'src=' 'http'; do
    if grep -qiF -- "$pattern" "$page"; then
      fail "$page holds '$pattern': $(grep -iF -- "$pattern" "$page" | head -3)"
    fi
    ok
  done
}

new_dir data
# The seller, and a short Polish table (the rest falls back to English).
"$PY" - crm.yaml <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
for key, value in [("name", "Pompy Nord GmbH"), ("address", "Am Hafen 1"),
                   ("postal_code", "20457"), ("city", "Hamburg"), ("country", "Germany"),
                   ("tax_id", "DE123456789"), ("bank_name", "Hamburger Bank"),
                   ("bank_account", "DE02 2005 0550 1234 5678 90")]:
    old = f'\n  {key}: ""\n'
    assert old in text, key
    text = text.replace(old, f'\n  {key}: "{value}"\n', 1)
old = '\n  language: "en"\n'
assert old in text
text = text.replace(old, old + '  labels:\n    pl:\n      quote: "Oferta"\n'
                    '      invoice: "Faktura"\n      total: "Razem brutto"\n'
                    '      amount_due: "Do zapłaty"\n      customer: "Nabywca"\n', 1)
open(path, "w", encoding="utf-8").write(text)
PY
step 2026-11-02 product add --sku PUMP-200 --name "Pompa wirowa 200" --price 1000.00 --kind goods
step 2026-11-02 product add --sku SVC --name "Montaż" --price 50.00 --kind service
step 2026-11-02 account add --name "Zakład Łódź <script>alert(1)</script>" \
  --address "ul. Piotrkowska 12" --postal-code 90-001 --city "Łódź" --country Polska \
  --tax-id PL7251234567
ACCOUNT=$(printf '%s' "$OUT" | head -1)
step 2026-11-02 contact add --name "Zofia Żółkiewska" --account "$ACCOUNT" --email zofia@lodz.example
step 2026-11-02 deal add --account "$ACCOUNT" --title "Pompy" --contact "Zofia Żółkiewska"
DEAL=$(printf '%s' "$OUT" | head -1)
# 2 × 1000.00 − 10 % = 1800.00; 3 × 50.00 = 150.00; subtotal 1950.00; − 5 % = 1852.50;
# tax 23 % = 426.075 → 426.08; total 2278.58.
step 2026-11-02 deal quote "$DEAL" --line PUMP-200:2-10% --line SVC:3 --discount 5 --tax 23

# --- the text view names the customer and the contact ------------------------------------------

run crm quote show Q-2026-0001
assert_exit 0 "quote show"
assert_out_contains "account:   $ACCOUNT  Zakład Łódź <script>alert(1)</script>"
assert_out_contains "contact:   Zofia Żółkiewska <zofia@lodz.example>"
assert_out_contains "2278.58 EUR"

# --- Markdown ------------------------------------------------------------------------------------

run crm quote show Q-2026-0001 --format md
assert_exit 0 "quote as Markdown"
assert_out_contains "# Quote Q-2026-0001"
assert_out_contains "Zakład Łódź \\<script\\>alert(1)\\</script\\>"
assert_out_contains "| Discount 5 % | \\-97.50 |"
assert_out_contains "| Tax 23 % | 426.08 |"
assert_out_contains "| **Total** | **2278.58** |"
# --format before the command words works too.
run crm --format md quote show Q-2026-0001
assert_exit 0 "--format md first"
assert_out_contains "| **Total** | **2278.58** |"

# --- HTML in Chromium ----------------------------------------------------------------------------

run crm quote show Q-2026-0001 --format html -o quote.html
assert_exit 0 "quote as HTML to a file"
assert_out_empty
assert_eq 600 "$(stat -c %a quote.html)" "the file has crm's file mode"
assert_eq "<!DOCTYPE html>" "$(head -1 quote.html)" "an HTML page"
grep -qF '@page { size: A4;' quote.html || fail "no A4 page rule"
ok
assert_self_contained quote.html
grep -qF 'Zakład Łódź &lt;script&gt;alert(1)&lt;/script&gt;' quote.html || fail "name not escaped"
ok
load_page quote.html
text=$(cat quote.html.txt)
assert_contains "$text" "Pompy Nord GmbH" "the seller"
assert_contains "$text" "DE02 2005 0550 1234 5678 90" "the bank account"
assert_contains "$text" "Zakład Łódź <script>alert(1)</script>" "the hostile name, shown as text"
assert_contains "$text" "90-001 Łódź" "the customer's address"
assert_contains "$text" "Zofia Żółkiewska" "the contact"
assert_contains "$text" "1852.50 EUR" "the net"
assert_contains "$text" "426.08 EUR" "the tax"
assert_contains "$text" "2278.58 EUR" "the total"

# -o replaces an existing file, leaving no temp file beside it.
run crm quote show Q-2026-0001 --format md -o quote.html
assert_exit 0 "-o over an existing file"
assert_eq "# Quote Q-2026-0001" "$(head -1 quote.html)" "replaced"
assert_eq "quote.html quote.html.txt" "$(ls | grep -E '^quote\.' | tr '\n' ' ' | sed 's/ $//')" \
  "no temp file left"

# --- an invoice with a partial payment ----------------------------------------------------------

step 2026-11-03 quote send Q-2026-0001
step 2026-11-04 quote accept Q-2026-0001
step 2026-11-04 order create --quote Q-2026-0001
step 2026-11-05 order deliver SO-2026-0001
step 2026-11-05 invoice create --order SO-2026-0001
step 2026-11-10 payment add INV-2026-0001 1000.00 --ref "przelew 1"

run crm invoice show INV-2026-0001 --format html -o invoice.html
assert_exit 0 "invoice as HTML"
assert_self_contained invoice.html
load_page invoice.html
text=$(cat invoice.html.txt)
assert_contains "$text" "INV-2026-0001" "the number"
assert_contains "$text" "2026-12-05" "the due date"
assert_contains "$text" "2278.58 EUR" "the total"
assert_contains "$text" "-1000.00 EUR" "what was paid"
assert_contains "$text" "1278.58 EUR" "the amount due"
assert_contains "$text" "przelew 1" "the payment's reference"
assert_contains "$text" "Please pay 1278.58 EUR by 2026-12-05 (30 days)." "the terms"

# --- PDF through Chromium, read back with pdftotext -------------------------------------------

run crm invoice show INV-2026-0001 --format pdf -o invoice.pdf
assert_exit 0 "invoice as PDF"
assert_eq "%PDF-" "$(head -c 5 invoice.pdf)" "a PDF"
pdf=$(pdftotext invoice.pdf -)
assert_contains "$pdf" "INV-2026-0001" "the PDF's number"
assert_contains "$pdf" "Zakład Łódź <script>alert(1)</script>" "the PDF's customer"
assert_contains "$pdf" "2278.58 EUR" "the PDF's total"
assert_contains "$pdf" "1278.58 EUR" "the PDF's amount due"
run crm invoice show INV-2026-0001 --format pdf --lang pl -o faktura.pdf
assert_exit 0 "a Polish PDF"
pdf=$(pdftotext faktura.pdf -)
assert_contains "$pdf" "FAKTURA" "the Polish title (upper-cased by the page's style)"
assert_contains "$pdf" "Do zapłaty" "a Polish label with its letters intact"
assert_contains "$pdf" "Razem brutto" "another"
assert_contains "$pdf" "Subtotal" "a key the table lacks, in English"
assert_contains "$pdf" "Zofia Żółkiewska" "the contact's Polish letters"

# --- languages ------------------------------------------------------------------------------

run crm quote show Q-2026-0001 --format html --lang pl -o oferta.html
assert_exit 0 "a Polish page"
grep -qF '<html lang="pl">' oferta.html || fail "lang attribute"
ok
grep -qF '<h2>Nabywca</h2>' oferta.html || fail "Polish label"
ok
run crm quote show Q-2026-0001 --format html --lang de -o de.html
assert_exit 2 "a language without labels"
assert_err_contains "crm: error: no document labels for language 'de'"
assert_err_contains "hint: languages with labels: en, pl"
assert_no_file de.html

# --- usage errors -------------------------------------------------------------------------------

run crm quote show Q-2026-0001 -o x.md
assert_exit 2 "-o without a document format"
assert_err_contains "-o is for the customer's document"
assert_no_file x.md
run crm deal show "$DEAL" --format html
assert_exit 2 "a deal is no document"
run crm quote show Q-2026-0001 --format xml
assert_exit 2 "an unknown format"
# A PDF for a terminal: script(1) gives crm one.
if command -v script >/dev/null; then
  set +e
  tty_out=$(script -qec "$CRM_BIN quote show Q-2026-0001 --format pdf" /dev/null 2>&1)
  tty_rc=$?
  set -e
  assert_contains "$tty_out" "a PDF is binary, and standard output is a terminal" "refused"
  assert_contains "$tty_out" "crm quote show Q-2026-0001 --format pdf -o Q-2026-0001.pdf" "hint"
  assert_eq 2 "$tty_rc" "exit 2 for a PDF to a terminal"
fi

# --- no converter: the error names Debian's package, nothing is written ------------------------

mkdir nobin
ln -s "$(command -v env)" nobin/env
before=$(snapshot .)
set +e
PATH="$T/data/nobin" "$CRM_BIN" invoice show INV-2026-0001 --format pdf -o none.pdf \
  >"$T/io/out" 2>"$T/io/err"
rc=$?
set -e
assert_eq 1 "$rc" "exit 1 without a converter"
assert_contains "$(cat "$T/io/err")" \
  "crm: error: no PDF converter: install Debian's chromium package (apt install chromium) or set documents.pdf_command in crm.yaml" \
  "the error"
assert_no_file none.pdf
assert_eq "$before" "$(snapshot .)" "nothing written"

# --- a pdf_command: placeholders filled inside arguments, never a shell -----------------------

cat >"$T/fake-pdf" <<'SH'
#!/bin/sh
# Records its arguments one per line, copies the page, and writes a tiny "PDF".
printf '%s\n' "$@" >"$FAKE_LOG"
out=""
for a in "$@"; do case $a in --out=*) out=${a#--out=} ;; esac; done
cp "$1" "$FAKE_LOG.html"
printf '%%PDF-1.4 fake\n' >"$out"
SH
chmod +x "$T/fake-pdf"
"$PY" - crm.yaml "$T/fake-pdf" <<'PY'
import sys
path, fake = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
old = '\n  language: "en"\n'
text = text.replace(old, old + f'  pdf_command: ["{fake}", "{{input}}", "--out={{output}}", '
                    '"$(touch pwned); echo {input_uri}"]\n', 1)
open(path, "w", encoding="utf-8").write(text)
PY
FAKE_LOG="$T/fake.log" run crm quote show Q-2026-0001 --format pdf -o fake.pdf
assert_exit 0 "pdf through pdf_command"
assert_eq "%PDF-1.4 fake" "$(cat fake.pdf)" "the converter's output"
mapfile -t args <"$T/fake.log"
assert_eq 3 "${#args[@]}" "three arguments: $(cat "$T/fake.log")"
[[ ${args[0]} == /*/crm-pdf-*/document.html ]] || fail "{input}: ${args[0]}"
ok
[[ ${args[1]} == --out=/*/crm-pdf-*/document.pdf ]] || fail "{output}: ${args[1]}"
ok
[[ ${args[2]} == '$(touch pwned); echo file:///'*'/crm-pdf-'*'/document.html' ]] ||
  fail "the shell syntax passed literally: ${args[2]}"
ok
assert_no_file pwned
grep -qF "Q-2026-0001" "$T/fake.log.html" || fail "the converter got the page"
ok
tmpdir=$(dirname "${args[0]}")
assert_no_file "$tmpdir"  # the private temp folder is removed afterwards
# PDF to standard output works when it is not a terminal.
FAKE_LOG="$T/fake.log" run crm quote show Q-2026-0001 --format pdf
assert_exit 0 "PDF to a pipe"
assert_eq "%PDF-1.4 fake" "$OUT" "PDF bytes on stdout"

# A converter that fails: its stderr in the message, exit 1, nothing written.
cat >"$T/bad-pdf" <<'SH'
#!/bin/sh
echo "cannot render: out of paper" >&2
exit 3
SH
chmod +x "$T/bad-pdf"
sed -i "s|$T/fake-pdf|$T/bad-pdf|" crm.yaml
run crm quote show Q-2026-0001 --format pdf -o bad.pdf
assert_exit 1 "a failing converter"
assert_err_contains "failed (exit 3): cannot render: out of paper"
assert_no_file bad.pdf

# --- the sample directory ------------------------------------------------------------------------

cd "$T"
cp -r "$CRM_SOURCE_DIR/examples" examples
export CRM_DIR="$T/examples" CRM_TODAY=2026-11-23T09:00:00+00:00
run crm invoice show INV-2026-0001 --format html -o inv1.html
assert_exit 0 "the sample invoice"
load_page inv1.html
text=$(cat inv1.html.txt)
assert_contains "$text" "Kielwasser Telematik GmbH" "the sample's seller"
assert_contains "$text" "Nordwind Logistik GmbH" "the customer"
assert_contains "$text" "20457 Hamburg" "its postal code and city"
assert_contains "$text" "8582.07 EUR" "the total"
assert_contains "$text" "5582.07 EUR" "the amount due"
run crm quote show Q-2026-0002 --format pdf --lang pl -o oferta.pdf
assert_exit 0 "the sample quote in Polish"
pdf=$(pdftotext oferta.pdf -)
assert_contains "$pdf" "Q-2026-0002" "number"
assert_contains "$pdf" "Nordwind Logistik GmbH" "customer"
assert_contains "$pdf" "30037.24 EUR" "total"
assert_contains "$pdf" "Razem brutto" "Polish total label"
assert_contains "$pdf" "CENA JEDN. NETTO" "Polish column (upper-cased by the style)"
assert_contains "$pdf" "Dziękujemy za współpracę." "Polish letters"
run crm service confirmation show CF-AKVHAMEE --format md
assert_exit 0 "a confirmation"
assert_out_contains "# Service confirmation CF-AKVHAMEE"
assert_out_contains "| **Amount** | **167.00** |"
assert_out_contains "Amounts before tax; tax is added on the invoice."
run crm check
assert_exit 0 "the sample stays clean"
finish
