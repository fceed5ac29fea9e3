// Quotes: the lifecycle table, creation (number, terms from the deal and crm.yaml, validity),
// editing drafts only, send / accept / reject with their guards, and revise into revision n+1.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/sales/quotes.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::history_of;
using crm_test::lines_of;
using crm_test::Sale;
using crm_test::thrown;
using crm_test::totals_of;

namespace quotes_tests {

namespace {

const std::vector<std::string> k_states = {"draft",    "sent",    "accepted",
                                           "rejected", "expired", "superseded"};
const std::vector<std::string> k_commands = {"edit",   "send",   "accept", "reject",
                                             "expire", "revise", "order",  "contract"};

Record quote_in(const std::string& status) {
  Value fields = Value::map();
  fields.set("id", Value::string("Q-7K3QZ9AB"));
  fields.set("number", Value::string("Q-2026-0001"));
  fields.set("status", Value::string(status));
  fields.set("deal", Value::string("D-7K3QZ9AB"));
  fields.set("valid_until", Value::string("2026-11-30"));
  return Record(Kind::quote, fields);
}

QuoteInput lines(std::vector<std::string> specs) {
  return QuoteInput{std::move(specs), std::nullopt, std::nullopt, std::nullopt};
}

}  // namespace

TEST_CASE("Every quote transition is allowed or refused as the table says, while valid",
          "[quotes][lifecycle]") {
  GuardContext valid{nullptr, Date(2026, 11, 30)};  // valid_until is still today
  crm_test::check_transitions("quote", k_states, k_commands,
                              {{{"draft", "edit"}, "draft"},
                               {{"draft", "send"}, "sent"},
                               {{"sent", "accept"}, "accepted"},
                               {{"accepted", "order"}, "accepted"},
                               {{"accepted", "contract"}, "accepted"},
                               {{"sent", "reject"}, "rejected"},
                               {{"sent", "expire"}, "expired"},
                               {{"rejected", "revise"}, "superseded"},
                               {{"expired", "revise"}, "superseded"}},
                              quote_in, valid);
}

TEST_CASE("Every quote transition is allowed or refused as the table says, once expired",
          "[quotes][lifecycle]") {
  // The day after valid_until: a draft can no longer be sent, nor a sent quote accepted.
  GuardContext expired{nullptr, Date(2026, 12, 1)};
  crm_test::check_transitions("quote", k_states, k_commands,
                              {{{"draft", "edit"}, "draft"},
                               {{"sent", "reject"}, "rejected"},
                               {{"sent", "expire"}, "expired"},
                               {{"sent", "revise"}, "superseded"},
                               {{"accepted", "order"}, "accepted"},
                               {{"accepted", "contract"}, "accepted"},
                               {{"rejected", "revise"}, "superseded"},
                               {{"expired", "revise"}, "superseded"}},
                              quote_in, expired);
  const Machine& m = *machine_named("quote");
  CHECK(m.initial == "draft");
  CHECK(m.terminal == std::vector<std::string>{"accepted", "superseded"});
  CHECK(m.find("reject")->needs_reason);
}

// A step refused by state says so first, then every guard that would refuse it as well.
TEST_CASE("A refusal by state names the guards that would refuse too", "[quotes][lifecycle]") {
  Record draft = quote_in("draft");
  GuardContext expired{nullptr, Date(2026, 12, 1)};
  auto e = thrown<RefusedError>([&] { require_allowed(draft, "accept", expired); });
  CHECK(std::string(e.what()) ==
        "quote accept refused for quote Q-2026-0001 (Q-7K3QZ9AB): it is draft, and accept leads "
        "to accepted only from sent; it expired after 2026-11-30");
  CHECK(e.hint() ==
        "from draft you can run `crm quote edit Q-7K3QZ9AB` or `crm quote send Q-7K3QZ9AB`");
  // While valid no guard objects: the state alone is said.
  auto valid = thrown<RefusedError>([&] {
    require_allowed(draft, "accept", GuardContext{nullptr, Date(2026, 11, 30)});
  });
  CHECK_THAT(valid.what(), Catch::EndsWith("only from sent"));
}

TEST_CASE("create_quote makes a numbered draft priced from the catalogue", "[quotes]") {
  Sale s;
  ChangeSet changes = create_quote(s.session, s.deal, lines({"PUMP-200:3", "VALVE-10:4-10%"}));
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  const Record& q = changes.changes[0].record;
  CHECK(is_valid_id(q.id(), "Q"));
  CHECK(changes.summary == "deal quote " + s.deal.id() + " -> " + q.id());
  CHECK(s.commit(changes) == std::vector<std::string>{"quotes/" + q.id() + ".yaml"});
  CHECK(s.text_of(q) == "id: \"" + q.id() +
                            "\"\n"
                            "number: \"Q-2026-0001\"\n"
                            "status: \"draft\"\n"
                            "deal: \"" +
                            s.deal.id() +
                            "\"\n"
                            "account: \"" +
                            s.account.id() +
                            "\"\n"
                            "revision: 1\n"
                            "currency: \"EUR\"\n"
                            "lines:\n"
                            "  - sku: \"PUMP-200\"\n"
                            "    name: \"Pump 200\"\n"
                            "    qty: \"3\"\n"
                            "    unit_price: \"999.99\"\n"
                            "    discount: \"0\"\n"
                            "    net: \"2999.97\"\n"
                            "  - sku: \"VALVE-10\"\n"
                            "    name: \"Valve 10\"\n"
                            "    qty: \"4\"\n"
                            "    unit_price: \"12.50\"\n"
                            "    discount: \"10\"\n"
                            "    net: \"45.00\"\n"
                            "discount: \"0\"\n"
                            "tax_rate: \"0\"\n"
                            "subtotal: \"3044.97\"\n"
                            "net: \"3044.97\"\n"
                            "tax: \"0.00\"\n"
                            "total: \"3044.97\"\n"
                            "valid_until: \"2026-12-23\"\n"
                            "created: \"2026-11-23T00:00:00+00:00\"\n");

  CHECK(s.quote({"PUMP-200:1"}).get("number") == "Q-2026-0002");
  // Numbers count per year across deals; a new year restarts at 0001.
  Record other = s.new_deal("Other");
  CHECK(s.quote({"PUMP-200:1"}, {}, {}, other).get("number") == "Q-2026-0003");
  Session january = s.on("2027-01-04");
  Record next_year = s.apply(create_quote(january, s.reload(s.deal), lines({"PUMP-200:1"})));
  CHECK(next_year.get("number") == "Q-2027-0001");
  CHECK(next_year.get("valid_until") == "2027-02-03");
  CHECK(next_year.get("created") == "2027-01-04T00:00:00+00:00");
}

TEST_CASE("create_quote takes tax from crm.yaml unless --tax, discount and validity as given",
          "[quotes]") {
  Sale s("2026-11-23", [](Config& c) { c.tax_rate = "23"; });
  Record q = s.quote({"PUMP-200:3", "VALVE-10:4-10%"});
  CHECK(q.get("tax_rate") == "23");
  // 3044.97 × 23% = 700.3431 → 700.34
  CHECK(totals_of(q) == "3044.97 3044.97 700.34 3745.31");

  // --tax 8 and --discount 5: 3044.97 × 95% = 2892.7215 → 2892.72; × 8% = 231.4176 → 231.42
  Record taxed = s.quote({"PUMP-200:3", "VALVE-10:4-10%"}, "5", "8");
  CHECK(taxed.get("tax_rate") == "8");
  CHECK(taxed.get("discount") == "5");
  CHECK(totals_of(taxed) == "3044.97 2892.72 231.42 3124.14");
  CHECK(s.quote({"PUMP-200:1"}, "0.50", "0").get("discount") == "0.5");

  QuoteInput short_valid = lines({"PUMP-200:1"});
  short_valid.valid_days = 14;
  CHECK(s.apply(create_quote(s.session, s.deal, short_valid)).get("valid_until") == "2026-12-07");
  short_valid.valid_days = 3650;
  CHECK(create_quote(s.session, s.deal, short_valid).changes.at(0).record.get("valid_until") ==
        "2036-11-20");

  auto before = s.snapshot();
  for (int days : {0, -1, 3651}) {
    QuoteInput bad = lines({"PUMP-200:1"});
    bad.valid_days = days;
    auto e = thrown<UsageError>([&] { create_quote(s.session, s.deal, bad); });
    CHECK(std::string(e.what()) == "--valid-days must be from 1 to 3650");
  }
  for (const char* pct : {"101", "-5", "x"}) {
    QuoteInput bad = lines({"PUMP-200:1"});
    bad.tax_rate = pct;
    CHECK_THROWS_AS(create_quote(s.session, s.deal, bad), UsageError);
    bad.tax_rate.reset();
    bad.discount = pct;
    CHECK_THROWS_AS(create_quote(s.session, s.deal, bad), UsageError);
  }
  auto none = thrown<UsageError>([&] { create_quote(s.session, s.deal, lines({})); });
  CHECK(std::string(none.what()) == "a quote needs at least one --line SKU:QTY[@PRICE][-DISC%]");
  CHECK_THROWS_AS(create_quote(s.session, s.deal, lines({"PUMP-200:1", "NOPE:1"})), NotFoundError);
  CHECK_THROWS_AS(create_quote(s.session, s.deal, lines({"PUMP-200:0"})), UsageError);
  CHECK_THROWS_AS(create_quote(s.session, s.deal, lines({"PUMP-200:1@1.001"})), UsageError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("create_quote copies the deal's currency", "[quotes]") {
  Sale s;
  s.hand_edit(s.deal, "currency: \"EUR\"", "currency: \"JPY\"");
  Record yen = s.quote({"TOKYO-1:2", "PUMP-200:1@150000-10%"});
  CHECK(yen.get("currency") == "JPY");
  CHECK(lines_of(yen) ==
        std::vector<std::string>{"TOKYO-1 2 5000 0 10000", "PUMP-200 1 150000 10 135000"});
  CHECK(totals_of(yen) == "145000 145000 0 145000");
  auto e =
      thrown<UsageError>([&] { create_quote(s.session, s.reload(s.deal), lines({"PUMP-200:1"})); });
  CHECK(std::string(e.what()) == "PUMP-200 is priced in EUR, the document in JPY");
}

TEST_CASE("create_quote is refused for a deal that is not open", "[quotes]") {
  Sale s;
  s.hand_edit(s.deal, "status: \"open\"", "status: \"won\"");
  auto e = thrown<RefusedError>(
      [&] { create_quote(s.session, s.reload(s.deal), lines({"PUMP-200:1"})); });
  CHECK_THAT(e.what(),
             crm_test::refusal("deal quote", s.deal).in("won").saying("allowed only from open"));
  CHECK(e.hint() == "from won you can run `crm deal complete " + s.deal.id() + "`");
  CHECK(s.count(Kind::quote) == 0);
}

TEST_CASE("Drafts are editable, while sent, accepted and rejected quotes are not", "[quotes]") {
  Sale s;
  Record q = s.quote({"PUMP-200:3"});
  QuoteInput edit = lines({"VALVE-10:10-20%", "SERVICE-H:2.5"});
  edit.discount = "10";
  edit.valid_days = 7;
  ChangeSet changes = edit_quote(s.session, q, edit);
  CHECK(changes.summary == "quote edit " + q.id());
  Record edited = s.apply(changes);
  // 10 × 12.50 × 80% = 100.00; 2.5 × 90.00 = 225.00; 325.00 × 90% = 292.50
  CHECK(lines_of(edited) ==
        std::vector<std::string>{"VALVE-10 10 12.50 20 100.00", "SERVICE-H 2.5 90.00 0 225.00"});
  CHECK(totals_of(edited) == "325.00 292.50 0.00 292.50");
  CHECK(edited.get("valid_until") == "2026-11-30");
  CHECK(edited.get("number") == "Q-2026-0001");
  CHECK(edited.status() == "draft");
  // Without --line the lines stay; only the terms change.
  QuoteInput tax;
  tax.tax_rate = "20";
  Record taxed = s.apply(edit_quote(s.session, edited, tax));
  CHECK(lines_of(taxed) == lines_of(edited));
  CHECK(totals_of(taxed) == "325.00 292.50 58.50 351.00");

  Record sent = s.send(taxed);
  auto e = thrown<RefusedError>([&] { edit_quote(s.session, sent, lines({"PUMP-200:1"})); });
  // The rule is the machine's `edit` transition now, refused like any other; it keeps the
  // state, so it is "allowed" from draft rather than leading anywhere.
  CHECK(std::string(e.what()) == "quote edit refused for quote Q-2026-0001 (" + sent.id() +
                                     "): it is sent, and edit is allowed only from draft");
  CHECK(e.hint() == "from sent you can run `crm quote accept " + sent.id() +
                        "`, `crm quote reject " + sent.id() +
                        " --reason ...` or `crm quote revise " + sent.id() + "`");
  Record accepted = s.accept(sent);
  Record rejected = s.reject(s.send(s.quote({"PUMP-200:1"})));
  auto before = s.snapshot();
  auto frozen = thrown<RefusedError>([&] { edit_quote(s.session, accepted, tax); });
  CHECK_THAT(
      frozen.what(),
      crm_test::refusal("quote edit", accepted).in("accepted").saying("allowed only from draft"));
  CHECK(frozen.hint() ==
        "accepted is final for a quote, but you can still run `crm order create "
        "--quote " +
            accepted.id() + "` or `crm contract create --quote " + accepted.id() +
            " --from DATE --to DATE`");
  CHECK_THROWS_AS(edit_quote(s.session, rejected, tax), RefusedError);
  CHECK(s.snapshot() == before);
}

TEST_CASE("transition sends, accepts and rejects a quote with a reason", "[quotes]") {
  Sale s;
  Record q = s.quote({"PUMP-200:1"});
  Session anna = s.as("anna", "2026-11-24T10:00:00+01:00");
  ChangeSet send = transition(anna, q, "send");
  CHECK(send.summary == "quote send " + q.id());
  Record sent = s.apply(send);
  CHECK(sent.status() == "sent");
  CHECK(emit_yaml(history_of(sent).at(0)) ==
        "at: \"2026-11-24T10:00:00+01:00\"\nfrom: \"draft\"\nto: \"sent\"\nby: \"anna\"\n");
  CHECK(totals_of(sent) == totals_of(q));  // frozen as they were

  auto blank = thrown<UsageError>([&] { transition(s.session, sent, "reject", Firing{"  "}); });
  CHECK(std::string(blank.what()) == "reject " + sent.id() + " needs a reason");  // by its ID
  CHECK(blank.hint() == "add --reason \"...\" to say why it becomes rejected");
  Record rejected = s.apply(transition(s.session, sent, "reject", Firing{"too expensive"}));
  CHECK(rejected.status() == "rejected");
  CHECK(rejected.get("reason") == "too expensive");
  CHECK(history_of(rejected).back().get("note") == "too expensive");
  CHECK_THROWS_AS(transition(s.session, rejected, "accept"), RefusedError);
  CHECK_THROWS_AS(transition(s.session, rejected, "send"), RefusedError);

  Record other = s.accept(s.send(s.quote({"PUMP-200:2"})));
  CHECK(other.status() == "accepted");
  CHECK(history_of(other).size() == 2);
  CHECK_THROWS_AS(transition(s.session, other, "reject", Firing{"changed mind"}), RefusedError);
}

TEST_CASE("accept is refused once valid_until has passed", "[quotes][guards]") {
  Sale s;
  Record q = s.send(s.quote({"PUMP-200:1"}));
  REQUIRE(q.get("valid_until") == "2026-12-23");
  Session after = s.on("2026-12-24");
  auto before = s.snapshot();
  auto e = thrown<RefusedError>([&] { transition(after, q, "accept"); });
  // The whole sentence of a refusal by a guard once.
  CHECK(std::string(e.what()) == "quote accept refused for quote Q-2026-0001 (" + q.id() +
                                     "): it is sent and would become accepted, but it expired "
                                     "after 2026-12-23 [quote-valid]");
  CHECK(e.hint() == "a draft: crm quote edit --valid-days N; a sent quote: crm quote revise");
  CHECK(s.snapshot() == before);
  CHECK(effective_status(q, Date(2026, 12, 24)) == "expired");
  CHECK(effective_status(q, Date(2026, 12, 23)) == "sent");

  // A draft past its date is still a draft.
  Record draft = s.quote({"PUMP-200:1"});
  CHECK(effective_status(draft, Date(2027, 6, 1)) == "draft");
  // On its last day it can be accepted.
  Session last_day = s.on("2026-12-23");
  CHECK(s.apply(transition(last_day, q, "accept")).status() == "accepted");
}

TEST_CASE("accept is refused when another quote of the deal is accepted", "[quotes][guards]") {
  Sale s;
  Record first = s.send(s.quote({"PUMP-200:1"}));
  Record second = s.send(s.quote({"PUMP-200:2"}));
  Record elsewhere = s.send(s.quote({"PUMP-200:3"}, {}, {}, s.new_deal("Other")));
  s.accept(first);
  auto before = s.snapshot();
  auto e = thrown<RefusedError>([&] { transition(s.session, second, "accept"); });
  CHECK_THAT(e.what(), crm_test::refusal("quote accept", second)
                           .in("sent")
                           .wanting("accepted")
                           .saying("the deal already has an accepted quote, Q-2026-0001")
                           .by("quote-one-accepted"));
  CHECK(e.hint() == "a deal has at most one accepted quote; reject this one instead");
  CHECK(s.snapshot() == before);
  // Another deal's quote is not affected, and the second one can still be rejected.
  CHECK(s.accept(elsewhere).status() == "accepted");
  CHECK(s.reject(second).status() == "rejected");
}

TEST_CASE("revise copies a rejected quote into revision n+1, linked both ways", "[quotes]") {
  Sale s;
  Record q = s.quote({"PUMP-200:3", "VALVE-10:4-10%"}, "5", "23");
  Record rejected = s.reject(s.send(q));
  Session later = s.on("2026-11-30");
  ChangeSet changes = revise_quote(later, rejected);
  REQUIRE(changes.changes.size() == 2);
  CHECK(changes.changes[0].created);
  CHECK_FALSE(changes.changes[1].created);
  const Record& draft = changes.changes[0].record;
  CHECK(changes.summary == "quote revise " + q.id() + " -> " + draft.id());
  s.commit(changes);
  Record fresh = s.reload(draft);
  Record old = s.reload(q);

  CHECK(fresh.id() != old.id());
  CHECK(fresh.status() == "draft");
  CHECK(fresh.get("number") == "Q-2026-0002");
  CHECK(fresh.get("revision") == "2");
  CHECK(fresh.fields().find("revision")->style() == Value::Style::plain);
  CHECK(fresh.get("supersedes") == old.id());
  CHECK(fresh.get("deal") == s.deal.id());
  CHECK(fresh.get("account") == s.account.id());
  CHECK(fresh.get("currency") == "EUR");
  CHECK(fresh.get("discount") == "5");
  CHECK(fresh.get("tax_rate") == "23");
  CHECK(lines_of(fresh) == lines_of(old));
  CHECK(totals_of(fresh) == totals_of(old));
  CHECK(totals_of(fresh) == "3044.97 2892.72 665.33 3558.05");
  CHECK(fresh.get("valid_until") == "2026-12-30");  // 30 days from the revise
  CHECK(fresh.get("created") == "2026-11-30T00:00:00+00:00");
  CHECK_FALSE(fresh.has("reason"));
  CHECK_FALSE(fresh.has("history"));

  CHECK(old.status() == "superseded");
  CHECK(old.get("superseded_by") == fresh.id());
  CHECK(old.get("number") == "Q-2026-0001");
  CHECK(old.get("reason") == "too expensive");
  auto history = history_of(old);
  REQUIRE(history.size() == 3);
  CHECK(history[2].get("from") == "rejected");
  CHECK(history[2].get("to") == "superseded");
  CHECK(history[2].get("at") == "2026-11-30T00:00:00+00:00");

  // The new draft is editable; its revision is revised into revision 3.
  Record third_source = s.reject(s.send(fresh));
  Record third = s.apply(revise_quote(s.session, third_source));
  CHECK(third.get("revision") == "3");
  CHECK(third.get("number") == "Q-2026-0003");
  CHECK(third.get("supersedes") == fresh.id());
  CHECK(s.reload(fresh).get("superseded_by") == third.id());
  CHECK_THROWS_AS(revise_quote(s.session, s.reload(old)), RefusedError);  // superseded is final
}

TEST_CASE("revise takes a sent quote only once it has expired", "[quotes][guards]") {
  Sale s;
  Record sent = s.send(s.quote({"PUMP-200:1"}));
  auto before = s.snapshot();
  auto e = thrown<RefusedError>([&] { revise_quote(s.session, sent); });
  CHECK_THAT(e.what(), crm_test::refusal("quote revise", sent)
                           .in("sent")
                           .wanting("superseded")
                           .saying("valid until 2026-12-23")
                           .by("quote-answered"));
  CHECK(e.hint() == "record the customer's answer first: crm quote reject Q-... --reason ...");
  Session last_day = s.on("2026-12-23");
  CHECK_THROWS_AS(revise_quote(last_day, sent), RefusedError);
  CHECK(s.snapshot() == before);

  Session after = s.on("2026-12-24");
  ChangeSet changes = revise_quote(after, sent);
  s.commit(changes);
  Record fresh = s.reload(changes.changes.at(0).record);
  CHECK(fresh.get("revision") == "2");
  CHECK(fresh.get("valid_until") == "2027-01-23");
  Record old = s.reload(sent);
  CHECK(old.status() == "superseded");
  CHECK(history_of(old).back().get("from") == "sent");

  // Drafts and accepted quotes cannot be revised.
  CHECK_THROWS_AS(revise_quote(s.session, fresh), RefusedError);
  Record accepted = s.accept(s.send(fresh));
  CHECK_THROWS_AS(revise_quote(after, accepted), RefusedError);
}

TEST_CASE("A revise in a new year numbers the draft in that year", "[quotes]") {
  Sale s("2026-12-30");
  Record rejected = s.reject(s.send(s.quote({"PUMP-200:1"})));
  Session january = s.on("2027-01-02");
  ChangeSet changes = revise_quote(january, rejected);
  CHECK(changes.changes.at(0).record.get("number") == "Q-2027-0001");
}

TEST_CASE("send and accept need an open deal and a quote still valid", "[quotes][guards]") {
  Sale s;
  Record draft = s.quote({"PUMP-200:1"});
  Record sent = s.send(s.quote({"PUMP-200:2"}));
  // A draft past its valid_until is not sent as it stands.
  Session after = s.on("2026-12-24");
  auto stale = thrown<RefusedError>([&] { transition(after, draft, "send"); });
  CHECK_THAT(stale.what(), crm_test::refusal("quote send", draft)
                               .in("draft")
                               .wanting("sent")
                               .saying("it expired after 2026-12-23")
                               .by("quote-valid"));
  // Once the deal is lost (the sent quote rejected first), its quotes go nowhere.
  s.reject(sent);
  s.commit(transition_deal(s.session, s.reload(s.deal), "lose", Firing{"no budget"}));
  auto before = s.snapshot();
  auto send = thrown<RefusedError>([&] { transition(s.session, draft, "send"); });
  CHECK_THAT(send.what(), crm_test::refusal("quote send", draft)
                              .in("draft")
                              .wanting("sent")
                              .saying("its deal " + s.deal.id() + " is lost")
                              .by("quote-deal-open"));
  CHECK(send.hint() == "quotes belong to open deals; open a new deal with `crm deal add`");
  CHECK(s.snapshot() == before);
}

TEST_CASE("accept is refused once the deal is won or lost", "[quotes][guards]") {
  Sale s;
  Record first = s.send(s.quote({"PUMP-200:1"}));
  Record second = s.send(s.quote({"PUMP-200:2"}));
  s.accept(first);
  s.commit(transition_deal(s.session, s.reload(s.deal), "win"));
  auto e = thrown<RefusedError>([&] { transition(s.session, second, "accept"); });
  CHECK_THAT(e.what(), Catch::Contains("its deal " + s.deal.id() + " is won"));
  CHECK(s.reject(second).status() == "rejected");  // an answer can still be recorded
}

}  // namespace quotes_tests
