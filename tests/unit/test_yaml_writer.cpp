// The canonical writer: quoting, block scalars, key order, byte-for-byte round trips, JSON.
#include <catch2/catch.hpp>

#include "crm/kinds/record.h"
#include "crm/kinds/registry.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"
#include "helpers.h"

using namespace crm;

namespace yaml_writer_tests {

namespace {

Value one(const std::string& key, Value v) {
  Value m = Value::map();
  m.set(key, std::move(v));
  return m;
}

std::string emit_one(Value v) {
  return emit_yaml(one("k", std::move(v)));
}

}  // namespace

TEST_CASE("Every string is written double-quoted, whatever a reader might retype it as",
          "[yaml][writer]") {
  const std::pair<const char*, const char*> cases[] = {
      {"+48 42 683 74 61", "k: \"+48 42 683 74 61\"\n"},
      {"01234", "k: \"01234\"\n"},
      {"NO", "k: \"NO\"\n"},
      {"yes", "k: \"yes\"\n"},
      {"on", "k: \"on\"\n"},
      {"0x1F", "k: \"0x1F\"\n"},
      {"1e3", "k: \"1e3\"\n"},
      {"null", "k: \"null\"\n"},
      {"", "k: \"\"\n"},
      {"~", "k: \"~\"\n"},
      {"2026-11-23", "k: \"2026-11-23\"\n"},
      {"hello world", "k: \"hello world\"\n"},
      {"a: b # c", "k: \"a: b # c\"\n"},
      {"say \"hi\" \\o/", "k: \"say \\\"hi\\\" \\\\o/\"\n"},
      {"Zażółć gęślą jaźń", "k: \"Zażółć gęślą jaźń\"\n"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK(emit_one(Value::string(text)) == expected);
    // And it reads back as the same string.
    Value back = parse_yaml(expected, "t");
    CHECK(back.find("k")->text() == text);
    CHECK(back.find("k")->style() == Value::Style::quoted);
  }
}

TEST_CASE("Booleans, plain scalars and null are written plain", "[yaml][writer]") {
  CHECK(emit_one(Value::boolean(true)) == "k: true\n");
  CHECK(emit_one(Value::boolean(false)) == "k: false\n");
  CHECK(emit_one(Value::plain("42")) == "k: 42\n");
  CHECK(emit_one(Value::null()) == "k: null\n");
  CHECK(emit_one(Value::sequence()) == "k: []\n");
  CHECK(emit_one(Value::map()) == "k: {}\n");
  CHECK(emit_yaml(Value::map()) == "{}\n");
  CHECK(emit_yaml(Value::sequence()) == "[]\n");
}

TEST_CASE("Control characters are escaped in double quotes and read back", "[yaml][writer]") {
  const std::pair<std::string, std::string> cases[] = {
      {"a\tb", "k: \"a\\tb\"\n"},
      {"bell\x07", "k: \"bell\\x07\"\n"},
      {"esc\x1b[31mred", "k: \"esc\\x1B[31mred\"\n"},
      {"del\x7f", "k: \"del\\x7F\"\n"},
      {"c1\xc2\x85", "k: \"c1\\x85\"\n"},
      {"bom\xef\xbb\xbf", "k: \"bom\\uFEFF\"\n"},
      {"cr\r\nlf", "k: \"cr\\r\\nlf\"\n"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    std::string out = emit_one(Value::string(text));
    CHECK(out == expected);
    CHECK(parse_yaml(out, "t").get("k") == text);
  }
}

TEST_CASE("Multi-line text becomes a literal block and round-trips", "[yaml][writer]") {
  CHECK(emit_one(Value::string("first line\nsecond line")) ==
        "k: |-\n  first line\n  second line\n");
  CHECK(emit_one(Value::string("first line\nsecond line\n")) ==
        "k: |\n  first line\n  second line\n");
  CHECK(emit_one(Value::string("para one\n\npara two")) == "k: |-\n  para one\n\n  para two\n");
  CHECK(emit_one(Value::string("list:\n  - indented\n# not a comment")) ==
        "k: |-\n  list:\n    - indented\n  # not a comment\n");

  const std::string texts[] = {
      "first line\nsecond line",
      "first line\nsecond line\n",
      "para one\n\npara two",
      "list:\n  - indented\n# not a comment",
      "\"quoted\" and 'single'\nkey: value",
      "x\n y\n  z",
  };
  for (const std::string& text : texts) {
    INFO(text);
    std::string out = emit_one(Value::string(text));
    CHECK(out.find('|') == 3);
    CHECK(parse_yaml(out, "t").get("k") == text);
  }
}

TEST_CASE("Multi-line text that a literal block cannot hold exactly stays double-quoted",
          "[yaml][writer]") {
  const std::pair<std::string, std::string> cases[] = {
      {"trailing  \nspace", "k: \"trailing  \\nspace\"\n"},
      {" leading\nspace", "k: \" leading\\nspace\"\n"},
      {"\nleading newline", "k: \"\\nleading newline\"\n"},
      {"two trailing\n\n", "k: \"two trailing\\n\\n\"\n"},
      {"ends in space\nx ", "k: \"ends in space\\nx \"\n"},
      {"tab\t\nend", "k: \"tab\\t\\nend\"\n"},
      {"bell\x07\nline", "k: \"bell\\x07\\nline\"\n"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    std::string out = emit_one(Value::string(text));
    CHECK(out == expected);
    CHECK(parse_yaml(out, "t").get("k") == text);
  }
}

TEST_CASE("Written YAML has no trailing whitespace on any line", "[yaml][writer]") {
  // A tab at the end of a line: a literal block would end a line in a tab.
  for (const std::string text : {"line\nend\t", "line\t\nend", "a\n\t"}) {
    INFO(text);
    std::string out = emit_one(Value::string(text));
    CHECK(out.find("\t\n") == std::string::npos);
    CHECK(out.find(" \n") == std::string::npos);
    CHECK(parse_yaml(out, "t").get("k") == text);
  }
}

TEST_CASE("Nested maps and lists use block style with 2-space indent", "[yaml][writer]") {
  Value doc = Value::map();
  doc.set("id", Value::string("L-7K3QZ9AB"));
  Value history = Value::sequence();
  Value entry = Value::map();
  entry.set("at", Value::string("2026-11-20T10:00:00+00:00"));
  entry.set("note", Value::string("two\nlines"));
  history.push_back(entry);
  history.push_back(Value::string("scalar item"));
  Value inner = Value::sequence();
  inner.push_back(Value::plain("1"));
  history.push_back(inner);
  doc.set("history", history);
  Value custom = Value::map();
  Value deeper = Value::map();
  deeper.set("b", Value::string("c"));
  custom.set("a", deeper);
  doc.set("custom", custom);
  doc.set("odd key", Value::string("v"));
  doc.set("yes", Value::string("v"));

  const std::string expected =
      "id: \"L-7K3QZ9AB\"\n"
      "history:\n"
      "  - at: \"2026-11-20T10:00:00+00:00\"\n"
      "    note: |-\n"
      "      two\n"
      "      lines\n"
      "  - \"scalar item\"\n"
      "  -\n"
      "    - 1\n"
      "custom:\n"
      "  a:\n"
      "    b: \"c\"\n"
      "\"odd key\": \"v\"\n"
      "\"yes\": \"v\"\n";
  CHECK(emit_yaml(doc) == expected);
  CHECK(parse_yaml(expected, "t") == doc);
}

TEST_CASE("canonical_order puts known keys in schema order and keeps unknown ones after",
          "[yaml][writer]") {
  Value fields = Value::map();
  fields.set("zeta", Value::string("z"));
  fields.set("name", Value::string("Jan"));
  fields.set("created", Value::string("2026-11-20T10:00:00+00:00"));
  fields.set("alpha", Value::plain("42"));
  fields.set("status", Value::string("new"));
  fields.set("id", Value::string("L-7K3QZ9AB"));
  fields.set("phone", Value::plain("01234"));  // a user wrote it unquoted

  Value ordered = canonical_order(kind_spec(Kind::lead), fields);
  std::vector<std::string> keys;
  for (const auto& [k, v] : ordered.entries()) keys.push_back(k);
  CHECK(keys ==
        std::vector<std::string>{"id", "status", "name", "phone", "created", "zeta", "alpha"});
  // A known text field is quoted from now on; an unknown plain value stays as written.
  CHECK(ordered.find("phone")->style() == Value::Style::quoted);
  CHECK(ordered.find("alpha")->style() == Value::Style::plain);
  CHECK(emit_yaml(ordered) ==
        "id: \"L-7K3QZ9AB\"\nstatus: \"new\"\nname: \"Jan\"\nphone: \"01234\"\n"
        "created: \"2026-11-20T10:00:00+00:00\"\nzeta: \"z\"\nalpha: 42\n");
}

TEST_CASE("record_to_yaml writes a hand-edited record canonically", "[yaml][writer]") {
  // Unquoted values, keys out of order, unknown keys: what a person might write.
  const std::string hand =
      "name: Jan Kowalski\n"
      "favourite: yes\n"
      "id: L-7K3QZ9AB\n"
      "phone: 01234 567\n"
      "score: 42\n"
      "status: new\n"
      "nickname: hello\n"
      "created: 2026-11-20T10:00:00+00:00\n";
  Record r = crm_test::record_from_yaml(Kind::lead, hand);
  CHECK(record_to_yaml(r) ==
        "id: \"L-7K3QZ9AB\"\n"
        "status: \"new\"\n"
        "name: \"Jan Kowalski\"\n"
        "phone: \"01234 567\"\n"
        "created: \"2026-11-20T10:00:00+00:00\"\n"
        "favourite: yes\n"
        "score: 42\n"
        "nickname: \"hello\"\n");
}

TEST_CASE("Realistic canonical records round-trip byte for byte", "[yaml][writer]") {
  struct Case {
    Kind kind;
    std::string text;
  };
  const Case cases[] = {
      {Kind::lead,
       "id: \"L-7K3QZ9AB\"\n"
       "status: \"disqualified\"\n"
       "name: \"Jan Kowalski\"\n"
       "company: \"Kowalski & Syn Sp. z o.o.\"\n"
       "email: \"jan@kowalski.example\"\n"
       "phone: \"+48 42 683 74 61\"\n"
       "source: \"fair\"\n"
       "owner: \"anna\"\n"
       "created: \"2026-11-20T10:00:00+01:00\"\n"
       "reason: \"no budget\"\n"
       "notes: |-\n"
       "  Met at the fair in Poznań.\n"
       "\n"
       "  Call back in spring.\n"
       "history:\n"
       "  - at: \"2026-11-21T09:00:00+01:00\"\n"
       "    from: \"new\"\n"
       "    to: \"contacted\"\n"
       "    by: \"anna\"\n"
       "  - at: \"2026-11-22T09:00:00+01:00\"\n"
       "    field: \"owner\"\n"
       "    from: \"anna\"\n"
       "    to: \"bob\"\n"
       "    by: \"anna\"\n"
       "  - at: \"2026-11-23T09:00:00+01:00\"\n"
       "    from: \"contacted\"\n"
       "    to: \"disqualified\"\n"
       "    by: \"bob\"\n"
       "    note: \"no budget\"\n"
       "region: \"north\"\n"
       "score: 42\n"
       "vip: yes\n"
       "tags:\n"
       "  - \"fair-2026\"\n"
       "  - 7\n"
       "custom:\n"
       "  erp_id: \"01234\"\n"
       "  flags:\n"
       "    - on\n"
       "    - \"off\"\n"
       "  nested:\n"
       "    deeper:\n"
       "      - a: \"b\"\n"
       "        c: null\n"
       "  empty_list: []\n"
       "  empty_map: {}\n"},
      {Kind::account,
       "id: \"A-ACME0001\"\n"
       "name: \"Acme Ltd\"\n"
       "phone: \"0x1F\"\n"
       "website: \"https://acme.example\"\n"
       "owner: \"tester\"\n"
       "created: \"2026-11-23T00:00:00+00:00\"\n"
       "notes: |\n"
       "  Trailing newline kept.\n"},
      {Kind::activity,
       "id: \"T-00000001\"\n"
       "type: \"task\"\n"
       "status: \"done\"\n"
       "about: \"L-7K3QZ9AB\"\n"
       "subject: \"Send the \\\"catalogue\\\"\"\n"
       "at: \"2026-11-23T00:00:00+00:00\"\n"
       "due: \"2026-11-30\"\n"
       "by: \"tester\"\n"
       "created: \"2026-11-23T00:00:00+00:00\"\n"
       "history:\n"
       "  - at: \"2026-11-24T00:00:00+00:00\"\n"
       "    from: \"open\"\n"
       "    to: \"done\"\n"
       "    by: \"tester\"\n"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Value parsed = parse_yaml(c.text, "t");
    CHECK(emit_yaml(parsed) == c.text);
    Record r(c.kind, canonical_order(kind_spec(c.kind), parsed));
    CHECK(record_to_yaml(r) == c.text);
    CHECK(parse_yaml(emit_yaml(parsed), "t") == parsed);
  }
}

TEST_CASE("A plain unknown value keeps its style only when a reader would retype it",
          "[yaml][writer]") {
  Value v = parse_yaml("a: 42\nb: yes\nc: hello\nd: \"42\"\ne: 1.5\nf: true\ng: ~\n", "t");
  CHECK(v.find("a")->style() == Value::Style::plain);
  CHECK(v.find("b")->style() == Value::Style::plain);
  CHECK(v.find("c")->style() == Value::Style::quoted);
  CHECK(v.find("d")->style() == Value::Style::quoted);
  CHECK(v.find("e")->style() == Value::Style::plain);
  CHECK(v.find("g")->is_null());
  CHECK(emit_yaml(v) == "a: 42\nb: yes\nc: \"hello\"\nd: \"42\"\ne: 1.5\nf: true\ng: null\n");
}

TEST_CASE("may_be_retyped knows what YAML readers retype", "[yaml][writer]") {
  for (const char* text :
       {"",     "~",     "null", "Null",  "NULL", "y",          "Y",     "yes", "NO", "n",
        "true", "False", "on",   "OFF",   "42",   "-1",         "+1",    "1.5", ".5", "0x1F",
        "0o17", "1e3",   ".inf", "-.inf", ".NaN", "2026-11-23", "12:30", "<<",  "="}) {
    INFO(text);
    CHECK(may_be_retyped(text));
  }
  for (const char* text : {"hello", "Jan Kowalski", "yesterday", "nobody", "ontario", "x1"}) {
    INFO(text);
    CHECK_FALSE(may_be_retyped(text));
  }
}

TEST_CASE("emit_json writes quoted scalars as strings and plain ones by what they read as",
          "[yaml][json]") {
  Value v = Value::map();
  v.set("id", Value::string("L-7K3QZ9AB"));
  v.set("amount", Value::string("3374.97"));
  v.set("zip", Value::string("01234"));
  v.set("count", Value::plain("42"));
  v.set("ratio", Value::plain("-1.5e3"));
  v.set("octal", Value::plain("01234"));
  v.set("flag", Value::boolean(true));
  v.set("word", Value::plain("yes"));
  v.set("tilde", Value::plain("~"));
  v.set("none", Value::null());
  v.set("ctl", Value::string("a\"b\\c\n\x1b"));
  Value list = Value::sequence();
  list.push_back(Value::plain("1"));
  list.push_back(Value::string("1"));
  v.set("list", list);
  v.set("empty", Value::sequence());
  v.set("obj", Value::map());

  CHECK(emit_json(v, 0) ==
        "{\"id\":\"L-7K3QZ9AB\",\"amount\":\"3374.97\",\"zip\":\"01234\",\"count\":42,"
        "\"ratio\":-1.5e3,\"octal\":\"01234\",\"flag\":true,\"word\":\"yes\",\"tilde\":null,"
        "\"none\":null,\"ctl\":\"a\\\"b\\\\c\\n\\u001b\",\"list\":[1,\"1\"],\"empty\":[],"
        "\"obj\":{}}");

  Value small = Value::map();
  small.set("a", Value::string("x"));
  Value items = Value::sequence();
  items.push_back(Value::boolean(false));
  small.set("b", items);
  CHECK(emit_json(small) == "{\n  \"a\": \"x\",\n  \"b\": [\n    false\n  ]\n}");
}

}  // namespace yaml_writer_tests
