// Record IDs: generation, validation and normalisation of what users type.
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "crm/base/ids.h"
#include "helpers.h"

using namespace crm;

namespace ids_tests {

TEST_CASE("IdGenerator draws PREFIX-XXXXXXXX in Crockford base32", "[ids]") {
  IdGenerator generator(12345);
  const std::regex pattern("(L|SC)-[0-9A-HJKMNP-TV-Z]{8}");
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) {
    std::string id = generator.next(i % 2 ? "L" : "SC");
    INFO(id);
    REQUIRE(std::regex_match(id, pattern));
    CHECK(id.find_first_of("ILOU", id.find('-')) == std::string::npos);
    CHECK(is_valid_id(id, i % 2 ? "L" : "SC"));
    seen.insert(id);
  }
  CHECK(seen.size() == 500);
}

TEST_CASE("A seeded IdGenerator is reproducible", "[ids]") {
  IdGenerator a(42), b(42), c(43);
  std::vector<std::string> from_a, from_b, from_c;
  for (int i = 0; i < 5; ++i) {
    from_a.push_back(a.next("A"));
    from_b.push_back(b.next("A"));
    from_c.push_back(c.next("A"));
  }
  CHECK(from_a == from_b);
  CHECK(from_a != from_c);
  CHECK(from_a[0] != from_a[1]);
}

TEST_CASE("$CRM_ID_SEED makes the default IdGenerator reproducible", "[ids]") {
  crm_test::EnvVar seed("CRM_ID_SEED", "golden");
  IdGenerator a, b;
  CHECK(a.next("D") == b.next("D"));
}

TEST_CASE("is_valid_id accepts exactly PREFIX-XXXXXXXX", "[ids]") {
  CHECK(is_valid_id("L-7K3QZ9AB", "L"));
  CHECK(is_valid_id("SC-00000000", "SC"));
  CHECK(is_valid_id("A-ZZZZZZZZ", "A"));

  struct Case {
    const char* id;
    const char* prefix;
  };
  const Case refused[] = {
      {"A-7K3QZ9AB", "L"},     // another kind's prefix
      {"L-7K3QZ9A", "L"},      // 7 characters
      {"L-7K3QZ9ABC", "L"},    // 9 characters
      {"L-7k3qz9ab", "L"},     // lower case
      {"l-7K3QZ9AB", "L"},     // lower-case prefix
      {"L-7K3QZ9AI", "L"},     // I is not Crockford
      {"L-7K3QZ9AL", "L"},     // L is not Crockford
      {"L-7K3QZ9AO", "L"},     // O is not Crockford
      {"L-7K3QZ9AU", "L"},     // U is not Crockford
      {"L_7K3QZ9AB", "L"},     // no dash
      {"L7K3QZ9ABC", "L"},     // no dash, right length
      {"L-../../x", "L"},      // path tricks
      {"L-AAAA/BBB", "L"},     //
      {"L-..%2F..x", "L"},     //
      {"L-AAAA BBB", "L"},     //
      {"L-AAAAAAA\n", "L"},    //
      {"", "L"},               //
      {"SC-7K3QZ9AB", "S"},    //
      {"L-7K3QZ9AB", "SC"},    //
      {"../L-7K3QZ9AB", "L"},  //
  };
  for (const auto& c : refused) {
    INFO(c.id << " as " << c.prefix);
    CHECK_FALSE(is_valid_id(c.id, c.prefix));
  }
}

TEST_CASE("id_prefix takes the kind prefix of an ID", "[ids]") {
  CHECK(id_prefix("L-7K3QZ9AB") == std::optional<std::string>("L"));
  CHECK(id_prefix("SC-7K3QZ9AB") == std::optional<std::string>("SC"));
  CHECK_FALSE(id_prefix("7K3QZ9AB").has_value());
  CHECK_FALSE(id_prefix("-7K3QZ9AB").has_value());
  CHECK_FALSE(id_prefix("ABC-7K3QZ9AB").has_value());
  CHECK_FALSE(id_prefix("l-7K3QZ9AB").has_value());
  CHECK_FALSE(id_prefix("1-7K3QZ9AB").has_value());
}

TEST_CASE("normalize_id_input upper-cases and maps Crockford aliases in the random part", "[ids]") {
  using Opt = std::optional<std::string>;
  CHECK(normalize_id_input("l-7k3qz9ab") == Opt("L-7K3QZ9AB"));
  CHECK(normalize_id_input("L-7K3Q") == Opt("L-7K3Q"));
  // O -> 0, I -> 1, L -> 1, in either case, but only after the dash.
  CHECK(normalize_id_input("l-oil0") == Opt("L-0110"));
  CHECK(normalize_id_input("L-OILO") == Opt("L-0110"));
  CHECK(normalize_id_input("sc-lo") == Opt("SC-10"));
  CHECK(normalize_id_input("i-ab12") == Opt("I-AB12"));  // the invoice prefix stays I
  CHECK(normalize_id_input("o-ab12") == Opt("O-AB12"));  // the order prefix stays O

  CHECK_FALSE(normalize_id_input("L-7K3QZ9ABC").has_value());  // longer than an ID
  CHECK_FALSE(normalize_id_input("L-7K3U").has_value());       // U is never Crockford
  CHECK_FALSE(normalize_id_input("L-../x").has_value());
  CHECK_FALSE(normalize_id_input("L-AB/C").has_value());
  CHECK_FALSE(normalize_id_input("Acme").has_value());
  CHECK_FALSE(normalize_id_input("ACM-1234").has_value());
  CHECK_FALSE(normalize_id_input("4-1234").has_value());
  CHECK_FALSE(normalize_id_input("-1234").has_value());
}

}  // namespace ids_tests
