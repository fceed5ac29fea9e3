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

# The seller's block and the Polish labels documents print (docs/documents.md): they replace the
# empty `company:` and the `documents:` sections `crm init` wrote, in place.
company_yaml='company:
  name: "Kielwasser Telematik GmbH"
  address: "Hafenstraße 12"
  postal_code: "24103"
  city: "Kiel"
  country: "Germany"
  tax_id: "DE298765432"
  bank_name: "Förde Sparkasse"
  bank_account: "DE89 2105 0170 0012 3456 78"
  email: "sales@kielwasser-telematik.example"
  phone: "+49 431 9876 500"'
documents_yaml='documents:
  # The language of document labels unless --lang says otherwise: "en", or one with a table
  # under labels (docs/documents.md lists every key).
  language: "en"
  # The program that prints HTML to PDF, with {input} and {output}; unset: headless Chromium.
  # pdf_command: ["weasyprint", "{input}", "{output}"]
  labels:
    pl:
      quote: "Oferta"
      invoice: "Faktura"
      confirmation: "Potwierdzenie serwisowe"
      seller: "Sprzedawca"
      customer: "Nabywca"
      contact: "Osoba kontaktowa"
      tax_id: "NIP"
      email: "E-mail"
      phone: "Telefon"
      website: "WWW"
      customer_id: "Nr klienta"
      number: "Numer"
      date: "Data wystawienia"
      valid_until: "Ważna do"
      due_date: "Termin płatności"
      currency: "Waluta"
      line_number: "Lp."
      sku: "Indeks"
      description: "Nazwa towaru lub usługi"
      qty: "Ilość"
      unit_price: "Cena jedn. netto"
      discount: "Rabat"
      net: "Wartość netto"
      parts_used: "Użyte części"
      work: "Wykonane prace"
      effort: "Przepracowane godziny"
      billable_hours: "Godziny płatne"
      rate: "Stawka godzinowa"
      note: "Uwagi"
      subtotal: "Suma pozycji"
      document_discount: "Rabat"
      net_total: "Razem netto"
      tax: "VAT"
      total: "Razem brutto"
      labour: "Robocizna"
      parts: "Części"
      amount: "Kwota"
      before_tax: "Kwoty netto; VAT zostanie doliczony na fakturze."
      tax_summary: "Zestawienie VAT"
      tax_rate: "Stawka"
      tax_base: "Netto"
      payments: "Wpłaty"
      payment_date: "Data"
      payment_ref: "Tytuł"
      paid: "Zapłacono"
      amount_due: "Do zapłaty"
      paid_in_full: "Zapłacono w całości. Dziękujemy."
      payment_terms: "Warunki płatności"
      terms_quote: "Oferta ważna do {date}. Płatność w ciągu {days} dni od daty faktury."
      terms_invoice: "Prosimy o zapłatę {amount} {currency} do {date} ({days} dni)."
      terms_service: "Płatność w ciągu {days} dni od daty faktury."
      bank: "Bank"
      bank_account: "Numer rachunku"
      thanks: "Dziękujemy za współpracę."'
awk -v company="$company_yaml" -v documents="$documents_yaml" '
  /^company:/ { print company; skip = 1; next }
  /^documents:/ { print documents; skip = 1; next }
  skip && /^$/ { skip = 0 }
  !skip { print }' "$data/crm.yaml" >"$work/crm.yaml"
mv "$work/crm.yaml" "$data/crm.yaml"

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
  --address "Am Sandtorkai 41" --postal-code 20457 --city Hamburg --country Germany \
  --tax-id DE812345678 \
  --notes "Customer since 2024: 40 trucks on the basic tracking plan." >/dev/null
as anna "2026-09-01 09:25" contact add --name "Jonas Petersen" --account "Nordwind Logistik GmbH" \
  --title "Head of Fleet Operations" --email "j.petersen@nordwind-logistik.example" \
  --phone "+49 40 3861 2214" >/dev/null

# Two campaigns: the stand at the fair last week, and a mailing that goes out today.
fair=$(as anna "2026-09-01 08:50" campaign add --name "FachPack 2026 stand" --channel fair \
  --cost 4800.00 --from 2026-08-25 --to 2026-08-27 \
  --notes "Stand B7-412 with the reefer demo trailer; 180 visitors scanned.")
mailing=$(as carla "2026-09-01 08:55" campaign add --name "Autumn mailing to logistics firms" \
  --channel mail --cost 650.00 --from 2026-09-01 --to 2026-09-15)

maria=$(as anna "2026-09-01 11:40" lead add --name "Maria Lopez" --company "Textiles Lopez S.L." \
  --email "maria.lopez@textiles-lopez.example" --phone "+34 961 52 47 80" --source fair \
  --campaign "$fair" \
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
  --email "sofia.rossi@rossi-arredamenti.example" --phone "+39 031 27 68 115" --source campaign \
  --campaign "$mailing")

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
  --address "Legmeerdijk 313" --postal-code "1431 GB" --city Aalsmeer --country Netherlands \
  --tax-id NL812345678B01 >/dev/null
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

# A complaint.
as tom "2026-11-18 10:00" service request add --account "Nordwind Logistik GmbH" \
  --contact "Katrin Albers" --summary "Technician arrived two hours late on 16 November" \
  --complaint >/dev/null

# Elbe Kühlhaus, a customer from before this story, has a yearly service contract that ends in
# December; a sensor fault comes in on the 20th, to be answered within 72 hours. A gateway at
# Nordwind's Lübeck depot is to be seen on 25 November.
as anna "2026-11-02 07:40" account add --name "Elbe Kühlhaus GmbH" --industry "Cold storage" \
  --email "technik@elbe-kuehlhaus.example" --phone "+49 40 7526 3300" \
  --address "Hövelstraße 20" --postal-code 21079 --city Hamburg --country Germany \
  --tax-id DE276543210 \
  --notes "Service customer since December 2025: 60 cold-room sensors and two gateways." >/dev/null
as tom "2026-11-02 08:20" service contract add --account "Elbe Kühlhaus GmbH" --rate 90.00 \
  --included-hours 12 --period year --response-hours 72 --maintenance-every 1y \
  --from 2025-12-01 --to 2026-12-31 >/dev/null
lb_sr=$(as tom "2026-11-19 08:30" service request add --account "Nordwind Logistik GmbH" \
  --contact "Jonas Petersen" --product GW-200 --summary "Lübeck depot gateway restarts every night" \
  --priority normal | awk 'NR == 1 {print $2}')
as tom "2026-11-19 08:40" service request escalate "$lb_sr" >/dev/null
as tom "2026-11-19 08:45" service order assign SV-2026-0003 --to tom --date 2026-11-25 >/dev/null
as tom "2026-11-20 14:00" service request add --account "Elbe Kühlhaus GmbH" --product GH-SENSOR \
  --summary "Cold room 4 sensor reports 40 °C" --priority normal >/dev/null

# The maintenance visits the contracts owe (what cron runs each night).
as tom "2026-11-20 06:00" service plan --until 2027-05-31 >/dev/null

# --- The campaigns' other leads and the rest of the pipeline ------------------------------------
# Told after the two sales and the service above, in order of time, so that the documents above
# keep their numbers: from here on come Q-2026-0004, SO-2026-0004 and INV-2026-0006. On 23 November (the
# day the docs pin) this leaves deals open in every stage, won and lost deals in each month,
# quotes pending and expired, and an invoice overdue by a month.

# The fair brought more than Maria Lopez: four more visitors of the stand.
tomasz=$(as carla "2026-09-02 09:10" lead add --name "Tomasz Wójcik" --company "Polfrost Sp. z o.o." \
  --email "t.wojcik@polfrost.example" --phone "+48 61 842 17 30" --source fair --campaign "$fair" \
  --notes "Cold stores in Poznań and Września; came to the stand on the second day.")
ines=$(as ben "2026-09-02 09:20" lead add --name "Inês Carvalho" --company "Frutas do Oeste Lda." \
  --email "ines.carvalho@frutasdooeste.example" --phone "+351 262 84 19 00" --source fair \
  --campaign "$fair")
marek=$(as anna "2026-09-02 09:30" lead add --name "Marek Horváth" --company "Dunaj Trans s.r.o." \
  --email "horvath@dunajtrans.example" --source fair --campaign "$fair")
juergen=$(as anna "2026-09-02 09:40" lead add --name "Jürgen Haas" --company "Haas Kühlhaus GmbH" \
  --email "j.haas@haas-kuehlhaus.example" --phone "+49 421 69 03 12" --source fair \
  --campaign "$fair")

as ben "2026-09-04 10:00" activity log "$ines" --type call --subject "Reefer trailers after the fair" \
  --at "2026-09-04 09:40" \
  --body "30 reefer trailers between Óbidos and Lisbon; wants probes before the harvest peak." \
  >/dev/null
as ben "2026-09-04 10:05" lead contact "$ines" >/dev/null
as anna "2026-09-07 10:15" lead contact "$marek" >/dev/null

# The mailing's answers.
bernd=$(as anna "2026-09-08 10:30" lead add --name "Bernd Krüger" --company "Krüger Spedition GmbH" \
  --email "b.krueger@krueger-spedition.example" --phone "+49 511 47 38 20" --source campaign \
  --campaign "$mailing")
as ben "2026-09-08 11:00" lead qualify "$ines" >/dev/null
converted=$(as ben "2026-09-08 11:10" lead convert "$ines" --title "Trailer probes, 30 reefers")
ines_deal=$(grep '^D-' <<<"$converted")
as ben "2026-09-08 11:12" account edit "Frutas do Oeste Lda." --address "Rua do Pomar 7" \
  --postal-code 2560-250 --city "Torres Vedras" --country Portugal --tax-id PT509876543 >/dev/null
as ben "2026-09-08 11:15" deal edit "$ines_deal" --amount 4500 --close-by 2026-09-30 >/dev/null
as carla "2026-09-08 15:00" lead contact "$tomasz" >/dev/null
paolo=$(as carla "2026-09-09 14:00" lead add --name "Paolo Bianchi" \
  --company "Bianchi Trasporti S.p.A." --email "p.bianchi@bianchi-trasporti.example" \
  --phone "+39 02 8457 3312" --source campaign --campaign "$mailing")
as carla "2026-09-10 09:30" lead contact "$paolo" >/dev/null
as anna "2026-09-10 11:00" activity log "$juergen" --type email --subject "Brochure and the fair offer" \
  --at "2026-09-10 10:50" >/dev/null
as anna "2026-09-10 11:05" lead contact "$juergen" >/dev/null

# Frutas do Oeste buys quickly: probes with a line discount, 3% off the quote, Portuguese VAT.
as ben "2026-09-10 14:00" deal stage "$ines_deal" proposal >/dev/null
as ben "2026-09-10 14:10" deal quote "$ines_deal" --line SENSOR-T2:30-5% --line TLM-400:4 \
  --line SVC-INSTALL:10 --discount 3 --tax 23 --valid-days 30 >/dev/null
as ben "2026-09-10 14:15" quote send Q-2026-0004 >/dev/null
as anna "2026-09-14 09:30" lead disqualify "$marek" \
  --reason "Fleet of three vans; too small for the platform" >/dev/null
as anna "2026-09-15 10:00" lead contact "$bernd" >/dev/null
as carla "2026-09-15 11:00" lead qualify "$paolo" >/dev/null
converted=$(as carla "2026-09-16 09:30" lead convert "$paolo" --title "Fleet tracking, 60 trucks")
bianchi_deal=$(grep '^D-' <<<"$converted")
as carla "2026-09-16 09:35" deal edit "$bianchi_deal" --amount 24000 --close-by 2026-10-31 >/dev/null
as ben "2026-09-17 16:00" quote accept Q-2026-0004 >/dev/null
as ben "2026-09-17 16:05" deal win "$ines_deal" >/dev/null
as ben "2026-09-17 16:10" order create --quote Q-2026-0004 >/dev/null
as carla "2026-09-21 10:30" lead qualify "$tomasz" >/dev/null
as carla "2026-09-22 09:00" deal stage "$bianchi_deal" needs-analysis >/dev/null
as ben "2026-09-24 10:00" order deliver SO-2026-0004 >/dev/null
as ben "2026-09-24 10:10" invoice create --order SO-2026-0004 >/dev/null
as carla "2026-09-29 16:00" deal lose "$bianchi_deal" \
  --reason "Chose a competitor's cheaper tracking plan" >/dev/null
as anna "2026-09-29 11:00" lead qualify "$bernd" >/dev/null

# October: a web campaign, more conversions, a deal Nordwind does not want.
web=$(as ben "2026-09-30 15:00" campaign add --name "Cold-chain landing page" --channel web \
  --cost 1200.00 --from 2026-10-01 --to 2026-12-31 \
  --notes "Search ads to a landing page with the cold-chain demo video.")
dashcam_deal=$(as anna "2026-10-02 11:00" deal add --account "Nordwind Logistik GmbH" \
  --title "Dashcams for 40 trucks" --contact "Jonas Petersen" --amount 9600 --close-by 2026-11-30)
lucia=$(as ben "2026-10-05 11:30" lead add --name "Lucía Fernández" --company "Agroexport Murcia S.L." \
  --email "lucia.fernandez@agroexport-murcia.example" --phone "+34 968 21 40 55" --source web \
  --campaign "$web")
converted=$(as anna "2026-10-05 10:30" lead convert "$bernd" --title "Fleet tracking, 25 trucks")
krueger_deal=$(grep '^D-' <<<"$converted")
bernd_contact=$(grep '^C-' <<<"$converted")
converted=$(as carla "2026-10-06 10:00" lead convert "$tomasz" --title "Cold-store monitoring, two sites")
polfrost_deal=$(grep '^D-' <<<"$converted")
as carla "2026-10-06 10:02" account edit "Polfrost Sp. z o.o." --address "ul. Mroźna 5" \
  --postal-code 62-080 --city "Tarnowo Podgórne" --country Polska --tax-id PL7792345678 >/dev/null
dirk=$(as ben "2026-10-07 10:00" lead add --name "Dirk Vermeulen" \
  --company "Vermeulen Koeltransport B.V." --email "dirk@vermeulen-koeltransport.example" \
  --phone "+31 10 442 87 60" --source web --campaign "$web")
as ben "2026-10-08 09:00" lead contact "$dirk" >/dev/null
as ben "2026-10-08 09:10" lead contact "$lucia" >/dev/null
as anna "2026-10-12 10:00" lead qualify "$juergen" >/dev/null
as carla "2026-10-13 09:00" deal stage "$polfrost_deal" needs-analysis >/dev/null
as ben "2026-10-13 09:30" lead qualify "$dirk" >/dev/null
converted=$(as ben "2026-10-14 09:00" lead convert "$dirk" --title "Reefer monitoring, 12 trailers")
vermeulen_deal=$(grep '^D-' <<<"$converted")
as ben "2026-10-14 09:02" account edit "Vermeulen Koeltransport B.V." --address "Kade 21" \
  --postal-code "4703 RA" --city Roosendaal --country Netherlands --tax-id NL856789012B01 \
  >/dev/null
as ben "2026-10-14 09:05" deal stage "$vermeulen_deal" proposal >/dev/null
as ben "2026-10-14 09:10" deal edit "$vermeulen_deal" --amount 6600 --close-by 2026-11-15 >/dev/null
as carla "2026-10-15 16:00" campaign close "$mailing" >/dev/null
as ben "2026-10-16 10:00" deal quote "$vermeulen_deal" --line TLM-400:12 --line SENSOR-T2:12 \
  --valid-days 21 >/dev/null
as ben "2026-10-16 10:05" quote send Q-2026-0005 >/dev/null
as anna "2026-10-19 10:00" deal stage "$krueger_deal" needs-analysis >/dev/null
as anna "2026-10-19 10:05" deal edit "$krueger_deal" --amount 14000 --close-by 2026-11-13 >/dev/null
oskar=$(as carla "2026-10-19 13:00" lead add --name "Oskar Lindgren" \
  --email "oskar.lindgren@student.example" --source web --campaign "$web")
converted=$(as anna "2026-10-20 15:00" lead convert "$juergen" --title "Cold-room monitoring, 8 rooms")
haas_deal=$(grep '^D-' <<<"$converted")
as anna "2026-10-20 15:05" deal edit "$haas_deal" --amount 6800 --close-by 2026-12-31 >/dev/null
as carla "2026-10-21 10:00" lead disqualify "$oskar" \
  --reason "Student project; no purchase planned" >/dev/null
as anna "2026-10-22 15:00" deal lose "$dashcam_deal" \
  --reason "They want dashcams with video storage, which we do not sell" >/dev/null
as anna "2026-10-26 11:00" deal stage "$haas_deal" needs-analysis >/dev/null
as carla "2026-10-28 17:00" activity log "$polfrost_deal" --type meeting --subject "Site visit in Poznań" \
  --at "2026-10-28 10:00" --body "Two cold stores, 14 rooms; one gateway per site." >/dev/null
as anna "2026-10-30 17:00" campaign close "$fair" >/dev/null

# November: quotes out, a deal lost, Van Dijk wants a second site, the month's tasks.
vermeulen_task=$(as ben "2026-11-02 10:00" task add "$vermeulen_deal" --due 2026-11-06 \
  "Ask Dirk about the quote")
vandijk_ext=$(as ben "2026-11-06 10:00" deal add --account "Van Dijk Bloemen B.V." \
  --title "Naaldwijk site: sensors and gateway" --contact "$pieter_contact" --amount 7400 \
  --close-by 2026-12-04)
as ben "2026-11-06 16:00" task done "$vermeulen_task" >/dev/null
as ben "2026-11-06 16:05" note add "$vermeulen_deal" \
  "Dirk did not answer; the quote runs out today. Try again after their budget round." >/dev/null
as carla "2026-11-09 09:00" deal stage "$polfrost_deal" proposal >/dev/null
as carla "2026-11-09 09:05" deal edit "$polfrost_deal" --amount 15200 --close-by 2026-12-15 >/dev/null
as ben "2026-11-09 10:00" note add "$ines_deal" \
  "INV-2026-0006 is past due since 24 October; reminder sent to accounts payable." >/dev/null
as carla "2026-11-10 10:00" deal quote "$polfrost_deal" --line GH-SENSOR:56 --line GW-200:4 \
  --line SVC-INSTALL:40 --valid-days 30 >/dev/null
as carla "2026-11-10 10:05" quote send Q-2026-0006 >/dev/null
as carla "2026-11-10 10:15" task add "$polfrost_deal" --due 2026-11-24 \
  "Follow up on the quote with Tomasz" >/dev/null
as ben "2026-11-11 10:00" deal stage "$vandijk_ext" proposal >/dev/null
as ben "2026-11-11 10:10" deal quote "$vandijk_ext" --line GH-SENSOR:30-5% --line GW-200:1 \
  --line SVC-INSTALL:14@80.00 --tax 21 --valid-days 30 >/dev/null
as ben "2026-11-11 10:15" quote send Q-2026-0007 >/dev/null
as ben "2026-11-12 14:00" lead qualify "$lucia" >/dev/null
converted=$(as ben "2026-11-12 14:10" lead convert "$lucia" --title "Packhouse climate sensors, 6 sites")
agro_deal=$(grep '^D-' <<<"$converted")
as ben "2026-11-12 14:15" deal edit "$agro_deal" --amount 9800 --close-by 2027-01-29 >/dev/null
as anna "2026-11-13 11:00" deal lose "$haas_deal" \
  --reason "Building a new cold store first; no decision before 2028" >/dev/null
claire=$(as carla "2026-11-16 10:00" lead add --name "Claire Dubois" --company "Fromagerie Dubois" \
  --email "claire@fromagerie-dubois.example" --phone "+33 3 81 52 66 10" --source web \
  --campaign "$web")
as ben "2026-11-17 10:00" deal stage "$vandijk_ext" negotiation >/dev/null
as ben "2026-11-17 10:05" task add "$vandijk_ext" --due 2026-11-25 \
  "Call Pieter about the delivery date for Naaldwijk" >/dev/null
as anna "2026-11-19 11:00" activity log "$bernd_contact" --type meeting \
  --subject "Needs-analysis workshop in Hanover" --at "2026-11-25 10:00" \
  --body "Planned with Bernd Krüger and his dispatch lead: routes, trailer mix, driver app." \
  >/dev/null
as anna "2026-11-18 16:30" deal add --account "Nordwind Logistik GmbH" \
  --title "Trailer probes for 20 reefers" --contact "Jonas Petersen" --amount 4200 \
  --close-by 2026-12-18 >/dev/null

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
