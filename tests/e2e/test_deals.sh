# crm deal add|list|show|edit|stage|lose|role|next and crm lifecycle of the sales records
# (issue 3, points 2 to 4; DESIGN sections 3 and 5). Today is pinned to 2026-11-23, a Monday.
source "$(dirname "$0")/lib.sh"
setup
new_dir data

ids_of() { json_eval '" ".join(r["id"] for r in d)'; }
deal_json() { # deal_json DEAL EXPR: EXPR evaluated on `crm deal show DEAL --json`
  run crm deal show "$1" --json
  assert_exit 0 "deal show $1 --json"
  printf '%s' "$OUT" | json_eval "$2"
}

# The customers and people.
run crm --today 2026-11-02T09:00:00+00:00 account add --name "Nordwind Logistik GmbH" \
  --email info@nordwind.example
assert_exit 0
nordwind="$OUT"
run crm --today 2026-11-02T09:05:00+00:00 account add --name "Acme Sp. z o.o."
assert_exit 0
acme="$OUT"
run crm --today 2026-11-02T09:10:00+00:00 contact add --name "Ewa Nowak" --account "$nordwind" \
  --title "Head of fleet" --email ewa@nordwind.example
assert_exit 0
ewa="$OUT"
run crm --today 2026-11-02T09:15:00+00:00 contact add --name "Jan Kowalski" --account "$nordwind" \
  --title CFO --email jan@nordwind.example
assert_exit 0
jan="$OUT"

# --- add --------------------------------------------------------------------------------------------
run crm --today 2026-11-23T10:00:00+00:00 deal add --account "Nordwind Logistik GmbH" \
  --title "Fleet sensors" --contact ewa@nordwind.example --amount 48000 --close-by eom
assert_exit 0 "deal add --account NAME --amount --close-by eom"
fleet="$OUT"
[[ "$fleet" =~ ^D-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "deal add printed [$fleet], not one deal ID"
ok
assert_eq "deals/$fleet.yaml" "$(ls deals/*.yaml)" "the one file deal add wrote"
assert_eq "$nordwind" "$(yaml_get account <"deals/$fleet.yaml")" "the account, resolved by name to its ID"
assert_eq "$ewa" "$(yaml_get contact <"deals/$fleet.yaml")" "the contact, resolved by email"
assert_eq "48000.00" "$(yaml_get amount <"deals/$fleet.yaml")" "--amount 48000 is normalized"
assert_eq "2026-11-30" "$(yaml_get close_by <"deals/$fleet.yaml")" "--close-by eom on 2026-11-23"
assert_eq open "$(yaml_get status <"deals/$fleet.yaml")"
assert_eq qualification "$(yaml_get stage <"deals/$fleet.yaml")" "a new deal is in the first stage"
assert_eq tester "$(yaml_get owner <"deals/$fleet.yaml")" "the owner defaults to the acting user"
assert_file_eq deals/fleet-new.yaml "deals/$fleet.yaml"

run crm --today 2026-11-23T11:00:00+00:00 deal add --account "$acme" --title "Dock pumps" \
  --amount 12000.5 --close-by 2027-01-31 --owner anna
assert_exit 0 "deal add --owner"
dock="$OUT"
assert_eq "12000.50" "$(yaml_get amount <"deals/$dock.yaml")" "--amount 12000.5"
assert_eq anna "$(yaml_get owner <"deals/$dock.yaml")"
run crm --today 2026-11-23T12:00:00+00:00 deal add --account nordwind --title "Spare parts"
# (an account name must match exactly; "nordwind" is neither a name nor an ID prefix)
assert_exit 3 "deal add --account with an inexact name"
run crm --today 2026-11-23T12:00:00+00:00 deal add --account "${nordwind:0:6}" --title "Spare parts"
assert_exit 0 "deal add --account ID-PREFIX, without amount and close date"
spares="$OUT"
assert_not_contains "$(cat "deals/$spares.yaml")" "amount:" "a deal without --amount"

# Refused input: nothing written.
before="$(snapshot .)"
run crm deal add --account "No Such GmbH" --title "X"
assert_exit 3 "deal add for an unknown account"
assert_err_contains "No Such GmbH"
run crm deal add --account "$acme"
assert_exit 2 "deal add without --title"
run crm deal add --account "$acme" --title "   "
assert_exit 2 "deal add with a blank title"
run crm deal add --account "$acme" --title X --amount 1,000
assert_exit 2 "--amount with a comma"
run crm deal add --account "$acme" --title X --amount 10.005
assert_exit 2 "--amount with three decimals in EUR"
run crm deal add --account "$acme" --title X --amount -5
assert_exit 2 "a negative --amount"
run crm deal add --account "$acme" --title X --close-by 2026-02-30
assert_exit 2 "--close-by of a day that does not exist"
run crm deal add --account "$acme" --title X --close-by someday
assert_exit 2 "--close-by someday"
run crm deal add --account "$acme" --title X --contact "Nobody Known"
assert_exit 3 "deal add --contact unknown"
assert_eq "$before" "$(snapshot .)" "files after refused deal adds"

# --- list ---------------------------------------------------------------------------------------------
run crm deal list
assert_exit 0 "deal list"
assert_out_golden list-all.txt
run crm deal list --json
assert_eq "$fleet $dock $spares" "$(printf '%s' "$OUT" | ids_of)" "deal list, oldest first"
run crm deal list --account "Nordwind Logistik GmbH" --json
assert_eq "$fleet $spares" "$(printf '%s' "$OUT" | ids_of)" "deal list --account NAME"
run crm deal list --account "$acme" --json
assert_eq "$dock" "$(printf '%s' "$OUT" | ids_of)" "deal list --account ID"
run crm deal list --owner anna --json
assert_eq "$dock" "$(printf '%s' "$OUT" | ids_of)" "deal list --owner anna"
run crm deal list --account "No Such GmbH"
assert_exit 3 "deal list --account of an unknown account"

# --- stage ------------------------------------------------------------------------------------------------
# Before the proposal stage no decision maker is needed: no warning.
run crm deal show "$fleet"
assert_exit 0 "deal show in qualification"
assert_eq "" "$ERR" "deal show's stderr in qualification"
assert_out_contains "probability: 10"

run crm --today 2026-11-24T09:00:00+00:00 deal stage "$fleet" needs-analysis
assert_exit 0 "deal stage needs-analysis"
assert_eq "$fleet" "$OUT" "deal stage prints the ID"
assert_eq '{"at": "2026-11-24T09:00:00+00:00", "field": "stage", "from": "qualification", "to": "needs-analysis", "by": "tester"}' \
  "$(deal_json "$fleet" 'd["history"][-1]')" "the history entry of a stage move"
run crm deal show "$fleet"
assert_eq "" "$ERR" "deal show's stderr in needs-analysis"
assert_out_contains "probability: 25"

before="$(snapshot .)"
run crm deal stage "$fleet" closing
assert_exit 2 "deal stage to an unknown stage"
assert_err_contains "closing"
assert_err_contains "qualification, needs-analysis, proposal, negotiation"
run crm deal stage "$fleet"
assert_exit 2 "deal stage without STAGE"
run crm deal stage D-ZZZZZZZZ proposal
assert_exit 3 "deal stage of an unknown deal"
# Moving to the stage it is in changes nothing.
run crm deal stage "$fleet" needs-analysis
assert_exit 0 "deal stage to the current stage"
assert_eq "$before" "$(snapshot .)" "files after refused and empty stage moves"

# --- buying centre ------------------------------------------------------------------------------------------
run crm --today 2026-11-24T10:00:00+00:00 deal role "$fleet" --contact "Ewa Nowak" --role influencer \
  --influence medium
assert_exit 0 "deal role add"
assert_eq "$fleet" "$OUT"
assert_eq "[{\"contact\": \"$ewa\", \"role\": \"influencer\", \"influence\": \"medium\"}]" \
  "$(deal_json "$fleet" 'd["roles"]')" "the buying centre after one role"
run crm deal role "$fleet" --contact jan@nordwind.example --role user --influence low --attitude opposed
assert_exit 0 "deal role add by email, with --attitude"
# Updating a member replaces the entry; it does not add a second one.
run crm deal role "$fleet" --contact "$ewa" --role champion --influence high --attitude supportive
assert_exit 0 "deal role update"
assert_eq "[[\"$ewa\", \"champion\", \"high\", \"supportive\"], [\"$jan\", \"user\", \"low\", \"opposed\"]]" \
  "$(deal_json "$fleet" '[[r["contact"], r["role"], r["influence"], r.get("attitude")] for r in d["roles"]]')" \
  "the buying centre after an update"
before="$(snapshot .)"
run crm deal role "$fleet" --contact "$ewa" --role champion --influence high --attitude supportive
assert_exit 0 "deal role with the same values"
assert_eq "$before" "$(snapshot .)" "files after a role change that changes nothing"
run crm deal role "$fleet" --contact "$ewa" --role boss --influence high
assert_exit 2 "deal role --role boss"
assert_err_contains "decision-maker"
run crm deal role "$fleet" --contact "$ewa" --role user --influence huge
assert_exit 2 "deal role --influence huge"
run crm deal role "$fleet" --contact "$ewa" --role user --influence low --attitude hostile
assert_exit 2 "deal role --attitude hostile"
run crm deal role "$fleet" --contact "$ewa" --role user
assert_exit 2 "deal role without --influence"
run crm deal role "$fleet" --role user --influence low
assert_exit 2 "deal role without --contact"
run crm deal role "$fleet" --contact "Nobody Known" --role user --influence low
assert_exit 3 "deal role of an unknown contact"
assert_eq "$before" "$(snapshot .)" "files after refused role changes"

# From the proposal stage on, a missing decision maker is a warning on stderr (exit 0).
run crm --today 2026-11-25T09:00:00+00:00 deal stage "$fleet" proposal
assert_exit 0 "deal stage proposal"
run crm deal show "$fleet"
assert_exit 0 "deal show in proposal without a decision maker"
assert_err_contains "warning"
assert_err_contains "decision maker"
assert_err_contains "$fleet"
assert_not_contains "$OUT" "warning" "deal show's stdout (the warning goes to stderr)"
run crm deal show "$fleet" --json
assert_json "$OUT"
assert_err_contains "decision maker"
run crm --today 2026-11-25T10:00:00+00:00 deal role "$fleet" --contact "Jan Kowalski" \
  --role decision-maker --influence high --attitude neutral
assert_exit 0 "deal role decision-maker"
run crm deal show "$fleet"
assert_exit 0
assert_eq "" "$ERR" "deal show's stderr with a decision maker"
assert_out_golden show-fleet-proposal.txt
# Removing the decision maker brings the warning back, in negotiation too.
run crm --today 2026-11-25T11:00:00+00:00 deal stage "$fleet" negotiation
assert_exit 0
run crm deal role "$fleet" --contact "Jan Kowalski" --remove
assert_exit 0 "deal role --remove"
assert_eq "[\"$ewa\"]" "$(deal_json "$fleet" '[r["contact"] for r in d["roles"]]')" "roles after a removal"
run crm deal show "$fleet"
assert_err_contains "no decision maker"
assert_err_contains "negotiation"
before="$(snapshot .)"
run crm deal role "$fleet" --contact "Jan Kowalski" --remove
assert_exit 3 "deal role --remove of a contact without a role"
assert_err_contains "$jan"
assert_eq "$before" "$(snapshot .)" "files after removing a missing role"
run crm deal role "$fleet" --contact "$jan" --role decision-maker --influence high --attitude neutral
assert_exit 0 "the decision maker back"
run crm deal show "$fleet"
assert_eq "" "$ERR" "deal show's stderr in negotiation with a decision maker"
assert_out_contains "probability: 75"

# Stage history, in order.
assert_eq '[["qualification", "needs-analysis"], ["needs-analysis", "proposal"], ["proposal", "negotiation"]]' \
  "$(deal_json "$fleet" '[[h["from"], h["to"]] for h in d["history"] if h.get("field") == "stage"]')" \
  "stage moves in history"
run crm deal list --stage negotiation --json
assert_eq "$fleet" "$(printf '%s' "$OUT" | ids_of)" "deal list --stage negotiation"
run crm deal list --status open --stage qualification --json
assert_eq "$dock $spares" "$(printf '%s' "$OUT" | ids_of)" "deal list --status open --stage qualification"

# --- the sales assistant ---------------------------------------------------------------------------------
run crm deal next "$dock"
assert_exit 0 "deal next in qualification"
assert_out_golden next-dock-qualification.txt
run crm deal next "$dock" --json
assert_eq '[["Confirm budget, authority, need and timing", "todo"], ["Identify the decision maker", "todo"]]' \
  "$(printf '%s' "$OUT" | json_eval '[[s["step"], s["state"]] for s in d]')" "deal next --json"
# Created on a Thursday: due dates skip the weekend.
run crm --today 2026-11-26T09:00:00+00:00 deal next "$dock" --create-tasks
assert_exit 0 "deal next --create-tasks"
mapfile -t tasks <<<"$OUT"
assert_eq 2 "${#tasks[@]}" "tasks created for the two steps"
for t in "${tasks[@]}"; do
  [[ "$t" =~ ^T-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "deal next --create-tasks printed [$t], not a task ID"
  assert_eq task "$(yaml_get type <"activities/$t.yaml")"
  assert_eq "$dock" "$(yaml_get about <"activities/$t.yaml")" "a playbook task is about the deal"
  assert_eq open "$(yaml_get status <"activities/$t.yaml")"
  due="$(yaml_get due <"activities/$t.yaml")"
  assert_eq 1 "$(($(date -d "$due" +%u) <= 5))" "task due $due is a working day"
  [[ "$due" > 2026-11-26 ]] || fail "task due $due is not after today"
done
assert_eq "Confirm budget, authority, need and timing" "$(yaml_get subject <"activities/${tasks[0]}.yaml")"
assert_eq "Identify the decision maker" "$(yaml_get subject <"activities/${tasks[1]}.yaml")"
assert_file_eq activities/playbook-task-1.yaml "activities/${tasks[0]}.yaml"
# A second run creates nothing.
before="$(snapshot .)"
run crm --today 2026-11-26T09:30:00+00:00 deal next "$dock" --create-tasks
assert_exit 0 "deal next --create-tasks, again"
assert_out_empty
assert_eq "$before" "$(snapshot .)" "files after a second deal next --create-tasks"
run crm deal next "$dock"
assert_out_golden next-dock-tasks.txt
# A task done shows as done; moving on shows the next stage's playbook.
run crm --today 2026-11-27T09:00:00+00:00 task done "${tasks[0]}"
assert_exit 0 "task done"
run crm deal next "$dock" --json
assert_eq '[["done", "'"${tasks[0]}"'"], ["open", "'"${tasks[1]}"'"]]' \
  "$(printf '%s' "$OUT" | json_eval '[[s["state"], s["task"]] for s in d]')" "deal next after a task is done"
run crm --today 2026-11-27T10:00:00+00:00 deal stage "$dock" needs-analysis
assert_exit 0
run crm deal next "$dock" --json
assert_eq '["Hold a needs-analysis meeting", "Map the buying centre and each member'"'"'s influence"]' \
  "$(printf '%s' "$OUT" | json_eval '[s["step"] for s in d]')" "the needs-analysis playbook"
assert_eq '["todo", "todo"]' "$(printf '%s' "$OUT" | json_eval '[s["state"] for s in d]')"

# --- edit --------------------------------------------------------------------------------------------------
run crm --today 2026-11-27T11:00:00+00:00 deal edit "$fleet" --amount 52000 --close-by 2026-12-15 \
  --title "Fleet sensors, phase 1"
assert_exit 0 "deal edit"
assert_eq "$fleet" "$OUT" "deal edit prints the ID"
assert_eq "52000.00" "$(yaml_get amount <"deals/$fleet.yaml")" "edited amount, normalized"
assert_eq "2026-12-15" "$(yaml_get close_by <"deals/$fleet.yaml")"
assert_eq "Fleet sensors, phase 1" "$(yaml_get title <"deals/$fleet.yaml")"
run crm --today 2026-11-27T12:00:00+00:00 deal edit "$fleet" --owner anna
assert_exit 0 "deal edit --owner (a hand-over)"
assert_eq '{"at": "2026-11-27T12:00:00+00:00", "field": "owner", "from": "tester", "to": "anna", "by": "tester"}' \
  "$(deal_json "$fleet" 'd["history"][-1]')" "the hand-over's history entry"
run crm --today 2026-11-27T12:30:00+00:00 deal edit "$fleet" --close-by eom
assert_exit 0 "deal edit --close-by eom"
assert_eq "2026-11-30" "$(yaml_get close_by <"deals/$fleet.yaml")"
before="$(snapshot .)"
run crm deal edit "$fleet" --amount 52000.00
assert_exit 0 "deal edit to the same amount"
assert_eq "$before" "$(snapshot .)" "files after an edit that changes nothing"
run crm deal edit "$fleet" --amount 1.001
assert_exit 2 "deal edit --amount with three decimals"
run crm deal edit "$fleet" --close-by never
assert_exit 2 "deal edit --close-by never"
run crm deal edit "$fleet" --contact "Nobody Known"
assert_exit 3 "deal edit --contact unknown"
run crm deal edit "$fleet" --stage proposal
assert_exit 2 "deal edit --stage (stages move with deal stage)"
assert_eq "$before" "$(snapshot .)" "files after refused edits"
assert_file_eq deals/fleet-negotiation.yaml "deals/$fleet.yaml"

# --- lose, and what a closed deal refuses -------------------------------------------------------------------
before="$(snapshot .)"
run crm deal lose "$spares"
assert_exit 2 "deal lose without --reason"
assert_err_contains "--reason"
run crm deal lose "$spares" --reason "   "
assert_exit 2 "deal lose with a blank reason"
run crm deal win "$spares"
assert_exit 1 "deal win without an accepted quote"
assert_err_contains "$spares"
assert_err_contains "accepted quote"
run crm deal complete "$spares"
assert_exit 1 "deal complete of an open deal"
assert_err_contains "$spares"
assert_err_contains "open"
assert_eq "$before" "$(snapshot .)" "files after refused outcomes"
run crm --today 2026-11-30T09:00:00+00:00 deal lose "$spares" --reason "bought from a competitor"
assert_exit 0 "deal lose --reason"
assert_eq lost "$(yaml_get status <"deals/$spares.yaml")"
assert_eq "bought from a competitor" "$(yaml_get reason <"deals/$spares.yaml")"
assert_eq '{"at": "2026-11-30T09:00:00+00:00", "from": "open", "to": "lost", "by": "tester", "note": "bought from a competitor"}' \
  "$(deal_json "$spares" 'd["history"][-1]')" "the history entry of lose"
run crm deal show "$spares"
assert_out_contains "probability: 0"
assert_file_eq deals/spares-lost.yaml "deals/$spares.yaml"
before="$(snapshot .)"
run crm deal stage "$spares" proposal
assert_exit 1 "deal stage of a lost deal"
assert_err_contains "$spares"
assert_err_contains "lost"
run crm deal lose "$spares" --reason "again"
assert_exit 1 "deal lose of a lost deal"
run crm deal next "$spares" --create-tasks
assert_exit 1 "deal next --create-tasks of a lost deal"
assert_eq "$before" "$(snapshot .)" "files after refused moves of a lost deal"
run crm deal list --status lost --json
assert_eq "$spares" "$(printf '%s' "$OUT" | ids_of)" "deal list --status lost"
run crm deal list --status open
assert_out_golden list-open.txt

# --- lifecycles --------------------------------------------------------------------------------------------
for kind in deal quote order contract invoice; do
  run crm lifecycle "$kind"
  assert_exit 0 "lifecycle $kind"
  assert_out_golden "lifecycle-$kind.txt"
  run crm lifecycle "$kind" --json
  assert_exit 0 "lifecycle $kind --json"
  printf '%s' "$OUT" | "$PY" -c '
import json, sys
kind = sys.argv[1]
m = json.load(sys.stdin)
t = {x["command"]: x for x in m["transitions"]}
# Transitions that keep the state (to "") are actions allowed in a state, not edges.
edges = {(f, x["to"]) for x in m["transitions"] for f in x["from"] if x["to"]}
want = {  # DESIGN section 3
  "deal": ("open", ["open", "won", "lost", "completed"], ["lost", "completed"],
           [("open", "won"), ("open", "lost"), ("won", "completed")], ["lose"]),
  "quote": ("draft", ["draft", "sent", "accepted", "rejected", "expired", "superseded"],
            ["accepted", "superseded"],
            [("draft", "sent"), ("sent", "accepted"), ("sent", "rejected"), ("sent", "expired"),
             ("rejected", "superseded"), ("expired", "superseded")], ["reject"]),
  "order": ("open", ["open", "delivered", "invoiced", "closed", "cancelled"], ["closed", "cancelled"],
            [("open", "delivered"), ("delivered", "invoiced"), ("invoiced", "closed"),
             ("open", "cancelled")], []),
  # fulfilled is not final: a cancelled release order gives its quantity back (reopen).
  "contract": ("active", ["active", "fulfilled", "expired", "terminated"],
               ["expired", "terminated"],
               [("active", "fulfilled"), ("active", "expired"), ("active", "terminated")],
               ["terminate"]),
  "invoice": ("issued", ["issued", "partially-paid", "paid", "void"], ["paid", "void"],
              [("issued", "partially-paid"), ("partially-paid", "paid"), ("issued", "void")],
              ["void"]),
}[kind]
assert m["kind"] == kind, m["kind"]
assert m["initial"] == want[0], m["initial"]
assert m["states"] == want[1], m["states"]
assert sorted(m["terminal"]) == sorted(want[2]), m["terminal"]
for e in want[3]:
    assert e in edges, "missing transition %s -> %s" % e
for c in want[4]:
    assert t[c]["needs_reason"] is True, c
for s in m["terminal"]:
    assert not any(f == s for f, _ in edges), "terminal state %s has a way out" % s
' "$kind" || fail "lifecycle $kind --json is not the machine of DESIGN section 3"
  ok
done
run crm lifecycle deal --json
assert_eq '["needs an accepted quote"]' "$(printf '%s' "$OUT" | json_eval '[g for x in d["transitions"] if x["command"] == "win" for g in x["guards"]]')" \
  "the guard of deal win"
run crm lifecycle deal --dot
assert_exit 0 "lifecycle deal --dot"
assert_out_golden lifecycle-deal.dot

run crm check
assert_exit 0 "crm check after the deal commands"

finish
