// The agenda on hand-made records: every item type on its day, the window's edges, what is
// overdue and what drops off, --overdue, --owner, and the maintenance `crm service plan` owes.
#include <catch2/catch.hpp>

#include "crm/agenda/agenda.h"
#include "crm/kinds/lifecycle.h"
#include "crm/service/service_contracts.h"
#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;

namespace agenda_tests {
namespace {

// "date what number label days [overdue] [owner]" per item, for comparison with lists worked
// out by hand.
std::vector<std::string> lines_of(const std::vector<AgendaItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items)
    out.push_back(fmt::format("{} {} {} {} {}{}{}", i.date.iso(), i.what, i.number, i.label, i.days,
                              i.overdue ? " overdue" : "", i.owner.empty() ? "" : " @" + i.owner));
  return out;
}

// Monday 2026-11-23, 09:00 UTC. Two accounts: Nordwind (anna's) and Baltic (no owner).
struct Agenda : ReportDir {
  explicit Agenda(std::string_view now = "2026-11-23T09:00:00+00:00") : ReportDir(now) {
    nordwind = put_record(Kind::account, {f("name", "Nordwind"), f("owner", "anna")}).id();
    baltic = put_record(Kind::account, {f("name", "Baltic")}).id();
    deal = put_record(Kind::deal, {f("title", "Pumps"), f("status", "open"), f("stage", "proposal"),
                                   f("account", baltic), f("owner", "chloe")})
               .id();
  }

  Record task(const std::string& due, const std::string& subject,
              const std::string& status = "open", const std::string& by = "ben") {
    return put_record(Kind::activity, {f("type", "task"), f("status", status), f("about", deal),
                                       f("subject", subject), f("at", "2026-11-01T09:00:00+00:00"),
                                       f("due", due), f("by", by)});
  }
  Record meeting(const std::string& at, const std::string& subject) {
    return put_record(Kind::activity, {f("type", "meeting"), f("about", nordwind),
                                       f("subject", subject), f("at", at), f("by", "anna")});
  }
  Record quote(const std::string& number, const std::string& status,
               const std::string& valid_until) {
    return put_record(Kind::quote,
                      {f("number", number), f("status", status), f("deal", deal),
                       f("account", nordwind), f("revision", "1"), f("currency", "EUR"),
                       f("total", "3374.97"), f("valid_until", valid_until)});
  }
  Record invoice(const std::string& number, const std::string& status, const std::string& due,
                 const std::string& account = {}, const std::string& deal_id = {}) {
    Fields fields = {f("number", number),
                     f("status", status),
                     f("account", account.empty() ? nordwind : account),
                     f("currency", "EUR"),
                     f("issued", "2026-11-01"),
                     f("due", due),
                     f("total", "119.00"),
                     f("balance", "119.00")};
    if (!deal_id.empty()) fields.push_back(f("deal", deal_id));
    return put_record(Kind::invoice, fields);
  }
  Record contract(const std::string& number, const std::string& status, const std::string& to) {
    return put_record(Kind::contract,
                      {f("number", number), f("status", status), f("account", baltic),
                       f("currency", "EUR"), f("from", "2026-01-01"), f("to", to)});
  }
  Record service_contract(const std::string& number, const std::string& from, const std::string& to,
                          const std::string& every = {}, const std::string& status = "active") {
    Fields fields = {f("number", number),      f("status", status),  f("account", nordwind),
                     f("from", from),          f("currency", "EUR"), f("hourly_rate", "95.00"),
                     f("included_hours", "4"), f("period", "month")};
    if (!to.empty()) fields.push_back(f("to", to));
    if (!every.empty()) fields.push_back(f("maintenance_every", every));
    return put_record(Kind::service_contract, fields);
  }
  Record service_order(const std::string& number, const std::string& status,
                       const std::string& scheduled, const std::string& kind = "repair",
                       const std::string& contract_id = {}) {
    Fields fields = {f("number", number),  f("status", status),        f("kind", kind),
                     f("account", baltic), f("summary", "Pump noisy"), f("scheduled", scheduled)};
    if (status == "assigned") fields.push_back(f("assignee", "tom"));
    if (!contract_id.empty()) fields.push_back(f("contract", contract_id));
    return put_record(Kind::service_order, fields);
  }
  Record request(const std::string& number, const std::string& status,
                 const std::string& respond_by) {
    return put_record(Kind::service_request, {f("number", number), f("status", status),
                                              f("account", nordwind), f("summary", "Seal leaking"),
                                              f("priority", "high"), f("respond_by", respond_by)});
  }

  std::vector<std::string> lines(AgendaOptions options = {}) {
    return lines_of(agenda(store, session.clock, options));
  }

  std::string nordwind, baltic, deal;
};

}  // namespace

TEST_CASE("Agenda: every item type on its day, in day order, labelled", "[agenda]") {
  Agenda a;
  Record t = a.task("2026-11-25", "Call Jan back");
  a.task("2026-11-24", "Done already", "done");
  Record m = a.meeting("2026-11-24T14:00:00+00:00", "Demo at Nordwind");
  Record early = a.meeting("2026-11-24T08:00:00+00:00", "Breakfast");  // earlier: listed first
  a.quote("Q-2026-0001", "sent", "2026-11-26");
  a.quote("Q-2026-0002", "draft", "2026-11-26");  // a draft does not expire
  a.invoice("INV-2026-0001", "partially-paid", "2026-11-27");
  a.invoice("INV-2026-0002", "paid", "2026-11-27");
  a.contract("SK-2026-0001", "active", "2026-11-28");
  a.contract("SK-2026-0002", "terminated", "2026-11-28");
  a.service_contract("SC-2026-0001", "2026-01-01", "2026-11-29");
  a.service_contract("SC-2026-0002", "2026-01-01", "");  // open-ended: never ends
  a.service_order("SV-2026-0001", "assigned", "2026-11-23");
  a.service_order("SV-2026-0002", "completed", "2026-11-23");
  a.request("SR-2026-0001", "open", "2026-11-24T17:00:00+00:00");
  a.request("SR-2026-0002", "solved", "2026-11-24T17:00:00+00:00");
  // Every 3 months from 2026-08-26: due 2026-11-26, then 2027-02-26 (after the window).
  a.service_contract("SC-2026-0003", "2026-08-26", "", "3m");

  CHECK(a.lines() ==
        std::vector<std::string>{
            "2026-11-23 service-scheduled SV-2026-0001 Baltic: Pump noisy (tom) 0",
            "2026-11-24 meeting " + early.id() + " Breakfast 1 @anna",
            "2026-11-24 meeting " + m.id() + " Demo at Nordwind 1 @anna",
            "2026-11-24 response-due SR-2026-0001 Nordwind: Seal leaking 1 @anna",
            "2026-11-25 task-due " + t.id() + " Call Jan back 2 @ben",
            "2026-11-26 quote-expires Q-2026-0001 Nordwind, 3374.97 EUR 3 @chloe",
            "2026-11-26 maintenance-due SC-2026-0003 Nordwind 3 @anna",
            "2026-11-27 invoice-due INV-2026-0001 Nordwind, balance 119.00 EUR 4 @anna",
            "2026-11-28 contract-ends SK-2026-0001 Baltic 5",
            "2026-11-29 service-contract-ends SC-2026-0001 Nordwind 6 @anna",
        });
  auto items = agenda(a.store, a.session.clock, {});
  CHECK(items[1].at == "2026-11-24T08:00:00+00:00");
  CHECK(items[0].at.empty());
  CHECK(items[0].what_text() == "service scheduled");
  CHECK(items[0].kind == Kind::service_order);
  CHECK(items[6].kind == Kind::service_contract);
  CHECK(items[6].key() == items[6].id + "-maintenance-due-2026-11-26");
  CHECK(items[4].key() == t.id() + "-task-due");
  CHECK_FALSE(any_overdue(items));
}

TEST_CASE("Agenda: the window counts today, and --days 0 leaves the overdue items only",
          "[agenda]") {
  Agenda a;
  a.task("2026-11-23", "today");
  a.task("2026-11-29", "last day of 7");
  a.task("2026-11-30", "first day after 7");
  a.task("2026-11-22", "yesterday");
  CHECK(a.lines() ==
        std::vector<std::string>{
            "2026-11-22 task-due " + a.store.ids(Kind::activity)[3] + " yesterday -1 overdue @ben",
            "2026-11-23 task-due " + a.store.ids(Kind::activity)[0] + " today 0 @ben",
            "2026-11-29 task-due " + a.store.ids(Kind::activity)[1] + " last day of 7 6 @ben"});
  AgendaOptions one;
  one.days = 1;
  CHECK(a.lines(one).size() == 2);  // yesterday's (overdue) and today's
  CHECK(a.lines(one)[1].find(" today 0 ") != std::string::npos);
  AgendaOptions eight;
  eight.days = 8;
  CHECK(a.lines(eight).size() == 4);
  AgendaOptions none;
  none.days = 0;
  CHECK(a.lines(none) ==
        std::vector<std::string>{"2026-11-22 task-due " + a.store.ids(Kind::activity)[3] +
                                 " yesterday -1 overdue @ben"});
}

TEST_CASE("Agenda: what becomes overdue, what drops off once its day has passed", "[agenda]") {
  Agenda a;  // 2026-11-23 09:00
  Record task = a.task("2026-11-20", "Send the offer");
  Record invoice = a.invoice("INV-2026-0001", "issued", "2026-11-22");
  a.quote("Q-2026-0001", "sent", "2026-11-22");                    // expired: drops off
  a.contract("SK-2026-0001", "active", "2026-11-22");              // ended: drops off
  a.meeting("2026-11-22T10:00:00+00:00", "Last week");             // past meeting: drops off
  a.service_order("SV-2026-0001", "open", "2026-11-21");           // not done on its day: overdue
  a.request("SR-2026-0001", "open", "2026-11-23T08:00:00+00:00");  // an hour ago: overdue
  a.request("SR-2026-0002", "open", "2026-11-23T17:00:00+00:00");  // later today: due
  // Every month from 2026-09-15: 10-15 and 11-15 are owed; 10-15 has its order already.
  Record sc = a.service_contract("SC-2026-0001", "2026-09-15", "", "1m");
  a.service_order("SV-2026-0002", "completed", "2026-10-15", "maintenance", sc.id());

  CHECK(a.lines() == std::vector<std::string>{
                         "2026-11-15 maintenance-due SC-2026-0001 Nordwind -8 overdue @anna",
                         "2026-11-20 task-due " + task.id() + " Send the offer -3 overdue @ben",
                         "2026-11-21 service-scheduled SV-2026-0001 Baltic: Pump noisy -2 overdue",
                         "2026-11-22 invoice-due INV-2026-0001 Nordwind, balance 119.00 EUR -1 "
                         "overdue @anna",
                         "2026-11-23 response-due SR-2026-0001 Nordwind: Seal leaking 0 overdue "
                         "@anna",
                         "2026-11-23 response-due SR-2026-0002 Nordwind: Seal leaking 0 @anna",
                     });
  CHECK(any_overdue(agenda(a.store, a.session.clock, {})));
  // The same judgement as the derived states the records show.
  CHECK(effective_status(task, a.session.clock.today()) == "overdue");
  CHECK(effective_status(invoice, a.session.clock.today()) == "overdue");

  AgendaOptions only;
  only.overdue_only = true;
  CHECK(a.lines(only).size() == 5);
  for (const auto& line : a.lines(only)) CHECK(line.find(" overdue") != std::string::npos);
}

TEST_CASE("Agenda: a day pinned without a time makes nothing of today overdue", "[agenda]") {
  Agenda a("2026-11-23");  // midnight
  a.request("SR-2026-0001", "open", "2026-11-23T08:00:00+00:00");
  a.task("2026-11-23", "today");
  auto items = agenda(a.store, a.session.clock, {});
  REQUIRE(items.size() == 2);
  CHECK_FALSE(any_overdue(items));
}

TEST_CASE("Agenda: --owner keeps the items whose record is the user's", "[agenda]") {
  Agenda a;
  a.task("2026-11-24", "ben's task");                                    // by ben
  a.task("2026-11-24", "anna's task", "open", "anna");                   // by anna
  a.invoice("INV-2026-0001", "issued", "2026-11-24");                    // Nordwind: anna's
  a.invoice("INV-2026-0002", "issued", "2026-11-24", a.baltic, a.deal);  // its deal: chloe's
  a.invoice("INV-2026-0003", "issued", "2026-11-24", a.baltic);          // nobody's
  a.quote("Q-2026-0001", "sent", "2026-11-24");                          // the deal's: chloe's

  AgendaOptions anna;
  anna.owner = "anna";
  auto lines = a.lines(anna);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("anna's task") != std::string::npos);
  CHECK(lines[1].find("INV-2026-0001") != std::string::npos);
  AgendaOptions chloe;
  chloe.owner = "chloe";
  lines = a.lines(chloe);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("Q-2026-0001") != std::string::npos);
  CHECK(lines[1].find("INV-2026-0002") != std::string::npos);
  AgendaOptions nobody;
  nobody.owner = "zoe";
  CHECK(a.lines(nobody).empty());
  CHECK(a.lines().size() == 6);
}

TEST_CASE("Agenda: the maintenance plan owes is listed, not created", "[agenda][service]") {
  Agenda a;
  // Every 3 months from 2026-05-24, until 2026-11-30: 08-24 and 11-24 (then 2027-02-24 is after
  // `to`). A terminated contract owes nothing.
  Record sc = a.service_contract("SC-2026-0001", "2026-05-24", "2026-11-30", "3m");
  a.service_contract("SC-2026-0002", "2026-05-24", "", "3m", "terminated");
  std::size_t orders = a.count(Kind::service_order);

  std::vector<DueMaintenance> due = maintenance_due(a.store, Date(2026, 11, 29));
  REQUIRE(due.size() == 2);
  CHECK(due[0].contract.id() == sc.id());
  CHECK(due[0].due == Date(2026, 8, 24));
  CHECK(due[1].due == Date(2026, 11, 24));
  CHECK(maintenance_due(a.store, Date(2026, 11, 23)).size() == 1);
  CHECK(a.count(Kind::service_order) == orders);  // nothing created

  CHECK(a.lines() == std::vector<std::string>{
                         "2026-08-24 maintenance-due SC-2026-0001 Nordwind -91 overdue @anna",
                         "2026-11-24 maintenance-due SC-2026-0001 Nordwind 1 @anna",
                     });
  // `crm service plan` makes orders of exactly those; then the agenda lists the orders.
  ChangeSet planned = plan_maintenance(a.session, Date(2026, 11, 29));
  REQUIRE(planned.changes.size() == 2);
  a.commit(planned);
  CHECK(maintenance_due(a.store, Date(2026, 11, 29)).empty());
  auto lines = a.lines();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].starts_with("2026-08-24 service-scheduled SV-2026-"));
  CHECK(lines[0].ends_with(": Planned maintenance (SC-2026-0001 2026-08-24) -91 overdue @anna"));
  CHECK(lines[1].starts_with("2026-11-24 service-scheduled SV-2026-"));
}

TEST_CASE("Agenda: every `what` is described once, in listing order", "[agenda]") {
  std::vector<std::string> whats;
  for (const AgendaWhat& w : agenda_whats()) {
    whats.push_back(w.what);
    CHECK_FALSE(w.text.empty());
    CHECK_FALSE(w.description.empty());
    CHECK(agenda_what(w.what) == &w);
  }
  CHECK(whats == std::vector<std::string>{"task-due", "meeting", "quote-expires", "invoice-due",
                                          "contract-ends", "service-contract-ends",
                                          "service-scheduled", "response-due", "maintenance-due"});
  CHECK(agenda_what("nothing") == nullptr);
}

}  // namespace agenda_tests
