// The vCard reader (every version, folding, encodings, charsets, types, groups, escapes and
// hostile input), the 4.0 writer (folding at 75 octets, escaping), and the import on the
// in-memory store (matching, accounts, bad cards).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "crm/base/text.h"
#include "crm/exchange/vcard.h"
#include "crm/exchange/vcard_import.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace vcard_tests {
namespace {

Vcard one(std::string_view text) {
  std::vector<Vcard> cards = parse_vcards(text);
  REQUIRE(cards.size() == 1);
  return cards[0];
}

std::string crlf(std::string_view text) {
  return replace_all(text, "\n", "\r\n");
}

std::vector<std::string> values(const std::vector<VcardEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries)
    out.push_back(e.value + "|" + e.type + "|" + std::to_string(e.pref));
  return out;
}

}  // namespace

TEST_CASE("vCard 3.0 from Apple Contacts: groups, labels, types and prefs", "[vcard]") {
  Vcard c =
      one(crlf("BEGIN:VCARD\n"
               "VERSION:3.0\n"
               "PRODID:-//Apple Inc.//iPhone OS 17.2//EN\n"
               "N:Nowak;Ewa;Maria;Dr.;\n"
               "FN:Dr. Ewa Maria Nowak\n"
               "ORG:Acme Sp. z o.o.;Purchasing;\n"
               "TITLE:Head of Purchasing\n"
               "item1.EMAIL;type=INTERNET;type=pref:ewa.nowak@acme.example\n"
               "item1.X-ABLabel:_$!<Other>!$_\n"
               "EMAIL;type=INTERNET;type=HOME:ewa@home.example\n"
               "TEL;type=CELL;type=VOICE;type=pref:+48 601 234 567\n"
               "item2.TEL:+48 42 683 74 61\n"
               "item2.X-ABLabel:Reception\n"
               "item3.ADR;type=WORK;type=pref:;;ul. Piotrkowska 100;Łódź;;90-001;Poland\n"
               "NOTE:Met at the fair\\, booth 7\\nCall back in May\n"
               "BDAY:1980-05-01\n"
               "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/"
               "2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkS\n"
               "  Ew8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgy\n"
               "END:VCARD\n"));
  CHECK(c.problem == "");
  CHECK(c.version == "3.0");
  CHECK(c.name() == "Dr. Ewa Maria Nowak");
  CHECK(c.org == "Acme Sp. z o.o.");
  CHECK(c.title == "Head of Purchasing");
  CHECK(values(c.emails) ==
        std::vector<std::string>{"ewa.nowak@acme.example|other|1", "ewa@home.example|home|0"});
  CHECK(values(c.phones) ==
        std::vector<std::string>{"+48 601 234 567|cell,voice|1", "+48 42 683 74 61|Reception|0"});
  CHECK(c.addresses == std::vector<std::string>{"ul. Piotrkowska 100, Łódź, 90-001, Poland"});
  CHECK(c.notes == std::vector<std::string>{"Met at the fair, booth 7\nCall back in May"});
  CHECK(c.binary_skipped == std::map<std::string, int>{{"PHOTO", 1}});
  CHECK(c.not_kept == std::map<std::string, int>{{"BDAY", 1}});
}

TEST_CASE("vCard 2.1 from Android: quoted-printable with soft breaks and CHARSET", "[vcard]") {
  Vcard c = one(crlf(
      "BEGIN:VCARD\n"
      "VERSION:2.1\n"
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:W=C3=B3jcik;Zofia;;;\n"
      "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zofia W=C3=B3jcik\n"
      "TEL;CELL;PREF:+48600100200\n"
      "TEL;WORK;VOICE:+48 22 555 01 02\n"
      "EMAIL;HOME:zofia@example.org\n"
      "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Pierwsza linia=0D=0ADruga linia, bardzo d=\n"
      "=C5=82uga notatka\n"
      "ORG;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:=A3=F3d=BC Tech\n"
      "TITLE;CHARSET=windows-1252:Gesch\xE4"
      "ftsf\xFChrer\n"
      "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\n"
      " 2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkS\n"
      "\n"
      "END:VCARD\n"));
  CHECK(c.problem == "");
  CHECK(c.name() == "Zofia Wójcik");
  CHECK(values(c.phones) ==
        std::vector<std::string>{"+48600100200|cell|1", "+48 22 555 01 02|work,voice|0"});
  CHECK(values(c.emails) == std::vector<std::string>{"zofia@example.org|home|0"});
  CHECK(c.notes == std::vector<std::string>{"Pierwsza linia\r\nDruga linia, bardzo długa notatka"});
  CHECK(c.org == "Łódź Tech");
  CHECK(c.title == "Geschäftsführer");
  CHECK(c.binary_skipped == std::map<std::string, int>{{"PHOTO", 1}});
}

TEST_CASE("vCard 2.1 base64 may run on unindented lines up to a blank one", "[vcard]") {
  Vcard c = one(
      "BEGIN:VCARD\nVERSION:2.1\nN:Kowal;Jan\nPHOTO;ENCODING=BASE64;TYPE=GIF:R0lGODdhAQABAIAAAA\n"
      "AAAP///ywAAAAAAQABAAACAUwAOw==\n\nEMAIL:jan@example.com\nEND:VCARD\n");
  CHECK(c.problem == "");
  CHECK(c.name() == "Jan Kowal");
  CHECK(values(c.emails) == std::vector<std::string>{"jan@example.com||0"});
  CHECK(c.binary_skipped == std::map<std::string, int>{{"PHOTO", 1}});
  CHECK(c.not_kept.empty());
}

TEST_CASE("vCard 4.0 from Thunderbird: PREF=n, quoted TYPE, tel: URIs, folded lines", "[vcard]") {
  Vcard c =
      one(crlf("BEGIN:VCARD\n"
               "VERSION:4.0\n"
               "FN:Jürgen Müller-Lüdenscheidt\n"
               "N:Müller-Lüdenscheidt;Jürgen;;;\n"
               "EMAIL;TYPE=\"work\";PREF=2:j.mueller@nordwind.example\n"
               "EMAIL;PREF=1:juergen@mueller.example\n"
               "TEL;VALUE=uri;TYPE=\"cell\":tel:+49-170-1234567\n"
               "NOTE:A very long note that a client folded at seventy-five octets, as RFC 635\n"
               " 0 says\\; the fold may fall anywhere\\, even in the middle of a w\n"
               "\tord.\n"
               "PHOTO:data:image/png;base64,iVBORw0KGgo=\n"
               "URL:https://nordwind.example\n"
               "END:VCARD\n"));
  CHECK(c.problem == "");
  CHECK(c.name() == "Jürgen Müller-Lüdenscheidt");
  CHECK(values(c.emails) == std::vector<std::string>{"j.mueller@nordwind.example|work|2",
                                                     "juergen@mueller.example||1"});
  CHECK(values(c.phones) == std::vector<std::string>{"+49-170-1234567|cell|0"});
  CHECK(c.notes == std::vector<std::string>{
                       "A very long note that a client folded at seventy-five octets, as RFC 6350 "
                       "says; the fold may fall anywhere, even in the middle of a word."});
  CHECK(c.binary_skipped == std::map<std::string, int>{{"PHOTO", 1}});
  CHECK(c.not_kept == std::map<std::string, int>{{"URL", 1}});
}

TEST_CASE("The name comes from FN, else from N, in reading order", "[vcard]") {
  CHECK(one("BEGIN:VCARD\nVERSION:3.0\nFN:Anna Schmidt\nN:Other;Name;;;\nEND:VCARD\n").name() ==
        "Anna Schmidt");
  CHECK(one("BEGIN:VCARD\nVERSION:3.0\nN:Schmidt;Anna;Maria;Prof.;PhD\nEND:VCARD\n").name() ==
        "Prof. Anna Maria Schmidt PhD");
  CHECK(one("BEGIN:VCARD\nVERSION:3.0\nFN: \nN:;;;;\nEND:VCARD\n").name() == "");
}

TEST_CASE("Escapes in text and structured values", "[vcard]") {
  Vcard c =
      one("BEGIN:VCARD\nVERSION:3.0\nFN:Smith\\, John\nN:Smith\\;Jones;John;;;\n"
          "ORG:Smith\\; Sons\\, Ltd;Sales\nNOTE:back\\\\slash\\Nnext\nEND:VCARD\n");
  CHECK(c.name() == "Smith, John");
  CHECK(c.n[0] == "Smith;Jones");
  CHECK(c.org == "Smith; Sons, Ltd");
  CHECK(c.notes[0] == "back\\slash\nnext");
}

TEST_CASE("A file of many cards keeps their order, lines and indexes", "[vcard]") {
  std::string text;
  for (int i = 1; i <= 50; ++i)
    text += fmt::format("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {}\r\nEND:VCARD\r\n", i);
  std::vector<Vcard> cards = parse_vcards(text);
  REQUIRE(cards.size() == 50);
  CHECK(cards[49].name() == "Person 50");
  CHECK(cards[49].index == 50);
  CHECK(cards[49].line == 197);
}

TEST_CASE("Hostile vCards are bad cards, never a crash, and the others still read",
          "[vcard][hostile]") {
  SECTION("no END:VCARD") {
    std::vector<Vcard> cards =
        parse_vcards("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nBEGIN:VCARD\nFN:C\n");
    REQUIRE(cards.size() == 3);
    CHECK(cards[0].problem == "");
    CHECK(cards[1].problem == "no END:VCARD before the next BEGIN:VCARD");
    CHECK(cards[1].problem_line == 6);
    CHECK(cards[2].problem == "no END:VCARD (is the file cut short?)");
  }
  SECTION("a 10 MB line") {
    std::string text = "BEGIN:VCARD\nFN:Big\nNOTE:" + std::string(10 << 20, 'x') +
                       "\nEND:VCARD\nBEGIN:VCARD\nFN:Small\nEND:VCARD\n";
    std::vector<Vcard> cards = parse_vcards(text);
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].problem == "a property longer than the 4 MiB crm reads");
    CHECK(cards[0].problem_line == 3);
    CHECK(cards[1].name() == "Small");
  }
  SECTION("a photo larger than a property may be is skipped, the card kept") {
    std::string text = "BEGIN:VCARD\nVERSION:3.0\nFN:Big Photo\nPHOTO;ENCODING=b;TYPE=JPEG:";
    for (int i = 0; i < 80000; ++i) text += std::string(74, 'A') + "\n ";
    text += "AA==\nEMAIL:big@example.com\nEND:VCARD\n";
    Vcard c = one(text);
    CHECK(c.problem == "");
    CHECK(c.binary_skipped == std::map<std::string, int>{{"PHOTO", 1}});
    CHECK(c.emails.size() == 1);
  }
  SECTION("invalid UTF-8 without a CHARSET") {
    std::vector<Vcard> cards = parse_vcards(
        "BEGIN:VCARD\nFN:Bad \xC3\x28 name\nEND:VCARD\nBEGIN:VCARD\nFN:Ok\nEND:VCARD\n");
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].problem == "FN is not valid UTF-8 and no CHARSET says what it is");
    CHECK(cards[0].problem_line == 2);
    CHECK(cards[1].problem == "");
  }
  SECTION("an unknown charset") {
    CHECK(one("BEGIN:VCARD\nFN;CHARSET=NO-SUCH-SET:x\nEND:VCARD\n").problem ==
          "FN is not valid text in CHARSET=NO-SUCH-SET");
  }
  SECTION("lines that are no property, and text outside cards") {
    std::vector<Vcard> cards = parse_vcards("garbage\n\nBEGIN:VCARD\nno colon here\nEND:VCARD\n");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].problem == "a line that is no property (NAME:value)");
  }
  SECTION("empty input") {
    CHECK(parse_vcards("").empty());
  }
}

TEST_CASE("vcard_fold folds at 75 octets and never splits a UTF-8 sequence", "[vcard][writer]") {
  std::string line = "NOTE:" + std::string(69, 'a') + "ąęłżźćń" + std::string(100, 'b');
  std::string folded = vcard_fold(line);
  std::vector<std::string> lines = split(folded, '\n');
  REQUIRE(lines.back().empty());
  lines.pop_back();
  std::string unfolded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string l = lines[i];
    REQUIRE(l.ends_with('\r'));
    l.pop_back();
    CHECK(l.size() <= 75);
    CHECK(is_valid_utf8(l));
    if (i > 0) {
      REQUIRE(l.starts_with(' '));
      l.erase(0, 1);
    }
    unfolded += l;
  }
  CHECK(unfolded == line);
  // 'ą' would take octets 75 and 76: it starts the second line.
  CHECK(lines[0] == "NOTE:" + std::string(69, 'a') + "\r");
  CHECK(vcard_fold("FN:Short") == "FN:Short\r\n");
  // A line of two-byte characters only: each piece ends on a character boundary.
  for (const std::string& l : split(vcard_fold(std::string(100, 'x') + "ż"), '\n'))
    CHECK(is_valid_utf8(l));
}

TEST_CASE("vcard_escape escapes backslash, comma, semicolon and line breaks", "[vcard][writer]") {
  CHECK(vcard_escape("a\\b,c;d\ne\r\nf") == "a\\\\b\\,c\\;d\\ne\\nf");
  VcardOut card;
  card.uid = "C-7K3QZ9AB";
  card.fn = "Smith, John";
  card.n = {"Smith", "John", "", "", ""};
  card.emails = {{"john@example.com", "", 1}, {"j@home.example", "home", 0}};
  card.phones = {{"+1 555 0100", "cell,voice", 0}, {"+1 555 0101", "My Label", 0}};
  card.note = "Line one\nLine two; more";
  CHECK(write_vcard(card) ==
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID;VALUE=text:C-7K3QZ9AB\r\nFN:Smith\\, John\r\n"
        "N:Smith;John;;;\r\nEMAIL;PREF=1:john@example.com\r\nEMAIL;TYPE=home:j@home.example\r\n"
        "TEL;TYPE=cell,voice:+1 555 0100\r\nTEL;TYPE=\"My Label\":+1 555 0101\r\n"
        "NOTE:Line one\\nLine two\\; more\r\nEND:VCARD\r\n");
  // What the writer writes, the reader reads back.
  Vcard back = one(write_vcard(card));
  CHECK(back.name() == "Smith, John");
  CHECK(values(back.phones) ==
        std::vector<std::string>{"+1 555 0100|cell,voice|0", "+1 555 0101|My Label|0"});
  CHECK(back.notes[0] == card.note);
  CHECK(back.uid == "C-7K3QZ9AB");
}

TEST_CASE("import_vcards creates contacts and accounts, and a second import changes nothing",
          "[vcard][import]") {
  DataDir d;
  std::string cards =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Ewa Nowak\nORG:Acme\nEMAIL;TYPE=work:ewa@acme.example\n"
      "EMAIL;TYPE=home:ewa@home.example\nTEL;TYPE=cell:+48 601\nTEL;TYPE=work:+48 42\n"
      "ADR;TYPE=work:;;Main St 1;Lodz;;90-001;PL\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:3.0\nFN:Jan Kowal\nORG:Acme\nEMAIL:jan@acme.example\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:3.0\nTEL:+48 1\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:3.0\nFN:No Mail\nTITLE:Chief\nEND:VCARD\n";
  VcardImport first = import_vcards(d.session, {{"book.vcf", cards}});
  CHECK(first.created == 3);
  CHECK(first.accounts_created == 1);
  REQUIRE(first.bad.size() == 1);
  CHECK(first.bad[0] == "book.vcf:17: card 3: no name and no e-mail (FN, N or EMAIL)");
  d.commit(first.changes);
  CHECK(d.count(Kind::contact) == 3);
  CHECK(d.count(Kind::account) == 1);
  Record ewa = d.store.find_by(Kind::contact, "email", "ewa@acme.example").at(0);
  CHECK(ewa.get("phone") == "+48 601");
  CHECK(ewa.get("address") == "Main St 1, Lodz, 90-001, PL");
  CHECK(record_to_yaml(ewa).find("emails:\n  - address: \"ewa@home.example\"\n    type: \"home\"\n"
                                 "phones:\n  - number: \"+48 42\"\n    type: \"work\"\n") !=
        std::string::npos);

  VcardImport again = import_vcards(d.session, {{"book.vcf", cards}});
  CHECK(again.created == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 3);
  CHECK(again.accounts_created == 0);
  CHECK(again.changes.empty());

  // A card with one more address and another title updates the contact it matches by any
  // e-mail, keeping what it had.
  VcardImport update = import_vcards(
      d.session, {{"new.vcf",
                   "BEGIN:VCARD\nVERSION:4.0\nFN:Ewa Nowak\nTITLE:CFO\n"
                   "EMAIL:EWA@HOME.EXAMPLE\nEMAIL;TYPE=work:ewa.n@acme.example\nEND:VCARD\n"}});
  CHECK(update.updated == 1);
  REQUIRE(update.changes.changes.size() == 1);
  const Record& changed = update.changes.changes[0].record;
  CHECK(changed.id() == ewa.id());
  CHECK(changed.get("title") == "CFO");
  CHECK(changed.get("email") == "ewa@acme.example");
  CHECK(changed.find("emails")->items().size() == 2);
}

TEST_CASE("import_vcards refuses a card whose e-mail is not an address, and keeps a crm UID",
          "[vcard][import]") {
  DataDir d;
  VcardImport r = import_vcards(
      d.session,
      {{"a.vcf",
        "BEGIN:VCARD\nFN:X\nEMAIL:not an address\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nUID;VALUE=text:C-7K3QZ9AB\nFN:Kept Id\nEND:VCARD\n"}});
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0] == "a.vcf:1: card 1: EMAIL 'not an address' is not an e-mail address");
  REQUIRE(r.changes.changes.size() == 1);
  CHECK(r.changes.changes[0].record.id() == "C-7K3QZ9AB");
}

TEST_CASE("export_vcards writes what import_vcards reads back the same", "[vcard][import]") {
  DataDir d;
  std::string cards =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Ewa Nowak\nORG:Acme\\, Inc.\nTITLE:CFO\n"
      "EMAIL;TYPE=work:ewa@acme.example\nEMAIL;TYPE=home:ewa@home.example\n"
      "TEL;TYPE=cell:+48 601\nTEL;TYPE=work,voice:+48 42\n"
      "ADR:;;Main St 1;Lodz;;90-001;PL\nNOTE:two\\nlines\nEND:VCARD\n";
  d.commit(import_vcards(d.session, {{"a.vcf", cards}}).changes);
  std::string exported = export_vcards(d.store, d.store.load_all(Kind::contact));
  DataDir fresh;
  fresh.commit(import_vcards(fresh.session, {{"b.vcf", exported}}).changes);
  CHECK(export_vcards(fresh.store, fresh.store.load_all(Kind::contact)) == exported);
}

}  // namespace vcard_tests
