# crm import vcard and crm export vcard: real-looking exports of an iPhone (3.0), an Android
# phone (2.1, quoted-printable, CHARSET), Thunderbird (4.0) and Google Contacts (3.0); one
# commit per import, a second import that changes nothing, bad cards reported with their
# place, hostile files, and the export read back by python3-vobject and imported again.
source "$(dirname "$0")/lib.sh"
setup
CARDS="$E2E_DIR/vcard"
run crm init --git data
assert_exit 0 "init --git"
cd data
commits() { git rev-list --count HEAD; }
base_commits=$(commits)

# --- the first import -----------------------------------------------------------------------
run crm import vcard "$CARDS/iphone.vcf" "$CARDS/android.vcf" "$CARDS/thunderbird.vcf" \
  "$CARDS/google.vcf"
assert_exit 0 "import vcard"
assert_out_contains "8 contacts created, 0 updated, 0 unchanged; 4 accounts created; 1 bad card"
assert_out_contains "not kept: 2 PHOTO (binary), 1 BDAY, 1 CATEGORIES, 1 UID, 1 URL, 1 X-ABADR, 1 X-ANDROID-CUSTOM"
assert_err_contains "crm: warning: bad card, not imported: $CARDS/iphone.vcf:36: card 3: no name and no e-mail (FN, N or EMAIL)"
assert_eq $((base_commits + 1)) "$(commits)" "one commit for the whole import"
assert_eq "" "$(git status --porcelain)" "everything committed"
git log -1 --format=%s | grep -q '^import vcard -> ' || fail "commit message: $(git log -1 --format=%s)"
ok
run crm check
assert_exit 0 "crm check after the import"

run crm contact list --json
assert_eq 8 "$(printf '%s' "$OUT" | json_get . | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" "contacts"
run crm account list --json
assert_eq "Acme Sp. z o.o.,Budmax S.A.,Fjord Shipping AS,Nordwind Logistik GmbH" \
  "$(printf '%s' "$OUT" | "$PY" -c 'import json,sys; print(",".join(sorted(a["name"] for a in json.load(sys.stdin))))')" "accounts"

run crm contact show ewa.nowak@acme.example --json
assert_exit 0
assert_eq "Ewa Nowak" "$(json_get name <<<"$OUT")"
assert_eq "Head of Purchasing" "$(json_get title <<<"$OUT")"
assert_eq "+48 601 234 567" "$(json_get phone <<<"$OUT")"
assert_eq '[{"address": "ewa.nowak@poczta.example", "type": "home"}]' "$(json_get emails <<<"$OUT")"
assert_eq '[{"number": "+48 42 683 74 61", "type": "work,voice"}, {"number": "+48 42 683 74 00", "type": "Reception"}]' \
  "$(json_get phones <<<"$OUT")"
assert_eq "ul. Piotrkowska 100, Łódź, 90-001, Poland" "$(json_get address <<<"$OUT")"
assert_eq $'Met at the Poznań fair, booth 7.\nPrefers e-mail.' "$(json_get notes <<<"$OUT")"
acme=$(json_get account <<<"$OUT")
run crm contact show marek.zielinski@acme.example --json
assert_eq "$acme" "$(json_get account <<<"$OUT")" "ORG matches the account by its exact name"

run crm contact show zofia.wojcik@example.org --json
assert_eq "Zofia Wójcik" "$(json_get name <<<"$OUT")" "2.1 quoted-printable UTF-8"
assert_eq "+48600100200" "$(json_get phone <<<"$OUT")"
assert_eq "z.wojcik@budmax.example" "$(json_get emails.0.address <<<"$OUT")"
assert_eq "Dzwonić przed południem. Zamówienie na wiosnę, dostawa do magazynu w Łodzi." \
  "$(json_get notes <<<"$OUT")" "quoted-printable soft line break"
run crm contact show "Łukasz Król" --json
assert_exit 0 "ISO-8859-2 name"
assert_eq "+48 604 000 111" "$(json_get phone <<<"$OUT")"
run crm contact show "Antonín Dvořák" --json
assert_exit 0 "Windows-1250 name"
run crm contact show anna.berg@fjord.example --json
assert_eq "Long-standing customer since 2019; renewal talks every November. This note is long enough that Thunderbird folds it over several lines, as RFC 6350 asks." \
  "$(json_get notes <<<"$OUT")" "4.0 folded note"
run crm contact show "Nobody At All" --json
assert_exit 0 "a card with a name and no e-mail is imported"

# --- importing again changes nothing: no file written, no commit ---------------------------
before=$(snapshot .)
run crm import vcard "$CARDS/iphone.vcf" "$CARDS/android.vcf" "$CARDS/thunderbird.vcf" \
  "$CARDS/google.vcf"
assert_exit 0 "second import"
assert_out_contains "0 contacts created, 0 updated, 8 unchanged; 0 accounts created; 1 bad card"
assert_eq "$before" "$(snapshot .)" "files after the second import"
assert_eq $((base_commits + 1)) "$(commits)" "no commit for an import that changes nothing"

# A changed card updates the contact it matches by any of its e-mails.
printf 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ewa Nowak\r\nTITLE:Purchasing Director\r\nEMAIL:EWA.NOWAK@POCZTA.EXAMPLE\r\nEND:VCARD\r\n' >"$T/ewa.vcf"
run crm import vcard "$T/ewa.vcf"
assert_exit 0
assert_out_contains "0 contacts created, 1 updated, 0 unchanged"
run crm contact show ewa.nowak@acme.example --json
assert_eq "Purchasing Director" "$(json_get title <<<"$OUT")"
assert_eq $((base_commits + 2)) "$(commits)"

# --- standard input, --dry-run ----------------------------------------------------------------
before=$(snapshot .)
run bash -c "printf 'BEGIN:VCARD\nFN:Piotr Lis\nEMAIL:piotr@lis.example\nEND:VCARD\n' | $CRM_BIN import vcard --dry-run -"
assert_exit 0 "--dry-run from stdin"
assert_out_contains "would create C-"
assert_out_contains "dry run, nothing written: 1 contact created"
assert_eq "$before" "$(snapshot .)" "--dry-run writes nothing"

# --- hostile and broken files -----------------------------------------------------------------
"$PY" - "$T" <<'EOF'
import sys
t = sys.argv[1]
ok = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEMAIL:good.one@example.com\r\nEND:VCARD\r\n"
open(t + "/hostile.vcf", "wb").write(
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Huge\r\nNOTE:" + b"x" * (10 << 20) + b"\r\nEND:VCARD\r\n" + ok +
    b"BEGIN:VCARD\r\nFN:Bad \xff\xfe bytes\r\nEND:VCARD\r\n" +
    b"BEGIN:VCARD\r\nFN:Bad Mail\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n" +
    b"BEGIN:VCARD\r\nFN:Cut Short\r\nEMAIL:cut@example.com\r\n")
EOF
run crm import vcard "$T/hostile.vcf"
assert_exit 0 "hostile file: the good card is imported"
assert_out_contains "1 contact created, 0 updated, 0 unchanged; 0 accounts created; 4 bad cards"
assert_err_contains "hostile.vcf:4: card 1: a property longer than the 4 MiB crm reads"
assert_err_contains "hostile.vcf:12: card 3: FN is not valid UTF-8 and no CHARSET says what it is"
assert_err_contains "hostile.vcf:14: card 4: EMAIL 'not-an-address' is not an e-mail address"
assert_err_contains "hostile.vcf:18: card 5: no END:VCARD (is the file cut short?)"
run crm contact show good.one@example.com
assert_exit 0
run crm import vcard "$T/no-such-file.vcf"
assert_exit 2 "a missing file"
assert_err_contains "cannot read $T/no-such-file.vcf: No such file or directory"
run crm import vcard "$T"
assert_exit 2 "a folder"
printf 'name,email\nA,a@example.com\n' >"$T/contacts.csv"
run crm import vcard "$T/contacts.csv"
assert_exit 2 "a file that holds no card"
assert_err_contains "contacts.csv holds no vCard (no BEGIN:VCARD line); nothing was imported"
run crm import vcard
assert_exit 2 "no file"
run crm check
assert_exit 0 "crm check after the hostile imports"

# --- export -----------------------------------------------------------------------------------
run crm export vcard -o "$T/all.vcf"
assert_exit 0 "export vcard"
run crm export vcard
assert_eq "$(cat "$T/all.vcf")" "$OUT" "-o and stdout write the same"
# CRLF everywhere, no line over 75 octets, one card per contact.
"$PY" - "$T/all.vcf" <<'EOF' || fail "export format"
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\r\n")
lines = data.split(b"\r\n")[:-1]
assert all(b"\n" not in l and b"\r" not in l for l in lines), "bare line breaks"
assert all(len(l) <= 75 for l in lines), "a line over 75 octets"
assert all(l.decode("utf-8") for l in lines), "a fold split a character"
assert data.count(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") == 9
EOF
ok
# python3-vobject reads it back: the same names, e-mails, phones and organisations as crm's.
run crm contact list --json
printf '%s' "$OUT" >"$T/contacts.json"
run crm account list --json
printf '%s' "$OUT" >"$T/accounts.json"
/usr/bin/python3 - "$T/all.vcf" "$T/contacts.json" "$T/accounts.json" <<'EOF' || fail "vobject read-back"
import json, sys, vobject
cards = list(vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()))
contacts = {c["id"]: c for c in json.load(open(sys.argv[2]))}
accounts = {a["id"]: a["name"] for a in json.load(open(sys.argv[3]))}
assert len(cards) == len(contacts) == 9, (len(cards), len(contacts))
for card in cards:
    c = contacts[card.uid.value]
    assert card.fn.value == c["name"], (card.fn.value, c["name"])
    emails = [e.value for e in card.contents.get("email", [])]
    want = ([c["email"]] if "email" in c else []) + [e["address"] for e in c.get("emails", [])]
    assert emails == want, (emails, want)
    phones = [t.value for t in card.contents.get("tel", [])]
    want = ([c["phone"]] if "phone" in c else []) + [p["number"] for p in c.get("phones", [])]
    assert phones == want, (phones, want)
    org = card.org.value[0] if "org" in card.contents else None
    assert org == (accounts[c["account"]] if "account" in c else None), (org, c.get("account"))
    if "title" in c:
        assert card.title.value == c["title"]
    if "notes" in c:
        assert card.note.value == c["notes"], (card.note.value, c["notes"])
ewa = [c for c in cards if c.fn.value == "Ewa Nowak"][0]
types = {t.value: t.params.get("TYPE") for t in ewa.contents["tel"]}
assert types["+48 42 683 74 61"] == ["work,voice"] or types["+48 42 683 74 61"] == ["work", "voice"], types
EOF
ok
run crm export vcard ewa.nowak@acme.example "Anna Berg"
assert_exit 0 "export vcard REF..."
assert_eq 2 "$(grep -c '^BEGIN:VCARD' <<<"$OUT")"
run crm export vcard nobody@nowhere.example
assert_exit 3 "an unknown contact"

# --- export, import into a fresh directory, export again: the same bytes ----------------------
cd "$T"
run crm init fresh
assert_exit 0
run crm -C fresh import vcard "$T/all.vcf"
assert_exit 0 "import of the export"
assert_out_contains "9 contacts created, 0 updated, 0 unchanged; 4 accounts created; 0 bad cards"
assert_not_contains "$OUT" "not kept" "an export holds nothing crm does not keep"
run crm -C fresh export vcard -o "$T/again.vcf"
assert_exit 0
cmp -s "$T/all.vcf" "$T/again.vcf" || { diff "$T/all.vcf" "$T/again.vcf" | head -20 >&2; fail "export -> import -> export differs"; }
ok
# And importing the export into the directory it came from changes nothing.
run crm -C data import vcard "$T/all.vcf"
assert_out_contains "0 contacts created, 0 updated, 9 unchanged"

# --- the sample of docs/import.md, and examples/ still checks clean ----------------------------
cp -r "$CRM_SOURCE_DIR/examples" "$T/ex"
run crm -C "$T/ex" check
assert_exit 0 "crm check on examples/ (with examples/import/ in it)"
run crm -C "$T/ex" import vcard "$T/ex/import/contacts.vcf"
assert_exit 0 "the sample imports"
run crm -C "$T/ex" check
assert_exit 0 "crm check after importing the sample"

finish
