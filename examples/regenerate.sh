#!/usr/bin/env bash
# Rebuilds the sample data directory in examples/ by running the real crm binary: `crm init` in
# a temp folder, then the sales team's work from 2026-09-01 to 2026-11-20, one crm command per
# action, each with its user (CRM_USER) and its moment (--today). The result replaces crm.yaml,
# .gitignore and the record folders here; README.md and this script stay.
#
# Usage: bash examples/regenerate.sh        (uses build/crm; set CRM_BIN to use another binary)
#
# Re-runnable: IDs come from CRM_ID_SEED, times from --today, so two runs give the same bytes.
# Each action gets its own seed ("examples <moment>"): with one seed for every command, crm
# restarts the same random sequence each time, and records of different kinds would share
# their random part (L-Y28BG9DB, C-Y28BG9DB, D-Y28BG9DB), which reads as if they were related.
set -euo pipefail
trap 'echo "regenerate.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
crm="${CRM_BIN:-$repo/build/crm}"
if [[ ! -x $crm ]]; then
  echo "regenerate.sh: no crm binary at $crm" >&2
  echo "hint: build it with 'bash .ci/build', or point CRM_BIN at one" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/examples"

export TZ=UTC NO_COLOR=1 CRM_DIR="$data"
unset CRM_TODAY CRM_USER CRM_ID_SEED

# as USER "YYYY-MM-DD HH:MM" crm-arguments...   runs one crm command as USER at that moment.
# Every action below has its own moment.
as() {
  local user=$1 when=$2
  shift 2
  CRM_USER="$user" CRM_ID_SEED="examples $when" "$crm" --today "${when/ /T}:00+00:00" "$@"
}

CRM_ID_SEED=examples "$crm" init "$data" >/dev/null

# --- September: the catalogue, the fair, an existing customer, first calls ----------------------

# Carla keeps the catalogue: goods, a service sold by the hour, a spare part.
as carla "2026-09-01 08:30" product add --sku TLM-400 --name "Telematics unit TLM-400" \
  --price 489.00 --unit pcs --kind goods >/dev/null
as carla "2026-09-01 08:32" product add --sku SENSOR-T2 --name "Trailer temperature probe T2" \
  --price 64.90 --unit pcs --kind goods >/dev/null
as carla "2026-09-01 08:34" product add --sku GH-SENSOR --name "Greenhouse climate sensor H2" \
  --price 129.00 --unit pcs --kind goods >/dev/null
as carla "2026-09-01 08:36" product add --sku GW-200 --name "Site gateway GW-200" \
  --price 1150.00 --unit pcs --kind goods >/dev/null
as carla "2026-09-01 08:38" product add --sku SVC-INSTALL --name "Installation and commissioning" \
  --price 85.00 --unit h --kind service >/dev/null
as carla "2026-09-01 08:40" product add --sku SP-ANT-01 --name "Spare GPS antenna" \
  --price 24.50 --unit pcs --kind part --notes "Fits TLM-300 and TLM-400." >/dev/null
as carla "2026-09-01 08:42" doc add TLM-400 "https://docs.example/tlm-400/datasheet-v3.pdf" \
  --title "Datasheet TLM-400, version 3" >/dev/null

as anna "2026-09-01 09:10" account add --name "Nordwind Logistik GmbH" \
  --email "info@nordwind-logistik.example" --phone "+49 40 3861 2270" \
  --website "https://www.nordwind-logistik.example" --industry "Logistics" \
  --address "Am Sandtorkai 41, 20457 Hamburg, Germany" \
  --notes "Customer since 2024: 40 trucks on the basic tracking plan." >/dev/null
as anna "2026-09-01 09:25" contact add --name "Jonas Petersen" --account "Nordwind Logistik GmbH" \
  --title "Head of Fleet Operations" --email "j.petersen@nordwind-logistik.example" \
  --phone "+49 40 3861 2214" >/dev/null

maria=$(as anna "2026-09-01 11:40" lead add --name "Maria Lopez" --company "Textiles Lopez S.L." \
  --email "maria.lopez@textiles-lopez.example" --phone "+34 961 52 47 80" --source fair \
  --notes "Met at the stand at FachPack Nuremberg. Three warehouses around Valencia.")

as anna "2026-09-02 08:55" note add "Nordwind Logistik GmbH" \
  "Jonas asked whether the telematics upgrade works with their refrigerated trailers." >/dev/null

pieter=$(as ben "2026-09-03 09:05" lead add --name "Pieter de Vries" \
  --company "Van Dijk Bloemen B.V." --email "p.devries@vandijkbloemen.example" \
  --phone "+31 297 38 44 10" --source web)
as anna "2026-09-03 10:45" activity log "$maria" --type call --subject "Follow-up call after the fair" \
  --at "2026-09-03 10:30" --body "Interested in temperature and humidity sensors for textiles." \
  >/dev/null
as anna "2026-09-03 10:50" lead contact "$maria" >/dev/null

sofia=$(as carla "2026-09-04 14:20" lead add --name "Sofia Rossi" --company "Rossi Arredamenti S.r.l." \
  --email "sofia.rossi@rossi-arredamenti.example" --phone "+39 031 27 68 115" --source campaign)

as ben "2026-09-07 09:30" lead contact "$pieter" >/dev/null
as ben "2026-09-07 09:40" activity log "$pieter" --type email --subject "Product sheet and price list" \
  --at "2026-09-07 09:35" >/dev/null

as anna "2026-09-08 16:30" activity log "Jonas Petersen" --type meeting \
  --subject "Telematics upgrade workshop in Hamburg" --at "2026-09-08 13:00" \
  --body "Agenda:
- trailer temperature logging
- driver app rollout
- pilot with 5 trucks in October" >/dev/null

katrin=$(as anna "2026-09-09 10:00" lead add --name "Katrin Albers" --company "Nordwind Logistik GmbH" \
  --email "k.albers@nordwind-logistik.example" --phone "+49 40 3861 2230" --source referral \
  --notes "Head of Procurement; referred by Jonas Petersen.")
reference_task=$(as anna "2026-09-09 10:05" task add "$katrin" --due friday \
  "Send the list of reference customers")

as carla "2026-09-10 15:00" activity log "$sofia" --type call --subject "Campaign follow-up" \
  --at "2026-09-10 14:40" >/dev/null
as carla "2026-09-10 15:05" lead contact "$sofia" >/dev/null

as anna "2026-09-11 12:15" task done "$reference_task" >/dev/null

as anna "2026-09-14 09:00" lead contact "$katrin" >/dev/null
as ben "2026-09-15 17:10" activity log "$pieter" --type meeting --subject "Online demo: cold-chain monitoring" \
  --at "2026-09-15 15:00" >/dev/null
as anna "2026-09-16 11:30" note add "$maria" \
  "Wants about 120 sensors for three warehouses; decision in Q4." >/dev/null
as anna "2026-09-16 11:35" lead qualify "$katrin" >/dev/null

elodie=$(as carla "2026-09-17 10:20" lead add --name "Élodie Martin" --company "Atelier Martin SARL" \
  --email "elodie@atelier-martin.example" --phone "+33 4 78 62 19 05" --source web)

as ben "2026-09-18 10:00" lead qualify "$pieter" >/dev/null
as anna "2026-09-21 09:45" lead qualify "$maria" >/dev/null

# Anna hands Maria Lopez over to Ben, who covers Spain and Portugal.
as anna "2026-09-22 08:30" lead edit "$maria" --owner ben >/dev/null
as anna "2026-09-22 08:32" note add "$maria" "Handed over to Ben, who covers Iberia." >/dev/null
as ben "2026-09-23 09:15" activity log "$maria" --type email \
  --subject "Introduction as your new account manager" --at "2026-09-23 09:10" >/dev/null

as carla "2026-09-24 16:00" activity log "$sofia" --type call --subject "Budget check" \
  --at "2026-09-24 15:30" --body "Investment freeze decided by the board last week." >/dev/null
as carla "2026-09-25 09:00" lead disqualify "$sofia" \
  --reason "Budget frozen until 2027; revisit in spring" >/dev/null

# Katrin's lead becomes a deal with the existing Nordwind account.
converted=$(as anna "2026-09-28 14:00" lead convert "$katrin" --account "Nordwind Logistik GmbH" \
  --title "Telematics upgrade, 40 trucks")
nordwind_deal=$(grep '^D-' <<<"$converted")
katrin_contact=$(grep '^C-' <<<"$converted")
as anna "2026-09-28 14:02" contact edit "$katrin_contact" --title "Head of Procurement" >/dev/null
pilot_task=$(as anna "2026-09-28 14:05" task add "$nordwind_deal" --due 2026-10-09 \
  "Book the pilot installation for 5 trucks")

# The sales assistant turns the qualification playbook into tasks; the buying centre is mapped.
playbook=$(as anna "2026-09-29 09:00" deal next "$nordwind_deal" --create-tasks)
henrik=$(as anna "2026-09-30 10:00" contact add --name "Henrik Brandt" --account "Nordwind Logistik GmbH" \
  --title "Chief Financial Officer" --email "h.brandt@nordwind-logistik.example")
as anna "2026-09-30 10:05" deal role "$nordwind_deal" --contact "$henrik" --role decision-maker \
  --influence high --attitude neutral >/dev/null
as anna "2026-09-30 10:06" deal role "$nordwind_deal" --contact "$katrin_contact" --role gatekeeper \
  --influence high --attitude neutral >/dev/null
as anna "2026-09-30 10:07" deal role "$nordwind_deal" --contact "Jonas Petersen" --role champion \
  --influence medium --attitude supportive >/dev/null
as anna "2026-09-30 10:10" task done "$(sed -n 2p <<<"$playbook")" >/dev/null

# --- October: conversions and follow-ups ---------------------------------------------------------

converted=$(as ben "2026-10-01 11:00" lead convert "$pieter")
pieter_contact=$(grep '^C-' <<<"$converted")
vandijk_deal=$(grep '^D-' <<<"$converted")
as ben "2026-10-01 11:05" account edit "Van Dijk Bloemen B.V." --industry "Horticulture" \
  --website "https://vandijkbloemen.example" \
  --address "Legmeerdijk 313, 1431 GB Aalsmeer, Netherlands" >/dev/null
as ben "2026-10-01 11:06" contact edit "$pieter_contact" --title "Operations Manager" >/dev/null
as ben "2026-10-01 11:10" note add "$vandijk_deal" \
  "Greenhouse sites in Aalsmeer and Naaldwijk; sensors per greenhouse, one gateway per site." \
  >/dev/null
as ben "2026-10-01 11:15" deal stage "$vandijk_deal" needs-analysis >/dev/null
as anna "2026-10-02 09:30" task done "$(sed -n 1p <<<"$playbook")" >/dev/null

as carla "2026-10-05 10:00" lead contact "$elodie" >/dev/null
as carla "2026-10-05 10:05" activity log "$elodie" --type email --subject "Answers to the web enquiry" \
  --at "2026-10-05 09:50" >/dev/null

sensor_call=$(as ben "2026-10-06 13:00" task add "$pieter_contact" --due 2026-10-13 \
  "Call about the sensor count per greenhouse")
as anna "2026-10-08 15:30" task done "$pilot_task" >/dev/null
as ben "2026-10-12 08:45" task cancel "$sensor_call" >/dev/null
as ben "2026-10-12 08:50" note add "$pieter_contact" "Pieter is on leave until 2 November." >/dev/null

as anna "2026-10-14 17:00" activity log "$nordwind_deal" --type meeting \
  --subject "Pilot review with Jonas and Katrin" --at "2026-10-14 10:00" \
  --body "All 5 pilot trucks report every 60 s. Katrin asks for a quote for the remaining 35." \
  >/dev/null
as anna "2026-10-14 17:10" task add "$nordwind_deal" --due 2026-10-30 \
  "Ask Katrin for the purchase order process" >/dev/null
as anna "2026-10-14 17:20" deal stage "$nordwind_deal" needs-analysis >/dev/null
as anna "2026-10-14 17:25" deal edit "$nordwind_deal" --amount 30000 --close-by 2026-10-31 >/dev/null

# The first quote for the remaining 35 trucks is rejected, revised with volume discounts,
# and accepted; the deal is won and becomes a sales contract delivered in batches.
as anna "2026-10-15 09:00" deal stage "$nordwind_deal" proposal >/dev/null
as anna "2026-10-15 09:30" deal quote "$nordwind_deal" --line TLM-400:35 --line SENSOR-T2:70 \
  --line SVC-INSTALL:70 --tax 19 --valid-days 30 >/dev/null
as anna "2026-10-15 09:40" quote send Q-2026-0001 >/dev/null
as anna "2026-10-20 11:00" quote reject Q-2026-0001 \
  --reason "Above budget; asks for a volume discount and delivery in batches" >/dev/null
as anna "2026-10-20 11:05" quote revise Q-2026-0001 >/dev/null
as anna "2026-10-20 11:15" quote edit Q-2026-0002 --line TLM-400:35-7.5% --line SENSOR-T2:70-12.5% \
  --line SVC-INSTALL:70 --line SP-ANT-01:5-100% --discount 2 >/dev/null
as anna "2026-10-20 11:20" deal stage "$nordwind_deal" negotiation >/dev/null
as anna "2026-10-21 09:00" quote send Q-2026-0002 >/dev/null
negotiation=$(as anna "2026-10-21 09:05" deal next "$nordwind_deal" --create-tasks)
as anna "2026-10-23 16:00" task done "$(sed -n 1p <<<"$negotiation")" >/dev/null
as anna "2026-10-26 10:00" deal role "$nordwind_deal" --contact "$henrik" --role decision-maker \
  --influence high --attitude supportive >/dev/null
as anna "2026-10-26 10:05" task done "$(sed -n 2p <<<"$negotiation")" >/dev/null
as anna "2026-10-27 09:00" quote accept Q-2026-0002 >/dev/null
as anna "2026-10-27 09:10" deal win "$nordwind_deal" >/dev/null
as anna "2026-10-27 09:30" contract create --quote Q-2026-0002 --from 2026-11-01 --to 2027-04-30 \
  >/dev/null
as anna "2026-10-27 09:35" doc add SK-2026-0001 "contracts/SK-2026-0001-signed.pdf" \
  --title "Sales contract, signed by both parties" >/dev/null

# --- November: new leads, open tasks ------------------------------------------------------------

lukas=$(as ben "2026-11-02 09:20" lead add --name "Lukas Novák" --company "Brno Precision s.r.o." \
  --email "novak@brno-precision.example" --phone "+420 541 23 45 67" --source business-card)
as ben "2026-11-02 09:25" task add "$lukas" --due wednesday "Call Lukas about the tender" >/dev/null
as anna "2026-11-02 08:30" contract release SK-2026-0001 --line TLM-400:10 --line SENSOR-T2:20 \
  --line SVC-INSTALL:20 >/dev/null
as ben "2026-11-03 10:00" activity log "$pieter_contact" --type call \
  --subject "Back from leave: sensor count confirmed" --at "2026-11-03 09:40" >/dev/null

# Van Dijk buys once: a quote accepted as sent, an order, a delivery, an invoice paid in full.
as ben "2026-11-03 10:15" deal stage "$vandijk_deal" proposal >/dev/null
as ben "2026-11-03 10:16" deal edit "$vandijk_deal" --amount 6500 --close-by 2026-11-30 >/dev/null
as ben "2026-11-03 10:20" deal role "$vandijk_deal" --contact "$pieter_contact" \
  --role decision-maker --influence high --attitude supportive >/dev/null
as ben "2026-11-03 10:30" deal quote "$vandijk_deal" --line GH-SENSOR:24 --line GW-200:2 \
  --line SVC-INSTALL:12@80.00 --tax 21 --valid-days 21 >/dev/null
as ben "2026-11-03 10:35" quote send Q-2026-0003 >/dev/null
as ben "2026-11-05 14:00" quote accept Q-2026-0003 >/dev/null
as ben "2026-11-05 14:05" deal win "$vandijk_deal" >/dev/null
as ben "2026-11-05 14:10" order create --quote Q-2026-0003 >/dev/null
as anna "2026-11-09 16:00" order deliver SO-2026-0001 >/dev/null
as anna "2026-11-09 16:10" invoice create --order SO-2026-0001 >/dev/null
as ben "2026-11-12 11:00" order deliver SO-2026-0002 >/dev/null
as ben "2026-11-12 11:05" doc add SO-2026-0002 "https://portal.vandijkbloemen.example/pod/88412" \
  --title "Proof of delivery, Aalsmeer" >/dev/null
as ben "2026-11-12 11:10" invoice create --order SO-2026-0002 >/dev/null

as carla "2026-11-10 11:00" note add "$elodie" \
  "Small workshop in Lyon; wants two sensors first. Low priority." >/dev/null
as ben "2026-11-16 09:00" task add "$maria" --due 2026-11-27 \
  "Send the proposal for the three Valencia warehouses" >/dev/null
as anna "2026-11-16 08:30" contract release SK-2026-0001 --line TLM-400:12 --line SENSOR-T2:24 \
  --line SVC-INSTALL:24 --line SP-ANT-01:5 >/dev/null
as anna "2026-11-18 14:30" activity log "Jonas Petersen" --type call --subject "Rollout dates" \
  --at "2026-11-18 14:00" >/dev/null
as anna "2026-11-18 15:00" order deliver SO-2026-0003 >/dev/null
as anna "2026-11-18 15:10" invoice create --order SO-2026-0003 >/dev/null
as ben "2026-11-19 09:00" payment add INV-2026-0002 7690.76 --date 2026-11-18 --ref "NL-SEPA 7730021" \
  >/dev/null
as ben "2026-11-19 09:05" deal complete "$vandijk_deal" >/dev/null
as anna "2026-11-19 10:00" payment add INV-2026-0001 3000.00 --date 2026-11-19 \
  --ref "Nordwind transfer 1 of 2" >/dev/null
as anna "2026-11-20 16:00" task add "$nordwind_deal" --due eom "Send the pilot report" >/dev/null

# --- After-sale service for Nordwind ----------------------------------------------------------------

# Carla adds a spare part; Tom (service) writes the service contract and the known solutions.
as carla "2026-11-02 07:50" product add --sku SP-PSU-12 --name "Power supply 12 V for GW-200" \
  --price 79.00 --unit pcs --kind part >/dev/null
as tom "2026-11-02 08:00" service contract add --account "Nordwind Logistik GmbH" --rate 95.00 \
  --included-hours 4 --period month --parts-coverage 50 --response-hours 8 \
  --maintenance-every 3m --from 2026-11-01 --to 2027-10-31 >/dev/null
gps_kb=$(as tom "2026-11-02 08:10" kb add --title "TLM-400 loses its GPS fix" \
  --symptoms "No position reported; GPS LED blinks" \
  --resolution "Check the antenna cable; replace the GPS antenna SP-ANT-01" --product TLM-400)
as tom "2026-11-02 08:12" kb add --title "Gateway offline after a power cut" \
  --symptoms "GW-200 does not come back online; power LED off" \
  --resolution "Replace the 12 V power supply SP-PSU-12" --product GW-200 >/dev/null

# A request solved from the knowledge base, without a visit.
gps_sr=$(as tom "2026-11-10 09:00" service request add --account "Nordwind Logistik GmbH" \
  --contact "Jonas Petersen" --product TLM-400 --summary "Truck 12 shows no position" \
  --priority high | awk 'NR == 1 {print $2}')
as tom "2026-11-10 09:20" service request solve "$gps_sr" --solution "$gps_kb" >/dev/null

# Two escalated requests: the first visit fits in the monthly allowance, the second goes beyond it.
gw_sr=$(as tom "2026-11-11 09:00" service request add --account "Nordwind Logistik GmbH" \
  --contact "Jonas Petersen" --product GW-200 --summary "Hamburg gateway offline" \
  --priority high | awk 'NR == 1 {print $2}')
as tom "2026-11-11 09:30" service request escalate "$gw_sr" >/dev/null
as tom "2026-11-11 09:40" service order assign SV-2026-0001 --to tom --date 2026-11-12 >/dev/null
as tom "2026-11-12 08:00" service order start SV-2026-0001 >/dev/null
cf1=$(as tom "2026-11-12 12:00" service confirm SV-2026-0001 --effort 3 --part SP-PSU-12:1 \
  --note "Power supply replaced; gateway online again" --final | awk 'NR == 1')
unit_sr=$(as tom "2026-11-13 09:00" service request add --account "Nordwind Logistik GmbH" \
  --contact "Jonas Petersen" --product TLM-400 --summary "Truck 7: telematics unit does not start" \
  --priority normal | awk 'NR == 1 {print $2}')
as tom "2026-11-13 09:05" service request escalate "$unit_sr" >/dev/null
as tom "2026-11-13 09:10" service order assign SV-2026-0002 --to tom --date 2026-11-16 >/dev/null
as tom "2026-11-16 08:00" service order start SV-2026-0002 >/dev/null
cf2=$(as tom "2026-11-16 15:00" service confirm SV-2026-0002 --effort 2.5 --part SP-ANT-01:2 \
  --note "Wiring repaired, both antennas replaced" --final | awk 'NR == 1')
as anna "2026-11-17 09:00" invoice create --confirmation "$cf1" >/dev/null
as anna "2026-11-17 09:05" invoice create --confirmation "$cf2" >/dev/null

# A complaint, and the maintenance visits the contract owes (what cron runs each night).
as tom "2026-11-18 10:00" service request add --account "Nordwind Logistik GmbH" \
  --contact "Katrin Albers" --summary "Technician arrived two hours late on 16 November" \
  --complaint >/dev/null
as tom "2026-11-20 06:00" service plan --until 2027-05-31 >/dev/null

"$crm" check >/dev/null

# --- Replace the sample with the result ----------------------------------------------------------

for dir in "$data"/*/; do
  rm -rf "${here:?}/$(basename "$dir")"
done
rm -f "$here/crm.yaml" "$here/.gitignore"
cp "$data/crm.yaml" "$data/.gitignore" "$here/"
for dir in "$data"/*/; do
  name=$(basename "$dir")
  if [[ -n $(ls -A "$dir") ]]; then
    cp -R "$dir" "$here/$name"
  fi
done
# crm makes its files private (0600); in the source tree they are ordinary files.
chmod -R u=rwX,go=rX "$here/crm.yaml" "$here/.gitignore" "$here"/*/
echo "examples/ regenerated: $(find "$here" -name '*.yaml' -path '*/*s/*' | wc -l) records"
