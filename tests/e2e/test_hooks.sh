# Hooks in hooks/ through the real binary: a new hook does not run until `crm hooks allow`,
# post- hooks observe (argv, environment and the JSON on stdin), a pre- hook refuses (exit 1,
# its message, nothing written, no commit), pre-transition.quote allows and refuses, a failing
# post- hook only warns, a hook past hooks.timeout is killed and refuses, --no-hooks, a changed
# hook waits to be allowed again, arguments reach hooks literally (no shell), a link is never
# followed, and the two shipped example hooks (a chat webhook, a discount limit).
source "$(dirname "$0")/lib.sh"
setup
run crm init --git data
assert_exit 0 "init --git"
cd data
DATA="$PWD"
export LOG="$T/log"
mkdir -p hooks "$LOG"
commits() { git rev-list --count HEAD; }

# A hook that records how it was run: its argv (one [arg] each), its environment and working
# folder, and its standard input, under $LOG named after the hook and the record.
recorder() {
  cat >"hooks/$1" <<'EOF'
#!/bin/sh
{
  printf 'argv:'
  for a in "$@"; do printf ' [%s]' "$a"; done
  printf '\nenv: %s %s %s %s %s %s\npwd: %s\n' "$CRM_HOOK" "$CRM_EVENT" "$CRM_KIND" "$CRM_ID" \
    "$CRM_USER" "$CRM_DIR" "$PWD"
} >>"$LOG/$CRM_HOOK.log"
cat >"$LOG/$CRM_HOOK-$CRM_ID.json"
echo "hook stdout from $CRM_HOOK"
EOF
  chmod +x "hooks/$1"
}

# --- a new hook does not run until allowed ---------------------------------------------------
recorder post-create
run crm lead add --name "Jan Kowalski"
assert_exit 0 "lead add with a new hook"
jan="$OUT"
assert_eq "crm: warning: hooks/post-create is not allowed in this clone (new or changed): review it, then run crm hooks allow post-create" \
  "$ERR" "one warning for the new hook"
assert_no_file "$LOG/post-create.log"
run crm hooks list
assert_exit 0
assert_contains "$OUT" "post-create" "hooks list"
assert_contains "$OUT" "new" "hooks list"
run crm hooks allow
assert_exit 0 "hooks allow"
assert_contains "$OUT" "post-create" "hooks allow prints what it allowed"
assert_file_exists "$DATA/.crm/hooks-allowed/post-create"
assert_eq 600 "$(stat -c %a "$DATA/.crm/hooks-allowed/post-create")" "the allowed copy is private"
run crm hooks list --json
assert_eq '[{"hook": "post-create", "state": "allowed"}]' "$(json_eval 'd' <<<"$OUT")" "hooks list --json"
assert_eq "" "$(git status --porcelain .crm)" "allowing is local: nothing of .crm/ for git"

# --- post-create observes: argv as typed (no shell), environment, JSON -------------------------
before=$(commits)
run crm --today 2026-11-23T10:00:00+00:00 lead add --name 'Ewa $(touch pwned); echo `id`' --json --source fair
assert_exit 0 "lead add with an allowed post-create"
assert_json "$OUT"
ewa=$(json_get id <<<"$OUT")
assert_not_contains "$OUT" "hook stdout" "crm's --json output"
assert_contains "$ERR" "hooks/post-create: hook stdout from post-create" "the hook's stdout goes to stderr"
assert_no_file "$DATA/pwned"
assert_eq "argv: [lead] [add] [--name] [Ewa \$(touch pwned); echo \`id\`] [--source] [fair]
env: post-create create lead $ewa tester $DATA
pwd: $DATA" "$(cat "$LOG/post-create.log")" "the hook's argv, environment and folder"
input="$LOG/post-create-$ewa.json"
assert_eq '["create", "lead", "tester", null, "new"]' \
  "$(json_eval '[d["event"], d["kind"], d["user"], d["before"], d["after"]["status"]]' <"$input")" "the input"
assert_eq '["lead", "add", "--name", "Ewa $(touch pwned); echo `id`", "--source", "fair"]' \
  "$(json_eval 'd["command"]' <"$input")" "the command words, without global options"
assert_eq "$(crm_json=$("$CRM_BIN" lead show "$ewa" --json) && printf '%s' "$crm_json" | json_eval 'd')" \
  "$(json_eval 'd["after"]' <"$input")" "after is the record as --json shows it"
assert_eq $((before + 1)) "$(commits)" "the change is committed"

# --- a pre-create hook refuses -----------------------------------------------------------------
cat >hooks/pre-create.lead <<'EOF'
#!/bin/sh
input=$(cat)
case "$input" in
  *'"source"'*) exit 0 ;;
esac
echo "checking the lead..."
echo "leads need a --source" >&2
exit 1
EOF
chmod +x hooks/pre-create.lead
run crm hooks allow pre-create.lead
assert_exit 0
rm -f "$LOG/post-create.log"
snap=$(snapshot "$DATA")
before=$(commits)
run crm lead add --name "Piotr Wiśniewski"
assert_exit 1 "a pre- hook refuses"
assert_out_empty
assert_contains "$ERR" "crm: error: hooks/pre-create.lead refused the creation of lead L-" "the refusal"
assert_contains "$ERR" ": leads need a --source (exit status 1)" "the hook's own message"
assert_contains "$ERR" "hint: nothing was written" "the hint"
assert_eq "$snap" "$(snapshot "$DATA")" "nothing written"
assert_eq "$before" "$(commits)" "no commit"
assert_no_file "$LOG/post-create.log"
run crm lead add --name "Piotr Wiśniewski" --source web
assert_exit 0 "the same with a source"
assert_file_exists "$LOG/post-create.log"

# --- --no-hooks, before or after the command words ---------------------------------------------
rm -f "$LOG/post-create.log"
run crm --no-hooks lead add --name "Anna Berg"
assert_exit 0 "--no-hooks before the command"
run crm lead add --name "Olaf Berg" --no-hooks
assert_exit 0 "--no-hooks after the command"
assert_no_file "$LOG/post-create.log"
# --dry-run runs no hooks either.
run crm lead add --name "Nobody" --dry-run
assert_exit 0 "--dry-run"
assert_no_file "$LOG/post-create.log"

# --- a changed hook waits until allowed again ---------------------------------------------------
printf '\n# changed\n' >>hooks/post-create
run crm lead add --name "Marek Zieliński" --source web
assert_exit 0
assert_eq "crm: warning: hooks/post-create is not allowed in this clone (new or changed): review it, then run crm hooks allow post-create" \
  "$ERR" "the changed hook is not run"
assert_no_file "$LOG/post-create.log"
run crm hooks list --json
assert_eq "changed" "$(json_eval '[h["state"] for h in d if h["hook"] == "post-create"][0]' <<<"$OUT")"
run crm hooks allow post-create
run crm lead add --name "Zofia Wójcik" --source web
assert_exit 0
assert_file_exists "$LOG/post-create.log"

# --- a link in hooks/ is never followed ----------------------------------------------------------
cat >"$T/elsewhere" <<'EOF'
#!/bin/sh
touch "$LOG/link-ran"
EOF
chmod +x "$T/elsewhere"
ln -s "$T/elsewhere" hooks/pre-change
run crm lead edit "$jan" --company Acme
assert_exit 0 "a linked hook"
assert_no_file "$LOG/link-ran"
run crm hooks list --json
assert_eq "not-a-file" "$(json_eval '[h["state"] for h in d if h["hook"] == "pre-change"][0]' <<<"$OUT")"
run crm hooks allow pre-change
assert_exit 1 "a link cannot be allowed"
rm hooks/pre-change

# --- a failing post- hook warns; the change stays ---------------------------------------------------
cat >hooks/post-change <<'EOF'
#!/bin/sh
echo "the chat is down" >&2
exit 2
EOF
chmod +x hooks/post-change
run crm hooks allow post-change
run crm lead edit "$jan" --company "Budmax S.A."
assert_exit 0 "a post- hook fails"
assert_eq "$jan" "$OUT"
assert_contains "$ERR" "crm: warning: hooks/post-change failed after the change of lead $jan: the chat is down (exit status 2); the change is made all the same"
run crm lead show "$jan" --json
assert_eq "Budmax S.A." "$(json_get company <<<"$OUT")" "the change is written"
assert_eq "" "$(git status --porcelain leads)" "and committed"
rm hooks/post-change

# --- a hook past hooks.timeout is killed, and refuses ----------------------------------------------
sed -i 's/^  timeout: "30"$/  timeout: "1"/' crm.yaml
grep -q 'timeout: "1"' crm.yaml || fail "crm.yaml has no hooks timeout to change"
ok
cat >hooks/pre-change.lead <<'EOF'
#!/bin/sh
sleep 30
EOF
chmod +x hooks/pre-change.lead
run crm hooks allow pre-change.lead
snap=$(snapshot "$DATA")
start=$(date +%s)
run crm lead edit "$jan" --company "Late GmbH"
assert_exit 1 "a hook past its timeout"
(($(date +%s) - start < 10)) || fail "the hook was not killed in time"
ok
assert_contains "$ERR" "hooks/pre-change.lead refused the change of lead $jan: it ran past its timeout of 1 s (hooks.timeout in crm.yaml) and was killed"
assert_eq "$snap" "$(snapshot "$DATA")" "nothing written"
rm hooks/pre-change.lead

# --- pre-transition.quote allows and refuses; post-transition observes ----------------------------
cat >hooks/pre-transition.quote <<'EOF'
#!/bin/sh
if [ -e "$LOG/freeze" ]; then
  echo "quotes are frozen until the price list is out" >&2
  exit 1
fi
EOF
chmod +x hooks/pre-transition.quote
recorder post-transition
run crm hooks allow
assert_exit 0
run crm product add --sku PUMP-200 --name "Pump 200" --price 1249.00
assert_exit 0
run crm account add --name "Nordwind Logistik GmbH"
acct="$OUT"
run crm deal add --account "$acct" --title "Pumps" --amount 3747
assert_exit 0
deal="$OUT"
run crm deal quote "$deal" --line PUMP-200:3
assert_exit 0 "deal quote"
read -r quote qnum <<<"$OUT"
touch "$LOG/freeze"
run crm quote send "$qnum"
assert_exit 1 "pre-transition.quote refuses"
assert_contains "$ERR" "hooks/pre-transition.quote refused the transition of quote $qnum ($quote): quotes are frozen until the price list is out (exit status 1)"
run crm quote show "$qnum" --json
assert_eq draft "$(json_get status <<<"$OUT")" "still a draft"
assert_no_file "$LOG/post-transition.log"
rm "$LOG/freeze"
run crm quote send "$qnum"
assert_exit 0 "pre-transition.quote allows"
assert_eq "argv: [quote] [send] [$qnum]
env: post-transition transition quote $quote tester $DATA
pwd: $DATA" "$(cat "$LOG/post-transition.log")" "post-transition saw the send"
assert_eq '["draft", "sent"]' \
  "$(json_eval '[d["before"]["status"], d["after"]["status"]]' <"$LOG/post-transition-$quote.json")"
# A deal's stage move is a transition too.
run crm deal stage "$deal" proposal
assert_exit 0
assert_eq '["transition", "deal", "qualification", "proposal"]' \
  "$(json_eval '[d["event"], d["kind"], d["before"]["stage"], d["after"]["stage"]]' <"$LOG/post-transition-$deal.json")" \
  "a stage move"
rm hooks/pre-transition.quote hooks/post-transition hooks/pre-create.lead

# --- the shipped examples ------------------------------------------------------------------------
EX="$CRM_SOURCE_DIR/examples/hooks"
cmp -s "$EX/pre-create.quote.sample" "$EX/pre-change.quote.sample" || fail "the two discount hooks differ"
ok
# As samples (git's convention) they never run, not even in a copy of examples/.
cp -r "$CRM_SOURCE_DIR/examples" "$T/sample"
run crm -C "$T/sample" hooks list --json
assert_eq "[]" "$OUT" "the .sample files are no hooks"
for hook in post-transition.deal pre-create.quote pre-change.quote; do
  [[ -x "$EX/$hook.sample" ]] || fail "examples/hooks/$hook.sample is not executable"
  cp "$EX/$hook.sample" "hooks/$hook"
done
ok
run crm hooks allow pre-create.quote pre-change.quote post-transition.deal
assert_exit 0 "allow the examples"

# The discount limit: 25 % refused, 15 % allowed, 25 % by a manager allowed.
run crm deal quote "$deal" --line PUMP-200:3 --discount 25
assert_exit 1 "a 25 % discount"
assert_contains "$ERR" "would give a quote discount of 25 %: over the 20 % a sale may give without a manager (anna)"
run crm deal quote "$deal" --line PUMP-200:3-22%
assert_exit 1 "a 22 % line discount"
assert_contains "$ERR" "22 % off PUMP-200"
run crm deal quote "$deal" --line PUMP-200:3 --discount 15
assert_exit 0 "a 15 % discount"
read -r q15 q15n <<<"$OUT"
run crm quote edit "$q15n" --discount 30
assert_exit 1 "raising it to 30 % (pre-change.quote)"
assert_contains "$ERR" "hooks/pre-change.quote refused the change of quote $q15n"
run crm --as anna quote edit "$q15n" --discount 30
assert_exit 0 "a manager may"
run crm quote edit "$q15n" --discount 15
assert_exit 0 "lowering it again"

# The chat webhook: a tiny HTTP server records what is posted.
cat >"$T/server.py" <<'EOF'
import http.server, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[1], "ab") as f:
            f.write(self.headers.get("Content-Type", "").encode() + b" " + body + b"\n")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_port))
server.serve_forever()
EOF
"$PY" "$T/server.py" "$LOG/posted" "$LOG/port" &
for _ in $(seq 50); do [[ -s "$LOG/port" ]] && break; sleep 0.1; done
[[ -s "$LOG/port" ]] || fail "the test HTTP server did not start"
ok
export CRM_CHAT_WEBHOOK="http://127.0.0.1:$(cat "$LOG/port")/hooks/sales"
run crm deal stage "$deal" negotiation
assert_exit 0 "a stage move posts nothing"
run crm quote send "$q15n"
run crm quote accept "$q15n"
assert_exit 0 "accept"
assert_no_file "$LOG/posted"
run crm --as ben deal win "$deal"
assert_exit 0 "deal win"
assert_eq "" "$ERR" "the webhook hook succeeded quietly"
assert_eq 'application/json {"text": "Deal won: Pumps (3747.00 EUR) by ben"}' "$(cat "$LOG/posted")" "the chat message"
unset CRM_CHAT_WEBHOOK
run crm deal complete "$deal" --force --reason "test"
assert_exit 0 "without the variable the hook does nothing"
assert_eq 1 "$(wc -l <"$LOG/posted")" "nothing more posted"

finish
