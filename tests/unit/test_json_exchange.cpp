// The strict JSON reader (valid and invalid documents, hostile ones), and the JSON export and
// import on the in-memory store: a round trip gives the same bytes, plain values included.
#include <catch2/catch.hpp>

#include "crm/base/text.h"
#include "crm/exchange/json_exchange.h"
#include "crm/store/json.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace json_exchange_tests {
namespace {

std::string refusal(std::string_view text, const JsonLimits& limits = {}) {
  auto e = thrown<DataError>([&] { parse_json(text, "in.json", limits); });
  CHECK(e.code() == ExitCode::invalid_data);
  return e.what();
}

const char* k_contact =
    "id: \"C-7K3QZ9AB\"\n"
    "name: \"Ewa Nowak\"\n"
    "email: \"ewa@acme.example\"\n"
    "created: \"2026-11-20T10:00:00+01:00\"\n"
    "notes: |\n"
    "  First line\n"
    "  second line\n"
    "since: 2024-05-01\n"
    "score: 42\n"
    "vip: yes\n"
    "\"odd/key~\": \"x\"\n"
    "tags:\n"
    "  - 2026-01-01\n"
    "  - \"b\"\n";

}  // namespace

TEST_CASE("parse_json reads values, keeps numbers as text and strings quoted", "[json]") {
  Value v = parse_json(
      "{\"a\": \"x\\u00e9\\ud83d\\ude00\\n\", \"b\": -12.50e+3, \"c\": [true, false, null],\n"
      " \"d\": {}, \"e\": [], \"f\": \"\\\"\\\\\\/\\b\\f\\r\\t\"}",
      "in.json");
  REQUIRE(v.is_map());
  CHECK(v.find("a")->text() == "xé😀\n");
  CHECK(v.find("a")->style() == Value::Style::quoted);
  CHECK(v.find("b")->text() == "-12.50e+3");
  CHECK(v.find("b")->style() == Value::Style::plain);
  CHECK(v.find("c")->items()[0].text() == "true");
  CHECK(v.find("c")->items()[2].is_null());
  CHECK(v.find("d")->is_map());
  CHECK(v.find("e")->is_sequence());
  CHECK(v.find("f")->text() == "\"\\/\b\f\r\t");
  CHECK(v.find("d")->line() == 2);
  CHECK(parse_json(" 0 ", "x").text() == "0");
}

TEST_CASE("parse_json refuses invalid and hostile JSON with its line", "[json][hostile]") {
  CHECK(refusal("") == "in.json:1: the file holds no JSON value");
  CHECK(refusal("{\"a\": 1,}") == "in.json:1: expected a key in quotes, found '}'");
  CHECK(refusal("[1,]") == "in.json:1: unexpected ']' where a value was expected");
  CHECK(refusal("{\"a\": 1, \"a\": 2}") == "in.json:1: the key \"a\" appears twice in one object");
  CHECK(refusal("{\"a\":\n\"x") == "in.json:2: a string is never closed (is the file cut short?)");
  CHECK(refusal("{\"a\": [1, 2") == "in.json:1: expected ']' or ',' in a list, found end of file");
  CHECK(refusal("012") == "in.json:1: a number with a leading zero, which JSON does not allow");
  CHECK(refusal("1.") == "in.json:1: a number with no digits after its point");
  CHECK(refusal("{a: 1}") == "in.json:1: expected a key in quotes, found 'a'");
  CHECK(refusal("'x'") == "in.json:1: unexpected ''' where a value was expected");
  CHECK(refusal("\"\\ud800\"") ==
        "in.json:1: a \\u escape of a high surrogate not followed by a low one");
  CHECK(refusal("\"\\udc00\"") == "in.json:1: a \\u escape of a lone low surrogate");
  CHECK(refusal("\"\\x41\"") == "in.json:1: an unknown escape \\x in a string");
  CHECK(refusal("\"tab\there\"").starts_with("in.json:1: a control character"));
  CHECK(refusal("\"\xC3\x28\"") == "in.json:1: a string that is not valid UTF-8");
  CHECK(refusal("\"\xED\xA0\x80\"") == "in.json:1: a string that is not valid UTF-8");
  CHECK(refusal("\xEF\xBB\xBF{}") ==
        "in.json:1: the file starts with a byte order mark, which JSON does not allow");
  CHECK(refusal("{} {}") == "in.json:1: unexpected '{' after the JSON value");
  CHECK(refusal("nul") == "in.json:1: unexpected 'n' where a value was expected");
  CHECK(refusal(std::string(100000, '[')) == "in.json:1: nesting deeper than 32");
  CHECK(refusal("[[[1]]]", JsonLimits{.max_depth = 2}) == "in.json:1: nesting deeper than 2");
  CHECK(refusal("[1,2,3]", JsonLimits{.max_values = 3}) == "in.json:1: more than 3 values");
}

TEST_CASE("export_json and import_json give back the same record files", "[json][exchange]") {
  DataDir d;
  d.put("contacts/C-7K3QZ9AB.yaml", k_contact);
  std::string exported = export_json(d.store, std::nullopt);
  CHECK(
      exported.starts_with("{\n  \"crm_export\": 1,\n  \"records\": [\n    {\n"
                           "      \"kind\": \"contact\",\n"));
  CHECK(exported.find("\"plain\": [\n        \"/since\",\n        \"/vip\",\n"
                      "        \"/tags/0\"\n      ]") != std::string::npos);
  CHECK(exported.find("\"score\": 42") != std::string::npos);
  CHECK(export_json(d.store, std::nullopt) == exported);
  CHECK(export_json(d.store, Kind::deal) == "{\n  \"crm_export\": 1,\n  \"records\": []\n}\n");

  DataDir fresh;
  JsonImport imported = import_json(fresh.session, exported, "all.json");
  CHECK(imported.changes.changes.size() == 1);
  fresh.commit(imported.changes);
  CHECK(fresh.text_of("contacts/C-7K3QZ9AB.yaml") == k_contact);

  // Again: the same record is unchanged; a different one is refused, naming it.
  JsonImport again = import_json(fresh.session, exported, "all.json");
  CHECK(again.changes.empty());
  CHECK(again.unchanged == 1);
  std::string changed = replace_all(exported, "Ewa Nowak", "Eva Nowak");
  auto e = thrown<RefusedError>([&] { import_json(fresh.session, changed, "all.json"); });
  CHECK(std::string(e.what()) ==
        "contacts/C-7K3QZ9AB.yaml exists and differs from the record in all.json; nothing was "
        "imported");
}

TEST_CASE("import_json refuses documents that are not an export, or hold a bad record",
          "[json][exchange][hostile]") {
  DataDir d;
  auto refused = [&](const std::string& text) {
    auto e = thrown<UsageError>([&] { import_json(d.session, text, "in.json"); });
    return std::string(e.what());
  };
  auto doc = [](const std::string& record) {
    return "{\"crm_export\": 1, \"records\": [" + record + "]}";
  };
  CHECK(refused("[]") == "in.json:1: the document must be an object; nothing was imported");
  CHECK(refused("{\"records\": []}").starts_with("in.json:1: not a crm export of format 1"));
  CHECK(refused("{\"crm_export\": \"1\", \"records\": []}")
            .starts_with("in.json:1: not a crm export"));
  CHECK(refused(doc("{\"kind\": \"robot\", \"fields\": {}}")) ==
        "in.json:1: \"robot\" is not a kind of record; nothing was imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-../../x\"}}")) ==
        "in.json:1: a contact needs an \"id\" such as C-7K3QZ9AB, not \"C-../../x\"; nothing was "
        "imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"L-7K3QZ9AB\"}}"))
            .starts_with("in.json:1: a contact needs an \"id\""));
  CHECK(
      refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\", \"name\": 5}}")) ==
      "in.json:1: C-7K3QZ9AB: \"name\" must be a string, not 5; nothing was imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\", \"name\": "
                    "[\"x\"]}}")) ==
        "in.json:1: contacts/C-7K3QZ9AB.yaml: 'name' must be a single value; nothing was imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\", \"email\": "
                    "\"nope\"}}")) ==
        "in.json:1: contacts/C-7K3QZ9AB.yaml: email: 'nope' is not an e-mail address; nothing was "
        "imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\", \"x\": "
                    "[[[[[[[[1]]]]]]]]}}"))
            .find("would be refused as a file: nesting") != std::string::npos);
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\"}, \"plain\": "
                    "[\"/nothing\"]}")) ==
        "in.json:1: C-7K3QZ9AB: \"plain\" names no string of its fields; nothing was imported");
  CHECK(refused(doc("{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\"}, \"extra\": "
                    "1}"))
            .starts_with("in.json:1: a record has a key \"extra\""));
  std::string twice =
      "{\"kind\": \"contact\", \"fields\": {\"id\": \"C-7K3QZ9AB\", \"name\": "
      "\"A\", \"created\": \"2026-11-20T10:00:00+01:00\"}}";
  CHECK(refused(doc(twice + "," + twice)) ==
        "in.json:1: C-7K3QZ9AB appears twice; nothing was imported");
  CHECK(refused("{\"crm_export\": 1, \"records\": [" + std::string(100000, '[')) ==
        "in.json:1: nesting deeper than 12; nothing was imported");
  CHECK(d.count(Kind::contact) == 0);
}

}  // namespace json_exchange_tests
