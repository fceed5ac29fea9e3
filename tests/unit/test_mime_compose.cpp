// The encoders and the composer of outgoing mail: base64, quoted-printable, encoded-words for
// Polish text (decoded back here by a small reference decoder), folding, RFC 2231 file names,
// dates, Message-IDs, and header injection refused.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "crm/acting/mime_compose.h"
#include "crm/acting/mime_encode.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "helpers.h"

using namespace crm;

namespace mime_compose_test {

// A reference decoder, independent of the encoders under test: base64 and RFC 2047 words.
std::string reference_decode_base64(std::string_view text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    auto at = alphabet.find(c);
    REQUIRE(at != std::string::npos);
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

int hex_value(char c) {
  return c <= '9' ? c - '0' : c - 'A' + 10;
}

std::string decode_word(const std::string& word) {
  REQUIRE(word.rfind("=?UTF-8?", 0) == 0);
  REQUIRE(word.size() <= 75);
  REQUIRE(word.substr(word.size() - 2) == "?=");
  char encoding = word[8];
  std::string payload = word.substr(10, word.size() - 12);
  if (encoding == 'B') return reference_decode_base64(payload);
  REQUIRE(encoding == 'Q');
  std::string out;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] == '_') {
      out += ' ';
    } else if (payload[i] == '=') {
      out += static_cast<char>(hex_value(payload[i + 1]) * 16 + hex_value(payload[i + 2]));
      i += 2;
    } else {
      out += payload[i];
    }
  }
  return out;
}

std::string decode_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += decode_word(w);
  return out;
}

std::vector<std::string> lines_of_text(const std::string& text) {
  return split(text, '\n');
}

// The header `name` of a composed message, unfolded.
std::string header(const std::string& message, const std::string& name) {
  std::string out;
  bool in = false;
  for (const std::string& line : lines_of_text(message)) {
    if (line.empty()) break;
    if (in && (line[0] == ' ' || line[0] == '\t')) {
      out += line;
      continue;
    }
    in = line.rfind(name + ":", 0) == 0;
    if (in) out = line.substr(name.size() + 2);
  }
  return out;
}

OutgoingMail sample() {
  OutgoingMail m;
  m.from = {"Anna Nowak", "anna@seller.example"};
  m.to = {{"Jan Kowalski", "jan@acme.example"}};
  m.subject = "Your quote";
  m.body = "Hello Jan,\n\nsee you.\n";
  m.date = "Mon, 23 Nov 2026 09:00:00 +0000";
  m.message_id = "20261123090000.ABC@seller.example";
  return m;
}

}  // namespace mime_compose_test

using namespace mime_compose_test;

TEST_CASE("base64 of binary data, on 76-character lines", "[mime]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode(std::string("\x00\xff\xfe", 3)) == "AP/+");
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string lines = base64_lines(all + all);
  for (const std::string& line : lines_of_text(lines)) CHECK(line.size() <= 76);
  CHECK(lines_of_text(lines)[0].size() == 76);
  CHECK(lines.back() == '\n');
  CHECK(reference_decode_base64(lines) == all + all);
  CHECK(base64_lines("") == "");
}

TEST_CASE("quoted-printable escapes =, non-ASCII, trailing spaces and risky line starts",
          "[mime]") {
  CHECK(quoted_printable_encode("a=b") == "a=3Db");
  CHECK(quoted_printable_encode("Zażółć gęślą") ==
        "Za=C5=BC=C3=B3=C5=82=C4=87 g=C4=99=C5=9Bl=C4=85");
  CHECK(quoted_printable_encode("end \nnext\t\n") == "end=20\nnext=09\n");
  CHECK(quoted_printable_encode("From here\n.\n") == "=46rom here\n=2E\n");
  CHECK(quoted_printable_encode("a\r\nb") == "a\nb");
  CHECK(quoted_printable_encode("") == "");
}

TEST_CASE("quoted-printable wraps long lines with soft breaks and never splits an escape",
          "[mime]") {
  std::string long_line(100, 'x');
  std::string encoded = quoted_printable_encode(long_line);
  auto lines = lines_of_text(encoded);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == std::string(75, 'x') + "=");
  CHECK(lines[1] == std::string(25, 'x'));
  std::string polish;
  for (int i = 0; i < 60; ++i) polish += "ł";
  for (const std::string& line : lines_of_text(quoted_printable_encode("ab" + polish))) {
    CHECK(line.size() <= 76);
    // A soft break follows whole escapes only: the line ends in "=" after "=XX" or is the last.
    if (!line.empty() && line.back() == '=') CHECK(line[line.size() - 4] == '=');
  }
}

TEST_CASE("encoded-words carry Polish text exactly, each at most 75 characters", "[mime]") {
  CHECK(encoded_words("ą") == std::vector<std::string>{"=?UTF-8?B?xIU=?="});
  CHECK(encoded_words("Oferta ąę") == std::vector<std::string>{"=?UTF-8?B?T2ZlcnRhIMSFxJk=?="});
  CHECK(encoded_words("Oferta na pompy ą") ==
        std::vector<std::string>{"=?UTF-8?Q?Oferta_na_pompy_=C4=85?="});
  CHECK(is_plain_header_text("Quote Q-2026-0001"));
  CHECK_FALSE(is_plain_header_text("Oferta ą"));
  CHECK_FALSE(is_plain_header_text("looks =?like?= a word"));
  for (std::string text : {"Zażółć gęślą jaźń — oferta na pompy dla Łódzkich Zakładów",
                           "ąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęłąęł",
                           "Żółw 🐢 and a long English tail that goes on and on and on"}) {
    for (bool phrase : {false, true}) {
      auto words = encoded_words(text, phrase);
      CHECK(words.size() >= 1);
      CHECK(decode_words(words) == text);
      for (const std::string& w : words) {
        CHECK(w.size() <= 66);
        CHECK(is_valid_utf8(decode_word(w)));  // whole characters in each word
      }
    }
  }
}

TEST_CASE("MIME parameters: quoted ASCII, RFC 2231 for the rest", "[mime]") {
  CHECK(mime_parameter("filename", "Q-2026-0001.pdf") ==
        std::vector<std::string>{"filename=\"Q-2026-0001.pdf\""});
  CHECK(mime_parameter("filename", "a\"b.pdf") ==
        std::vector<std::string>{"filename=\"a\\\"b.pdf\""});
  CHECK(mime_parameter("filename", "Oferta Łódź.pdf") ==
        std::vector<std::string>{"filename*=UTF-8''Oferta%20%C5%81%C3%B3d%C5%BA.pdf"});
  std::string long_name;
  for (int i = 0; i < 30; ++i) long_name += "ł";
  auto parts = mime_parameter("filename", long_name + ".pdf");
  REQUIRE(parts.size() > 1);
  CHECK(parts[0].rfind("filename*0*=UTF-8''%C5%82", 0) == 0);
  CHECK(parts[1].rfind("filename*1*=%C5%82", 0) == 0);
}

TEST_CASE("the RFC 5322 date of a timestamp", "[mime]") {
  CHECK(rfc5322_date("2026-11-23T17:44:02+01:00") == "Mon, 23 Nov 2026 17:44:02 +0100");
  CHECK(rfc5322_date("2026-03-01T00:00:00.123+00:00") == "Sun, 1 Mar 2026 00:00:00 +0000");
  CHECK(rfc5322_date("2026-07-04T12:00:00-05:30") == "Sat, 4 Jul 2026 12:00:00 -0530");
  CHECK_THROWS_AS(rfc5322_date("2026-11-23"), UsageError);
}

TEST_CASE("Message-IDs are unique and take the sender's domain", "[mime]") {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string id = new_message_id("Anna@Seller.Example", "2026-11-23T17:44:02+00:00");
    CHECK(id.rfind("20261123174402.", 0) == 0);
    CHECK(id.substr(id.find('@')) == "@seller.example");
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("a plain message: headers, quoted-printable UTF-8 text", "[mime]") {
  OutgoingMail m = sample();
  m.subject = "Oferta na pompy — ąęł";
  m.to.push_back({"Kowalski, Jan", "jan2@acme.example"});
  m.cc = {{"", "office@acme.example"}};
  m.body = "Dzień dobry,\n\nwysyłamy ofertę.\n";
  std::string text = compose_mail(m);
  CHECK(header(text, "From") == "Anna Nowak <anna@seller.example>");
  CHECK(header(text, "To") ==
        "Jan Kowalski <jan@acme.example>, \"Kowalski, Jan\" <jan2@acme.example>");
  CHECK(header(text, "Cc") == "office@acme.example");
  CHECK(header(text, "Message-ID") == "<20261123090000.ABC@seller.example>");
  CHECK(header(text, "MIME-Version") == "1.0");
  CHECK(header(text, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(header(text, "Content-Transfer-Encoding") == "quoted-printable");
  // The subject's encoded-words, unfolded and decoded, give it back.
  std::vector<std::string> words;
  for (const std::string& w : split(header(text, "Subject"), ' '))
    if (!w.empty()) words.push_back(w);
  CHECK(decode_words(words) == m.subject);
  CHECK(text.find("\n\nDzie=C5=84 dobry,\n\nwysy=C5=82amy ofert=C4=99.\n") != std::string::npos);
  for (const std::string& line : lines_of_text(text)) CHECK(line.size() < 78);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("long subjects fold under 78 columns and unfold to the text", "[mime]") {
  OutgoingMail m = sample();
  m.subject =
      "A rather long subject line that needs folding because it goes on past the "
      "seventy-eight column limit of RFC 5322, twice over in fact";
  std::string text = compose_mail(m);
  CHECK(header(text, "Subject") == m.subject);
  for (const std::string& line : lines_of_text(text)) CHECK(line.size() <= 76);
  m.subject = std::string(300, 'x');  // one word too long for a line: encoded-words
  text = compose_mail(m);
  for (const std::string& line : lines_of_text(text)) CHECK(line.size() <= 76);
}

TEST_CASE("a message with attachments is multipart/mixed with base64 parts", "[mime]") {
  OutgoingMail m = sample();
  m.attachments.push_back(
      {"Q-2026-0001.pdf", "application/pdf", std::string("%PDF-1.4\0\xff", 10)});
  m.attachments.push_back({"Oferta Łódź.html", "text/html; charset=UTF-8", "<p>3745.31</p>"});
  std::string text = compose_mail(m);
  std::string type = header(text, "Content-Type");
  REQUIRE(type.rfind("multipart/mixed; boundary=\"=_crm_", 0) == 0);
  std::string boundary = type.substr(type.find('"') + 1);
  boundary.pop_back();
  CHECK(text.find("\n--" + boundary + "\nContent-Type: text/plain; charset=UTF-8\n") !=
        std::string::npos);
  CHECK(text.find("Content-Type: application/pdf; name=\"Q-2026-0001.pdf\"\n"
                  "Content-Disposition: attachment; filename=\"Q-2026-0001.pdf\"\n"
                  "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQA/w==\n") != std::string::npos);
  CHECK(text.find("filename*=UTF-8''Oferta%20%C5%81%C3%B3d%C5%BA.html") != std::string::npos);
  CHECK(text.find("PHA+Mzc0NS4zMTwvcD4=") != std::string::npos);
  CHECK(text.size() - text.rfind("\n--" + boundary + "--\n") == boundary.size() + 6);
  for (const std::string& line : lines_of_text(text)) CHECK(line.size() < 78);
}

TEST_CASE("a line break in any header value is refused, never a new header", "[mime]") {
  OutgoingMail m = sample();
  m.subject = "Hello\r\nBcc: victim@example.com";
  auto e = crm_test::thrown<UsageError>([&] { compose_mail(m); });
  CHECK_THAT(std::string(e.what()), Catch::Contains("subject holds a line break"));
  m = sample();
  m.to[0].address = "jan@acme.example\nBcc: victim@example.com";
  CHECK_THROWS_AS(compose_mail(m), UsageError);
  m = sample();
  m.to[0].name = "Jan\nBcc: victim@example.com";
  CHECK_THROWS_AS(compose_mail(m), UsageError);
  m = sample();
  m.message_id = "x@y\nBcc: victim@example.com";
  CHECK_THROWS_AS(compose_mail(m), UsageError);
  // Names from records are cleaned instead.
  CHECK(clean_display_name("Jan\r\nBcc:  x\t") == "Jan Bcc: x");
  m = sample();
  m.to[0].name = clean_display_name("Jan\nBcc: victim@example.com");
  std::string text = compose_mail(m);
  CHECK(text.find("\nBcc:") == std::string::npos);
}

TEST_CASE("a message needs a recipient and valid addresses", "[mime]") {
  OutgoingMail m = sample();
  m.to.clear();
  CHECK_THROWS_AS(compose_mail(m), UsageError);
  m = sample();
  m.from.address = "not an address";
  CHECK_THROWS_AS(compose_mail(m), UsageError);
  m = sample();
  m.from.name = "Łukasz Żółć";
  std::string from = header(compose_mail(m), "From");
  CHECK(from.find("<anna@seller.example>") != std::string::npos);
  CHECK(from.find("=?UTF-8?") == 0);
}
