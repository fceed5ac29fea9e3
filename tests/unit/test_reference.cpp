// Resolving references: exact ID, unique ID prefix, exact name or email, kind restrictions.
#include <catch2/catch.hpp>

#include "crm/kinds/reference.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace reference_tests {

namespace {

// A small directory: two leads sharing the prefix L-ABCD, an account, a contact.
struct People : DataDir {
  People() {
    put("leads/L-ABCD1234.yaml",
        "id: \"L-ABCD1234\"\nstatus: \"new\"\nname: \"Jan Kowalski\"\n"
        "email: \"Jan@Example.com\"\ncreated: \"2026-11-01T09:00:00+00:00\"\n");
    put("leads/L-ABCD5678.yaml",
        "id: \"L-ABCD5678\"\nstatus: \"new\"\nname: \"Ewa Nowak\"\n"
        "created: \"2026-11-02T09:00:00+00:00\"\n");
    put("accounts/A-ACME0001.yaml",
        "id: \"A-ACME0001\"\nname: \"Acme Ltd\"\nemail: \"office@acme.example\"\n"
        "created: \"2026-11-03T09:00:00+00:00\"\n");
    put("contacts/C-PQRS0001.yaml",
        "id: \"C-PQRS0001\"\nname: \"Piotr Zielinski\"\naccount: \"A-ACME0001\"\n"
        "email: \"piotr@acme.example\"\ncreated: \"2026-11-04T09:00:00+00:00\"\n");
  }
};

}  // namespace

TEST_CASE("resolve finds a record by its exact ID", "[reference]") {
  People d;
  Record r = resolve(d.store, "L-ABCD1234");
  CHECK(r.kind() == Kind::lead);
  CHECK(r.id() == "L-ABCD1234");
  CHECK(r.get("name") == "Jan Kowalski");
  CHECK(resolve(d.store, "  A-ACME0001  ").id() == "A-ACME0001");
  CHECK(resolve(d.store, "l-abcd5678").id() == "L-ABCD5678");
}

TEST_CASE("resolve takes a unique ID prefix of at least 4 characters, in any case", "[reference]") {
  People d;
  CHECK(resolve(d.store, "L-ABCD1").id() == "L-ABCD1234");
  CHECK(resolve(d.store, "l-abcd5").id() == "L-ABCD5678");
  CHECK(resolve(d.store, "A-ACME").id() == "A-ACME0001");
  CHECK(resolve(d.store, "a-acme").id() == "A-ACME0001");
  CHECK(resolve(d.store, "c-pqrs").id() == "C-PQRS0001");
  // Crockford aliases: o is 0, l is 1.
  CHECK(resolve(d.store, "a-acmeooo").id() == "A-ACME0001");
  CHECK(resolve(d.store, "l-abcdl23").id() == "L-ABCD1234");
}

TEST_CASE("resolve refuses an ID prefix of 3 characters", "[reference]") {
  People d;
  auto e = thrown<NotFoundError>([&] { resolve(d.store, "A-ACM"); });
  CHECK(e.code() == ExitCode::not_found);
  CHECK_THAT(e.what(), Catch::Contains("A-ACM"));
  CHECK_THAT(e.hint(), Catch::Contains("at least 4 characters"));
}

TEST_CASE("resolve refuses an ambiguous prefix and lists every candidate", "[reference]") {
  People d;
  auto e = thrown<NotFoundError>([&] { resolve(d.store, "L-ABCD"); });
  CHECK(e.code() == ExitCode::not_found);
  CHECK_THAT(e.what(), Catch::Contains("ambiguous"));
  CHECK_THAT(e.what(), Catch::Contains("L-ABCD1234"));
  CHECK_THAT(e.what(), Catch::Contains("L-ABCD5678"));
  CHECK_THAT(e.what(), Catch::Contains("Jan Kowalski"));
  CHECK_FALSE(e.hint().empty());
}

TEST_CASE("resolve finds accounts, contacts and leads by exact name", "[reference]") {
  People d;
  CHECK(resolve(d.store, "Acme Ltd").id() == "A-ACME0001");
  CHECK(resolve(d.store, "Piotr Zielinski").id() == "C-PQRS0001");
  CHECK(resolve(d.store, "Ewa Nowak").id() == "L-ABCD5678");
  // Names match exactly, not by substring or case.
  CHECK_THROWS_AS(resolve(d.store, "Acme"), NotFoundError);
  CHECK_THROWS_AS(resolve(d.store, "acme ltd"), NotFoundError);
}

TEST_CASE("resolve finds a record by email in any letter case", "[reference]") {
  People d;
  CHECK(resolve(d.store, "jan@example.com").id() == "L-ABCD1234");
  CHECK(resolve(d.store, "JAN@EXAMPLE.COM").id() == "L-ABCD1234");
  CHECK(resolve(d.store, "Office@Acme.Example").id() == "A-ACME0001");
  CHECK(resolve(d.store, "piotr@acme.example", {Kind::contact}).id() == "C-PQRS0001");
}

TEST_CASE("resolve honours the allowed kinds", "[reference]") {
  People d;
  auto e = thrown<NotFoundError>([&] { resolve(d.store, "L-ABCD1234", {Kind::account}); });
  CHECK_THAT(e.what(), Catch::Contains("account"));
  CHECK_THAT(e.what(), Catch::Contains("L-ABCD1234"));
  CHECK_THROWS_AS(resolve(d.store, "L-ABCD12", {Kind::account}), NotFoundError);
  CHECK_THROWS_AS(resolve(d.store, "Jan Kowalski", {Kind::account, Kind::contact}), NotFoundError);
  CHECK(resolve(d.store, "Acme Ltd", {Kind::account}).kind() == Kind::account);
  CHECK(resolve(d.store, "L-ABCD1234", {Kind::account, Kind::lead}).kind() == Kind::lead);
}

TEST_CASE("resolve reports what does not exist", "[reference]") {
  People d;
  auto missing_id = thrown<NotFoundError>([&] { resolve(d.store, "L-ZZZZZZZZ"); });
  CHECK_THAT(missing_id.what(), Catch::Contains("L-ZZZZZZZZ"));
  auto missing_name = thrown<NotFoundError>([&] { resolve(d.store, "Nobody", {Kind::lead}); });
  CHECK(std::string(missing_name.what()) == "no lead matches 'Nobody'");
  CHECK_THAT(missing_name.hint(), Catch::Contains("crm lead list"));
  CHECK_THROWS_AS(resolve(d.store, "   "), UsageError);
}

TEST_CASE("resolve escapes control characters of what it echoes", "[reference]") {
  People d;
  auto e = thrown<NotFoundError>([&] { resolve(d.store, "evil\x1b[31m", {Kind::lead}); });
  CHECK(std::string(e.what()).find('\x1b') == std::string::npos);
  CHECK_THAT(e.what(), Catch::Contains("\\x1b"));
}

}  // namespace reference_tests
