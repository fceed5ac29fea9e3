// crm mail's library: whom a message about each kind of record goes to, which quote or invoice
// goes with it, templates and their placeholders, the draft as the user edits it, and what a
// sent message writes (the email activity, a draft quote marked sent).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crm/acting/mail_out.h"
#include "crm/acting/mail_recipients.h"
#include "crm/acting/mail_template.h"
#include "crm/base/error.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/sales/deals.h"
#include "crm/store/paths.h"
#include "helpers.h"
#include "sales_helpers.h"

using namespace crm;

namespace mail_out_test {

crm_test::ConfigEdit with_sender = [](Config& c) {
  c.company.name = "Pumpy Sp. z o.o.";
  c.company.email = "biuro@pumpy.example";
};

struct MailSale : crm_test::Sale {
  MailSale() : Sale("2026-11-23", with_sender) {}

  Record set(const Record& r, const FieldEdits& edits) {
    if (r.kind() == Kind::deal) return apply(edit_deal(session, reload(r), edits));
    return apply(edit_record(session, reload(r), edits));
  }
  Record role(const Record& contact, const std::string& role) {
    return apply(
        change_deal_role(session, reload(deal), RoleInput{contact.id(), role, "high", "", false}));
  }
};

std::string email_of(const RecordStore& store, const Record& r) {
  auto found = find_recipient(store, r);
  return found ? found->email : "(none)";
}

}  // namespace mail_out_test

using namespace mail_out_test;

TEST_CASE("the recipient of a contact, a lead and an account is their own address", "[mail]") {
  MailSale s;
  CHECK(email_of(s.store, s.jan) == "(none)");  // no address, and not the company's instead
  Record jan = s.set(s.jan, {{"email", "jan@acme.example"}});
  auto r = find_recipient(s.store, jan);
  REQUIRE(r);
  CHECK(r->name == "Jan Kowalski");
  CHECK(r->party.id() == jan.id());
  Record lead = s.apply(add_lead(s.session, {{"name", "Zofia Wójcik"}, {"email", "z@w.example"}}));
  CHECK(email_of(s.store, lead) == "z@w.example");
  CHECK(email_of(s.store, s.account) == "(none)");
  Record account = s.set(s.account, {{"email", "office@acme.example"}});
  CHECK(email_of(s.store, account) == "office@acme.example");
}

TEST_CASE("a deal's recipient: its contact, else the buying centre by role, else the account",
          "[mail]") {
  MailSale s;
  s.set(s.jan, {{"email", "jan@acme.example"}});
  s.set(s.ewa, {{"email", "ewa@acme.example"}});
  CHECK(email_of(s.store, s.reload(s.deal)) == "(none)");
  s.set(s.account, {{"email", "office@acme.example"}});
  CHECK(email_of(s.store, s.reload(s.deal)) == "office@acme.example");
  s.role(s.jan, "influencer");
  CHECK(email_of(s.store, s.reload(s.deal)) == "jan@acme.example");
  s.role(s.ewa, "decision-maker");  // added later, but decides
  CHECK(email_of(s.store, s.reload(s.deal)) == "ewa@acme.example");
  s.set(s.deal, {{"contact", s.jan.id()}});
  CHECK(email_of(s.store, s.reload(s.deal)) == "jan@acme.example");
}

TEST_CASE("quotes, orders and invoices go to their deal's contact", "[mail]") {
  MailSale s;
  s.set(s.jan, {{"email", "jan@acme.example"}});
  s.set(s.deal, {{"contact", s.jan.id()}});
  Record quote = s.quote({"PUMP-200:1"});
  CHECK(email_of(s.store, quote) == "jan@acme.example");
  Record order = s.order(s.accept(s.send(quote)));
  Record invoice = s.invoice(s.deliver(order));
  CHECK(email_of(s.store, order) == "jan@acme.example");
  CHECK(email_of(s.store, invoice) == "jan@acme.example");
  // An invoice without a deal reference still finds it through its order and quote.
  s.hand_edit(invoice, "deal: \"" + s.deal.id() + "\"\n", "");
  Record bare = s.reload(invoice);
  CHECK(bare.get("deal").empty());
  CHECK(email_of(s.store, bare) == "jan@acme.example");
  CHECK(deal_of(s.store, bare)->id() == s.deal.id());
  CHECK(account_of(s.store, bare)->id() == s.account.id());
}

TEST_CASE("the document to attach: the record itself, or the deal's newest", "[mail]") {
  MailSale s;
  auto none = crm_test::thrown<RefusedError>(
      [&] { document_to_attach(s.store, s.reload(s.deal), Kind::quote); });
  CHECK_THAT(std::string(none.what()), Catch::Contains("has no quote to attach"));
  CHECK_THAT(none.hint(), Catch::Contains("crm deal quote " + s.deal.id()));
  Record first = s.quote({"PUMP-200:1"});
  Record revised = s.apply(revise_quote(s.session, s.reject(s.send(first))));
  CHECK(document_to_attach(s.store, s.reload(s.deal), Kind::quote).id() == revised.id());
  CHECK(document_to_attach(s.store, s.reload(first), Kind::quote).id() == first.id());
  CHECK_THROWS_AS(document_to_attach(s.store, s.reload(s.deal), Kind::invoice), RefusedError);
  Record order = s.order(s.accept(s.send(revised)));
  Record invoice = s.invoice(s.deliver(order));
  CHECK(document_to_attach(s.store, s.reload(s.deal), Kind::invoice).id() == invoice.id());
  CHECK(document_to_attach(s.store, s.reload(order), Kind::invoice).id() == invoice.id());
  CHECK_THROWS_AS(document_to_attach(s.store, s.reload(s.deal), Kind::order), UsageError);
}

TEST_CASE("templates: a Subject header, a blank line, the body", "[mail][templates]") {
  MailTemplate t = parse_mail_template(
      "# for quotes\nSubject: Oferta {{number}}\n\nDzień dobry {{contact.name}},\n", "t.txt");
  CHECK(t.subject == "Oferta {{number}}");
  CHECK(t.subject_line == 2);
  CHECK(t.body == "Dzień dobry {{contact.name}},\n");
  CHECK(t.body_line == 4);
  MailTemplate body_only = parse_mail_template("Hello,\nsee: the list\n", "b.txt");
  CHECK(body_only.subject.empty());
  CHECK(body_only.body == "Hello,\nsee: the list\n");
  auto e = crm_test::thrown<UsageError>(
      [] { parse_mail_template("Subject: x\nBcc: boss@example.com\n\nbody", "t.txt"); });
  CHECK_THAT(std::string(e.what()), Catch::Contains("t.txt:2: unknown header 'Bcc'"));
}

TEST_CASE("placeholders read the record, its contact, account, deal, company and user",
          "[mail][templates]") {
  MailSale s;
  Record jan = s.set(s.jan, {{"email", "jan@acme.example"}});
  s.set(s.deal, {{"contact", jan.id()}});
  Record quote = s.quote({"PUMP-200:3"}, std::nullopt, "23");
  Record deal = s.reload(s.deal);
  Config config = s.store.config();
  PlaceholderValues v;
  v.record = &quote;
  v.contact = &jan;
  v.account = &s.account;
  v.deal = &deal;
  v.quote = &quote;
  v.company = &config.company;
  v.user = "anna";
  v.today = "2026-11-23";
  CHECK(fill_placeholders("{{number}} {{ total }} {{currency}} {{contact.name}} {{account.name}} "
                          "{{deal.title}} {{quote.valid_until}} {{company.name}} {{user}} "
                          "{{today}} {{invoice.number}}|{{contact.phone}}|",
                          v, "t", 1) ==
        quote.get("number") + " 3689.96 EUR Jan Kowalski Acme Ltd Pumps for Acme " +
            quote.get("valid_until") + " Pumpy Sp. z o.o. anna 2026-11-23 |" + "|");
  auto unknown = crm_test::thrown<UsageError>(
      [&] { fill_placeholders("Hello\n\nTotal: {{totl}}", v, "templates/q.txt", 3); });
  CHECK(unknown.code() == ExitCode::usage);
  CHECK_THAT(std::string(unknown.what()),
             Catch::Equals("templates/q.txt:5: unknown placeholder {{totl}}"));
  CHECK_THROWS_AS(fill_placeholders("{{contact.nope}}", v, "t", 1), UsageError);
  CHECK_THROWS_AS(fill_placeholders("{{company.iban}}", v, "t", 1), UsageError);
  CHECK_THROWS_AS(fill_placeholders("{{lines}}", v, "t", 1), UsageError);
  CHECK_THROWS_AS(fill_placeholders("{{number", v, "t", 1), UsageError);
}

TEST_CASE("template names cannot leave the templates folder", "[mail][templates]") {
  CHECK(mail_template_path("/d", "quote") == fs::path("/d/templates/quote.txt"));
  CHECK(mail_template_path("/d", "quote.txt") == fs::path("/d/templates/quote.txt"));
  CHECK(mail_template_path("/d", "invoice-pl_2") == fs::path("/d/templates/invoice-pl_2.txt"));
  for (std::string bad : {"../x", "..", "a/b", "/etc/passwd", "", ".hidden", "a..b", "x y"})
    CHECK_THROWS_AS(mail_template_path("/d", bad), UsageError);
}

TEST_CASE("a draft: recipient, sender, the default template filled", "[mail]") {
  MailSale s;
  Record jan = s.set(s.jan, {{"email", "jan@acme.example"}});
  auto none = crm_test::thrown<RefusedError>([&] { draft_mail(s.session, s.ewa, {}); });
  CHECK_THAT(none.hint(), Catch::Contains("--to"));
  MailDraft d = draft_mail(s.session, jan, {});
  CHECK(d.mail.from.address == "biuro@pumpy.example");
  CHECK(d.mail.from.name == "Pumpy Sp. z o.o.");
  REQUIRE(d.mail.to.size() == 1);
  CHECK(d.mail.to[0].address == "jan@acme.example");
  CHECK(d.mail.body.rfind("Hello Jan Kowalski,\n", 0) == 0);
  MailRequest request;
  request.to = {"Ewa <ewa@acme.example>, boss@acme.example"};
  request.cc = {"office@acme.example"};
  request.subject = "Spotkanie";
  request.body = "Do zobaczenia.";
  d = draft_mail(s.session, s.ewa, request);
  REQUIRE(d.mail.to.size() == 2);
  CHECK(d.mail.to[0].name == "Ewa");
  CHECK(d.mail.to[1].address == "boss@acme.example");
  CHECK(d.mail.subject == "Spotkanie");
  CHECK(d.mail.body == "Do zobaczenia.\n");
  request.to = {"not-an-address"};
  CHECK_THROWS_AS(draft_mail(s.session, s.ewa, request), UsageError);
  // No sender configured.
  crm_test::DataDir bare;
  Record c = bare.apply(add_contact(bare.session, {{"name", "X"}, {"email", "x@x.example"}}));
  auto no_from = crm_test::thrown<RefusedError>([&] { draft_mail(bare.session, c, {}); });
  CHECK_THAT(no_from.hint(), Catch::Contains("mail.from"));
}

TEST_CASE("the edited draft is what is sent, and an empty body sends nothing", "[mail]") {
  MailSale s;
  Record jan = s.set(s.jan, {{"email", "jan@acme.example"}});
  MailRequest request;
  request.subject = "Hello";
  MailDraft d = draft_mail(s.session, jan, request);
  std::string text = editable_text(d);
  CHECK_THAT(text,
             Catch::Contains("\nTo: Jan Kowalski <jan@acme.example>\nCc: \nSubject: Hello\n\n"));
  apply_edited_text(d,
                    "# comment\nTo: \"Kowalski, Jan\" <jan@acme.example>, x@y.example\n"
                    "Cc: c@y.example\nSubject: Changed ąę\n\nNew body\n\n\n");
  REQUIRE(d.mail.to.size() == 2);
  CHECK(d.mail.to[0].name == "Kowalski, Jan");
  CHECK(d.mail.cc.at(0).address == "c@y.example");
  CHECK(d.mail.subject == "Changed ąę");
  CHECK(d.mail.body == "New body\n");
  CHECK_THROWS_AS(apply_edited_text(d, "To: a@b.example\nBcc: x@y.example\n\nbody"), UsageError);
  CHECK_THROWS_AS(apply_edited_text(d, "Subject: x\n\nbody"), UsageError);  // no To
  apply_edited_text(d, "To: a@b.example\nSubject: x\n\n   \n");
  auto e = crm_test::thrown<RefusedError>([&] { finish_mail(s.session, d); });
  CHECK_THAT(std::string(e.what()), Catch::Contains("empty"));
  apply_edited_text(d, "To: a@b.example\nSubject:\n\nbody\n");
  CHECK_THROWS_AS(finish_mail(s.session, d), UsageError);  // no subject
}

TEST_CASE("what a sent message writes: the email activity, and a draft quote marked sent",
          "[mail]") {
  MailSale s;
  Record jan = s.set(s.jan, {{"email", "jan@acme.example"}});
  s.set(s.deal, {{"contact", jan.id()}});
  Record quote = s.quote({"PUMP-200:1"});
  MailRequest request;
  request.subject = "Oferta";
  request.body = "W załączniku.";
  request.cc = {"office@acme.example"};
  MailDraft d = draft_mail(s.session, quote, request);
  d.attached = quote;  // as --attach quote does, without rendering here
  d.mail.attachments.push_back({"Q.html", "text/html; charset=UTF-8", "<p>x</p>"});
  std::string message = finish_mail(s.session, d);
  CHECK_THAT(message, Catch::Contains("Message-ID: <" + d.mail.message_id + ">"));
  ChangeSet changes = mail_changes(s.session, d);
  REQUIRE(changes.changes.size() == 2);
  const Record& activity = changes.changes[0].record;
  CHECK(activity.get("type") == "email");
  CHECK(activity.get("direction") == "out");
  CHECK(activity.get("about") == quote.id());
  CHECK(activity.get("subject") == "Oferta");
  CHECK(activity.get("body") == "W załączniku.\n");
  CHECK(activity.get("from") == "biuro@pumpy.example");
  CHECK(activity.find("to")->items().at(0).text() == "jan@acme.example");
  CHECK(activity.find("cc")->items().at(0).text() == "office@acme.example");
  CHECK(activity.get("message_id") == d.mail.message_id);
  CHECK(activity.find("attachments")->items().at(0).text() == "Q.html");
  CHECK(activity.get("at") == s.session.clock.now());
  CHECK(activity.get("by") == "tester");
  CHECK(changes.changes[1].record.status() == "sent");
  CHECK(changes.summary.find("Jan") == std::string::npos);  // IDs only
  s.commit(changes);
  // A quote already sent stays sent: only the activity is written.
  CHECK(mail_changes(s.session, d).changes.size() == 1);
}

TEST_CASE("a failing mail program is an error with its own words", "[mail]") {
  Config config;
  config.mail.sendmail = {"/bin/sh", "-c", "echo 'relay refused' >&2; exit 75"};
  auto e = crm_test::thrown<Error>([&] { deliver_mail(config, "x"); });
  CHECK(e.code() == ExitCode::refused);
  CHECK_THAT(std::string(e.what()), Catch::Contains("exit status 75: relay refused"));
  config.mail.sendmail = {"/nonexistent/sendmail", "-t"};
  auto missing = crm_test::thrown<Error>([&] { deliver_mail(config, "x"); });
  CHECK_THAT(std::string(missing.what()), Catch::Contains("could not run the mail program"));
  CHECK_THAT(missing.hint(), Catch::Contains("msmtp"));
  config.mail.sendmail = {"/bin/sh", "-c", "cat >/dev/null"};
  CHECK_NOTHROW(deliver_mail(config, "x"));
}
