# Files that crm creates are private to the user (DESIGN section 7), git's too: `crm init --git`
# in an existing folder of mode 0755 makes the folder 0700, and after a mutation with auto-commit
# nothing under the data directory, .git included (objects, index, refs, logs), is readable by
# group or others, even with a permissive umask, and even after a commit the user makes by hand.
source "$(dirname "$0")/lib.sh"
setup
umask 022

# open_to_others DIR: every file or folder under DIR (DIR included) that group or others can use.
open_to_others() {
  find "$1" -perm /077 -printf '%m %p\n' | sort
}

mkdir data
chmod 0755 data
run crm init --git data
assert_exit 0 "init --git in an existing 0755 folder"
assert_eq "700" "$(stat -c %a data)" "mode of the data directory after init"
cd data
run crm lead add --name "Jan Kowalski" --email jan@example.invalid --phone "+48 42 683 74 61"
assert_exit 0
lead="$OUT"
assert_eq "" "$(git status --porcelain)" "git status after an auto-committed mutation"
for path in .git/objects .git/index .git/refs/heads/main .git/logs/HEAD .git/HEAD .git/config \
  .git/COMMIT_EDITMSG "leads/$lead.yaml"; do
  [[ -e "$path" ]] || fail "$path is missing: the check below would prove nothing"
  ok
done
assert_eq "" "$(open_to_others "$T/data")" "files and folders open to group or others"

# The user's own git, with umask 022, keeps them private too (core.sharedRepository).
echo "notes" >NOTES.txt
chmod 0600 NOTES.txt
git add NOTES.txt && git commit -q -m "notes by hand"
assert_eq "" "$(open_to_others "$T/data")" "after a commit by hand with umask 022"
run crm lead contact "$lead"
assert_exit 0
assert_eq "" "$(open_to_others "$T/data")" "after a second mutation"
finish
