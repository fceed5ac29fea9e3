# An auto-commit records exactly the paths the command wrote (DESIGN 6 and 8): what the user
# staged by hand stays staged and out of crm's commit, unstaged edits stay unstaged, the index
# ends up matching the commit for crm's paths, HEAD's reflog says what happened, and a commit
# hook or a merge in progress hands the commit to `git commit` itself, so hooks run as always.
source "$(dirname "$0")/lib.sh"
setup
run crm init --git data
assert_exit 0
cd data
run crm account add --name "Acme"
assert_exit 0
acme="$OUT"
run crm account add --name "Globex"
assert_exit 0
globex="$OUT"
base="$(git rev-parse HEAD)"

# a plain auto-commit: one new path, parent HEAD, index clean
run crm note add "$acme" "First call went well"
assert_exit 0
note="$OUT"
assert_eq "$base" "$(git rev-parse HEAD^)" "the commit's parent"
assert_eq "activities/$note.yaml" "$(git show --format= --name-only HEAD)" "paths in the commit"
assert_eq "note add $note on $acme" "$(git log -1 --format=%s)" "commit subject"
assert_contains "$(git reflog -1)" "commit: note add $note" "HEAD's reflog"
assert_eq "" "$(git status --porcelain)" "git status after the commit"
assert_eq "$(git hash-object "activities/$note.yaml")" "$(git rev-parse "HEAD:activities/$note.yaml")" \
  "the committed bytes are the file's"

# what the user staged stays staged and out of crm's commit
sed -i 's/name: "Globex"/name: "Globex Corporation"/' "accounts/$globex.yaml"
git add "accounts/$globex.yaml"
printf 'scratch\n' >notes.txt
run crm account edit "$acme" --phone "+48 42 111 22 33"
assert_exit 0
assert_eq "accounts/$acme.yaml" "$(git show --format= --name-only HEAD)" "paths in crm's commit"
assert_eq "M  accounts/$globex.yaml" "$(git status --porcelain -- accounts)" "the user's change"
assert_contains "$(git status --porcelain)" "?? notes.txt" "the untracked file"
assert_contains "$(git show HEAD:accounts/"$acme".yaml)" "+48 42 111 22 33" "crm's change committed"
assert_not_contains "$(git show HEAD:accounts/"$globex".yaml)" "Corporation" "the user's change"
git commit -qm "rename Globex"
rm notes.txt

# an unstaged edit stays unstaged
sed -i 's/name: "Globex Corporation"/name: "Globex Corp."/' "accounts/$globex.yaml"
run crm note add "$globex" "Sent the catalogue"
assert_exit 0
assert_eq "activities/$OUT.yaml" "$(git show --format= --name-only HEAD)" "paths in crm's commit"
assert_eq " M accounts/$globex.yaml" "$(git status --porcelain -- accounts)" "the unstaged edit"
git checkout -q -- "accounts/$globex.yaml"

# a commit hook runs: crm hands the commit to git commit
printf '#!/bin/sh\necho ran >>"$(git rev-parse --git-dir)/hook-ran"\n' >.git/hooks/post-commit
chmod +x .git/hooks/post-commit
run crm note add "$acme" "Hooked"
assert_exit 0
assert_file_exists .git/hook-ran
assert_eq "activities/$OUT.yaml" "$(git show --format= --name-only HEAD)" "paths in the hooked commit"
rm .git/hooks/post-commit

# a second auto-commit in a row, and a change of two records in one commit
run crm lead add --name "Ewa Nowak" --company "Nowak Print"
assert_exit 0
lead="$OUT"
run crm lead convert "$lead"
assert_exit 0
changed="$(git show --format= --name-only HEAD | sort | tr '\n' ' ')"
assert_contains "$changed" "leads/$lead.yaml" "convert's commit"
assert_contains "$changed" "accounts/" "convert's commit"
assert_contains "$changed" "contacts/" "convert's commit"
assert_eq "" "$(git status --porcelain)" "git status after convert"
run crm check
assert_exit 0
finish
