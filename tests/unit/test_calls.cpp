// Calls: the number to call for each kind, the dialer's arguments, one open call per user, and
// the end of a call with its duration and outcome.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crm/acting/calls.h"
#include "crm/base/error.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/sales/deals.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace calls_tests {
namespace {

Record added(DataDir& d, const ChangeSet& changes) {
  return d.apply(changes);
}

Record an_account(DataDir& d, const std::string& phone = "") {
  FieldEdits edits = {{"name", "Acme Sp. z o.o."}};
  if (!phone.empty()) edits.push_back({"phone", phone});
  return added(d, add_account(d.session, edits));
}

Record a_contact(DataDir& d, const std::string& name, FieldEdits more = {}) {
  more.insert(more.begin(), {"name", name});
  return added(d, add_contact(d.session, more));
}

Record a_deal(DataDir& d, const Record& account, const std::string& contact = "") {
  return added(d, add_deal(d.session, DealInput{account.id(), "Fleet", contact, "", "", ""}));
}

}  // namespace

TEST_CASE("call_target: a contact's phone, else its other phones", "[calls]") {
  DataDir d;
  Record ewa = a_contact(d, "Ewa Nowak", {{"phone", "+48 601 234 567"}});
  CallTarget target = call_target(d.store, ewa);
  CHECK(target.number == "+48 601 234 567");
  CHECK(target.name == "Ewa Nowak");

  Record jan = a_contact(d, "Jan Kowalski");
  Value phones = Value::sequence();
  Value entry = Value::map();
  entry.set("number", Value::string("+48 42 683 74 61"));
  entry.set("type", Value::string("work"));
  phones.push_back(entry);
  jan.set("phones", phones);
  CHECK(call_target(d.store, jan).number == "+48 42 683 74 61");

  Record nobody = a_contact(d, "Anna Berg");
  auto e = thrown<RefusedError>([&] { call_target(d.store, nobody); });
  CHECK(std::string(e.what()) ==
        "contact Anna Berg (" + nobody.id() + ") has no phone number to call");
  CHECK(e.hint() == "add one: crm contact edit " + nobody.id() + " --phone NUMBER");
}

TEST_CASE("call_target: a lead's and an account's phone", "[calls]") {
  DataDir d;
  Record lead = added(d, add_lead(d.session, {{"name", "Jan"}, {"phone", "+48 600 100 200"}}));
  CHECK(call_target(d.store, lead).number == "+48 600 100 200");
  Record account = an_account(d, "+48 22 000 00 00");
  CHECK(call_target(d.store, account).number == "+48 22 000 00 00");
  CHECK(call_target(d.store, account).name == "Acme Sp. z o.o.");
  Record silent = added(d, add_lead(d.session, {{"name", "Piotr"}}));
  CHECK_THROWS_AS(call_target(d.store, silent), RefusedError);
}

TEST_CASE("call_target: a deal's contact, else its buying centre, else its account", "[calls]") {
  DataDir d;
  Record account = an_account(d);
  Record ewa = a_contact(d, "Ewa Nowak", {{"phone", "+48 601 234 567"}, {"account", account.id()}});
  Record marek = a_contact(d, "Marek Zieliński", {{"account", account.id()}});

  Record bare = a_deal(d, account);
  auto e = thrown<RefusedError>([&] { call_target(d.store, bare); });
  CHECK(std::string(e.what()) == "deal Fleet (" + bare.id() +
                                     ") has no phone number to call, nor has account Acme Sp. "
                                     "z o.o. (" +
                                     account.id() + ")");
  CHECK(e.hint() == "add one: crm account edit " + account.id() + " --phone NUMBER");

  Record with_centre =
      d.apply(change_deal_role(d.session, a_deal(d, account, marek.id()),
                               RoleInput{ewa.id(), "decision-maker", "high", "", false}));
  CallTarget target = call_target(d.store, with_centre);  // Marek has no number; Ewa has
  CHECK(target.number == "+48 601 234 567");
  CHECK(target.name == "Ewa Nowak");

  Record direct = a_deal(d, account, ewa.id());
  CHECK(call_target(d.store, direct).name == "Ewa Nowak");

  std::vector<Kind> kinds = callable_kinds();
  CHECK(kinds == std::vector<Kind>{Kind::account, Kind::contact, Kind::lead, Kind::deal});
}

TEST_CASE("dialer_command fills {number} and {uri} into single arguments", "[calls]") {
  Config config;
  CHECK(dialer_command(config, "+48 601").empty());
  config.dialer = {"linphonec", "-c", "call {number}", "{uri}"};
  CHECK(dialer_command(config, "+48 601 234; rm") ==
        std::vector<std::string>{"linphonec", "-c", "call +48 601 234; rm", "tel:+48601234;rm"});
  CHECK(tel_uri("+48 42 683 74 61") ==
        "tel:+4842683746"
        "1");
  CHECK_THROWS_AS(require_dialer({"/nonexistent/dialer", "x"}), RefusedError);
  CHECK_NOTHROW(require_dialer({"sh", "-c", "true"}));
}

TEST_CASE("start_call logs the call at once, and one call per user may be open", "[calls]") {
  DataDir d("2026-11-23T10:00:00+00:00");
  Record ewa = a_contact(d, "Ewa Nowak", {{"phone", "+48 601 234 567"}});
  ChangeSet started = start_call(d.session, ewa, call_target(d.store, ewa));
  Record call = d.apply(started);
  CHECK(call.get("type") == "call");
  CHECK(call.get("direction") == "out");
  CHECK(call.get("about") == ewa.id());
  CHECK(call.get("phone") == "+48 601 234 567");
  CHECK(call.get("at") == "2026-11-23T10:00:00+00:00");
  CHECK(call.get("by") == "tester");
  CHECK(call.get("subject") == "Call to Ewa Nowak");
  CHECK_FALSE(call.has("ended"));
  CHECK(started.summary == "call " + call.id() + " on " + ewa.id());
  CHECK(open_call(d.store, "tester")->id() == call.id());
  CHECK_FALSE(open_call(d.store, "ewa"));

  auto e = thrown<RefusedError>([&] { start_call(d.session, ewa, call_target(d.store, ewa)); });
  CHECK_THAT(std::string(e.what()), Catch::Contains(call.id()));
  CHECK_THAT(e.hint(), Catch::Contains("crm call end"));
  // Another user may call meanwhile.
  crm::Session other = d.as("ewa", "2026-11-23T10:01:00+00:00");
  CHECK_NOTHROW(start_call(other, ewa, call_target(d.store, ewa)));
}

TEST_CASE("end_call sets ended, the duration, the outcome and the note", "[calls]") {
  DataDir d("2026-11-23T10:00:00+00:00");
  Record ewa = a_contact(d, "Ewa Nowak", {{"phone", "+48 601 234 567"}});
  CHECK_THROWS_AS(end_call(d.session, {}), RefusedError);
  Record call = d.apply(start_call(d.session, ewa, call_target(d.store, ewa)));

  crm::Session later = d.on("2026-11-23T10:04:32+00:00");
  CHECK_THROWS_AS(end_call(later, {"hung-up", ""}), UsageError);
  ChangeSet ended = end_call(later, {"reached", "Sends the order on Monday"});
  Record done = d.apply(ended);
  CHECK(done.id() == call.id());
  CHECK(done.get("ended") == "2026-11-23T10:04:32+00:00");
  CHECK(done.get("duration") == "PT4M32S");
  CHECK(done.get("outcome") == "reached");
  CHECK(done.get("body") == "Sends the order on Monday");
  CHECK(ended.summary == "call end " + call.id());
  CHECK_FALSE(open_call(d.store, "tester"));
  CHECK_THROWS_AS(end_call(later, {}), RefusedError);
}

TEST_CASE("iso_duration writes hours, minutes and seconds", "[calls]") {
  CHECK(iso_duration(0) == "PT0S");
  CHECK(iso_duration(-5) == "PT0S");
  CHECK(iso_duration(272) == "PT4M32S");
  CHECK(iso_duration(3720) == "PT1H2M");
  CHECK(iso_duration(3600) == "PT1H");
  CHECK(iso_duration(3601) == "PT1H1S");
  CHECK(iso_duration(59) == "PT59S");
}

}  // namespace calls_tests
