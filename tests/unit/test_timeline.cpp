// The timeline: a record's history and its children's, with their activities, in time order.
#include <catch2/catch.hpp>

#include "crm/base/dates.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/attachments.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/relationship/timeline.h"
#include "service_helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace timeline_tests {

namespace {

std::string line_of(const TimelineEvent& e) {
  return e.at + " " + e.record + " " + e.event + " " + e.detail;
}

}  // namespace

TEST_CASE("An account's timeline holds its contacts', leads' and deals' events in time order",
          "[timeline]") {
  DataDir d;
  Session mon = d.as("anna", "2026-11-16T09:00:00+00:00");
  ChangeSet lead_add = add_lead(mon, {{"name", "Jan"}, {"company", "Acme"}});
  d.commit(lead_add);
  Record lead = lead_add.changes[0].record;

  // Written with a +02:00 offset: 08:00 UTC, before the 09:00 UTC call of the same day.
  Session tue_early = d.as("bob", "2026-11-17T10:00:00+02:00");
  ChangeSet note = add_note(tue_early, lead, "Met at the fair\nsecond line");
  d.commit(note);
  Session tue = d.as("anna", "2026-11-17T09:00:00+00:00");
  d.commit(log_activity(tue, lead, {"call", "First call", "", ""}));
  ChangeSet contacted = transition(tue, lead, "contact");
  d.commit(contacted);

  Session wed = d.as("anna", "2026-11-18T09:00:00+00:00");
  ChangeSet converted = convert_lead(wed, contacted.changes[0].record, {});
  d.commit(converted);
  Record account = converted.changes[0].record;
  Record contact = converted.changes[1].record;
  Record deal = converted.changes[2].record;

  Session thu = d.as("anna", "2026-11-19T09:00:00+00:00");
  ChangeSet task = add_task(thu, deal, Date(2026, 11, 30), "Send quote");
  d.commit(task);
  d.commit(log_activity(thu, contact, {"email", "Brochure", "", "2026-11-19T08:00:00+00:00"}));
  Session fri = d.as("carol", "2026-11-20T09:00:00+00:00");
  d.commit(transition_task(fri, task.changes[0].record, "done"));
  d.commit(edit_record(fri, d.store.load(Kind::account, account.id()), {{"owner", "carol"}}));

  // Unrelated records stay out.
  ChangeSet other = add_account(mon, {{"name", "Other Ltd"}});
  d.commit(other);
  d.commit(add_note(thu, other.changes[0].record, "not ours"));

  std::vector<TimelineEvent> events = timeline(d.store, d.store.load(Kind::account, account.id()));
  std::vector<std::string> lines;
  for (const auto& e : events) lines.push_back(line_of(e));
  const std::string L = lead.id(), A = account.id(), C = contact.id(), D = deal.id();
  const std::string T = task.changes[0].record.id();
  std::vector<std::string> expected = {
      "2026-11-16T09:00:00+00:00 " + L + " created lead Jan",
      "2026-11-17T10:00:00+02:00 " + L + " note Met at the fair by bob",
      "2026-11-17T09:00:00+00:00 " + L + " call First call by anna",
      "2026-11-17T09:00:00+00:00 " + L + " status new -> contacted by anna",
      "2026-11-18T09:00:00+00:00 " + A + " created account Acme",
      "2026-11-18T09:00:00+00:00 " + L + " status contacted -> converted by anna",
      "2026-11-18T09:00:00+00:00 " + C + " created contact Jan",
      "2026-11-18T09:00:00+00:00 " + D + " created deal Acme deal",
      "2026-11-19T08:00:00+00:00 " + C + " email Brochure by anna",
      "2026-11-19T09:00:00+00:00 " + D + " task " + T + " Send quote (due 2026-11-30, done)",
      "2026-11-20T09:00:00+00:00 " + A + " owner owner anna -> carol by carol",
      "2026-11-20T09:00:00+00:00 " + T + " status open -> done by carol",
  };
  CAPTURE(lines);
  CHECK(lines.size() == expected.size());
  // Each event is there, and the times never go backwards.
  for (const auto& e : expected) CHECK(std::count(lines.begin(), lines.end(), e) == 1);
  for (std::size_t i = 1; i < events.size(); ++i)
    CHECK(*epoch_seconds(events[i - 1].at) <= *epoch_seconds(events[i].at));
  for (const auto& e : events) CHECK(e.record != other.changes[0].record.id());
  // The note at 10:00+02:00 is 08:00 UTC: before the call at 09:00 UTC.
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == expected[0]);
  CHECK(lines[1] == expected[1]);
}

TEST_CASE("A lead's timeline holds its own events and activities only", "[timeline]") {
  DataDir d;
  ChangeSet one = add_lead(d.session, {{"name", "Jan"}});
  ChangeSet two = add_lead(d.session, {{"name", "Ewa"}});
  d.commit(one);
  d.commit(two);
  Record jan = one.changes[0].record;
  Session later = d.as("bob", "2026-11-24T12:00:00+00:00");
  d.commit(add_note(later, jan, "hello"));
  d.commit(add_note(later, two.changes[0].record, "other"));
  auto events = timeline(d.store, jan);
  REQUIRE(events.size() == 2);
  CHECK(events[0].event == "created");
  CHECK(events[0].record == jan.id());
  CHECK(events[0].at == "2026-11-23T00:00:00+00:00");
  CHECK(events[1].event == "note");
  CHECK(events[1].detail == "hello by bob");
}

// The parents the kind registry names carry an account's timeline down to its service
// contracts, requests, service orders, confirmations and their invoices.
TEST_CASE("An account's timeline holds its service records", "[timeline][service]") {
  crm_test::Service s;
  Session mon = s.as("anna", "2026-11-16T09:00:00+00:00");
  Record contract = s.apply(add_service_contract(mon, crm_test::Service::terms()));
  Session tue = s.as("bob", "2026-11-17T09:00:00+00:00");
  RequestInput in;
  in.account = "Acme Ltd";
  in.summary = "Pump leaks";
  Record request = s.apply(add_service_request(tue, in));
  s.commit(add_note(tue, request, "Customer called twice"));
  ChangeSet escalated = escalate_service_request(tue, request);
  s.commit(escalated);
  Record order = s.reload(escalated.changes.at(0).record);
  Session wed = s.as("tom", "2026-11-18T09:00:00+00:00");
  order = s.apply(assign_service_order(wed, order, "tom", {}));
  order = s.apply(transition(wed, order, "start"));
  ConfirmInput work;
  work.effort = "2";
  Record cf = s.apply(confirm_service(wed, order, work), 0);
  Session thu = s.as("anna", "2026-11-19T09:00:00+00:00");
  ChangeSet billed = create_invoice_for_confirmation(thu, cf);
  s.commit(billed);
  std::string invoice;
  for (const auto& c : billed.changes)
    if (c.record.kind() == Kind::invoice) invoice = c.record.id();
  // Another account's service records stay out.
  Record beta = s.apply(add_account(mon, {{"name", "Beta GmbH"}}));
  RequestInput other;
  other.account = "Beta GmbH";
  other.summary = "Noise";
  Record beta_request = s.apply(add_service_request(thu, other));

  auto events = timeline(s.store, s.reload(s.account));
  std::vector<std::string> lines;
  for (const auto& e : events) lines.push_back(line_of(e));
  CAPTURE(lines);
  auto has = [&](const std::string& line) {
    return std::count(lines.begin(), lines.end(), line) == 1;
  };
  CHECK(
      has("2026-11-16T09:00:00+00:00 " + contract.id() + " created service-contract SC-2026-0001"));
  CHECK(has("2026-11-17T09:00:00+00:00 " + request.id() + " created service-request SR-2026-0001"));
  CHECK(has("2026-11-17T09:00:00+00:00 " + request.id() + " note Customer called twice by bob"));
  CHECK(has("2026-11-17T09:00:00+00:00 " + request.id() + " status open -> escalated by bob"));
  CHECK(has("2026-11-17T09:00:00+00:00 " + order.id() + " created service-order SV-2026-0001"));
  CHECK(has("2026-11-18T09:00:00+00:00 " + order.id() + " status open -> assigned by tom (tom)"));
  CHECK(has("2026-11-18T09:00:00+00:00 " + cf.id() + " created confirmation " + cf.id()));
  CHECK(has("2026-11-19T09:00:00+00:00 " + invoice + " created invoice INV-2026-0001"));
  CHECK(has("2026-11-19T09:00:00+00:00 " + cf.id() + " status confirmed -> billed by anna"));
  for (const auto& e : events) {
    CHECK(e.record != beta.id());
    CHECK(e.record != beta_request.id());
  }
  for (std::size_t i = 1; i < events.size(); ++i)
    CHECK(moment_key(events[i - 1].at) <= moment_key(events[i].at));
}

TEST_CASE("record_history tells a record's own story among the commits that touched it",
          "[timeline]") {
  DataDir d;
  Session mon = d.as("anna", "2026-11-16T09:00:00+00:00");
  Record lead = d.apply(add_lead(mon, {{"name", "Jan"}}));
  Session tue = d.as("bob", "2026-11-18T09:00:00+00:00");
  lead = d.apply(transition(tue, lead, "contact"));
  Session wed = d.as("bob", "2026-11-19T09:00:00+00:00");
  lead = d.apply(edit_record(wed, lead, {{"owner", "bob"}}));
  Session thu = d.as("bob", "2026-11-20T09:00:00+00:00");
  lead = d.apply(add_document_link(thu, lead, "offer.pdf", "Offer"));
  std::vector<TimelineEvent> commits = {
      {"2026-11-18T10:00:00+01:00", lead.id(), "commit", "abc1234 lead contact"},
      {"2026-11-16T09:00:00.500+00:00", lead.id(), "commit", "0123abc lead add"},
  };
  std::vector<std::string> lines;
  for (const auto& e : record_history(lead, commits)) lines.push_back(line_of(e));
  const std::string L = lead.id();
  CHECK(lines == std::vector<std::string>{
                     "2026-11-16T09:00:00+00:00 " + L + " created lead Jan",
                     "2026-11-16T09:00:00.500+00:00 " + L + " commit 0123abc lead add",
                     "2026-11-18T09:00:00+00:00 " + L + " status new -> contacted by bob",
                     "2026-11-18T10:00:00+01:00 " + L + " commit abc1234 lead contact",
                     "2026-11-19T09:00:00+00:00 " + L + " owner owner anna -> bob by bob",
                     "2026-11-20T09:00:00+00:00 " + L + " document Offer (offer.pdf)",
                 });
  CHECK(record_history(lead).size() == 4);
}

}  // namespace timeline_tests
