# Shell completion: `crm __complete` on a copy of examples/ (nouns, verbs, options, choices,
# references), the bash script run for real (COMP_WORDS/COMP_CWORD set, COMPREPLY read), and
# the zsh and fish scripts checked for syntax where those shells are installed.
source "$(dirname "$0")/lib.sh"
setup

cp -r "$CRM_SOURCE_DIR/examples" examples
cd examples
before="$(snapshot .)"

# complete WORDS...: the candidates (without descriptions) for the last word, one per line.
complete_words() {
  run crm __complete -- "$@"
  assert_exit 0 "crm __complete $*"
  [[ -z "$ERR" ]] || fail "crm __complete $* printed on stderr: [$ERR]"
  OUT="$(printf '%s\n' "$OUT" | cut -f1)"
}

complete_words ""
assert_out_contains "lead"
assert_out_contains "service"
assert_out_contains "completion"
assert_not_contains "$OUT" "__complete" "nouns"
assert_not_contains "$OUT" "__man" "nouns"

complete_words "lea"
assert_eq "lead" "$OUT" "nouns starting with lea"

complete_words contact ""
for verb in add list show edit erase; do assert_contains "$OUT" "$verb" "contact verbs"; done

complete_words --json -C . lead con
assert_eq $'contact\nconvert' "$OUT" "verbs after global options"

complete_words lead add --
for option in --name --email --source --format --dry-run --help; do
  assert_contains "$OUT" "$option" "lead add options"
done
complete_words lead add -
assert_contains "$OUT" "-C" "short options"
complete_words lead add --na
assert_eq "--name" "$OUT" "lead add --na"

# Choices: the CLI's (global --format, --role, --by, report names) and the registry's.
complete_words lead list --format ""
assert_eq $'table\njson\nyaml\ncsv\nmd\nhtml\npdf' "$OUT" "--format choices"
complete_words import csv --kind ""
assert_eq $'account\ncontact\nlead\ndeal\nactivity\nproduct' "$OUT" "import csv --kind choices"
complete_words export json --kind serv
assert_eq $'service-contract\nservice-request\nservice-order' "$OUT" "export json --kind choices"
complete_words resolve D-1234 --field stage --take ""
assert_eq $'ours\ntheirs' "$OUT" "resolve --take choices"
complete_words lead list --format=y
assert_eq "--format=yaml" "$OUT" "--format=y"
complete_words deal role D-XXXX --role ""
assert_eq $'decision-maker\ninfluencer\nuser\ngatekeeper\nchampion' "$OUT" "--role choices"
complete_words report ""
for report in pipeline forecast win-rate receivables all; do assert_contains "$OUT" "$report" "reports"; done
complete_words report pipeline --by ""
assert_contains "$OUT" "owner" "--by choices"
complete_words product add --kind ""
assert_eq $'goods\nservice\npart' "$OUT" "product --kind"
complete_words deal stage D-XXXX ""
assert_contains "$OUT" "negotiation" "stages from crm.yaml"
complete_words completion ""
assert_eq $'bash\nzsh\nfish' "$OUT" "shells"

# References: IDs, numbers, names, e-mails, skus, of the kind the argument takes.
lead_id="$("$CRM_BIN" lead list --json | json_get 0.id)"
lead_name="$("$CRM_BIN" lead show "$lead_id" --json | json_get name)"
complete_words lead show ""
assert_contains "$OUT" "$lead_id" "lead refs"
assert_contains "$OUT" "$lead_name" "lead refs"
assert_not_contains "$OUT" "C-" "lead refs"
complete_words lead show "$(tr 'A-Z' 'a-z' <<<"${lead_id:0:4}")"
assert_contains "$OUT" "$lead_id" "a lower-case ID prefix"
complete_words contact list --account Nord
assert_eq "Nordwind Logistik GmbH" "$OUT" "--account by name"
complete_words invoice create --order SO-
assert_contains "$OUT" "SO-2026-0001" "--order by number"
complete_words payment add INV-2026-000
assert_contains "$OUT" "INV-2026-0001" "an INVOICE positional"
run crm __complete -- timeline ""
assert_contains "$OUT" $'\taccount ' "any kind, described"
assert_contains "$OUT" $'\tlead ' "any kind, described"

# Nothing written, no lock taken, no error without a data directory.
assert_eq "$before" "$(snapshot .)" "the directory after completion"
[[ -e .crm/lock ]] && fail "completion made a lock file"
ok
cd "$T"
mkdir empty
cd empty
run crm __complete -- lead show ""
assert_exit 0 "no data directory"
assert_out_empty
assert_eq "" "$ERR" "stderr without a data directory"
run crm __complete -- lead add --bogus ""
assert_exit 0 "an unknown option"
assert_eq "" "$ERR" "stderr after an unknown option"
cd "$T/examples"

# The bash script, run for real: source it, set COMP_WORDS and COMP_CWORD, call _crm.
run crm completion bash
assert_exit 0 "crm completion bash"
printf '%s\n' "$OUT" >"$T/crm.bash"
bash -n "$T/crm.bash" || fail "the bash script has a syntax error"
ok
bin_dir="$(dirname "$CRM_BIN")"
bash_complete() {
  PATH="$bin_dir:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _crm
    printf "%s\n" "${COMPREPLY[@]}"' _ "$T/crm.bash" "$@"
}
assert_eq "lead" "$(bash_complete crm lea)" "bash: a noun"
assert_eq $'contact\nconvert' "$(bash_complete crm lead con)" "bash: a verb"
assert_eq "--name" "$(bash_complete crm lead add --na)" "bash: an option"
assert_eq "json" "$(bash_complete crm --format js)" "bash: a choice"
assert_eq "yaml" "$(bash_complete crm lead list --format = y)" "bash: --format=y (split at =)"
assert_eq 'Nordwind\ Logistik\ GmbH' "$(bash_complete crm contact list --account Nord)" \
  "bash: a name with spaces, escaped"
assert_eq "$lead_id" "$(bash_complete crm lead show "${lead_id:0:5}")" "bash: an ID prefix"

# zsh and fish: syntax only, and only where installed.
for shell in zsh fish; do
  run crm completion "$shell"
  assert_exit 0 "crm completion $shell"
  printf '%s\n' "$OUT" >"$T/crm.$shell"
  if command -v "$shell" >/dev/null; then
    "$shell" -n "$T/crm.$shell" || fail "the $shell script has a syntax error"
    ok
  else
    echo "($shell is not installed: its script's syntax is not checked)"
  fi
done
run crm completion tcsh
assert_exit 2 "an unknown shell"

finish
