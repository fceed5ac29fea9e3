#!/usr/bin/python3
"""Figures of the reports on a data directory, computed here from the YAML files alone.

Usage: independent_figures.py DATA_DIR TODAY REPORTS_JSON

Reads every record with PyYAML (not crm's reader), computes a handful of each report's figures
in the simplest way that can be right (Python's Decimal, half-up rounding), and compares them
with `crm report all --json` (REPORTS_JSON). Prints one line per figure compared and exits 1 on
the first difference, naming it. An independent check: if crm's reports and this script agree
on the sample data, a reader of docs/reports.md can trust both.
"""
import collections
import datetime
import decimal
import json
import pathlib
import sys

import yaml

D = decimal.Decimal
CENT = D("0.01")


def half_up(x):
    return x.quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def records(root, folder):
    out = []
    for path in sorted((root / folder).glob("*.yaml")):
        with open(path, encoding="utf-8") as f:
            out.append(yaml.safe_load(f))
    return out


def main():
    root, today, reports_path = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    today = datetime.date.fromisoformat(today[:10])
    got = json.load(open(reports_path, encoding="utf-8"))
    compared = 0

    def same(what, expected, actual):
        nonlocal compared
        compared += 1
        if str(expected) != str(actual):
            print(f"DIFFERENT {what}: computed {expected}, crm says {actual}")
            sys.exit(1)
        print(f"same {what}: {expected}")

    config = yaml.safe_load(open(root / "crm.yaml", encoding="utf-8"))
    probability = {s["name"]: D(str(s["probability"])) for s in config["stages"]}
    deals = records(root, "deals")
    open_deals = [d for d in deals if d["status"] == "open"]

    # pipeline: open deals per stage, amounts and weighted amounts (each deal rounded half up).
    for row in got["pipeline"]["stages"]:
        mine = [d for d in open_deals if d["stage"] == row["stage"]]
        same(f"pipeline {row['stage']} deals", len(mine), row["deals"])
        same(f"pipeline {row['stage']} amount", half_up(sum((D(d.get("amount", "0")) for d in mine), D(0))), row["amount"])
        weighted = sum((half_up(D(d.get("amount", "0")) * probability[d["stage"]] / 100) for d in mine), D(0))
        same(f"pipeline {row['stage']} weighted", half_up(weighted), row["weighted"])

    # forecast: best case of the open deals with an expected close date.
    dated = [d for d in open_deals if d.get("close_by")]
    same("forecast best case", half_up(sum((D(d.get("amount", "0")) for d in dated), D(0))),
         got["forecast"]["totals"][0]["best_case"])
    overdue = sorted(d["id"] for d in dated if datetime.date.fromisoformat(d["close_by"]) < today)
    same("forecast overdue deals", overdue, sorted(r["deal"] for r in got["forecast"]["overdue"]))

    # win-rate: closed deals, all time.
    won = [d for d in deals if d["status"] in ("won", "completed")]
    lost = [d for d in deals if d["status"] == "lost"]
    total = got["win-rate"]["totals"][0]
    same("win-rate won", len(won), total["won"])
    same("win-rate lost", len(lost), total["lost"])
    same("win-rate reasons", sorted(d["reason"] for d in lost),
         sorted(r["reason"] for r in got["win-rate"]["lost_reasons"] for _ in range(r["deals"])))

    # sales: paid is the sum of every payment; invoiced the totals of invoices not void.
    invoices = records(root, "invoices")
    paid = sum((D(p["amount"]) for i in invoices for p in i.get("payments", [])), D(0))
    invoiced = sum((D(i["total"]) for i in invoices if i["status"] != "void"), D(0))
    sales_total = got["sales"]["totals"][0]
    same("sales paid", half_up(paid), sales_total["paid"])
    same("sales invoiced", half_up(invoiced), sales_total["invoiced"])
    same("sales won deals", len(won), sales_total["won"])

    # receivables: balances of invoices still to be paid; overdue when past their due date.
    open_invoices = [i for i in invoices if i["status"] in ("issued", "partially-paid")]
    balance = sum((D(i["balance"]) for i in open_invoices), D(0))
    late = sum((D(i["balance"]) for i in open_invoices if datetime.date.fromisoformat(i["due"]) < today), D(0))
    rec_total = got["receivables"]["totals"][0]
    same("receivables total", half_up(balance), rec_total["total"])
    same("receivables overdue", half_up(late), rec_total["overdue"])

    # quotes: states reached (expired ones are sent quotes past valid_until).
    quotes = records(root, "quotes")
    summary = got["quotes"]["summary"][0]
    same("quotes accepted", sum(q["status"] == "accepted" for q in quotes), summary["accepted"])
    # A rejected quote that was revised is superseded now; its history says it was rejected.
    same("quotes rejected", sum(any(h.get("to") == "rejected" for h in q.get("history", [])) for q in quotes), summary["rejected"])
    same("quotes expired", sum(q["status"] == "sent" and datetime.date.fromisoformat(q["valid_until"]) < today for q in quotes), summary["expired"])

    # campaigns: leads that name each campaign, and how many were converted.
    leads = records(root, "leads")
    for row in got["campaigns"]["campaigns"]:
        mine = [l for l in leads if l.get("campaign") == row["campaign"]]
        same(f"campaign {row['name']} leads", len(mine), row["leads"])
        same(f"campaign {row['name']} converted", sum(l["status"] == "converted" for l in mine), row["converted"])

    # funnel: every lead is in the all-time cohort.
    same("funnel leads", len(leads), got["funnel"]["leads"][0]["leads"])

    # service: requests opened, and service orders per state.
    requests = records(root, "service-requests")
    same("service requests opened", len(requests), got["service"]["requests"][0]["opened"])
    by_status = collections.Counter(o["status"] for o in records(root, "service-orders"))
    for row in got["service"]["orders"]:
        same(f"service orders {row['status']}", by_status.get(row["status"], 0), row["orders"])

    # activity: activities per author.
    by_author = collections.Counter(a.get("by", "") for a in records(root, "activities"))
    for row in got["activity"]["activities"]:
        same(f"activity of {row['owner']}", by_author[row["owner"]], row["total"])

    print(f"{compared} figures agree")


main()
