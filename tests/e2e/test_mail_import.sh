# crm mail import: real-world shaped messages (Outlook multipart/alternative with CRLF, Mutt
# ISO-8859-2 quoted-printable, a base64 PDF with an RFC 2231 name, a reply, HTML only, an mbox
# with a >From line and a new sender, hostile names) filed on the right contacts and leads.
# Every fixture is also read by Python's own `email` package (/usr/bin/python3): the subject,
# sender, text and attachment bytes crm filed must equal what Python decodes.
source "$(dirname "$0")/lib.sh"
setup
MAIL="$E2E_DIR/mail"
run crm init --git data
assert_exit 0 "init --git"
cd data
commits() { git rev-list --count HEAD; }

step 2026-11-01 account add --name "Acme Sp. z o.o."
step 2026-11-01 contact add --name "Jan Nowak" --email jan.nowak@acme.example --account "Acme Sp. z o.o."
JAN=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f1)
step 2026-11-01 contact add --name "Łukasz Żółć" --email lukasz@budmax.example
LUKASZ=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f1)
step 2026-11-01 lead add --name "Olga Kaczmarek" --email olga@startup.example
OLGA=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f1)

# The independent reading of every fixture.
"$PY" "$MAIL/python_view.py" "$MAIL"/*.eml "$MAIL/inbox.mbox" >"$T/python.json"

# compare MESSAGE_ID...: crm's activity for each message equals Python's reading of it.
compare() {
  run crm activity list --json
  assert_exit 0 "activity list"
  printf '%s' "$OUT" >"$T/activities.json"
  "$PY" - "$T/python.json" "$T/activities.json" "$PWD" "$@" <<'EOF' || fail "crm and Python read the mail differently"
import hashlib, html, json, re, sys
python = json.load(open(sys.argv[1]))
activities = json.load(open(sys.argv[2]))
root = sys.argv[3]
by_id = {a.get("message_id"): a for a in activities}
def flat(text):
    return " ".join(text.split())
bad = []
for mid in sys.argv[4:]:
    want, got = python[mid], by_id.get(mid)
    if got is None:
        bad.append(f"{mid}: not filed"); continue
    if got["subject"] != want["subject"]:
        bad.append(f"{mid}: subject {got['subject']!r} != {want['subject']!r}")
    if got["from"].lower() != want["from"].lower():
        bad.append(f"{mid}: from {got['from']!r} != {want['from']!r}")
    body = want["body"]
    if want["body_type"] == "text/html":
        body = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", "", body)
        body = html.unescape(re.sub(r"<[^>]*>", " ", body)).replace("\xa0", " ")
        if flat(got.get("body", "")) != flat(body):
            bad.append(f"{mid}: body {flat(got.get('body', ''))!r} != {flat(body)!r}")
    elif got.get("body", "") != body:
        bad.append(f"{mid}: body {got.get('body', '')!r} != {body!r}")
    names = [a["name"] for a in want["attachments"]]
    if got.get("attachments", []) != names:
        bad.append(f"{mid}: attachments {got.get('attachments')!r} != {names!r}")
    docs = got.get("documents", [])
    for a, d in zip(want["attachments"], docs):
        path = d["path"]
        if not path.startswith("documents/" + got["id"] + "/") or ".." in path:
            bad.append(f"{mid}: stored at {path}")
        digest = hashlib.sha256(open(root + "/" + path, "rb").read()).hexdigest()
        if digest != a["sha256"]:
            bad.append(f"{mid}: {path} holds other bytes than Python decodes")
        if d["title"] != a["name"]:
            bad.append(f"{mid}: title {d['title']!r}")
    if len(docs) != len(want["attachments"]):
        bad.append(f"{mid}: {len(docs)} documents linked")
for b in bad:
    print("mismatch:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
  ok
}

# activity MESSAGE_ID FIELD: a field of the activity filed for a message.
activity() {
  "$PY" -c '
import json, sys
for a in json.load(open(sys.argv[1])):
    if a.get("message_id") == sys.argv[2]:
        v = a.get(sys.argv[3], "")
        print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$T/activities.json" "$1" "$2"
}

# --- one message at a time -------------------------------------------------------------------
before=$(commits)
run crm mail import "$MAIL/alternative.eml"
assert_exit 0 "import alternative.eml"
assert_out_contains " on $JAN (contact Jan Nowak)"
assert_out_contains "1 filed, 0 already filed, 0 unmatched, 0 unreadable"
assert_eq $((before + 1)) "$(commits)" "one commit"
assert_eq "" "$(git status --porcelain)" "everything committed"
subject=$(git log -1 --format=%B)
[[ "$subject" =~ ^"mail import: 1 filed -> T-"[0-9A-Z]{8}$ ]] || fail "commit message: $subject"
ok
compare CAF1a2b3c4@mail.acme.example
assert_eq "$JAN" "$(activity CAF1a2b3c4@mail.acme.example about)" "filed on Jan"
assert_eq "in" "$(activity CAF1a2b3c4@mail.acme.example direction)" "direction"
assert_eq "email" "$(activity CAF1a2b3c4@mail.acme.example type)" "type"
assert_eq "2026-11-03T14:05:09+01:00" "$(activity CAF1a2b3c4@mail.acme.example at)" "at from Date"
assert_eq '["sales@example.com"]' "$(activity CAF1a2b3c4@mail.acme.example to)" "to"
assert_eq '["anna@example.com"]' "$(activity CAF1a2b3c4@mail.acme.example cc)" "cc"
assert_eq "tester" "$(activity CAF1a2b3c4@mail.acme.example by)" "by"
FIRST=$(activity CAF1a2b3c4@mail.acme.example id)

run crm mail import "$MAIL/latin2.eml"
assert_exit 0 "import latin2.eml"
assert_out_contains " on $LUKASZ"
compare 20261104093000.GA1234@budmax.example
assert_eq "2026-11-04T09:30:00+01:00" "$(activity 20261104093000.GA1234@budmax.example at)" "date with a comment"

# --- an attachment, stored and committed ---------------------------------------------------------
run crm mail import "$MAIL/attachment.eml"
assert_exit 0 "import attachment.eml"
compare att-5@mail.acme.example
ATT=$(activity att-5@mail.acme.example id)
cmp "documents/$ATT/Zamówienie nr 12 – podpisane.pdf" "$MAIL/zamowienie.pdf" || fail "the PDF differs"
ok
assert_eq "" "$(git status --porcelain)" "attachments committed"
git -c core.quotePath=false show --name-only --format= HEAD >"$T/committed"
grep -qx "activities/$ATT.yaml" "$T/committed" || fail "activity not in the commit"
grep -q "^documents/$ATT/" "$T/committed" || fail "documents not in the commit"
ok
git log -1 --format=%B | grep -qiE 'nowak|acme|zam|@' && fail "personal data in the commit message"
ok
assert_eq "600" "$(stat -c %a "documents/$ATT/Zamówienie nr 12 – podpisane.pdf")" "file mode"
run crm check
assert_exit 0 "check: documents/ is no stray folder"
run crm activity show "$ATT" --json
assert_eq "Zamówienie nr 12 – podpisane.pdf" "$(json_get documents.0.title <<<"$OUT")" "linked title"

# --- a reply from standard input, threaded ------------------------------------------------------
before=$(commits)
"$CRM_BIN" mail import - <"$MAIL/reply.eml" >"$T/io/out" 2>"$T/io/err" || fail "import - failed: $(cat "$T/io/err")"
grep -q " on $JAN" "$T/io/out" || fail "stdin: $(cat "$T/io/out")"
ok
assert_eq $((before + 1)) "$(commits)" "stdin import committed"
compare CAF9z8y7x6@mail.acme.example
assert_eq "$FIRST" "$(activity CAF9z8y7x6@mail.acme.example in_reply_to)" "threaded by References"

# --- HTML only, on a lead --------------------------------------------------------------------------
run crm mail import "$MAIL/html-only.eml"
assert_exit 0
assert_out_contains " on $OLGA (lead Olga Kaczmarek)"
compare html-7@startup.example
assert_eq "2026-11-07T19:45:00-05:00" "$(activity html-7@startup.example at)" "negative offset"

# --- a second run changes nothing ---------------------------------------------------------------
before=$(commits)
snap=$(snapshot .)
run crm mail import "$MAIL/alternative.eml"
assert_exit 0 "second run"
assert_out_contains "0 filed, 1 already filed"
run crm mail import "$MAIL/attachment.eml"
assert_exit 0
assert_eq "$snap" "$(snapshot .)" "no file changed"
assert_eq "$before" "$(commits)" "no commit"

# --- an mbox: unmatched senders reported, then captured as leads -----------------------------------
run crm --dry-run mail import "$MAIL/inbox.mbox" --create-leads
assert_exit 0 "dry run"
assert_out_contains "would file T-"
assert_out_contains "dry run, nothing written: 4 filed"
assert_eq "$snap" "$(snapshot .)" "the dry run wrote nothing"

run crm mail import "$MAIL/inbox.mbox"
assert_exit 0 "mbox with unmatched senders exits 0"
assert_out_contains "unmatched: nowy@klient.example \"Prośba o kontakt\""
assert_out_contains "2 filed, 0 already filed, 2 unmatched, 0 unreadable"
assert_out_contains "--create-leads"
compare mbox-1@mail.acme.example mbox-4@startup.example

run crm mail import "$MAIL/inbox.mbox" --create-leads --json
assert_exit 0 "create leads"
assert_eq 2 "$(json_get filed <<<"$OUT")" "filed"
assert_eq 2 "$(json_get skipped <<<"$OUT")" "skipped"
assert_eq 1 "$(json_get leads_created <<<"$OUT")" "one lead for two messages of one sender"
compare mbox-2@klient.example mbox-3@klient.example
run crm lead list --json
assert_eq 1 "$(json_eval '[l["name"] for l in d].count("Wrona, Piotr")' <<<"$OUT")" "lead named"
PIOTR=$(json_eval '[l["id"] for l in d if l["name"] == "Wrona, Piotr"][0]' <<<"$OUT")
assert_eq "other" "$(json_eval '[l["source"] for l in d if l["name"] == "Wrona, Piotr"][0]' <<<"$OUT")" "source"
assert_eq "$PIOTR" "$(activity mbox-2@klient.example about)" "filed on the new lead"
assert_eq "$(activity mbox-2@klient.example id)" "$(activity mbox-3@klient.example in_reply_to)" "thread in the mbox"
git log -1 --format=%B | grep -qiE 'wrona|klient|@' && fail "personal data in the commit message"
ok
run crm check
assert_exit 0 "check after the imports"

# --- hostile input -------------------------------------------------------------------------------
run crm mail import "$MAIL/hostile-name.eml"
assert_exit 0 "hostile names"
run crm activity list --json
printf '%s' "$OUT" >"$T/activities.json"
H=$(activity hostile-1@mail.acme.example id)
assert_eq "documents/$H/passwd" "$(run crm activity show "$H" --json; json_get documents.0.path <<<"$OUT")" "no path in a name"
assert_eq "documents/$H/bashrc" "$(run crm activity show "$H" --json; json_get documents.1.path <<<"$OUT")" "no hidden file"
[[ ! -e "$T/etc/passwd" && ! -e "$T/data/../etc" ]] || fail "escaped the data directory"
ok
compare hostile-1@mail.acme.example

printf 'PK\003\004\000\000binary\000junk' >"$T/binary.zip"
run crm mail import "$T/binary.zip"
assert_exit 2 "binary input"
assert_err_contains "is not mail"
printf 'just a text file\nwith lines\n' >"$T/text.txt"
run crm mail import "$T/text.txt"
assert_exit 2 "text that is no mail"
run crm mail import "$T/missing.eml"
assert_exit 2 "missing file"

"$PY" -c '
import sys
sys.stdout.write("From: jan.nowak@acme.example\nMessage-ID: <huge@x>\nSubject: " + "x" * 400000 + "\n\nbody\n")
' >"$T/huge-header.eml"
run crm mail import "$T/huge-header.eml"
assert_exit 0 "an enormous header is reported, not fatal"
assert_out_contains "unreadable: message 1: its header is larger than 256 KiB"

{
  printf 'From a@b Mon Nov  9 10:00:00 2026\nFrom: jan.nowak@acme.example\nMessage-ID: <deep@x>\nContent-Type: multipart/mixed; boundary=b0\n\n'
  for i in $(seq 1 40); do printf -- '--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n' $((i - 1)) "$i"; done
  printf '\nFrom a@b Mon Nov  9 10:00:00 2026\nFrom: jan.nowak@acme.example\nMessage-ID: <fine@x>\n\nfine\n'
} >"$T/deep.mbox"
run crm mail import "$T/deep.mbox"
assert_exit 0 "deep nesting"
assert_out_contains "unreadable: message 1: its parts are nested deeper than 8 levels"
assert_out_contains "1 filed, 0 already filed, 0 unmatched, 1 unreadable"
# Several files are one import (a Maildir's new/*): one commit, one summary, each message once.
cp "$T/deep.mbox" "$T/again.mbox"
printf 'From: jan.nowak@acme.example\nMessage-ID: <maildir-1@x>\nSubject: first\n\none\n' >"$T/m1.eml"
printf 'From: jan.nowak@acme.example\nMessage-ID: <maildir-2@x>\nSubject: second\n\ntwo\n' >"$T/m2.eml"
before=$(commits)
run crm mail import "$T/m1.eml" "$T/m2.eml" "$T/again.mbox"
assert_exit 0 "several files"
assert_out_contains "2 filed, 1 already filed, 0 unmatched, 1 unreadable"
assert_eq "$((before + 1))" "$(commits)" "one commit for the files"
run crm activity list --json
printf '%s' "$OUT" >"$T/activities.json"
assert_eq "first" "$(activity maildir-1@x subject)" "the first file's message"
assert_eq "second" "$(activity maildir-2@x subject)" "the second file's message"
run crm mail import "$T/m2.eml" "$T/missing.eml"
assert_exit 2 "a missing file among several: nothing filed"
assert_eq "$((before + 1))" "$(commits)" "no commit when one file is missing"

run crm check
assert_exit 0 "check at the end"

finish
