# The local index .crm/index (docs/architecture.md, "The index"): every read command prints
# byte for byte what it prints without the index (CRM_NO_INDEX=1, check --no-index), on a
# generated directory and on a copy of examples/, first and after each round of changes: hand
# edits (sed, rm, a copy under a new ID, touch, a same-size edit with the old mtime), git
# checkout of an older version, crm's own writes, a broken file, a damaged index and a torn
# temp file, a reader killed while it refreshes the index, and two readers refreshing at once.
# CRM_INDEX_STATS shows that the index answered (files reused, none parsed) where it should.
source "$(dirname "$0")/lib.sh"
setup

GEN="$(dirname "$CRM_BIN")/crm-bench-generate"
export CRM_TODAY=2026-11-23

# The read commands compared, one per line (arguments split on spaces; names with spaces are
# given through variables below).
read_commands() {
  local noun
  for noun in lead account contact campaign product deal quote order contract invoice kb task \
    activity "service contract" "service request" "service order" "service confirmation"; do
    echo "$noun list"
    echo "$noun list --json"
  done
  for report in pipeline forecast sales win-rate funnel quotes receivables service activity \
    campaigns; do
    echo "report $report --json"
  done
  echo "report all"
  echo "agenda"
  echo "agenda --json --days 30"
  echo "check"
  echo "check --json"
  [[ -n $ACCOUNT ]] && echo "timeline $ACCOUNT" && echo "account show $ACCOUNT --json"
  [[ -n $DEAL ]] && echo "timeline $DEAL" && echo "deal show $DEAL --json"
  [[ -n $LEAD ]] && echo "lead show ${LEAD:0:6}"
  [[ -n $NUMBER ]] && echo "quote show $NUMBER --json"
  return 0
}

# The first ID in a folder, or nothing.
first_id() { ls "$1/$2" 2>/dev/null | head -1 | sed 's/\.yaml$//'; }

pick_records() {
  ACCOUNT=$(first_id "$1" accounts)
  DEAL=$(first_id "$1" deals)
  LEAD=$(first_id "$1" leads)
  NUMBER=""
  local quote
  quote=$(first_id "$1" quotes)
  [[ -n $quote ]] && NUMBER=$(sed -n 's/^number: "\(.*\)"$/\1/p' "$1/quotes/$quote.yaml")
  NAME=""
  [[ -n $ACCOUNT ]] && NAME=$(sed -n 's/^name: "\(.*\)"$/\1/p' "$1/accounts/$ACCOUNT.yaml")
  return 0
}

# run_both LABEL ARGS...: the command without the index, then with it (refreshing it), then with
# it again (answered from it); all three print the same bytes and exit the same way.
run_both() {
  local label="$1"
  shift
  local a b c
  a="$(cd "$DIR" && set +e && CRM_NO_INDEX=1 "$CRM_BIN" "$@" 2>&1; echo "exit $?")"
  b="$(cd "$DIR" && set +e && "$CRM_BIN" "$@" 2>&1; echo "exit $?")"
  c="$(cd "$DIR" && set +e && "$CRM_BIN" "$@" 2>&1; echo "exit $?")"
  [[ "$a" == "$b" && "$a" == "$c" ]] || {
    diff <(echo "$a") <(echo "$b") | head -20 >&2
    fail "$label: crm $* differs with the index"
  }
  ok
}

compare_all() {
  local round="$1" line
  pick_records "$DIR"
  while IFS= read -r line; do
    read -r -a words <<<"$line"
    run_both "$round" "${words[@]}"
  done < <(read_commands)
  [[ -n $NAME ]] && run_both "$round" account show "$NAME" --json
  # check with --no-index (two threads, no saved index) against check with the index.
  local a b
  a="$(cd "$DIR" && set +e && "$CRM_BIN" check --no-index 2>&1; echo "exit $?")"
  b="$(cd "$DIR" && set +e && "$CRM_BIN" check 2>&1; echo "exit $?")"
  assert_eq "$a" "$b" "$round: check --no-index and check"
}

# index_stats ARGS...: "N parsed, M reused" of a run of crm ARGS with the index.
index_stats() {
  (cd "$DIR" && CRM_INDEX_STATS=1 "$CRM_BIN" "$@" 2>&1 >/dev/null | sed -n 's/^crm: index: //p')
}

# --- the data sets ---------------------------------------------------------------------------

sets=()
if [[ -x $GEN ]]; then
  "$GEN" "$T/gen" 1000 7 >/dev/null
  sets+=("$T/gen")
else
  echo "NOTE: no $GEN (build it: ninja crm-bench-generate): the generated directory is NOT TESTED" >&2
fi
cp -r "$CRM_SOURCE_DIR/examples" "$T/examples"
rm -rf "$T/examples/.crm"
sets+=("$T/examples")

for DIR in "${sets[@]}"; do
  set_name=$(basename "$DIR")
  (cd "$DIR" && git init -q && git add -A && git commit -qm base)

  # --- a fresh directory: built, then answered from the index -----------------------------------
  compare_all "$set_name, fresh"
  assert_file_exists "$DIR/.crm/index"
  leads=$(ls "$DIR/leads" | wc -l)
  assert_eq "0 parsed, $leads reused" "$(index_stats lead list)" "$set_name: lead list from the index"

  # --- hand edits -------------------------------------------------------------------------------
  pick_records "$DIR"
  lead_file="$DIR/leads/$LEAD.yaml"
  sed -i 's/^name: "\(.*\)"$/name: "\1 Edited"/' "$lead_file"
  assert_eq "1 parsed, $((leads - 1)) reused" "$(index_stats lead list)" "$set_name: a sed seen"
  rm "$DIR/contacts/$(first_id "$DIR" contacts).yaml"
  deal_copy="D-ZZZZZZZZ"
  sed "s/^id: \"$DEAL\"/id: \"$deal_copy\"/" "$DIR/deals/$DEAL.yaml" >"$DIR/deals/$deal_copy.yaml"
  touch "$DIR/accounts/$ACCOUNT.yaml"
  # The same size and mtime, another inode: a letter changed by sed -i, the mtime put back.
  second_lead="$(ls "$DIR/leads" | sed -n 2p)"
  cp -p "$DIR/leads/$second_lead" "$T/io/stamp"
  sed -i 's/^status: "new"$/status: "NEW"/; s/^status: "contacted"$/status: "CONTACTED"/' \
    "$DIR/leads/$second_lead"
  touch -r "$T/io/stamp" "$DIR/leads/$second_lead"
  compare_all "$set_name, hand edits"
  (cd "$DIR" && git add -A && git commit -qm edits)

  # --- git checkout of the older version --------------------------------------------------------
  restored=$(cd "$DIR" && git diff --name-only HEAD~1 HEAD -- leads | wc -l)
  (cd "$DIR" && git checkout -q HEAD~1 -- . && rm -f "deals/$deal_copy.yaml")
  assert_eq "$restored parsed" "$(index_stats lead list | cut -d, -f1)" \
    "$set_name: the leads git restored are parsed again"
  compare_all "$set_name, git checkout"

  # --- crm's own writes -------------------------------------------------------------------------
  (cd "$DIR" && "$CRM_BIN" --no-commit lead add --name "Index Tester" --company "Index Co" >/dev/null)
  (cd "$DIR" && "$CRM_BIN" --no-commit lead edit "$LEAD" --name "Renamed By Crm" >/dev/null)
  (cd "$DIR" && "$CRM_BIN" --no-commit lead contact "$(first_id "$DIR" leads)" >/dev/null 2>&1 || true)
  compare_all "$set_name, crm writes"

  # --- a broken file ----------------------------------------------------------------------------
  cp "$lead_file" "$T/io/lead"
  printf 'id: "%s"\nname: [unclosed\n' "$LEAD" >"$lead_file"
  compare_all "$set_name, a broken file"
  run_both "$set_name, a broken file" lead list --keep-going
  cp "$T/io/lead" "$lead_file"

  # --- a damaged index, a torn temp file --------------------------------------------------------
  size=$(stat -c %s "$DIR/.crm/index")
  truncate -s $((size / 2)) "$DIR/.crm/index"
  head -c 1000 /dev/urandom >"$DIR/.crm/index.new-99999-0"
  compare_all "$set_name, a damaged index and a torn temp"
  run crm -C "$DIR" check
  assert_exit 0 "$set_name: check is clean beside a torn index temp file"
  assert_out_contains "ok: no problems found"

  # --- a reader killed while it writes the index ------------------------------------------------
  for delay in 0.05 0.1 0.2 0.4; do
    rm -f "$DIR/.crm/index"
    (cd "$DIR" && exec "$CRM_BIN" report all >/dev/null 2>&1) &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  compare_all "$set_name, after killed readers"

  # --- two readers refreshing at once -----------------------------------------------------------
  rm -f "$DIR/.crm/index"
  expected="$(cd "$DIR" && CRM_NO_INDEX=1 "$CRM_BIN" report all --json 2>&1)"
  (cd "$DIR" && "$CRM_BIN" report all --json >"$T/io/one" 2>&1) &
  one=$!
  (cd "$DIR" && "$CRM_BIN" report all --json >"$T/io/two" 2>&1) &
  two=$!
  wait "$one" "$two"
  assert_eq "$expected" "$(cat "$T/io/one")" "$set_name: the first of two concurrent readers"
  assert_eq "$expected" "$(cat "$T/io/two")" "$set_name: the second of two concurrent readers"
  assert_eq "0 parsed" "$(index_stats report all | cut -d, -f1)" \
    "$set_name: the index the last reader wrote is whole"
  run crm -C "$DIR" check
  assert_exit 0 "$set_name: check after concurrent readers"

  # --- CRM_NO_INDEX and --no-index leave no index ----------------------------------------------
  rm -f "$DIR/.crm/index"
  (cd "$DIR" && CRM_NO_INDEX=1 "$CRM_BIN" lead list >/dev/null && "$CRM_BIN" --no-index report all >/dev/null &&
    "$CRM_BIN" check --no-index >/dev/null)
  assert_no_file "$DIR/.crm/index"
done

finish
