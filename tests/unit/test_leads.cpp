// Leads: adding, moving through the lifecycle and converting into account, contact and deal.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace leads_tests {

namespace {

Record added(DataDir& d, const FieldEdits& edits) {
  ChangeSet changes = add_lead(d.session, edits);
  d.commit(changes);
  return d.store.load(Kind::lead, changes.changes.at(0).record.id());
}

Record moved(DataDir& d, const Record& lead, const std::string& command,
             const std::string& reason = {}) {
  ChangeSet changes = transition(d.session, lead, command, Firing{reason});
  d.commit(changes);
  return d.store.load(Kind::lead, lead.id());
}

// Every file name in the store, to prove that nothing was written.
std::vector<std::string> all_files(DataDir& d) {
  std::vector<std::string> out;
  for (const auto& [relative, text] : d.store.files()) out.push_back(relative);
  return out;
}

}  // namespace

TEST_CASE("add_lead creates a new lead owned by the acting user", "[leads]") {
  DataDir d;
  ChangeSet changes = add_lead(d.session, {{"name", "Jan Kowalski"},
                                           {"company", "Kowalski Sp."},
                                           {"email", "jan@kowalski.example"},
                                           {"phone", "+48 42 683 74 61"},
                                           {"source", "fair"}});
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  const Record& lead = changes.changes[0].record;
  CHECK(is_valid_id(lead.id(), "L"));
  CHECK(changes.summary == "lead add " + lead.id());
  CHECK(lead.status() == "new");
  CHECK(lead.get("owner") == "tester");
  CHECK(lead.get("created") == d.session.clock.now());
  CHECK(lead.get("created") == "2026-11-23T00:00:00+00:00");
  CHECK(lead.get("phone") == "+48 42 683 74 61");
  CHECK_FALSE(lead.has("history"));
  CHECK(d.commit(changes) == std::vector<std::string>{"leads/" + lead.id() + ".yaml"});
  CHECK(d.text_of("leads/" + lead.id() + ".yaml") ==
        "id: \"" + lead.id() +
            "\"\nstatus: \"new\"\nname: \"Jan Kowalski\"\ncompany: \"Kowalski Sp.\"\n"
            "email: \"jan@kowalski.example\"\nphone: \"+48 42 683 74 61\"\nsource: \"fair\"\n"
            "owner: \"tester\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n");
}

TEST_CASE("add_lead takes another owner without a hand-over", "[leads]") {
  DataDir d;
  Record lead = add_lead(d.session, {{"name", "Jan"}, {"owner", "anna"}}).changes[0].record;
  CHECK(lead.get("owner") == "anna");
  CHECK_FALSE(lead.has("history"));
}

TEST_CASE("add_lead refuses bad input and writes nothing", "[leads]") {
  DataDir d;
  CHECK_THAT(thrown<UsageError>([&] {
               add_lead(d.session, {{"company", "Acme"}});
             }).what(),
             Catch::Contains("--name"));
  CHECK_THROWS_AS(add_lead(d.session, {{"name", "Jan"}, {"source", "tv"}}), UsageError);
  CHECK_THROWS_AS(add_lead(d.session, {{"name", "Jan"}, {"email", "no-at"}}), UsageError);
  CHECK_THROWS_AS(add_lead(d.session, {{"name", "Jan"}, {"status", "qualified"}}), UsageError);
  CHECK_THROWS_AS(add_lead(d.session, {{"name", "Jan"}, {"id", "L-AAAAAAAA"}}), UsageError);
  CHECK(d.count(Kind::lead) == 0);
}

TEST_CASE("transition moves a lead and records who and when", "[leads]") {
  DataDir d;
  Record lead = added(d, {{"name", "Jan"}});
  Session anna = d.as("anna", "2026-11-24T09:30:00+01:00");
  ChangeSet contacted = transition(anna, lead, "contact");
  CHECK(contacted.summary == "lead contact " + lead.id());
  REQUIRE(contacted.changes.size() == 1);
  CHECK_FALSE(contacted.changes[0].created);
  d.commit(contacted);
  Record stored = d.store.load(Kind::lead, lead.id());
  CHECK(stored.status() == "contacted");
  const Value& entry = stored.fields().find("history")->items().at(0);
  CHECK(entry.get("at") == "2026-11-24T09:30:00+01:00");
  CHECK(entry.get("by") == "anna");
  CHECK(entry.get("from") == "new");
  CHECK(entry.get("to") == "contacted");

  Record qualified = moved(d, stored, "qualify");
  CHECK(qualified.status() == "qualified");
  CHECK(qualified.fields().find("history")->items().size() == 2);
}

TEST_CASE("transition disqualifies a lead only with a reason, and keeps it", "[leads]") {
  DataDir d;
  Record lead = added(d, {{"name", "Jan"}});
  CHECK_THROWS_AS(transition(d.session, lead, "disqualify"), UsageError);
  Record out = moved(d, lead, "disqualify", "no budget");
  CHECK(out.status() == "disqualified");
  CHECK(out.get("reason") == "no budget");
  CHECK(out.fields().find("history")->items().at(0).get("note") == "no budget");
  auto e = thrown<RefusedError>([&] { transition(d.session, out, "contact"); });
  CHECK_THAT(e.what(), Catch::Contains(lead.id()) && Catch::Contains("disqualified"));
  CHECK(d.store.load(Kind::lead, lead.id()).status() == "disqualified");
}

TEST_CASE("convert_lead creates an account, a contact and a deal", "[leads][convert]") {
  DataDir d;
  Record lead = added(d, {{"name", "Jan Kowalski"},
                          {"company", "Kowalski Sp."},
                          {"email", "jan@kowalski.example"},
                          {"phone", "+48 42 683 74 61"},
                          {"owner", "anna"}});
  lead = moved(d, lead, "qualify");
  ChangeSet changes = convert_lead(d.session, lead, {});
  REQUIRE(changes.changes.size() == 4);
  const Record& account = changes.changes[0].record;
  const Record& contact = changes.changes[1].record;
  const Record& deal = changes.changes[2].record;
  const Record& converted = changes.changes[3].record;
  CHECK(account.kind() == Kind::account);
  CHECK(contact.kind() == Kind::contact);
  CHECK(deal.kind() == Kind::deal);
  CHECK(converted.kind() == Kind::lead);
  CHECK(changes.changes[0].created);
  CHECK(changes.changes[1].created);
  CHECK(changes.changes[2].created);
  CHECK_FALSE(changes.changes[3].created);
  CHECK(changes.summary == "lead convert " + lead.id() + " -> " + account.id() + ", " +
                               contact.id() + ", " + deal.id());

  CHECK(account.get("name") == "Kowalski Sp.");
  CHECK(account.get("owner") == "anna");
  CHECK_FALSE(account.has("email"));  // the person's email belongs to the contact
  CHECK(contact.get("name") == "Jan Kowalski");
  CHECK(contact.get("email") == "jan@kowalski.example");
  CHECK(contact.get("phone") == "+48 42 683 74 61");
  CHECK(contact.get("account") == account.id());
  CHECK(contact.get("owner") == "anna");
  CHECK(deal.status() == "open");
  CHECK(deal.get("stage") == "qualification");
  CHECK(deal.get("title") == "Kowalski Sp. deal");
  CHECK(deal.get("account") == account.id());
  CHECK(deal.get("contact") == contact.id());
  CHECK(deal.get("lead") == lead.id());
  CHECK(deal.get("currency") == "EUR");
  CHECK(deal.get("owner") == "anna");
  CHECK(deal.get("created") == d.session.clock.now());
  CHECK(converted.status() == "converted");
  CHECK(converted.get("account") == account.id());
  CHECK(converted.get("contact") == contact.id());
  CHECK(converted.get("deal") == deal.id());
  CHECK(converted.fields().find("history")->items().back().get("to") == "converted");

  d.commit(changes);
  CHECK(d.store.ids(Kind::account) == std::vector<std::string>{account.id()});
  CHECK(d.store.ids(Kind::contact) == std::vector<std::string>{contact.id()});
  CHECK(d.store.ids(Kind::deal) == std::vector<std::string>{deal.id()});
  CHECK(d.store.load(Kind::lead, lead.id()).fields() ==
        canonical_order(kind_spec(Kind::lead), converted.fields()));
}

TEST_CASE("convert_lead of a person without a company puts their details on the account",
          "[leads][convert]") {
  DataDir d;
  Record lead = added(d, {{"name", "Ewa Nowak"}, {"email", "ewa@example.com"}});
  ChangeSet changes = convert_lead(d.session, lead, {std::nullopt, std::string("Kitchen")});
  const Record& account = changes.changes.at(0).record;
  CHECK(account.get("name") == "Ewa Nowak");
  CHECK(account.get("email") == "ewa@example.com");
  CHECK(account.get("owner") == "tester");
  CHECK(changes.changes.at(2).record.get("title") == "Kitchen");
}

TEST_CASE("convert_lead links an existing account and creates none", "[leads][convert]") {
  DataDir d;
  ChangeSet existing = add_account(d.session, {{"name", "Acme Ltd"}});
  d.commit(existing);
  const std::string account_id = existing.changes[0].record.id();
  Record lead = added(d, {{"name", "Jan"}, {"company", "ACME"}});

  ChangeSet changes = convert_lead(d.session, lead, {std::string("Acme Ltd"), std::nullopt});
  REQUIRE(changes.changes.size() == 3);
  CHECK(changes.changes[0].record.kind() == Kind::contact);
  CHECK(changes.changes[0].record.get("account") == account_id);
  CHECK(changes.changes[1].record.get("account") == account_id);
  CHECK(changes.changes[2].record.get("account") == account_id);
  d.commit(changes);
  CHECK(d.count(Kind::account) == 1);
  CHECK(d.count(Kind::contact) == 1);
  CHECK(d.count(Kind::deal) == 1);

  Record other = added(d, {{"name", "Ola"}});
  const auto before = all_files(d);
  CHECK_THROWS_AS(convert_lead(d.session, other, {std::string("No Such Ltd"), std::nullopt}),
                  NotFoundError);
  CHECK_THROWS_AS(convert_lead(d.session, other, {other.id(), std::nullopt}), NotFoundError);
  CHECK(all_files(d) == before);
}

TEST_CASE("convert_lead refuses a disqualified or converted lead and changes nothing",
          "[leads][convert]") {
  DataDir d;
  Record lost = moved(d, added(d, {{"name", "Jan"}, {"company", "Acme"}}), "disqualify", "spam");
  Record done = added(d, {{"name", "Ewa"}});
  d.commit(convert_lead(d.session, done, {}));
  done = d.store.load(Kind::lead, done.id());
  REQUIRE(done.status() == "converted");

  const auto before = all_files(d);
  const std::string lost_text = d.text_of(record_relative_path(lost));
  const std::string done_text = d.text_of(record_relative_path(done));
  auto e1 = thrown<RefusedError>([&] { convert_lead(d.session, lost, {}); });
  CHECK_THAT(e1.what(), Catch::Contains(lost.id()) && Catch::Contains("disqualified"));
  auto e2 = thrown<RefusedError>([&] { convert_lead(d.session, done, {}); });
  CHECK_THAT(e2.what(), Catch::Contains(done.id()) && Catch::Contains("converted"));
  CHECK(all_files(d) == before);
  CHECK(d.text_of(record_relative_path(lost)) == lost_text);
  CHECK(d.text_of(record_relative_path(done)) == done_text);
}

TEST_CASE("edit_record changes fields, resolves the account and records hand-overs",
          "[leads][parties]") {
  DataDir d;
  ChangeSet acme = add_account(d.session, {{"name", "Acme Ltd"}, {"phone", "01234"}});
  d.commit(acme);
  ChangeSet contact = add_contact(d.session, {{"name", "Piotr"}, {"account", "Acme Ltd"}});
  const Record& piotr = contact.changes.at(0).record;
  CHECK(piotr.get("account") == acme.changes[0].record.id());
  CHECK_THROWS_AS(add_contact(d.session, {{"name", "X"}, {"account", "Nobody"}}), NotFoundError);
  CHECK_THROWS_AS(add_account(d.session, {{"phone", "1"}}), UsageError);

  ChangeSet edit = edit_record(d.session, piotr, {{"owner", "bob"}, {"title", "CTO"}});
  REQUIRE(edit.changes.size() == 1);
  const Record& edited = edit.changes[0].record;
  CHECK(edited.get("title") == "CTO");
  CHECK(edited.get("owner") == "bob");
  CHECK(edited.fields().find("history")->items().at(0).get("from") == "tester");
  CHECK(edit.summary == "contact edit " + piotr.id());
  CHECK(edit_record(d.session, edited, {{"title", "CTO"}}).changes.empty());
}

}  // namespace leads_tests
