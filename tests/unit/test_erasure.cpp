// Erasing a person: the tombstone, the scrub of every record that mentions them, references
// kept, and refusals (relationship/erasure.h).
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/check/check.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/activities.h"
#include "crm/relationship/erasure.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/sales/deals.h"
#include "crm/store/record_codec.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace erasure_tests {

Record created(DataDir& d, const ChangeSet& changes) {
  d.commit(changes);
  return d.reload(changes.changes.at(0).record);
}

// Every file of the store, as one text.
std::string all_files(DataDir& d) {
  std::string all;
  for (const auto& [path, text] : d.snapshot()) all += path + "\n" + text;
  return all;
}

// A contact mentioned everywhere: notes and calls about her and about her account, a deal
// role, a lost deal's reason and history note, a custom field a user added by hand.
struct World {
  DataDir d;
  Record account{Kind::account, Value::map()}, ewa{Kind::contact, Value::map()},
      other{Kind::contact, Value::map()}, deal{Kind::deal, Value::map()};

  World() {
    account =
        created(d, add_account(d.session, {{"name", "Acme"}, {"email", "office@acme.example"}}));
    ewa = created(d, add_contact(d.session, {{"name", "Ewa Nowak"},
                                             {"account", account.id()},
                                             {"title", "CFO"},
                                             {"email", "Ewa.Nowak@acme.example"},
                                             {"phone", "+48 42 683 74 61"},
                                             {"notes", "Prefers mornings"}}));
    other =
        created(d, add_contact(d.session, {{"name", "Jan Kowalski"}, {"account", account.id()}}));
    d.commit(add_note(d.session, ewa, "Ewa Nowak asked for the price list"));
    d.commit(log_activity(d.session, account,
                          {"call", "Call with Ewa Nowak",
                           "She gave ewa.nowak@ACME.example and "
                           "+48 42 683 74 61",
                           ""}));
    d.commit(add_note(d.session, account, "Jan Kowalski runs the warehouse"));
    deal = created(
        d, add_deal(d.session, {account.id(), "Forklifts for Ewa Nowak", ewa.id(), "", "", ""}));
    d.commit(change_deal_role(d.session, deal, {ewa.id(), "decision-maker", "high", ""}));
    deal = d.reload(deal);
    // A custom field and a history note, by hand.
    d.hand_edit(other, "name: \"Jan Kowalski\"",
                "name: \"Jan Kowalski\"\nassistant_of: \"Ewa Nowak (ewa.nowak@acme.example)\"");
    d.commit(
        transition_deal(d.session, d.reload(deal), "lose", Firing{"Ewa Nowak chose a competitor"}));
    deal = d.reload(deal);
  }
};

TEST_CASE("Erasing a contact leaves no trace of her name, e-mail or phone", "[erasure]") {
  World w;
  Erasure erasure = erase_person(w.d.session, w.ewa);
  CHECK(erasure.changes.summary.starts_with("contact erase " + w.ewa.id()));
  CHECK(erasure.changes.summary.find("Ewa") == std::string::npos);
  CHECK(erasure.erased.texts == std::vector<std::string>{"+48 42 683 74 61", "Ewa Nowak"});
  CHECK(erasure.erased.emails == std::vector<std::string>{"Ewa.Nowak@acme.example"});
  w.d.commit(erasure.changes);

  std::string all = crm::to_lower(all_files(w.d));
  for (const char* gone :
       {"ewa nowak", "ewa.nowak@acme.example", "+48 42 683 74 61", "cfo", "prefers mornings"}) {
    INFO(gone);
    CHECK(all.find(gone) == std::string::npos);
  }
  // The others are untouched.
  CHECK(all.find("jan kowalski runs the warehouse") != std::string::npos);
  CHECK(all.find("office@acme.example") != std::string::npos);
}

TEST_CASE("An erased contact stays as a tombstone, and references to it stay valid", "[erasure]") {
  World w;
  w.d.commit(erase_person(w.d.session, w.ewa).changes);
  Record ewa = w.d.reload(w.ewa);
  CHECK(ewa.get("name") == "[erased]");
  CHECK(ewa.get("account") == w.account.id());
  CHECK(ewa.get("erased") == "2026-11-23");
  for (const char* field : {"email", "phone", "title", "notes"}) {
    INFO(field);
    CHECK_FALSE(ewa.has(field));
  }
  Record deal = w.d.reload(w.deal);
  CHECK(deal.get("contact") == w.ewa.id());
  CHECK(deal.get("title") == "Forklifts for [erased]");
  REQUIRE(deal.find("roles"));
  CHECK(deal.find("roles")->items().at(0).get("contact") == w.ewa.id());
  CHECK(deal.find("roles")->items().at(0).get("role") == "decision-maker");
  CHECK(history_of(deal).back().get("note") == "[erased] chose a competitor");
  CHECK(deal.get("reason") == "[erased] chose a competitor");
  Record other = w.d.reload(w.other);
  CHECK(other.custom("assistant_of") == "[erased] ([erased])");
  CHECK(resolve(w.d.store, w.ewa.id(), {Kind::contact}).id() == w.ewa.id());
  std::vector<Problem> problems = check_store(w.d.store);
  for (const Problem& p : problems) UNSCOPED_INFO(format_problem_location(p));
  CHECK(problems.empty());
}

TEST_CASE("Erasing a contact removes the other e-mails, phones and address an address book gave",
          "[erasure]") {
  World w;
  // As `crm import vcard` leaves them: more addresses and numbers, with their kinds.
  w.d.hand_edit(w.ewa, "phone: \"+48 42 683 74 61\"",
                "phone: \"+48 42 683 74 61\"\nemails:\n  - address: \"ewa@home.example\"\n"
                "    type: \"home\"\nphones:\n  - number: \"+48 601 234 567\"\n"
                "    type: \"cell\"\naddress: \"Polna 3, Lodz\"");
  w.d.hand_edit(w.other, "name: \"Jan Kowalski\"",
                "name: \"Jan Kowalski\"\nbackup: \"ewa@HOME.example or +48 601 234 567\"");
  Record ewa = w.d.reload(w.ewa);
  REQUIRE(ewa.has("emails"));
  w.d.commit(erase_person(w.d.session, ewa).changes);
  std::string all = crm::to_lower(all_files(w.d));
  for (const char* gone : {"ewa@home.example", "+48 601 234 567", "polna 3"}) {
    INFO(gone);
    CHECK(all.find(gone) == std::string::npos);
  }
  // The kinds of the numbers are no personal data and are not scrubbed elsewhere.
  CHECK(w.d.reload(w.other).custom("backup") == "[erased] or [erased]");
  ewa = w.d.reload(w.ewa);
  for (const char* field : {"emails", "phones", "address"}) {
    INFO(field);
    CHECK_FALSE(ewa.has(field));
  }
}

TEST_CASE("Erasing twice is refused: the data is no longer known", "[erasure]") {
  World w;
  w.d.commit(erase_person(w.d.session, w.ewa).changes);
  auto before = w.d.snapshot();
  auto e = thrown<RefusedError>([&] { erase_person(w.d.session, w.d.reload(w.ewa)); });
  CHECK_THAT(e.what(), Catch::Contains("was erased on 2026-11-23"));
  CHECK(w.d.snapshot() == before);
}

TEST_CASE("Only people are erased, and only when they hold personal data", "[erasure]") {
  World w;
  auto e = thrown<RefusedError>([&] { erase_person(w.d.session, w.account); });
  CHECK_THAT(e.what(), Catch::Contains("holds no personal data"));
  CHECK_THAT(e.hint(), Catch::Contains("crm contact erase"));
}

TEST_CASE("Erasing a lead keeps its status and scrubs what mentions it", "[erasure]") {
  DataDir d;
  Record lead = created(d, add_lead(d.session, {{"name", "Maria Lopez"},
                                                {"company", "Lopez Logistics"},
                                                {"email", "maria@lopez.example"}}));
  d.commit(add_note(d.session, lead, "Maria Lopez wants a demo; write to maria@lopez.example"));
  Erasure erasure = erase_person(d.session, lead);
  CHECK(erasure.changes.changes.size() == 2);
  CHECK(erasure.changes.summary == "lead erase " + lead.id() + " (and 1 record that mentioned it)");
  d.commit(erasure.changes);
  Record tombstone = d.reload(lead);
  CHECK(tombstone.get("name") == "[erased]");
  CHECK(tombstone.get("status") == "new");
  CHECK(tombstone.get("company") == "Lopez Logistics");
  CHECK_FALSE(tombstone.has("email"));
  std::string all = all_files(d);
  CHECK(all.find("Maria Lopez") == std::string::npos);
  CHECK(all.find("maria@lopez.example") == std::string::npos);
  CHECK(all.find("[erased] wants a demo; write to [erased]") != std::string::npos);
}

// An e-mail's sender and recipients mention the person; the activity is no person of its own,
// so it stays whole (its type, direction and the other addresses) with her address scrubbed.
TEST_CASE("Erasing a contact scrubs her address from the e-mails filed, and keeps them",
          "[erasure]") {
  World w;
  Record mail = created(w.d, log_activity(w.d.session, w.ewa, {"email", "Price list", "", ""}));
  w.d.hand_edit(mail, "type: \"email\"",
                "type: \"email\"\ndirection: in\nfrom: Ewa.Nowak@acme.example\n"
                "to:\n  - sales@us.example\n  - ewa.nowak@acme.example");
  w.d.commit(erase_person(w.d.session, w.ewa).changes);
  Record filed = w.d.reload(mail);
  CHECK(filed.get("type") == "email");
  CHECK(filed.get("direction") == "in");
  CHECK(filed.get("from") == "[erased]");
  REQUIRE(filed.find("to"));
  CHECK(filed.find("to")->items().at(0).text() == "sales@us.example");
  CHECK(filed.find("to")->items().at(1).text() == "[erased]");
  CHECK(record_to_yaml(filed).find("erased:") == std::string::npos);  // no tombstone
  CHECK(check_store(w.d.store).empty());
}

TEST_CASE("The history purge commands name the data and say what happens to other clones",
          "[erasure]") {
  PersonalData data{{"Ewa Nowak"}, {"ewa.nowak@acme.example"}};
  std::string text = history_purge_instructions("C-7K3QZ9AB", data);
  CHECK_THAT(text, Catch::Contains("Ewa Nowak==>[erased]"));
  CHECK_THAT(text, Catch::Contains("regex:(?i)ewa\\.nowak@acme\\.example==>[erased]"));
  CHECK_THAT(text, Catch::Contains(
                       "git filter-repo --force --replace-text /tmp/crm-erase-C-7K3QZ9AB.txt"));
  CHECK_THAT(text, Catch::Contains("s/ewa\\.nowak@acme\\.example/[erased]/gI"));
  CHECK_THAT(text, Catch::Contains("git filter-branch"));
  CHECK_THAT(text, Catch::Contains("re-clone"));
  CHECK_THAT(text, Catch::Contains("hash"));
  CHECK_THAT(text, Catch::Contains("forks"));
}

}  // namespace erasure_tests

namespace erasure_tests {

TEST_CASE("Erasing a contact also erases the lead she was converted from", "[erasure]") {
  DataDir d;
  Record lead = created(d, add_lead(d.session, {{"name", "Ewa Nowak"},
                                                {"company", "Acme"},
                                                {"email", "ewa@acme.example"},
                                                {"phone", "+48 600 100 200"}}));
  ChangeSet converted = convert_lead(d.session, lead, ConvertOptions{});
  d.commit(converted);
  std::string contact_id = d.reload(lead).get("contact");
  REQUIRE_FALSE(contact_id.empty());
  Record person = d.store.load(Kind::contact, contact_id);
  // The contact's phone differs: the lead's own one is scrubbed as well.
  person.set_text("phone", "+48 600 999 999");
  d.commit(ChangeSet::of_updated(person, "test"));

  d.commit(erase_person(d.session, d.store.load(Kind::contact, contact_id)).changes);
  Record erased_lead = d.reload(lead);
  CHECK(erased_lead.get("erased") == "2026-11-23");
  CHECK(erased_lead.get("name") == "[erased]");
  CHECK(erased_lead.get("status") == "converted");
  CHECK(erased_lead.get("contact") == contact_id);
  CHECK_FALSE(erased_lead.has("phone"));
  CHECK_FALSE(erased_lead.has("email"));
  std::string all = all_files(d);
  for (const char* gone : {"Ewa Nowak", "ewa@acme.example", "+48 600 100 200", "+48 600 999 999"}) {
    INFO(gone);
    CHECK(all.find(gone) == std::string::npos);
  }
  CHECK(check_store(d.store).empty());
}

}  // namespace erasure_tests
