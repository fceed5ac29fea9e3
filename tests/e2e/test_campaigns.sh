# crm campaign add|list|show|edit|close, and leads that name their campaign (issue 8, point 4).
source "$(dirname "$0")/lib.sh"
setup
new_dir data

step 2026-04-01T09:00:00+00:00 campaign add --name "Hannover Messe 2026" --channel fair \
  --cost 4500 --from 2026-04-20 --to 2026-04-24
fair="$OUT"
[[ "$fair" =~ ^M-[0-9A-HJKMNP-TV-Z]{8}$ ]] || fail "campaign add printed [$fair], not one campaign ID"
ok
assert_eq "campaigns/$fair.yaml" "$(ls campaigns/*.yaml)" "the one file campaign add wrote"
assert_eq "4500.00" "$(yaml_get cost <"campaigns/$fair.yaml")" "the cost with the currency's decimals"
assert_eq active "$(yaml_get status <"campaigns/$fair.yaml")"

# Refusals write nothing and say why.
run crm campaign add --name X --channel tv --cost 1 --from 2026-04-01 --to 2026-05-01
assert_exit 2
assert_err_contains "tv"
run crm campaign add --name X --channel web --cost 1 --from 2026-05-02 --to 2026-05-01
assert_exit 2
assert_err_contains "comes before"
run crm campaign add --name X --channel web --cost 1
assert_exit 2
assert_err_contains "--to"
assert_eq 1 "$(ls campaigns | wc -l)" "refused adds wrote nothing"

# A lead names its campaign by name; conversion carries it to the deal.
step 2026-04-22T10:00:00+00:00 lead add --name "Jan Kowalski" --company "Acme" \
  --campaign "Hannover Messe 2026" --source fair
lead="$OUT"
assert_eq "$fair" "$(yaml_get campaign <"leads/$lead.yaml")" "the lead's campaign, by ID"
run crm lead list --campaign "Hannover Messe 2026" --json
assert_exit 0
assert_eq "$lead" "$(json_get 0.id <<<"$OUT")" "lead list --campaign"
run crm lead add --name "Ewa" --campaign "No such fair"
assert_exit 3
step 2026-05-02T10:00:00+00:00 lead convert "$lead"
deal=$(yaml_get deal <"leads/$lead.yaml")
assert_eq "$fair" "$(yaml_get campaign <"deals/$deal.yaml")" "convert carries the campaign to the deal"

# Past its last day an active campaign shows as ended, until closed; edit works after closing.
run crm campaign list --status ended --json
assert_exit 0
assert_eq "$fair" "$(json_get 0.id <<<"$OUT")" "an active campaign past its last day is ended"
run crm campaign list --status gone
assert_exit 2
step 2026-05-03T10:00:00+00:00 campaign close "Hannover Messe 2026"
run crm campaign close "$fair"
assert_exit 1
assert_err_contains "closed"
step 2026-05-20T10:00:00+00:00 campaign edit "$fair" --cost 5120.50
assert_eq "5120.50" "$(yaml_get cost <"campaigns/$fair.yaml")" "the late bill"
run crm campaign show "$fair" --json
assert_exit 0
assert_eq closed "$(json_get status <<<"$OUT")"
finish
