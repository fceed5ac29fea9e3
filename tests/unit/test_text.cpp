// Text helpers: UTF-8 validation, terminal escaping, widths, case and splitting.
#include <catch2/catch.hpp>

#include "crm/base/text.h"

using namespace crm;

namespace text_tests {

TEST_CASE("is_valid_utf8 accepts well-formed UTF-8 only", "[text]") {
  for (std::string good : std::vector<std::string>{"", "plain ascii", "Zażółć gęślą jaźń", "日本語",
                                                   "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
                                                   std::string("nul\0inside", 10)}) {
    INFO(good);
    CHECK(is_valid_utf8(good));
  }
  for (std::string bad :
       {"\xff", "\x80", "\xc3", "\xc3(", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
        "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "ok\xe2\x82"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_utf8(bad));
  }
}

TEST_CASE("escape_for_terminal makes control characters visible", "[text]") {
  CHECK(escape_for_terminal("plain Zażółć") == "plain Zażółć");
  CHECK(escape_for_terminal("\x1b[31mred") == "\\x1b[31mred");
  CHECK(escape_for_terminal("a\nb\tc\rd") == "a\\x0ab\\x09c\\x0dd");
  CHECK(escape_for_terminal("del\x7f") == "del\\x7f");
  CHECK(escape_for_terminal("csi\xc2\x9b") == "csi\\u009b");
  CHECK(escape_for_terminal("nel\xc2\x85") == "nel\\u0085");
  CHECK(escape_for_terminal("nbsp\xc2\xa0") == "nbsp\xc2\xa0");
}

TEST_CASE("display_width counts code points", "[text]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("żółć") == 4);
  CHECK(display_width("\xf0\x9f\x98\x80") == 1);
}

TEST_CASE("Case, trimming, splitting and joining", "[text]") {
  CHECK(to_lower("MiXeD 123") == "mixed 123");
  CHECK(to_upper("l-7k3q") == "L-7K3Q");
  CHECK(trim("  \t a b \r\n") == "a b");
  CHECK(trim(" \n ").empty());
  CHECK(contains_case_insensitive("Acme Ltd", "ME L"));
  CHECK_FALSE(contains_case_insensitive("Acme", "acne"));
  CHECK(contains_case_insensitive("Acme", ""));
  CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(split("", ',') == std::vector<std::string>{""});
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({}, ", ").empty());
}

}  // namespace text_tests
