// Filing received mail: matching senders, the activity's fields, threading, dedupe, leads for
// unknown senders, attachments stored as files, and the change set's files in both stores.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crm/acting/mail_import.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/store/paths.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace mail_import_tests {
namespace {

std::string message(const std::string& from, const std::string& id, const std::string& subject,
                    const std::string& more = {}, const std::string& body = "Hello.\n") {
  return "From: " + from +
         "\nTo: Sales <sales@example.com>\nCc: boss@example.com\nSubject: " + subject +
         "\nDate: Tue, 3 Nov 2026 14:05:09 +0100\nMessage-ID: <" + id + ">\n" + more + "\n" + body;
}

Record a_contact(DataDir& d, const std::string& name, const std::string& email,
                 const std::string& more_email = {}) {
  FieldEdits edits = {{"name", name}, {"email", email}};
  Record c = make_contact(d.session, edits);
  if (!more_email.empty()) {
    Value entry = Value::map();
    entry.set("address", Value::string(more_email));
    c.list("emails").push_back(entry);
  }
  d.commit(ChangeSet::of_created(c, "test"));
  return c;
}

Record filed(DataDir& d, const MailImport& r, std::size_t i) {
  REQUIRE(r.messages.at(i).status == MailOutcome::Status::filed);
  return d.store.load(Kind::activity, r.messages.at(i).activity);
}

}  // namespace

TEST_CASE("A message is filed on the contact whose address sent it, in any case", "[mail-in]") {
  DataDir d;
  Record jan = a_contact(d, "Jan Nowak", "jan@x.pl");
  Record ewa = a_contact(d, "Ewa Lis", "ewa@work.pl", "Ewa.Lis@Home.pl");
  MailImport r = import_mail(d.session,
                             {message("Jan Nowak <JAN@X.PL>", "m1@x.pl", "Offer"),
                              message("ewa.lis@home.pl", "m2@home.pl", "=?UTF-8?Q?Pyt=C4=85nie?=")},
                             {});
  CHECK(r.filed == 2);
  d.commit(r.changes);
  Record a = filed(d, r, 0);
  CHECK(a.get("type") == "email");
  CHECK(a.get("about") == jan.id());
  CHECK(a.get("direction") == "in");
  CHECK(a.get("from") == "JAN@X.PL");
  CHECK(a.get("subject") == "Offer");
  CHECK(a.get("body") == "Hello.");
  CHECK(a.get("at") == "2026-11-03T14:05:09+01:00");
  CHECK(a.get("by") == "tester");
  CHECK(a.get("message_id") == "m1@x.pl");
  CHECK(a.find("to")->items().at(0).text() == "sales@example.com");
  CHECK(a.find("cc")->items().at(0).text() == "boss@example.com");
  CHECK(r.messages[0].about_label == "contact Jan Nowak");
  Record b = filed(d, r, 1);
  CHECK(b.get("about") == ewa.id());
  CHECK(b.get("subject") == "Pytąnie");
  // The commit message holds IDs only.
  CHECK(r.changes.summary == "mail import: 2 filed -> " + a.id() + ", " + b.id());
}

TEST_CASE("Leads are matched when no contact is, and a contact wins over a lead", "[mail-in]") {
  DataDir d;
  d.commit(add_lead(d.session, {{"name", "Ola"}, {"email", "ola@firma.pl"}}));
  Record lead = d.store.load_all(Kind::lead).at(0);
  MailImport r = import_mail(d.session, {message("ola@firma.pl", "a@b", "Hi")}, {});
  CHECK(r.messages.at(0).about == lead.id());
  a_contact(d, "Ola Contact", "ola@firma.pl");
  MailImport again = import_mail(d.session, {message("ola@firma.pl", "c@d", "Hi")}, {});
  CHECK(again.messages.at(0).about_label == "contact Ola Contact");
}

TEST_CASE("A message filed before is skipped, in this run or an earlier one", "[mail-in]") {
  DataDir d;
  a_contact(d, "Jan", "jan@x.pl");
  std::string m = message("jan@x.pl", "once@x.pl", "Once");
  MailImport first = import_mail(d.session, {m, m}, {});
  CHECK(first.filed == 1);
  CHECK(first.skipped == 1);
  d.commit(first.changes);
  int writes = d.store.writes();
  MailImport second = import_mail(d.session, {m}, {});
  CHECK(second.filed == 0);
  CHECK(second.skipped == 1);
  CHECK(second.messages[0].about == first.messages[0].activity);
  CHECK(second.changes.empty());
  d.commit(second.changes);
  CHECK(d.store.writes() == writes);
  // Without a Message-ID a message is known by a digest of its bytes.
  std::string no_id = "From: jan@x.pl\nSubject: no id\n\nbody\n";
  MailImport a = import_mail(d.session, {no_id}, {});
  d.commit(a.changes);
  CHECK(a.messages[0].message_id.ends_with("@crm.invalid"));
  CHECK(import_mail(d.session, {no_id}, {}).skipped == 1);
}

TEST_CASE("Replies are threaded by In-Reply-To, else the latest filed reference", "[mail-in]") {
  DataDir d;
  a_contact(d, "Jan", "jan@x.pl");
  MailImport r = import_mail(
      d.session,
      {message("jan@x.pl", "root@x", "Offer"),
       message("jan@x.pl", "reply1@x", "Re: Offer",
               "In-Reply-To: <root@x>\nReferences: <root@x>\n"),
       message("jan@x.pl", "reply2@x", "Re: Offer",
               "In-Reply-To: <unknown@elsewhere>\nReferences: <root@x> <reply1@x> <missing@x>\n"),
       message("jan@x.pl", "lone@x", "New", "In-Reply-To: <never@x>\n")},
      {});
  d.commit(r.changes);
  Record root = filed(d, r, 0), reply1 = filed(d, r, 1), reply2 = filed(d, r, 2),
         lone = filed(d, r, 3);
  CHECK_FALSE(root.has("in_reply_to"));
  CHECK(reply1.get("in_reply_to") == root.id());
  CHECK(reply2.get("in_reply_to") == reply1.id());
  CHECK_FALSE(lone.has("in_reply_to"));
}

TEST_CASE("Unknown senders are reported, or captured as one lead each with --create-leads",
          "[mail-in]") {
  DataDir d;
  std::vector<std::string> mail = {
      message("\"Kowalska, Anna\" <anna@new.pl>", "n1@new.pl", "Question"),
      message("anna@NEW.pl", "n2@new.pl", "Another"), message("<bare@new.pl>", "n3@new.pl", "x"),
      message("Bad <bad@@x>", "n4@x", "x")};
  MailImport plain = import_mail(d.session, mail, {});
  CHECK(plain.unmatched == 4);
  CHECK(plain.changes.empty());
  CHECK(plain.messages[0].from == "anna@new.pl");
  CHECK(plain.messages[0].subject == "Question");

  MailImportOptions options;
  options.create_leads = true;
  MailImport r = import_mail(d.session, mail, options);
  CHECK(r.leads_created == 2);
  CHECK(r.filed == 3);
  CHECK(r.unmatched == 1);  // "bad@@x" is no address a lead may hold
  d.commit(r.changes);
  std::vector<Record> leads = d.store.load_all(Kind::lead);
  REQUIRE(leads.size() == 2);
  Record anna = leads[0].get("email") == "anna@new.pl" ? leads[0] : leads[1];
  CHECK(anna.get("name") == "Kowalska, Anna");
  CHECK(anna.get("source") == "other");
  CHECK(anna.status() == "new");
  CHECK(r.messages[0].lead_created);
  CHECK_FALSE(r.messages[1].lead_created);
  CHECK(r.messages[1].about == r.messages[0].about);
  CHECK(r.changes.summary.find("2 new leads: ") != std::string::npos);
  CHECK(r.changes.summary.find("anna") == std::string::npos);

  // Mail from our own address (a copy of what we sent) makes no lead.
  DataDir ours("2026-11-23", [](Config& c) { c.mail.from = "Sales <sales@example.com>"; });
  MailImport own = import_mail(ours.session, {message("sales@example.com", "own@x", "x")}, options);
  CHECK(own.unmatched == 1);
  CHECK(own.leads_created == 0);
  CHECK(own.messages[0].reason.find("own address") != std::string::npos);

  MailImportOptions bad_source = options;
  bad_source.lead_source = "carrier-pigeon";
  CHECK_THROWS_AS(import_mail(d.session, {message("z@z.pl", "z@z", "x")}, bad_source), UsageError);
}

TEST_CASE("Attachments are stored under documents/<activity>/ and linked", "[mail-in]") {
  DataDir d;
  a_contact(d, "Jan", "jan@x.pl");
  std::string m =
      "From: jan@x.pl\nMessage-ID: <att@x>\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nSee attached.\n"
      "--b\nContent-Type: text/plain; name=\"../../etc/passwd\"\n\nroot:x:0:0\n"
      "--b\nContent-Disposition: attachment; filename=\"a.txt\"\n\none\n"
      "--b\nContent-Disposition: attachment; filename=\"a.txt\"\n\ntwo\n--b--\n";
  MailImport r = import_mail(d.session, {m}, {});
  d.commit(r.changes);
  Record a = filed(d, r, 0);
  std::string folder = "documents/" + a.id() + "/";
  CHECK(d.text_of(folder + "passwd") == "root:x:0:0");
  CHECK(d.text_of(folder + "a.txt") == "one");
  CHECK(d.text_of(folder + "a-2.txt") == "two");
  const Value* names = a.find("attachments");
  REQUIRE(names);
  CHECK(names->items().at(0).text() == "../../etc/passwd");
  const Value* docs = a.find("documents");
  REQUIRE(docs);
  REQUIRE(docs->items().size() == 3);
  CHECK(docs->items()[0].get("path") == folder + "passwd");
  CHECK(docs->items()[0].get("title") == "../../etc/passwd");
  CHECK(docs->items()[0].get("by") == "tester");
  CHECK(docs->items()[2].get("path") == folder + "a-2.txt");
}

TEST_CASE("File names are made safe: no paths, dots or control characters, and a bounded length",
          "[mail-in]") {
  CHECK(safe_file_name("../../etc/passwd") == "passwd");
  CHECK(safe_file_name("C:\\Users\\x\\offer.pdf") == "offer.pdf");
  CHECK(safe_file_name("..") == "attachment");
  CHECK(safe_file_name(".hidden") == "hidden");
  CHECK(safe_file_name("a\x01\x1b[31mb.txt") == "a[31mb.txt");
  CHECK(safe_file_name("") == "attachment");
  CHECK(safe_file_name("Oferta na służbę.pdf") == "Oferta na służbę.pdf");
  std::string long_name = std::string(300, 'x') + ".pdf";
  std::string made = safe_file_name(long_name);
  CHECK(made.size() <= 100);
  CHECK(made.ends_with(".pdf"));
  std::string polish(200, 'a');
  for (int i = 0; i < 60; ++i) polish += "ż";
  CHECK(is_valid_utf8(safe_file_name(polish + ".txt")));
}

TEST_CASE("Input that is no mail is refused, and an mbox splits into its messages", "[mail-in]") {
  CHECK_THROWS_AS(mail_messages(std::string("From: a@b\n\0x", 13), "in"), UsageError);
  CHECK_THROWS_AS(mail_messages("", "in"), UsageError);
  CHECK_THROWS_AS(mail_messages("just some text\n", "in"), UsageError);
  CHECK(mail_messages("Subject: x\n\nbody", "in").size() == 1);
  CHECK(mail_messages("From a@b Tue Nov  3 14:05:09 2026\nSubject: 1\n\nx\n\n"
                      "From c@d Tue Nov  3 14:05:09 2026\nSubject: 2\n\ny\n",
                      "in")
            .size() == 2);
}

TEST_CASE("An unreadable message is reported and the rest filed", "[mail-in]") {
  DataDir d;
  a_contact(d, "Jan", "jan@x.pl");
  MailImport r = import_mail(d.session, {"no headers here", message("jan@x.pl", "ok@x", "ok")}, {});
  CHECK(r.unreadable == 1);
  CHECK(r.messages[0].status == MailOutcome::Status::unreadable);
  CHECK_FALSE(r.messages[0].reason.empty());
  CHECK(r.filed == 1);
}

TEST_CASE("A change set carries files: the memory store keeps them, bad paths are refused",
          "[mail-in]") {
  MemoryStore store;
  ChangeSet c;
  c.summary = "test";
  c.stored("documents/T-AAAAAAAA/a.pdf", std::string("%PDF\0bin", 8));
  CHECK_FALSE(c.empty());
  WriteResult w = store.write(c);
  CHECK(w.written == std::vector<std::string>{"documents/T-AAAAAAAA/a.pdf"});
  CHECK(store.text_of("documents/T-AAAAAAAA/a.pdf") == std::string("%PDF\0bin", 8));
  for (const char* bad : {"documents/../x", "documents/T-A/../../x", "leads/x.pdf",
                          "documents/T-A/.hidden", "documents/x", "/etc/passwd"}) {
    ChangeSet b;
    b.stored(bad, "x");
    CHECK_THROWS_AS(store.write(b), UsageError);
  }
  CHECK(document_relative_path("T-A", "a.pdf") == "documents/T-A/a.pdf");
  CHECK_THROWS_AS(document_relative_path("T-A", "../a"), UsageError);
}

TEST_CASE("The data directory writes a change set's files with its records, all or none",
          "[mail-in]") {
  crm_test::TempDir tmp;
  fs::path root = tmp.path() / "data";
  init_data_dir(root, false);
  FileStore files(root);
  Session session{files, Clock::pinned("2026-11-23"), "tester"};
  Record lead = add_lead(session, {{"name", "Jan"}}).changes.at(0).record;
  ChangeSet c;
  c.summary = "test";
  c.created(lead);
  c.stored("documents/T-AAAAAAAA/a.bin", std::string("\0\1\2", 3));
  {
    StoreLock lock = files.lock(1.0);
    WriteResult w = files.write(c);
    CHECK(w.written.size() == 2);
    CHECK(std::find(w.written.begin(), w.written.end(), "documents/T-AAAAAAAA/a.bin") !=
          w.written.end());
  }
  CHECK(crm_test::read_text(root / "documents/T-AAAAAAAA/a.bin") == std::string("\0\1\2", 3));
  CHECK(crm_test::mode_of(root / "documents/T-AAAAAAAA/a.bin") == 0600);
  CHECK(crm_test::mode_of(root / "documents/T-AAAAAAAA") == 0700);
  CHECK(files.exists(Kind::lead, lead.id()));
  // A bad path refuses the whole change set: nothing written.
  Record other = add_lead(session, {{"name", "Ewa"}}).changes.at(0).record;
  ChangeSet bad;
  bad.created(other);
  bad.stored("documents/../escape", "x");
  StoreLock lock = files.lock(1.0);
  CHECK_THROWS_AS(files.write(bad), UsageError);
  CHECK_FALSE(files.exists(Kind::lead, other.id()));
  CHECK_FALSE(fs::exists(root / "escape"));
}

TEST_CASE("A huge message is cut to what a record holds, and filed", "[mail-in]") {
  DataDir d;
  a_contact(d, "Jan", "jan@x.pl");
  std::string m =
      "From: jan@x.pl\nMessage-ID: <big@x>\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\n\n" +
      std::string(100'000, 'x') + "\n";
  for (int i = 0; i < 150; ++i)
    m += "--b\nContent-Disposition: attachment; filename=\"" + std::string(300, 'n') +
         ".txt\"\n\nx\n";
  MailImport r = import_mail(d.session, {m}, {});
  REQUIRE(r.filed == 1);
  d.commit(r.changes);  // the record is writable: it would throw otherwise
  Record a = d.store.load(Kind::activity, r.messages[0].activity);
  CHECK(a.get("body").find("[crm: the rest of the message, 40000 bytes, is not kept]") !=
        std::string::npos);
  CHECK(a.get("body").ends_with("[crm: 50 more attachments are not kept]"));
  CHECK(a.find("attachments")->items().size() == 100);
  CHECK(a.find("attachments")->items()[0].text().size() == 255);
  CHECK(r.changes.files.size() == 100);
}

}  // namespace mail_import_tests
