// E-mail syntax: exactly the WHATWG HTML "valid e-mail address" rule, table-driven.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crm/base/email.h"

using namespace crm;

namespace {

// A label of `n` characters: letters and digits, with hyphens inside.
std::string email_label(std::size_t n) {
  std::string label(n, 'a');
  for (std::size_t i = 1; i + 1 < n; i += 7) label[i] = '-';
  if (n > 2) label[n - 2] = '9';
  return label;
}

}  // namespace

TEST_CASE("is_valid_email accepts ordinary addresses", "[email]") {
  for (std::string good : {"a@b", "jan.kowalski@example.com", "k.albers@nordwind-logistik.example",
                           "A.Albers@Example.COM", "anna_b@example.pl", "o'brien@example.ie",
                           "1@2.3", "x@123.example"}) {
    INFO(good);
    CHECK(is_valid_email(good));
  }
}

TEST_CASE("is_valid_email accepts plus tags, subdomains and single-label domains", "[email]") {
  for (std::string good : {"jan+crm@example.com", "jan+crm+2026@example.com", "+@example.com",
                           "a@mail.eu.example.co.uk", "a@x.y.z.w.v", "a@localhost", "root@intranet",
                           "a@x-y.example", "a@x--y.example", "a@xn--bcher-kva.example"}) {
    INFO(good);
    CHECK(is_valid_email(good));
  }
}

// HTML's local part is one or more atext characters and dots, in any order: looser than RFC
// 5322, which forbids leading, trailing and doubled dots. Browsers accept these.
TEST_CASE("is_valid_email accepts every atext character and dots anywhere in the local part",
          "[email]") {
  for (std::string good :
       {"!#$%&'*+-/=?^_`{|}~@example.com", ".a@b", "a.@b", "a..b@c", ".@b", "...@b", "{x}|~@b"}) {
    INFO(good);
    CHECK(is_valid_email(good));
  }
  CHECK(is_valid_email(std::string(1000, 'x') + "@example.com"));  // HTML sets no length
}

TEST_CASE("is_valid_email allows labels of up to 63 characters", "[email]") {
  CHECK(email_label(63).size() == 63);
  CHECK(is_valid_email("a@" + email_label(63)));
  CHECK(is_valid_email("a@" + email_label(63) + ".example"));
  CHECK(is_valid_email("a@sub." + email_label(63) + "." + email_label(63)));
  CHECK(is_valid_email("a@" + std::string(63, '7')));
  CHECK(is_valid_email("a@" + email_label(1) + "." + email_label(2)));
  CHECK_FALSE(is_valid_email("a@" + email_label(64)));
  CHECK_FALSE(is_valid_email("a@" + email_label(64) + ".example"));
  CHECK_FALSE(is_valid_email("a@example." + email_label(64)));
  CHECK_FALSE(is_valid_email("a@" + std::string(64, '7')));
}

TEST_CASE("is_valid_email refuses a missing or repeated part", "[email]") {
  for (std::string bad :
       {"", "@", "a", "a@", "@b", "@b.c", "a@@b", "a@b@c", "@@", "a.b.c", "example.com"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
}

TEST_CASE("is_valid_email refuses display names, lists, quotes and comments", "[email]") {
  for (std::string bad : {"<a@b>", "<a@b.c>", "Jan <a@b.c>", "a@b,c@d", "a@b, c@d", "a@b;c@d",
                          "a@b c@d", "\"a\"@b", "\"a b\"@c", "a(note)@b", "a@b(note)", "mailto:a@b",
                          "a@[127.0.0.1]", "a@[IPv6:::1]", "a\\@b@c", "a@b\\c"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
}

TEST_CASE("is_valid_email refuses spaces, tabs, newlines and control characters", "[email]") {
  for (std::string bad :
       {" a@b",    "a@b ",        "a @b",    "a@ b",    "a b@c",   "a@b c",   "a\t@b",
        "a@b\t",   "\ta@b",       "a@b\n",   "\na@b",   "a\n@b",   "a@b\r\n", "a@b\rc",
        "a\x01@b", "a@b\x1b[31m", "a\x7f@b", "a@b\x7f", "a@b\x0b", "a@b\x0c"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
  CHECK_FALSE(is_valid_email(std::string("a@b\0c", 5)));
  CHECK_FALSE(is_valid_email(std::string("a\0@b", 4)));
  CHECK_FALSE(is_valid_email(std::string("a@b\0", 4)));
}

TEST_CASE("is_valid_email refuses malformed domains", "[email]") {
  for (std::string bad :
       {"a@b.", "a@.b", "a@b..c", "a@.", "a@-b", "a@b-", "a@b.-c", "a@b.c-", "a@-", "a@b_c",
        "a@b_c.example", "a@b!c", "a@b+c", "a@b/c", "a@b%c", "a@*.example", "a@example.com."}) {
    INFO(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
}

// HTML's rule is ASCII only: an internationalised address (RFC 6531) is refused, as is any
// byte that is not UTF-8.
TEST_CASE("is_valid_email refuses non-ASCII text", "[email]") {
  for (std::string bad : {"jörg@example.de", "jan@bücher.example", "用户@例子.广告",
                          "a@b.example\xc2\xa0", "a\xe2\x80\x8b@b",
                          "a\xef\xbc\xa0"
                          "b",
                          "a@b\xff", "\xc3@b"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_email(bad));
  }
}
