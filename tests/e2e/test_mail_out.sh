# crm mail REF: messages sent through a test sendmail that stores them, read back by an
# independent MIME parser (Python's email package, Debian's /usr/bin/python3): headers, the
# Polish subject's encoded-words, the body, the attachment; the email activity logged with the
# same Message-ID; a draft quote marked sent; failures that send or log nothing; --dry-run;
# templates and their placeholders; the editor; and no shell anywhere.
source "$(dirname "$0")/lib.sh"
setup

# --- a test sendmail: stores its arguments and the message, or fails when $T/fail exists ---
mkdir -p "$T/sent"
cat >"$T/sendmail" <<SH
#!/bin/sh
if [ -e "$T/fail" ]; then echo "sendmail: relay denied for jan@acme.example" >&2; exit 1; fi
n=\$(ls "$T/sent" | grep -c '\.eml\$')
n=\$((n + 1))
printf '%s\n' "\$@" >"$T/sent/\$n.args"
cat >"$T/sent/\$n.eml"
SH
chmod +x "$T/sendmail"
sent_count() { ls "$T/sent" | grep -c '\.eml$' || true; }
last_mail() { echo "$T/sent/$(sent_count).eml"; }

# parse_mail FILE [DIR]: the message as JSON, by Python's email package (and its attachments
# saved in DIR).
parse_mail() {
  "$PY" - "$@" <<'PY'
import email, json, sys
from email import policy
raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=policy.default)
body = msg.get_body(preferencelist=("plain",))
out = {
    "from": str(msg["From"]), "to": str(msg["To"]), "cc": str(msg["Cc"] or ""),
    "subject": str(msg["Subject"]), "message_id": str(msg["Message-ID"]),
    "date": str(msg["Date"]), "mime": str(msg["MIME-Version"]),
    "body": body.get_content() if body is not None else None,
    "defects": [type(d).__name__ for d in msg.defects] +
               [type(d).__name__ for p in msg.walk() for d in p.defects],
    "longest_line": max(len(l) for l in raw.split(b"\n")),
    "attachments": [],
}
for part in msg.iter_attachments():
    data = part.get_payload(decode=True)
    if len(sys.argv) > 2:  # keep the attachments as files
        open(sys.argv[2] + "/" + part.get_filename(), "wb").write(data)
    out["attachments"].append({
        "filename": part.get_filename(), "type": part.get_content_type(),
        "text": data.decode("utf-8", "replace") if part.get_content_maintype() == "text" else "",
        "head": data[:5].decode("latin-1"), "size": len(data)})
print(json.dumps(out, ensure_ascii=False))
PY
}

new_dir data
"$PY" - crm.yaml "$T/sendmail" <<'PY'
import sys
path, sendmail = sys.argv[1], sys.argv[2]
text = open(path).read()
text = text.replace('company:\n  name: ""', 'company:\n  name: "Pumpy Sp. z o.o."', 1)
text = text.replace('  email: ""', '  email: "biuro@pumpy.example"', 1)
text = text.replace('sendmail: ["/usr/sbin/sendmail", "-t", "-oi"]',
                    'sendmail: ["%s", "-t", "-oi"]' % sendmail, 1)
open(path, "w").write(text)
PY
grep -q "$T/sendmail" crm.yaml || fail "crm.yaml's mail.sendmail was not set"
ok

step 2026-11-20 account add --name "Łódzkie Pompy S.A." --email office@pompy.example
step 2026-11-20 contact add --name "Jan Kowalski" --account "Łódzkie Pompy S.A." --email jan@acme.example
step 2026-11-20 contact add --name "Ewa Bez Adresu" --account "Łódzkie Pompy S.A."
step 2026-11-20 product add --sku PUMP-200 --name "Pump 200" --price 999.99
step 2026-11-20 deal add --account "Łódzkie Pompy S.A." --title "Pompy" --contact "Jan Kowalski"
deal=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f1)
step 2026-11-20 deal quote "$deal" --line PUMP-200:3 --tax 23
step 2026-11-20 deal quote "$deal" --line PUMP-200:1 --tax 23 --valid-days 10

activities() { crm_count=$("$CRM_BIN" activity list --type email --json | json_eval 'len(d)'); echo "$crm_count"; }

# --- sending a quote: the message, the attachment, the activity, the quote now sent ---------
subject="Oferta Q-2026-0001 — ąęł żółć"
run crm mail Q-2026-0001 --attach quote --attach-format html --subject "$subject" --no-edit --json
assert_exit 0 "mail a quote"
assert_eq 1 "$(sent_count)" "messages sent"
assert_eq $'-t\n-oi' "$(cat "$T/sent/1.args")" "sendmail's arguments"
activity_json="$(json_get 0 <<<"$OUT")"
assert_eq "email" "$(json_get type <<<"$activity_json")"
assert_eq "out" "$(json_get direction <<<"$activity_json")"
assert_eq "biuro@pumpy.example" "$(json_get from <<<"$activity_json")"
assert_eq '["jan@acme.example"]' "$(json_get to <<<"$activity_json")"
assert_eq '["Q-2026-0001.html"]' "$(json_get attachments <<<"$activity_json")"
assert_eq "$subject" "$(json_get subject <<<"$activity_json")"
assert_eq "tester" "$(json_get by <<<"$activity_json")"
assert_eq "sent" "$(json_get 1.status <<<"$OUT")" "the draft quote became sent"
quote_id=$(json_get 1.id <<<"$OUT")
assert_eq "$quote_id" "$(json_get about <<<"$activity_json")" "the activity is about the quote"

mail="$(parse_mail "$T/sent/1.eml")"
assert_eq "[]" "$(json_get defects <<<"$mail")" "the MIME parser's defects"
assert_eq "$subject" "$(json_get subject <<<"$mail")" "the Polish subject decoded back"
assert_eq "\"Pumpy Sp. z o.o.\" <biuro@pumpy.example>" "$(json_get from <<<"$mail")" "a name with dots is quoted"
assert_eq "Jan Kowalski <jan@acme.example>" "$(json_get to <<<"$mail")"
assert_eq "1.0" "$(json_get mime <<<"$mail")"
assert_eq "<$(json_get message_id <<<"$activity_json")>" "$(json_get message_id <<<"$mail")" \
  "the Message-ID is the one logged"
assert_contains "$(json_get message_id <<<"$mail")" "@pumpy.example>" "Message-ID's domain"
assert_eq "Mon, 23 Nov 2026 00:00:00 +0000" "$(json_get date <<<"$mail")"
assert_contains "$(json_get body <<<"$mail")" "Hello Jan Kowalski," "the body"
assert_contains "$(json_get body <<<"$mail")" "please find attached our quote Q-2026-0001" "the body"
assert_eq "Q-2026-0001.html" "$(json_get attachments.0.filename <<<"$mail")"
assert_eq "text/html" "$(json_get attachments.0.type <<<"$mail")"
total=$("$CRM_BIN" quote show Q-2026-0001 --json | json_get total)
assert_eq "3689.96" "$total" "the quote's total"
assert_contains "$(json_get attachments.0.text <<<"$mail")" "3689.96" "the attached document"
(($(json_get longest_line <<<"$mail") <= 998)) || fail "a line longer than 998 octets"
ok
run crm check
assert_exit 0 "crm check after sending"

# --- a sent quote stays sent; a PDF attachment when a converter is there --------------------
format=html
if command -v chromium >/dev/null 2>&1; then format=pdf; fi
run crm mail Q-2026-0001 --attach quote --attach-format "$format" --subject "Again" --body "Once more." --json
assert_exit 0 "mail a sent quote"
assert_eq 1 "$(json_eval 'len(d) if isinstance(d, list) else 1' <<<"$OUT")" "only the activity is written"
assert_eq "sent" "$("$CRM_BIN" quote show Q-2026-0001 --json | json_get status)"
mkdir -p "$T/attached"
mail="$(parse_mail "$(last_mail)" "$T/attached")"
assert_eq "Once more." "$(json_get body <<<"$mail")"
if [[ $format == pdf ]]; then
  assert_eq "application/pdf" "$(json_get attachments.0.type <<<"$mail")"
  assert_eq "Q-2026-0001.pdf" "$(json_get attachments.0.filename <<<"$mail")"
  assert_eq "%PDF-" "$(json_get attachments.0.head <<<"$mail")" "the PDF's first bytes"
  if command -v pdftotext >/dev/null 2>&1; then
    assert_contains "$(pdftotext "$T/attached/Q-2026-0001.pdf" -)" "3689.96 EUR" "the PDF's text"
  fi
fi

# --- sendmail failing: exit 1 with its words, nothing logged --------------------------------
before="$(snapshot .)"
emails=$(activities)
touch "$T/fail"
run crm mail "Jan Kowalski" --subject "Hello" --body "Hi Jan"
assert_exit 1 "sendmail fails"
assert_err_contains "relay denied for jan@acme.example"
assert_err_contains "not logged"
assert_eq "$before" "$(snapshot .)" "nothing written when sendmail fails"
assert_eq "$emails" "$(activities)" "no activity"
rm "$T/fail"

# --- --dry-run prints the message and sends and writes nothing ------------------------------
sent=$(sent_count)
run crm mail Q-2026-0002 --attach quote --attach-format html --no-edit --dry-run
assert_exit 0 "dry run"
assert_out_contains "To: Jan Kowalski <jan@acme.example>"
assert_out_contains "Subject: Quote Q-2026-0002"
assert_out_contains "Content-Disposition: attachment; filename=\"Q-2026-0002.html\""
assert_out_contains "Message-ID: <"
assert_eq "$sent" "$(sent_count)" "nothing sent on --dry-run"
assert_eq "$before" "$(snapshot .)" "nothing written on --dry-run"
assert_eq "draft" "$("$CRM_BIN" quote show Q-2026-0002 --json | json_get status)"

# --- a template with placeholders -----------------------------------------------------------
mkdir -p templates
cat >templates/oferta.txt <<'TPL'
# Our quote, in Polish.
Subject: Oferta {{number}} dla {{account.name}}

Dzień dobry {{contact.name}},

w załączniku oferta {{ number }} na {{total}} {{currency}}, ważna do {{valid_until}}.

Pozdrawiam,
{{user}}, {{company.name}}
TPL
run crm mail Q-2026-0002 --template oferta --attach quote --attach-format html --no-edit
assert_exit 0 "mail with a template"
mail="$(parse_mail "$(last_mail)")"
assert_eq "Oferta Q-2026-0002 dla Łódzkie Pompy S.A." "$(json_get subject <<<"$mail")"
valid=$("$CRM_BIN" quote show Q-2026-0002 --json | json_get valid_until)
assert_eq "Dzień dobry Jan Kowalski,

w załączniku oferta Q-2026-0002 na 1229.99 EUR, ważna do $valid.

Pozdrawiam,
tester, Pumpy Sp. z o.o." "$(json_get body <<<"$mail")" "the template's body, filled"

sent=$(sent_count)
before="$(snapshot .)"
printf 'Subject: x\n\nTotal: {{totl}}\n' >templates/bad.txt
run crm mail Q-2026-0002 --template bad --no-edit
assert_exit 2 "an unknown placeholder"
assert_err_contains "templates/bad.txt:3: unknown placeholder {{totl}}"
run crm mail Q-2026-0002 --template ../crm --no-edit
assert_exit 2 "a template outside templates/"
run crm mail Q-2026-0002 --template nothing-here --no-edit
assert_exit 2 "a missing template"
assert_err_contains "no template templates/nothing-here.txt"
assert_eq "$sent" "$(sent_count)" "nothing sent"
rm templates/bad.txt

# --- the editor: what the user saves is what is sent -----------------------------------------
cat >"$T/editor.sh" <<'SH'
#!/bin/sh
sed -i -e 's/^Subject: .*/Subject: Edited by sed/' -e 's/^Hello/Witaj/' "$1"
SH
chmod +x "$T/editor.sh"
EDITOR="$T/editor.sh" run crm mail "Jan Kowalski" --subject "Before"
assert_exit 0 "mail through the editor"
mail="$(parse_mail "$(last_mail)")"
assert_eq "Edited by sed" "$(json_get subject <<<"$mail")"
assert_contains "$(json_get body <<<"$mail")" "Witaj Jan Kowalski," "the edited body"
# The variable is split on spaces, without a shell: sed gets its own arguments.
VISUAL="sed -i s/^Hello/Servus/" EDITOR=false run crm mail "Jan Kowalski" --subject "Split"
assert_exit 0 "\$VISUAL with arguments"
assert_contains "$(parse_mail "$(last_mail)" | json_get body)" "Servus Jan Kowalski," "VISUAL wins"

sent=$(sent_count)
before="$(snapshot .)"
cat >"$T/empty.sh" <<'SH'
#!/bin/sh
sed -i '/^$/,$d' "$1"
SH
chmod +x "$T/empty.sh"
EDITOR="$T/empty.sh" run crm mail "Jan Kowalski" --subject "Nothing"
assert_exit 1 "an empty body aborts"
assert_err_contains "empty"
EDITOR="rm" run crm mail "Jan Kowalski" --subject "Nothing"
assert_exit 1 "a deleted file aborts"
assert_err_contains "deleted"
EDITOR="false" run crm mail "Jan Kowalski" --subject "Nothing"
assert_exit 1 "an editor that fails aborts"
assert_eq "$sent" "$(sent_count)" "nothing sent"
assert_eq "$before" "$(snapshot .)" "nothing written"

# --- no shell anywhere; no header injection -------------------------------------------------
run crm mail "Jan Kowalski" --subject '$(touch pwned) `touch pwned2`; touch pwned3' \
  --body '$(touch pwned4)' --no-edit
assert_exit 0
assert_no_file pwned
assert_no_file pwned2
assert_no_file pwned3
assert_no_file pwned4
mail="$(parse_mail "$(last_mail)")"
assert_eq '$(touch pwned) `touch pwned2`; touch pwned3' "$(json_get subject <<<"$mail")" "a literal subject"
sent=$(sent_count)
run crm mail "Jan Kowalski" --subject $'Hi\nBcc: victim@example.com' --body x
assert_exit 2 "a line break in the subject"
assert_err_contains "line break"
run crm mail "Jan Kowalski" --to $'jan@acme.example\nBcc: victim@example.com' --subject Hi --body x
assert_exit 2 "a line break in an address"
assert_eq "$sent" "$(sent_count)" "nothing sent"

# --- recipients: --to and --cc, no address, unknown records ---------------------------------
run crm mail "Ewa Bez Adresu" --subject Hi --body x
assert_exit 1 "a contact without an address"
assert_err_contains "no e-mail address"
assert_contains "$ERR" "--to" "the hint"
run crm mail "Ewa Bez Adresu" --to "Ewa <ewa@example.org>, boss@example.org" --cc office@pompy.example \
  --subject Hi --body x --json
assert_exit 0 "--to and --cc"
assert_eq '["ewa@example.org", "boss@example.org"]' "$(json_get to <<<"$OUT")"
assert_eq '["office@pompy.example"]' "$(json_get cc <<<"$OUT")"
mail="$(parse_mail "$(last_mail)")"
assert_eq "Ewa <ewa@example.org>, boss@example.org" "$(json_get to <<<"$mail")"
assert_eq "office@pompy.example" "$(json_get cc <<<"$mail")"
run crm mail "$deal" --subject Hi --body x --json
assert_exit 0 "a deal goes to its contact"
assert_eq '["jan@acme.example"]' "$(json_get to <<<"$OUT")"
run crm mail "Łódzkie Pompy S.A." --subject Hi --body x --json
assert_eq '["office@pompy.example"]' "$(json_get to <<<"$OUT")" "an account's own address"
sent=$(sent_count)
run crm mail Q-2099-0001 --subject Hi --body x
assert_exit 3 "an unknown record"
run crm mail
assert_exit 2 "no record"
run crm mail "Jan Kowalski" --attach invoice --subject Hi --body x
assert_exit 1 "nothing to attach"
assert_err_contains "no invoice to attach"
run crm mail "Jan Kowalski" --subject "" --body x
assert_exit 2 "an empty subject"
assert_eq "$sent" "$(sent_count)" "nothing sent"

# --- checked before sending: a draft quote that may not be sent is not mailed ---------------
# Q-2026-0002 was mailed above (with the template), so it is sent: a new draft, expired by then.
run crm --today 2026-11-20 deal quote "$deal" --line PUMP-200:2 --tax 23 --valid-days 5
assert_exit 0
number=$(printf '%s' "$OUT" | grep -o 'Q-2026-[0-9]*' | head -1)
sent=$(sent_count)
before="$(snapshot .)"
run crm --today 2027-06-01 mail "$number" --attach quote --attach-format html --no-edit
assert_exit 1 "an expired draft quote cannot be sent"
assert_eq "$sent" "$(sent_count)" "nothing sent before the refusal"
assert_eq "$before" "$(snapshot .)" "nothing written"

run crm check
assert_exit 0 "crm check at the end"

# --- the example templates of examples/templates fill on the sample directory --------------
cp -r "$CRM_SOURCE_DIR/examples" "$T/sample"
cd "$T/sample"
"$PY" - crm.yaml "$T/sendmail" <<'PY'
import sys
path, sendmail = sys.argv[1], sys.argv[2]
text = open(path).read()
mail = 'sendmail: ["%s", "-t", "-oi"]\n  from: "anna@sample.example"' % sendmail
if "\nmail:" in text:  # a sample made after crm init wrote the mail section
    text = text.replace('sendmail: ["/usr/sbin/sendmail", "-t", "-oi"]', mail, 1)
else:
    text += "\nmail:\n  " + mail + "\n"
open(path, "w").write(text)
PY
run crm mail Q-2026-0006 --template quote --attach quote --attach-format html --no-edit
assert_exit 0 "examples/templates/quote.txt"
mail="$(parse_mail "$(last_mail)")"
assert_contains "$(json_get subject <<<"$mail")" "Oferta Q-2026-0006 dla "
assert_contains "$(json_get body <<<"$mail")" "w załączniku przesyłam ofertę Q-2026-0006 na kwotę"
assert_not_contains "$(json_get body <<<"$mail")" "{{"
run crm mail INV-2026-0001 --template invoice --attach invoice --attach-format html --no-edit
assert_exit 0 "examples/templates/invoice.txt"
mail="$(parse_mail "$(last_mail)")"
assert_eq "Invoice INV-2026-0001" "$(json_get subject <<<"$mail")"
assert_contains "$(json_get body <<<"$mail")" "please find attached our invoice INV-2026-0001 of"
assert_eq "INV-2026-0001.html" "$(json_get attachments.0.filename <<<"$mail")"
finish
