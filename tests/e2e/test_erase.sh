# Erasing a person on a `crm init --git` directory: the working tree no longer holds their
# name, e-mail or phone, references stay valid, `crm check` is clean, one commit whose message
# holds IDs only, and the history purge commands are printed (never run). In a throwaway copy,
# the printed git filter-branch commands purge the history too.
source "$(dirname "$0")/lib.sh"
setup

run crm init d --git
assert_exit 0 "crm init --git"
cd d
step 2026-11-02 account add --name "Acme Sp. z o.o." --email office@acme.example
acme="$OUT"
step 2026-11-02 contact add --name "Ewa Nowak" --account "$acme" --email ewa.nowak@acme.example \
  --phone "+48 42 683 74 61" --title CFO --notes "Prefers mornings"
ewa="$OUT"
step 2026-11-03 contact add --name "Jan Kowalski" --account "$acme"
jan="$OUT"
step 2026-11-03 note add "Ewa Nowak" "Ewa Nowak asked for the price list"
step 2026-11-04 activity log "$acme" --type call --subject "Call with Ewa Nowak" \
  --body "She gave EWA.NOWAK@acme.example and +48 42 683 74 61"
step 2026-11-05 deal add --account "$acme" --title "Forklifts for Ewa Nowak" --contact "$ewa"
deal="$OUT"
step 2026-11-05 deal role "$deal" --contact ewa.nowak@acme.example --role decision-maker \
  --influence high
step 2026-11-06 deal lose "$deal" --reason "Ewa Nowak chose a competitor"
# A custom field added by hand, and committed.
sed -i 's/^name: "Jan Kowalski"$/name: "Jan Kowalski"\nassistant_of: "Ewa Nowak"/' \
  "contacts/$jan.yaml"
git add -A && git commit -qm "hand edit $jan"
git grep -q "Ewa Nowak" || fail "the setup holds no name to erase"
ok
commits="$(git rev-list --count HEAD)"

# --dry-run lists what would change and writes nothing.
before="$(snapshot .)"
run crm --dry-run contact erase "Ewa Nowak"
assert_exit 0 "contact erase --dry-run"
assert_out_contains "would update $ewa"
assert_out_contains "would update $deal"
assert_contains "$ERR" "Dry run: nothing was erased" "stderr"
assert_eq "$before" "$(snapshot .)" "the directory after --dry-run"
assert_eq "$commits" "$(git rev-list --count HEAD)" "commits after --dry-run"

run crm contact erase ewa.nowak@acme.example
assert_exit 0 "contact erase"
assert_out_contains "$ewa"
assert_out_contains "$deal"
assert_not_contains "$OUT" "Ewa" "stdout (IDs only)"
for printed in "git filter-repo --force --replace-text" "Ewa Nowak==>[erased]" \
  "git filter-branch" "re-clone" "hash" "forks"; do
  assert_contains "$ERR" "$printed" "the purge instructions"
done
purge="$ERR"

# Gone from the working tree, in any case for the e-mail.
for gone in "Ewa Nowak" "ewa.nowak@acme.example" "+48 42 683 74 61" "Prefers mornings"; do
  if git grep -n -i -F "$gone" -- . >"$T/io/grep"; then
    fail "the working tree still holds [$gone]: $(cat "$T/io/grep")"
  fi
  ok
done
# The tombstone and the references.
run crm contact show "$ewa" --json
assert_exit 0 "the tombstone resolves by its ID"
assert_eq "[erased]" "$(json_get name <<<"$OUT")" "the tombstone's name"
assert_eq "$acme" "$(json_get account <<<"$OUT")" "the tombstone's account"
assert_eq "2026-11-23" "$(json_get erased <<<"$OUT")" "erased"
run crm deal show "$deal" --json
assert_eq "$ewa" "$(json_get contact <<<"$OUT")" "the deal's contact"
assert_eq "$ewa" "$(json_get roles.0.contact <<<"$OUT")" "the deal's role"
assert_eq "Forklifts for [erased]" "$(json_get title <<<"$OUT")" "the deal's title"
assert_contains "$(cat "contacts/$jan.yaml")" 'assistant_of: "[erased]"' "a custom field"
run crm check
assert_exit 0 "crm check after erase"
run crm timeline "$ewa"
assert_exit 0 "the timeline of the tombstone"

# One commit, its message without personal data, the tree clean.
assert_eq "$((commits + 1))" "$(git rev-list --count HEAD)" "one new commit"
message="$(git log -1 --format=%B)"
assert_contains "$message" "contact erase $ewa" "the commit message"
for personal in Ewa Nowak ewa.nowak "+48"; do
  assert_not_contains "$message" "$personal" "the commit message"
done
assert_eq "" "$(git status --porcelain)" "git status after erase"

# Twice: refused, nothing changes.
run crm contact erase "$ewa"
assert_exit 1 "erase twice"
assert_err_contains "was erased on 2026-11-23"
assert_eq "$((commits + 1))" "$(git rev-list --count HEAD)" "no commit for a refusal"

# A lead: its status stays.
step 2026-11-10 lead add --name "Maria Lopez" --company "Lopez Logistics" --email maria@lopez.example
lead="$OUT"
step 2026-11-10 lead qualify "$lead"
step 2026-11-11 note add "$lead" "Maria Lopez wants a demo"
run crm lead erase maria@lopez.example
assert_exit 0 "lead erase"
run crm lead show "$lead" --json
assert_eq "qualified" "$(json_get status <<<"$OUT")" "the erased lead's status"
assert_eq "Lopez Logistics" "$(json_get company <<<"$OUT")" "the erased lead's company"
if git grep -n -F "Maria Lopez" -- .; then fail "the lead's name is still in the tree"; fi
ok
run crm check
assert_exit 0 "crm check after lead erase"

# Only people are erased.
run crm account erase "$acme"
assert_exit 2 "crm account erase does not exist"

# The printed git filter-branch commands purge the history too (in a throwaway copy).
cp -a . "$T/copy"
cd "$T/copy"
git log --all -p >"$T/io/history"
grep -q "Ewa Nowak" "$T/io/history" || fail "the history should still hold the name"
ok
sed -n "/^  cat > .*\.sed <<'CRM_EOF'/,/^  git reflog expire/p" <<<"$purge" | sed 's/^  //' >"$T/purge.sh"
grep -q "git filter-branch" "$T/purge.sh" || fail "no filter-branch commands in: $purge"
ok
FILTER_BRANCH_SQUELCH_WARNING=1 bash -e "$T/purge.sh" >"$T/io/purge" 2>&1 ||
  fail "the printed filter-branch commands failed: $(tail -20 "$T/io/purge")"
ok
git log --all -p >"$T/io/history"
[[ $(git rev-list --all --count) -gt 10 ]] || fail "the rewritten history lost commits"
ok
for gone in "Ewa Nowak" "ewa.nowak@acme.example" "+48 42 683 74 61"; do
  if grep -i -F "$gone" "$T/io/history"; then fail "the rewritten history still holds [$gone]"; fi
  ok
done
run crm check
assert_exit 0 "crm check in the rewritten copy"

finish
