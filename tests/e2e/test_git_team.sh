# A team through git (DESIGN 6): a bare repository, two clones each set up with `crm init
# --git`, records changed on both sides and merged by crm's merge driver. Different fields of
# one deal merge cleanly; colliding quote numbers are reported by `crm check` and fixed by
# `crm renumber`; the same field changed on both sides is a named conflict that `crm resolve`
# settles, staged for the merge's `git commit`. Also: `crm init --git` in a fresh clone writes
# no data and is idempotent, and `crm merge-file` on garbage falls back to git's text merge.
source "$(dirname "$0")/lib.sh"
setup

# Every file of a clone but git's own (its .git/config is what init --git changes).
data_snapshot() {
  (cd "$1" && find . \( -type f -o -type l \) -not -path './.git/*' -not -path './.crm/*' -print0 |
    sort -z | xargs -0 -r sha256sum)
}

git init --quiet --bare remote.git
git clone --quiet remote.git anna 2>/dev/null
cd anna
# Each clone makes its own IDs (the seed only pins them for reproducible tests).
export CRM_ID_SEED=anna
run crm init --git
assert_exit 0 "crm init --git in an empty clone"
assert_out_contains "initialized crm data directory"
assert_eq "merge-file %O %A %B %P" "$(git config merge.crm.driver | sed 's/^.* merge-file/merge-file/')" \
  "the driver registered in .git/config"
driver="$(git config merge.crm.driver)"
assert_contains "$driver" "$CRM_BIN" "the driver names this binary (crm on PATH is not it)"
assert_contains "$(cat .gitattributes)" "*.yaml text eol=lf" ".gitattributes"
assert_contains "$(cat .gitattributes)" $'\ndeals/*.yaml merge=crm\n' ".gitattributes"
assert_contains "$(cat .gitattributes)" $'\nservice-orders/*.yaml merge=crm\n' ".gitattributes"
assert_not_contains "$(cat .gitattributes)" "crm.yaml merge" ".gitattributes"
assert_eq "" "$(git status --porcelain)" "init committed its files"

step 2026-11-02 account add --name "Nordwind Logistik GmbH"
acct="$OUT"
step 2026-11-02 product add --sku TRK-100 --name "Tracker" --price 120.00
step 2026-11-02 deal add --account "$acct" --title "Trackers, 40 trucks" --amount 4800
deal="$OUT"
git push --quiet origin main 2>/dev/null

# --- the second clone ----------------------------------------------------------------------

cd "$T"
git clone --quiet remote.git bob 2>/dev/null
cd bob
export CRM_ID_SEED=bob
before="$(data_snapshot .)"
commits="$(git rev-list --count HEAD)"
run crm init --git
assert_exit 0 "crm init --git in a fresh clone"
assert_out_contains "registered the merge driver in .git/config"
assert_out_contains "no data changed"
assert_eq "$driver" "$(git config merge.crm.driver)" "the same driver in the second clone"
assert_eq "$before" "$(data_snapshot .)" "files after init in a clone"
assert_eq "$commits" "$(git rev-list --count HEAD)" "commits after init in a clone"
assert_eq "" "$(git status --porcelain)" "git status after init in a clone"
run crm init --git
assert_exit 0 "crm init --git again"
assert_out_contains "registered already"
assert_eq "$before" "$(data_snapshot .)" "files after a second init"
# Without --git, an existing crm.yaml is still refused, with a hint about --git.
run crm init
assert_exit 1 "crm init without --git in a clone"
assert_err_contains "already holds crm.yaml"
assert_err_contains "crm init --git"

# --- different fields of one deal, numbers that collide ----------------------------------------

cd "$T/anna"
export CRM_ID_SEED=anna2
step 2026-11-03 deal stage "$deal" proposal
step 2026-11-03 note add "$deal" "Fleet manager wants a pilot"
step 2026-11-03 deal quote "$deal" --line TRK-100:40
quote_anna="$(printf '%s\n' "$OUT" | head -n1 | cut -d' ' -f1)"
git push --quiet origin main 2>/dev/null

cd "$T/bob"
export CRM_ID_SEED=bob2
step 2026-11-04 deal edit "$deal" --owner carl
step 2026-11-04 note add "$deal" "Budget approved for Q1"
step 2026-11-04 deal quote "$deal" --line TRK-100:35
quote_bob="$(printf '%s\n' "$OUT" | head -n1 | cut -d' ' -f1)"
[[ "$quote_anna" != "$quote_bob" ]] || fail "both clones made the same quote ID $quote_bob"
ok

git pull --no-rebase --no-edit --quiet origin main >"$T/io/pull" 2>&1 ||
  fail "git pull of different fields should merge cleanly: $(cat "$T/io/pull")"
ok
assert_eq "" "$(git ls-files --unmerged)" "unmerged paths after a clean pull"
run crm deal show "$deal" --json
assert_eq "proposal" "$(printf '%s' "$OUT" | json_get stage)" "anna's stage"
assert_eq "carl" "$(printf '%s' "$OUT" | json_get owner)" "bob's owner"
assert_eq "2" "$(printf '%s' "$OUT" | json_eval 'len(d["history"])')" "both history entries"
assert_eq '["2026-11-03", "2026-11-04"]' \
  "$(printf '%s' "$OUT" | json_eval '[h["at"][:10] for h in d["history"]]')" "history in time order"
assert_not_contains "$(cat "deals/$deal.yaml")" "conflicts" "the merged deal"

# Both quotes are Q-2026-0001: crm check names the duplicate, and nothing else.
run crm check
assert_exit 4 "crm check with a duplicate number"
assert_err_contains "Q-2026-0001"
assert_err_contains "[numbers]"
assert_eq "2" "$(grep -c '\[numbers\]$' "$ERR_FILE")" "the duplicate, once per quote"
assert_eq "2" "$(grep -c '^[^ ].*\[[a-z-]*\]$' "$ERR_FILE")" "problems besides the duplicate number"
run crm renumber "$quote_bob"
assert_exit 0 "renumber the newer quote"
run crm quote show "$quote_bob" --json
assert_eq "Q-2026-0002" "$(printf '%s' "$OUT" | json_get number)" "renumbered quote"
run crm check
assert_exit 0 "crm check after renumber"
assert_eq "" "$(git status --porcelain)" "renumber auto-committed"
git push --quiet origin main 2>/dev/null

cd "$T/anna"
git pull --no-rebase --no-edit --quiet origin main >"$T/io/pull" 2>&1 ||
  fail "anna's pull should fast-forward: $(cat "$T/io/pull")"
ok
run crm check
assert_exit 0 "crm check in anna's clone after the pull"

# --- the same field on both sides: a named conflict ----------------------------------------------

# Bob's clone runs crm check before every commit (docs/git.md's hook), crm's own included.
printf '#!/bin/sh\nexec "%s" check -q\n' "$CRM_BIN" >"$T/bob/.git/hooks/pre-commit"
chmod +x "$T/bob/.git/hooks/pre-commit"

cd "$T/anna"
step 2026-11-05 deal stage "$deal" negotiation
git push --quiet origin main 2>/dev/null
cd "$T/bob"
step 2026-11-06 deal stage "$deal" needs-analysis
step 2026-11-06 deal edit "$deal" --amount 5000
set +e
git pull --no-rebase --no-edit origin main >"$T/io/pull" 2>&1
pull_rc=$?
set -e
[[ $pull_rc != 0 ]] || fail "git pull should report the conflict"
ok
assert_contains "$(cat "$T/io/pull")" "CONFLICT" "git pull's output"
assert_contains "$(cat "$T/io/pull")" "conflict in 'stage'" "the driver's message"
assert_eq "deals/$deal.yaml" "$(git diff --name-only --diff-filter=U)" "the unmerged path"
file="deals/$deal.yaml"
assert_not_contains "$(cat "$file")" "<<<<<<<" "the conflicted file"
run crm check
assert_exit 4 "crm check with a conflict"
assert_err_contains "[conflicts]"
assert_err_contains "merge conflict in 'stage': ours \"needs-analysis\", theirs \"negotiation\""
assert_err_contains "crm resolve $deal --field stage --take"
run crm check --only conflicts --json
assert_eq "1" "$(printf '%s' "$OUT" | json_eval 'len(d)')" "conflicts reported"
# The amount changed on one side only: merged, not a conflict.
run crm deal show "$deal" --json
assert_eq "5000.00" "$(printf '%s' "$OUT" | json_get amount)" "bob's amount"

# Staged by hand with its conflict still in it: the hook refuses the merge commit.
git add "$file"
set +e
git commit --quiet --no-edit >"$T/io/commit" 2>&1
commit_rc=$?
set -e
[[ $commit_rc != 0 ]] || fail "the pre-commit hook should refuse a merge that holds a conflict"
ok
assert_contains "$(cat "$T/io/commit")" "merge conflict in 'stage'" "the hook's refusal"

run crm resolve "$deal" --field owner --take theirs
assert_exit 1 "resolve a field without a conflict"
assert_err_contains "no conflict in field 'owner'"
assert_err_contains "its conflicted fields: stage"
run crm resolve "$deal" --field stage --take nowhere
assert_exit 2 "resolve with a stage crm.yaml does not have"

run crm --today 2026-11-06 resolve "$deal" --field stage --take theirs
assert_exit 0 "crm resolve --take theirs"
assert_eq "$deal" "$OUT" "resolve prints the record's ID"
assert_err_contains "staged $file"
assert_err_contains "git commit"
assert_eq "" "$(git diff --name-only --diff-filter=U)" "unmerged paths after resolve"
git commit --quiet --no-edit >"$T/io/commit" 2>&1 || fail "git commit of the merge: $(cat "$T/io/commit")"
ok
assert_eq "" "$(git status --porcelain)" "git status after the merge commit"
run crm check
assert_exit 0 "crm check after resolve and commit"
run crm deal show "$deal" --json
assert_eq "negotiation" "$(printf '%s' "$OUT" | json_get stage)" "the stage taken from theirs"
assert_eq "crm resolve: took theirs" "$(printf '%s' "$OUT" | json_eval 'd["history"][-1]["note"]')" \
  "the resolve in history"
# The merged file is canonical: merging it with itself changes no byte.
cp "$file" "$T/io/x1" && cp "$file" "$T/io/x2" && cp "$file" "$T/io/x3"
run crm merge-file "$T/io/x1" "$T/io/x2" "$T/io/x3" "$file"
assert_exit 0 "merge-file of the merged file with itself"
cmp -s "$file" "$T/io/x2" || fail "the merged deal is not canonical: $(diff "$file" "$T/io/x2")"
ok
git push --quiet origin main 2>/dev/null
cd "$T/anna"
git pull --no-rebase --no-edit --quiet origin main >"$T/io/pull" 2>&1 || fail "$(cat "$T/io/pull")"
run crm check
assert_exit 0 "crm check in anna's clone at the end"

# --- outside a merge, resolve is a normal mutation with auto-commit ---------------------------

cd "$T/anna"
cp "deals/$deal.yaml" "$T/io/base"
sed 's/^stage: .*/stage: "proposal"/' "$T/io/base" >"$T/io/ours"
sed 's/^stage: .*/stage: "qualification"/' "$T/io/base" >"$T/io/theirs"
run crm merge-file "$T/io/base" "$T/io/ours" "$T/io/theirs" "deals/$deal.yaml"
assert_exit 1 "merge-file with a conflict"
cp "$T/io/ours" "deals/$deal.yaml"
git commit --quiet -am "a conflicted deal, committed by hand"
commits="$(git rev-list --count HEAD)"
run crm resolve "$deal" --field stage --take ours
assert_exit 0 "resolve outside a merge"
assert_eq "$((commits + 1))" "$(git rev-list --count HEAD)" "resolve auto-committed"
assert_eq "resolve $deal stage" "$(git log -1 --format=%s)" "the commit message"
assert_eq "" "$(git status --porcelain)" "git status after resolve"
run crm check
assert_exit 0 "crm check after resolving outside a merge"

# --- merge-file on input that is not a record --------------------------------------------------

cd "$T"
printf 'line 1\nline 2\nline 3\n' >g-base
printf 'line 1 ours\nline 2\nline 3\n' >g-ours
printf 'line 1\nline 2\nline 3 theirs\n' >g-theirs
run crm merge-file g-base g-ours g-theirs "deals/D-7K3QZ9AB.yaml"
assert_exit 0 "a clean text merge"
assert_err_contains "not a record crm can merge"
assert_err_contains "git merge-file"
assert_eq $'line 1 ours\nline 2\nline 3 theirs' "$(cat g-ours)" "the text merge"
printf 'a: &x [1]\nb: *x\n' >h-base
printf 'a: &x [2]\nb: *x\n' >h-ours
printf 'a: &x [3]\nb: *x\n' >h-theirs
run crm merge-file h-base h-ours h-theirs "deals/D-7K3QZ9AB.yaml"
assert_exit 1 "a text merge with one conflict"
assert_contains "$(cat h-ours)" "<<<<<<< ours" "the text merge's markers"
assert_contains "$(cat h-ours)" ">>>>>>> theirs" "the text merge's markers"
head -c 3000000 /dev/zero | tr '\0' 'x' >big
run crm merge-file big big big "deals/D-7K3QZ9AB.yaml"
assert_exit 0 "an oversized file, merged as text"
run crm merge-file g-base g-ours
assert_exit 2 "merge-file with two arguments"
run crm merge-file missing-base g-ours g-theirs "deals/D-7K3QZ9AB.yaml"
(( RC != 0 )) || fail "merge-file with a missing input must not claim a clean merge"
ok
finish
