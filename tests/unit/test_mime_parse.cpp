// Reading received mail: headers, encoded words, addresses, dates, MIME parts, transfer
// encodings, charsets, mailboxes, and the limits that keep hostile input harmless.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crm/acting/mbox.h"
#include "crm/acting/mime_parse.h"
#include "crm/base/charset.h"

using namespace crm;

namespace mime_parse_tests {

TEST_CASE("Quoted-printable: escapes, =3D, soft line breaks, malformed escapes kept", "[mime]") {
  CHECK(decode_quoted_printable("a=3Db") == "a=b");
  CHECK(decode_quoted_printable("Zam=C3=B3wienie") == "Zamówienie");
  CHECK(decode_quoted_printable("long line=\ncontinued") == "long linecontinued");
  CHECK(decode_quoted_printable("soft with space=  \nnext") == "soft with spacenext");
  CHECK(decode_quoted_printable("crlf=\r\nnext") == "crlfnext");
  CHECK(decode_quoted_printable("100% =ZZ ok=") == "100% =ZZ ok");
  CHECK(decode_quoted_printable("lower =c3=a9") == "lower é");
}

TEST_CASE("Base64 tolerates line breaks and white space", "[mime]") {
  CHECK(decode_base64("SGVsbG8s\r\n IHdv\ncmxkIQ==") == "Hello, world!");
  CHECK(decode_base64("") == "");
  CHECK(decode_base64("AAEC/w==") == std::string("\x00\x01\x02\xff", 4));
}

TEST_CASE("Encoded words: B and Q, any charset, adjacent words join, malformed ones stay",
          "[mime]") {
  CHECK(decode_encoded_words("=?UTF-8?B?WmHFvMOzxYLEhw==?=") == "Zażółć");
  CHECK(decode_encoded_words("=?iso-8859-2?Q?Oferta_na_s=B3u=BFb=EA?=") == "Oferta na służbę");
  // Adjacent encoded words separated by white space only join without it.
  CHECK(decode_encoded_words("=?UTF-8?Q?Za=C5=BC?= =?UTF-8?Q?=C3=B3=C5=82=C4=87?=") == "Zażółć");
  CHECK(decode_encoded_words("=?UTF-8?Q?a?=\n\t=?UTF-8?Q?b?=") == "ab");
  // Text between words keeps its spaces.
  CHECK(decode_encoded_words("Re: =?UTF-8?Q?Zam=C3=B3wienie?= nr 5") == "Re: Zamówienie nr 5");
  CHECK(decode_encoded_words("=?UTF-8?Q?a?= x =?UTF-8?Q?b?=") == "a x b");
  // Malformed: no closing, unknown encoding, unknown charset, space inside.
  CHECK(decode_encoded_words("=?UTF-8?Q?abc") == "=?UTF-8?Q?abc");
  CHECK(decode_encoded_words("=?UTF-8?X?abc?=") == "=?UTF-8?X?abc?=");
  CHECK(decode_encoded_words("=?no-such-charset?Q?abc?=") == "=?no-such-charset?Q?abc?=");
  CHECK(decode_encoded_words("=?UTF-8?Q?a b?=") == "=?UTF-8?Q?a b?=");
  // RFC 2231 language suffix in the charset.
  CHECK(decode_encoded_words("=?UTF-8*pl?Q?=C5=82?=") == "ł");
  // Raw 8-bit Latin text that is no UTF-8 comes out as UTF-8 all the same.
  CHECK(decode_encoded_words("caf\xe9") == "café");
}

TEST_CASE("Charsets convert to UTF-8 through one iconv converter", "[mime]") {
  CHECK(to_utf8("\xb1\xea\xb3\xf3\xb6\xbf\xbc\xe6\xf1", "ISO-8859-2") == "ąęłóśżźćń");
  CHECK(to_utf8("\xb9\xea\xb3", "windows-1250") == "ąęł");
  CHECK(to_utf8("plain", "us-ascii") == "plain");
  CHECK_FALSE(to_utf8("\xff", "UTF-8"));
  CHECK_FALSE(to_utf8("x", "no-such-charset"));
  CHECK(to_utf8_lenient("\xe9t\xe9", "no-such-charset") == "été");
}

TEST_CASE("Headers unfold, keep repeats in order, and compare names in any case", "[mime]") {
  std::string_view body;
  MailHeaders h = parse_headers(
      "Subject: a long\n subject\nReceived: one\nRECEIVED: two\nX-Empty:\n\nthe body\n", &body);
  CHECK(h.get("subject") == "a long subject");
  CHECK(h.all("Received") == std::vector<std::string>{"one", "two"});
  CHECK(h.get("x-empty") == "");
  CHECK_FALSE(h.get("To"));
  CHECK(body == "the body\n");
  CHECK_THROWS_AS(parse_headers("this is no mail\n\nbody", &body), MimeError);
  CHECK_THROWS_AS(parse_headers("Subject: " + std::string(300'000, 'x') + "\n\n", &body),
                  MimeError);
}

TEST_CASE("Addresses: display names, quotes, comments, groups, encoded words", "[mime]") {
  auto a = parse_address_list("\"Nowak, Jan\" <jan@x.pl>, ewa@y.pl (Ewa Lis), <bare@z.pl>");
  REQUIRE(a.size() == 3);
  CHECK(a[0].name == "Nowak, Jan");
  CHECK(a[0].address == "jan@x.pl");
  CHECK(a[1].name == "Ewa Lis");
  CHECK(a[1].address == "ewa@y.pl");
  CHECK(a[2].name.empty());
  CHECK(a[2].address == "bare@z.pl");

  auto g = parse_address_list("team: Ann <ann@a.example>, bob@b.example;, carl@c.example");
  REQUIRE(g.size() == 3);
  CHECK(g[0].name == "Ann");
  CHECK(g[1].address == "bob@b.example");
  CHECK(g[2].address == "carl@c.example");

  auto e = parse_address_list("=?UTF-8?Q?Pawe=C5=82_Wi=C5=9Bniewski?= <pawel@w.pl>");
  REQUIRE(e.size() == 1);
  CHECK(e[0].name == "Paweł Wiśniewski");

  CHECK(parse_address_list("undisclosed-recipients:;").empty());
  CHECK(parse_address_list("").empty());
}

TEST_CASE("Dates: RFC 5322, obsolete zones and years, to ISO 8601 with offset", "[mime]") {
  CHECK(parse_mail_date("Tue, 3 Nov 2026 14:05:09 +0100") == "2026-11-03T14:05:09+01:00");
  CHECK(parse_mail_date("3 Nov 2026 14:05 -0430") == "2026-11-03T14:05:00-04:30");
  CHECK(parse_mail_date("Mon, 02 Nov 2026 08:00:00 GMT") == "2026-11-02T08:00:00+00:00");
  CHECK(parse_mail_date("Mon, 2 Nov 2026 08:00:00 EST") == "2026-11-02T08:00:00-05:00");
  CHECK(parse_mail_date("Mon, 2 Nov 26 08:00:00 PDT") == "2026-11-02T08:00:00-07:00");
  CHECK(parse_mail_date("2 Nov 99 08:00:00 Z") == "1999-11-02T08:00:00+00:00");
  CHECK(parse_mail_date("Wed, 4 Nov 2026 09:30:00 +0100 (CET)") == "2026-11-04T09:30:00+01:00");
  CHECK(parse_mail_date("Fri, 30 Feb 2026 10:00:00 +0000") == std::nullopt);
  CHECK(parse_mail_date("yesterday") == std::nullopt);
  CHECK(parse_mail_date("") == std::nullopt);
}

TEST_CASE("Message IDs lose their angle brackets, in order", "[mime]") {
  CHECK(parse_message_ids("<a@x> <b@y>\n <c@z>") == std::vector<std::string>{"a@x", "b@y", "c@z"});
  CHECK(parse_message_ids("bare@id") == std::vector<std::string>{"bare@id"});
}

TEST_CASE("MIME fields: parameters, quotes, RFC 2231 continuations and charsets", "[mime]") {
  MimeField f = parse_mime_field("Text/Plain; charset=\"ISO-8859-2\"; format=flowed");
  CHECK(f.value == "text/plain");
  CHECK(f.param("charset") == "ISO-8859-2");
  CHECK(f.param("format") == "flowed");
  MimeField d = parse_mime_field(
      "attachment; filename*0*=UTF-8''Oferta%20na%20s%C5%82u; filename*1*=%C5%BCb%C4%99.pdf");
  CHECK(d.value == "attachment");
  CHECK(d.param("filename") == "Oferta na służbę.pdf");
  MimeField q = parse_mime_field("attachment; filename=\"a; b.txt\"");
  CHECK(q.param("filename") == "a; b.txt");
  MimeField e = parse_mime_field("application/pdf; name=\"=?UTF-8?B?xYHDs2TFui5wZGY=?=\"");
  CHECK(e.param("name") == "Łódź.pdf");
  MimeField l = parse_mime_field("attachment; filename*=iso-8859-2'pl'%B3%F3d%BC.txt");
  CHECK(l.param("filename") == "łódź.txt");
}

TEST_CASE("HTML becomes text: tags dropped, entities decoded, blocks as lines", "[mime]") {
  CHECK(html_to_text("<html><head><style>p{}</style></head><body><p>Dzie&#324; dobry,</p>"
                     "<p>cena&nbsp;to 5&nbsp;&euro; &amp; &lt;VAT&gt;<br>Pozdrawiam</p>"
                     "<script>alert(1)</script></body></html>") ==
        "Dzień dobry,\n\ncena to 5 € & <VAT>\nPozdrawiam");
  CHECK(html_to_text("a &unknown; &#x41; <b>bold</b>") == "a &unknown; A bold");
  CHECK(html_to_text("unclosed <tag") == "unclosed");
}

namespace {

const char* k_nested =
    "From: Jan Nowak <jan@x.pl>\r\n"
    "To: sales@example.com\r\n"
    "Subject: =?utf-8?q?Zam=C3=B3wienie?=\r\n"
    "Date: Tue, 3 Nov 2026 14:05:09 +0100\r\n"
    "Message-ID: <m1@x.pl>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
    "\r\n"
    "This is the preamble.\r\n"
    "--outer\r\n"
    "Content-Type: multipart/alternative; boundary=inner\r\n"
    "\r\n"
    "--inner\r\n"
    "Content-Type: text/plain; charset=iso-8859-2\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Dzie=F1 dobry, pro=B6b=EA o ofert=EA.=\r\n"
    " Dzi=EAkuj=EA.\r\n"
    "--inner\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>HTML version</p>\r\n"
    "--inner--\r\n"
    "--outer\r\n"
    "Content-Type: application/pdf; name=\"oferta.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"oferta.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "JVBERi0xLjQK\r\n"
    "JSVFT0YK\r\n"
    "--outer--\r\n"
    "Epilogue.\r\n";

}  // namespace

TEST_CASE("A nested multipart message: plain text chosen, attachment decoded", "[mime]") {
  MailMessage m = parse_mail(k_nested);
  CHECK(m.subject == "Zamówienie");
  REQUIRE(m.from);
  CHECK(m.from->name == "Jan Nowak");
  CHECK(m.from->address == "jan@x.pl");
  REQUIRE(m.to.size() == 1);
  CHECK(m.date == "2026-11-03T14:05:09+01:00");
  CHECK(m.message_id == "m1@x.pl");
  CHECK(m.body == "Dzień dobry, prośbę o ofertę. Dziękuję.");
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].file_name == "oferta.pdf");
  CHECK(m.attachments[0].content_type == "application/pdf");
  CHECK(m.attachments[0].data == "%PDF-1.4\n%%EOF\n");
}

TEST_CASE("A missing closing boundary ends the last part at the end", "[mime]") {
  MailMessage m = parse_mail(
      "From: a@b.c\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\n"
      "Content-Disposition: attachment; filename=x.txt\n\nlast part\n");
  CHECK(m.body == "first");
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].data == "last part\n");
}

TEST_CASE("An HTML-only message gives its text, and no body an empty one", "[mime]") {
  CHECK(parse_mail("From: a@b.c\nContent-Type: text/html\n\n<div>Hi&nbsp;there</div>").body ==
        "Hi there");
  CHECK(parse_mail("From: a@b.c\nSubject: empty\n").body.empty());
}

TEST_CASE("Hostile messages are refused with a MimeError, never a crash", "[mime]") {
  MimeLimits limits;
  limits.max_message_bytes = 1000;
  CHECK_THROWS_AS(parse_mail("From: a@b.c\n\n" + std::string(2000, 'x'), limits), MimeError);
  // Nesting deeper than the limit.
  std::string deep = "From: a@b.c\nContent-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 1; i < 30; ++i)
    deep += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=b" +
            std::to_string(i) + "\n\n";
  CHECK_THROWS_AS(parse_mail(deep), MimeError);
  // Thousands of parts.
  std::string many = "From: a@b.c\nContent-Type: multipart/mixed; boundary=b\n\n";
  for (int i = 0; i < 5000; ++i) many += "--b\n\nx\n";
  CHECK_THROWS_AS(parse_mail(many), MimeError);
  CHECK_THROWS_AS(parse_mail(""), MimeError);
  CHECK_THROWS_AS(parse_mail("\x01\x02 binary junk"), MimeError);
}

TEST_CASE("mbox: split on From lines after blank lines, >From unquoted, CRLF accepted", "[mime]") {
  std::string box =
      "From jan@x.pl Tue Nov  3 14:05:09 2026\n"
      "Subject: one\n\nbody one\n>From the start\n>>From quoted twice\n"
      "From here in the middle is no separator\n\n"
      "From ewa@y.pl Wed Nov  4 09:00:00 2026\r\n"
      "Subject: two\r\n\r\nbody two\r\n";
  CHECK(is_mbox(box));
  CHECK_FALSE(is_mbox("Subject: x\n\n"));
  auto messages = split_mbox(box);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0] ==
        "Subject: one\n\nbody one\nFrom the start\n>From quoted twice\n"
        "From here in the middle is no separator\n");
  CHECK(messages[1] == "Subject: two\r\n\r\nbody two\r\n");
}

}  // namespace mime_parse_tests
