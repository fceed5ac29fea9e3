# A git auto-commit that git refuses (a failing pre-commit hook, no identity) does not undo the
# change (DESIGN 6 and 7): the command exits 0, prints the IDs, keeps the files written, and
# says on stderr in a `crm: warning:` that git did not commit, with git's own message as
# indented lines (not squashed into one line).
source "$(dirname "$0")/lib.sh"
setup
run crm init --git data
assert_exit 0
cd data
run crm lead add --name "Jan Kowalski"
assert_exit 0
jan="$OUT"
commits="$(git rev-list --count HEAD)"

printf '#!/bin/sh\necho "pre-commit: line one of the refusal" >&2\necho "pre-commit: line two" >&2\nexit 1\n' \
  >.git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
run crm lead add --name "Eva Nowak" --email eva@example.invalid
assert_exit 0 "lead add whose commit the hook refuses"
eva="$OUT"
[[ "$eva" == L-* ]] || fail "stdout should be the new lead's ID, it is [$eva]"
ok
assert_file_exists "leads/$eva.yaml"
assert_err_contains "crm: warning: the change is made, but git did not commit it"
assert_err_contains $'\n    pre-commit: line one of the refusal\n    pre-commit: line two'
assert_not_contains "$ERR" '\x0a' "stderr"
assert_not_contains "$ERR" "crm: error" "stderr"
echo "$ERR"
assert_eq "$commits" "$(git rev-list --count HEAD)" "commits after the refused one"
assert_eq "A  leads/$eva.yaml" "$(git status --porcelain)" "git status: staged, not committed"

# An update refused the same way is kept as well.
run crm lead contact "$jan"
assert_exit 0 "lead contact whose commit the hook refuses"
assert_err_contains "git did not commit it"
run crm lead show "$jan" --json
assert_eq "contacted" "$(printf '%s' "$OUT" | json_get status)" "status kept on disk"

# No identity: git's refusal (several lines of it) is a warning too. (user.useConfigOnly stops
# git from making one up from the host name.)
rm .git/hooks/pre-commit
git config --global --unset user.name
git config --global --unset user.email
git config user.useConfigOnly true
unset EMAIL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL || true
run crm lead add --name "Nina Identity"
assert_exit 0 "lead add with no git identity"
assert_file_exists "leads/$OUT.yaml"
assert_err_contains "crm: warning: the change is made, but git did not commit it"
assert_err_contains $'\n    *** Please tell me who you are.'
assert_not_contains "$ERR" '\x0a' "stderr"

# crm init --git without an identity: the directory is made, and git's refusal is a warning.
cd "$T"
git config --global user.useConfigOnly true
run crm init fresh --git
assert_exit 0 "init --git with no git identity"
assert_file_exists fresh/crm.yaml
assert_err_contains "crm: warning: the directory is made, but git did not commit its files"
assert_err_contains $'\n    *** Please tell me who you are.'
finish
