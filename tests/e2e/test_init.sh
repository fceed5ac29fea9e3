# crm init and data-directory discovery (DESIGN section 2).
source "$(dirname "$0")/lib.sh"
setup

folders=(accounts activities campaigns confirmations contacts contracts deals invoices leads orders
  products quotes service-contracts service-orders service-requests solutions)

# --- crm init DIR ---------------------------------------------------------------------------
run crm init data
assert_exit 0 "init"
assert_out_contains "initialized crm data directory in data"
assert_file_exists data/crm.yaml
assert_file_exists data/.gitignore
[[ -d data/.crm ]] || fail "init made no .crm/"
ok
for f in "${folders[@]}"; do
  [[ -d "data/$f" ]] || fail "init made no $f/ folder"
  assert_eq 700 "$(stat -c %a "data/$f")" "mode of data/$f"
done
assert_eq 700 "$(stat -c %a data/.crm)" "mode of data/.crm"
assert_eq 600 "$(stat -c %a data/crm.yaml)" "mode of data/crm.yaml"
assert_eq 600 "$(stat -c %a data/.gitignore)" "mode of data/.gitignore"
assert_contains "$(cat data/.gitignore)" ".crm/" ".gitignore"
assert_no_file data/.gitattributes
# Nothing else in the new directory: folders, crm.yaml, .gitignore, .crm.
assert_eq "$(printf '%s\n' .crm .gitignore "${folders[@]}" crm.yaml | sort)" \
  "$(cd data && ls -A | sort)" "entries of a new data directory"
assert_file_eq crm.yaml data/crm.yaml
assert_file_eq gitignore data/.gitignore
# crm.yaml parses and says what the docs say.
assert_eq 1 "$(yaml_get version <data/crm.yaml | sed 's/^int://')" "crm.yaml version"
assert_eq EUR "$(yaml_get currency <data/crm.yaml)" "crm.yaml currency"
assert_eq "bool:false" "$(yaml_get git.autocommit <data/crm.yaml)" "crm.yaml git.autocommit without --git"

# A second init refuses and changes nothing.
before="$(snapshot data)"
run crm init data
assert_exit 1 "second init"
assert_err_contains "crm.yaml"
assert_eq "$before" "$(snapshot data)" "files after a refused init"

# init with no DIR initializes the working directory; -C DIR names it too.
mkdir here && (cd here && "$CRM_BIN" init >/dev/null) || fail "crm init in the working directory"
assert_file_exists here/crm.yaml
run crm -C viaopt init
assert_exit 0 "crm -C viaopt init"
assert_file_exists viaopt/crm.yaml

# --- crm init --git ---------------------------------------------------------------------------
run crm init --git repo
assert_exit 0 "init --git"
[[ -d repo/.git ]] || fail "init --git made no git repository"
ok
assert_file_exists repo/.gitattributes
assert_contains "$(cat repo/.gitattributes)" "*.yaml" ".gitattributes"
assert_eq "bool:true" "$(yaml_get git.autocommit <repo/crm.yaml)" "crm.yaml git.autocommit with --git"
assert_eq "" "$(git -C repo status --porcelain)" "git status after init --git (everything committed)"
git -C repo check-ignore -q .crm/lock || fail ".crm/ is not ignored by git"
ok
# A mutation in a --git directory commits exactly its file, with IDs but no personal data.
run crm -C repo lead add --name "Jan Kowalski" --email jan@acme.example
assert_exit 0 "lead add in a git directory"
lead="$OUT"
assert_eq "" "$(git -C repo status --porcelain)" "git status after lead add"
msg="$(git -C repo log -1 --format=%s)"
assert_contains "$msg" "$lead" "commit message"
assert_not_contains "$msg" "Kowalski" "commit message"
assert_eq "leads/$lead.yaml" "$(git -C repo show --name-only --format= HEAD)" "files of the commit"
# --no-commit skips it once.
run crm -C repo lead edit "$lead" --phone "+48 1" --no-commit
assert_exit 0
assert_contains "$(git -C repo status --porcelain)" "leads/$lead.yaml" "git status after --no-commit"

# init inside an existing git work tree writes .gitattributes too.
git init -q existing
run crm init existing
assert_exit 0 "init in a git work tree"
assert_file_exists existing/.gitattributes

# --- discovery ----------------------------------------------------------------------------------
run crm -C data lead add --name "Found by -C"
assert_exit 0 "-C DIR"
assert_file_exists "data/leads/$OUT.yaml"
run crm --dir data lead list
assert_exit 0 "--dir DIR"
assert_out_contains "Found by -C"

CRM_DIR="$T/data" run crm lead list
assert_exit 0 "\$CRM_DIR"
assert_out_contains "Found by -C"

cd data/leads
run crm lead list
assert_exit 0 "walking up from leads/"
assert_out_contains "Found by -C"
mkdir -p deeper/still && cd deeper/still
run crm lead list
assert_exit 0 "walking up from a folder two levels below"
assert_out_contains "Found by -C"
cd "$T"

# -C wins over $CRM_DIR, and $CRM_DIR over the working directory.
CRM_DIR="$T/repo" run crm -C data lead list
assert_out_contains "Found by -C"
assert_not_contains "$OUT" "Jan Kowalski" "-C over \$CRM_DIR"
cd data
CRM_DIR="$T/repo" run crm lead list
assert_out_contains "Jan Kowalski"
assert_not_contains "$OUT" "Found by -C" "\$CRM_DIR over the working directory"
cd "$T"

# No directory found: exit 2, naming crm init.
mkdir -p nowhere/sub && cd nowhere/sub
run crm lead list
assert_exit 2 "no data directory"
assert_err_contains "crm init"
run crm lead add --name X
assert_exit 2 "mutation without a data directory"
assert_err_contains "crm init"
assert_eq "" "$(ls -A)" "nothing written where no data directory was found"
run crm -C "$T/missing" lead list
assert_exit 2 "-C to a folder that does not exist"
assert_err_contains "crm init"
CRM_DIR="$T/nowhere" run crm lead list
assert_exit 2 "\$CRM_DIR without crm.yaml"
cd "$T"

finish
