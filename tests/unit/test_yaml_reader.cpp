// The defensive reader: hostile and broken YAML, and the file-level defences, each refused
// with a DataError naming the source and, where known, the line.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "crm/store/file_store.h"
#include "crm/store/files.h"
#include "crm/store/file_store.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"
#include "helpers.h"

using namespace crm;
using crm_test::TempDir;
using crm_test::thrown;
using crm_test::write_text;

namespace yaml_reader_tests {

namespace {

const char* k_source = "leads/L-7K3QZ9AB.yaml";

// The message of the DataError that parsing `text` raises.
std::string refusal(std::string_view text, const YamlLimits& limits = {}) {
  auto e = thrown<DataError>([&] { parse_yaml(text, k_source, limits); });
  CHECK(e.code() == ExitCode::invalid_data);
  CHECK_FALSE(e.hint().empty());
  return e.what();
}

std::string at_line(int line) {
  return std::string(k_source) + ":" + std::to_string(line) + ": ";
}

}  // namespace

TEST_CASE("parse_yaml reads a record as a tree of text, with lines", "[yaml][reader]") {
  Value v = parse_yaml(
      "id: \"L-7K3QZ9AB\"\nname: Jan\nphone: 01234\nhistory:\n  - at: x\n    to: \"y\"\n"
      "meta: {a: 1, b: [x, y]}\n",
      k_source);
  REQUIRE(v.is_map());
  CHECK(v.get("id") == "L-7K3QZ9AB");
  CHECK(v.get("phone") == "01234");  // never converted to a number (or to octal 668)
  CHECK(v.find("phone")->style() == Value::Style::plain);
  CHECK(v.find("name")->style() == Value::Style::quoted);
  CHECK(v.find("id")->line() == 1);
  CHECK(v.find("phone")->line() == 3);
  const Value* history = v.find("history");
  REQUIRE(history->is_sequence());
  REQUIRE(history->items().size() == 1);
  CHECK(history->items()[0].get("to") == "y");
  CHECK(history->items()[0].find("to")->line() == 6);
  CHECK(v.find("meta")->find("b")->items()[1].text() == "y");
  std::vector<std::string> keys;
  for (const auto& [k, x] : v.entries()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"id", "name", "phone", "history", "meta"});
}

TEST_CASE("parse_yaml accepts a byte-order mark, document markers and comments", "[yaml][reader]") {
  CHECK(parse_yaml("\xEF\xBB\xBFid: \"x\"\n", k_source).get("id") == "x");
  CHECK(parse_yaml("---\nid: \"x\"\n...\n", k_source).get("id") == "x");
  CHECK(parse_yaml("# a comment\nid: x # another\n", k_source).get("id") == "x");
}

TEST_CASE("parse_yaml refuses an alias bomb (billion laughs)", "[yaml][reader][hostile]") {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string p(1, static_cast<char>(c - 1));
    std::string refs = "*" + p;
    for (int i = 0; i < 8; ++i) refs += ",*" + p;
    bomb += std::string(1, c) + ": &" + c + " [" + refs + "]\n";
  }
  std::string message = refusal(bomb);
  CHECK_THAT(message, Catch::StartsWith(at_line(1)));
  CHECK_THAT(message, Catch::Contains("anchors"));
}

TEST_CASE("parse_yaml refuses a cyclic alias", "[yaml][reader][hostile]") {
  std::string message = refusal("id: x\na: &a [*a]\n");
  CHECK_THAT(message, Catch::StartsWith(at_line(2)));
  CHECK_THAT(message, Catch::Contains("not allowed"));
}

TEST_CASE("parse_yaml refuses anchors and aliases on their own", "[yaml][reader][hostile]") {
  CHECK_THAT(refusal("id: x\nname: &n Jan\n"),
             Catch::StartsWith(at_line(2)) && Catch::Contains("anchors (&name)"));
  CHECK_THAT(refusal("id: x\nname: &n\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\nm: &m {a: 1}\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\nname: *n\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\n&k key: v\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\nm:\n  <<: *base\n"), Catch::StartsWith(at_line(3)));
}

TEST_CASE("parse_yaml refuses explicit tags", "[yaml][reader][hostile]") {
  CHECK_THAT(refusal("id: x\nblob: !!binary aGVsbG8=\n"),
             Catch::StartsWith(at_line(2)) && Catch::Contains("tags"));
  CHECK_THAT(refusal("id: x\nobj: !custom {a: 1}\n"),
             Catch::StartsWith(at_line(2)) && Catch::Contains("!custom"));
  CHECK_THAT(refusal("id: x\nlist: !!seq [1]\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\nn: !!int \"3\"\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("!!map\nid: x\n"), Catch::Contains("tags"));
  CHECK_THAT(refusal("id: x\npy: !!python/object:os.system ls\n"), Catch::StartsWith(at_line(2)));
}

TEST_CASE("parse_yaml refuses nesting deeper than the limit without crashing",
          "[yaml][reader][hostile]") {
  for (int depth : {9, 100, 5000, 100000}) {
    INFO(depth);
    std::string flow = "a: " + std::string(depth, '[') + std::string(depth, ']') + "\n";
    CHECK_THAT(refusal(flow), Catch::StartsWith(at_line(1)) && Catch::Contains("nesting"));
    std::string top = std::string(depth, '[') + std::string(depth, ']');
    CHECK_THAT(refusal(top), Catch::Contains("nesting"));
  }
  // An unclosed flow sequence, thousands deep.
  CHECK_THAT(refusal("a: " + std::string(20000, '[')), Catch::StartsWith(k_source));
  CHECK_THAT(refusal("a: " + std::string(20000, '{')), Catch::StartsWith(k_source));

  // Block nesting: map in map, 12 deep, with the failure on the line that goes too deep.
  std::string block;
  for (int i = 0; i < 12; ++i) block += std::string(2 * i, ' ') + "k" + std::to_string(i) + ":\n";
  block += std::string(24, ' ') + "v: 1\n";
  CHECK_THAT(refusal(block), Catch::StartsWith(at_line(9)) && Catch::Contains("8 levels"));

  // Depth 8 is allowed (the top-level map counts as one).
  std::string ok = "a: " + std::string(7, '[') + "1" + std::string(7, ']') + "\n";
  CHECK(parse_yaml(ok, k_source).is_map());
  YamlLimits tight;
  tight.max_depth = 2;
  CHECK_THAT(refusal("a: [[1]]\n", tight), Catch::Contains("2 levels"));
}

TEST_CASE("parse_yaml refuses duplicate and non-scalar keys", "[yaml][reader][hostile]") {
  CHECK(refusal("id: x\nname: a\nname: b\n") == at_line(3) + "duplicate key 'name'");
  CHECK(refusal("id: x\nm:\n  k: 1\n  k: 2\n") == at_line(4) + "duplicate key 'k'");
  CHECK(refusal("id: x\n\"name\": a\nname: b\n") == at_line(3) + "duplicate key 'name'");
  CHECK_THAT(refusal("id: x\n? [a, b]\n: c\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\n? {a: b}\n: c\n"), Catch::StartsWith(at_line(2)));
  CHECK_THAT(refusal("id: x\n: nokey\n"), Catch::StartsWith(k_source));
}

TEST_CASE("parse_yaml refuses oversized input and scalars", "[yaml][reader][hostile]") {
  std::string ten_mb = "a: \"" + std::string(10 * 1024 * 1024, 'x') + "\"\n";
  std::string message = refusal(ten_mb);
  CHECK_THAT(message, Catch::StartsWith(std::string(k_source) + ": "));
  CHECK_THAT(message, Catch::Contains("larger than"));

  std::string big_scalar = "id: x\nnotes: " + std::string(100 * 1024, 'x') + "\n";
  CHECK_THAT(refusal(big_scalar), Catch::StartsWith(at_line(2)) && Catch::Contains("102400"));
  std::string big_key = "id: x\n" + std::string(100 * 1024, 'k') + ": v\n";
  CHECK_THAT(refusal(big_key), Catch::StartsWith(k_source));

  YamlLimits small;
  small.max_bytes = 10;
  CHECK_THAT(refusal("id: 0123456789\n", small), Catch::Contains("larger than the 10"));
  // Just under the limits is fine.
  CHECK(parse_yaml("notes: \"" + std::string(60 * 1024, 'x') + "\"\n", k_source).is_map());
}

// A plain `<<` key is YAML 1.1's merge key: PyYAML reads `<<: {account: A-1}` as a field
// `account`, while crm would keep an unknown field named <<. Two readers, two records: refused.
TEST_CASE("parse_yaml refuses a YAML merge key", "[yaml][reader][hostile]") {
  const std::string merge = "a YAML merge key (<<) is not allowed in a record";
  auto e = thrown<DataError>(
      [&] { parse_yaml("id: x\nname: \"a\"\n<<: {account: A-12345678}\n", k_source); });
  CHECK(std::string(e.what()) == at_line(3) + merge);
  CHECK(e.code() == ExitCode::invalid_data);
  CHECK(e.file() == k_source);
  CHECK(e.line() == 3);
  CHECK_THAT(e.hint(), Catch::Contains("write the merged fields out"));

  CHECK(refusal("id: x\nm:\n  a: 1\n  <<: {b: 2}\n") == at_line(4) + merge);
  CHECK(refusal("id: x\nm: {a: 1, <<: {b: 2}}\n") == at_line(2) + merge);
  CHECK(refusal("id: x\n? <<\n: {b: 2}\n") == at_line(2) + merge);
  CHECK(refusal("id: x\nh:\n  - at: \"t\"\n    <<: {to: \"won\"}\n") == at_line(4) + merge);
  CHECK(refusal("id: x\nl: [<<: {b: 2}]\n") == at_line(2) + merge);
  CHECK(refusal("id: x\n<<: [{a: 1}, {b: 2}]\n") == at_line(2) + merge);
  CHECK(refusal("id: x\n<<: {}\n") == at_line(2) + merge);
  CHECK(refusal("id: x\n<<: 1\n") == at_line(2) + merge);
  CHECK(refusal("<<: {id: x}\n") == at_line(1) + merge);
}

// Only the plain key merges: a quoted "<<" is an ordinary key in every reader, and `<<` as a
// value (or inside a longer key) is text.
TEST_CASE("parse_yaml keeps a quoted << key and << as a value", "[yaml][reader]") {
  Value v = parse_yaml("id: x\n\"<<\": {a: 1}\n", k_source);
  REQUIRE(v.find("<<"));
  CHECK(v.find("<<")->get("a") == "1");
  CHECK(parse_yaml("id: x\n'<<': 1\n", k_source).get("<<") == "1");
  CHECK(parse_yaml("id: x\na: <<\n", k_source).get("a") == "<<");
  CHECK(parse_yaml("id: x\nl: [<<, \"<<\"]\n", k_source).find("l")->items()[0].text() == "<<");
  CHECK(parse_yaml("id: x\n<<a: 1\n", k_source).get("<<a") == "1");
}

TEST_CASE("parse_yaml refuses a list longer than the limit, naming where it starts",
          "[yaml][reader][hostile]") {
  YamlLimits tight;
  tight.max_items = 3;
  CHECK(parse_yaml("id: x\nl: [1, 2, 3]\n", k_source, tight).find("l")->items().size() == 3);
  const std::string too_many = "a list of more than the 3 items a record allows";
  CHECK(refusal("id: x\nl: [1, 2, 3, 4]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl:\n  - 1\n  - 2\n  - 3\n  - 4\n", tight) == at_line(3) + too_many);
  CHECK(refusal("id: x\nl: [[1, 2, 3, 4]]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: [~, ~, ~, ~]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: [{}, {}, {}, []]\n", tight) == at_line(2) + too_many);

  // The default: 5000 items pass, and the 500,000 of a 1 MB hostile file do not.
  auto items = [](std::size_t n) {
    std::string list = "id: x\nl: [1";
    for (std::size_t i = 1; i < n; ++i) list += ",1";
    return list + "]\n";
  };
  CHECK(parse_yaml(items(5000), k_source).find("l")->items().size() == 5000);
  CHECK(refusal(items(5001)) == at_line(2) + "a list of more than the 5000 items a record allows");
  CHECK(refusal(items(500000)) ==
        at_line(2) + "a list of more than the 5000 items a record allows");
}

TEST_CASE("parse_yaml refuses a map with more keys than the limit", "[yaml][reader][hostile]") {
  YamlLimits tight;
  tight.max_entries = 2;
  CHECK(parse_yaml("id: x\nm: {a: 1, b: 2}\n", k_source, tight).is_map());
  const std::string too_many = "a map of more than the 2 keys a record allows";
  CHECK(refusal("id: x\na: 1\nb: 2\n", tight) == at_line(1) + too_many);
  CHECK(refusal("id: x\nm: {a: 1, b: 2, c: 3}\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nm:\n  a: 1\n  b: ~\n  c:\n", tight) == at_line(3) + too_many);

  auto keys = [](int n) {
    std::string map = "id: x\n";
    for (int i = 1; i < n; ++i) map += "k" + std::to_string(i) + ": 1\n";
    return map;
  };
  CHECK(parse_yaml(keys(1000), k_source).entries().size() == 1000);
  CHECK(refusal(keys(1001)) == at_line(1) + "a map of more than the 1000 keys a record allows");
}

TEST_CASE("parse_yaml refuses a file with more values than the limit, while it streams",
          "[yaml][reader][hostile]") {
  YamlLimits tight;
  tight.max_nodes = 5;  // the map, id, x, l and the list
  CHECK(parse_yaml("id: x\nl: []\n", k_source, tight).is_map());
  const std::string too_many =
      "more than the 5 values (keys, items, lists and maps) a record allows in one file";
  CHECK(refusal("id: x\nl: [1]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: [~]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: [[]]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: [{}]\n", tight) == at_line(2) + too_many);
  CHECK(refusal("id: x\nl: []\nm: 1\n", tight) == at_line(3) + too_many);

  // The parser stops at the value that goes over, not at the end of the file: the 101st value
  // of this list of 100,000 lines is item 96, on line 98.
  tight.max_nodes = 100;
  std::string block = "id: x\nl:\n";
  for (int i = 0; i < 100000; ++i) block += "  - 1\n";
  CHECK_THAT(refusal(block, tight), Catch::StartsWith(at_line(98)));

  // The default holds a history of 4000 entries (44,000 values), not of 5000.
  auto history = [](int n) {
    std::string text = "id: \"L-7K3QZ9AB\"\nstatus: \"new\"\nhistory:\n";
    for (int i = 0; i < n; ++i)
      text +=
          "  - at: \"2026-09-14T09:00:00+00:00\"\n    from: \"new\"\n    to: \"contacted\"\n"
          "    by: \"anna\"\n    note: \"called back\"\n";
    return text;
  };
  CHECK(parse_yaml(history(4000), k_source).find("history")->items().size() == 4000);
  CHECK_THAT(refusal(history(5000)), Catch::Contains("more than the 50000 values"));
}

TEST_CASE("parse_yaml refuses a second document", "[yaml][reader][hostile]") {
  CHECK_THAT(refusal("id: x\n---\nid: y\n"),
             Catch::StartsWith(at_line(2)) && Catch::Contains("second YAML document"));
  CHECK_THAT(refusal("id: x\n...\n---\nid: y\n"), Catch::Contains("second YAML document"));
  CHECK_THAT(refusal("id: x\n...\ngarbage\n"), Catch::StartsWith(k_source));
}

TEST_CASE("parse_yaml refuses invalid UTF-8 and NUL bytes", "[yaml][reader][hostile]") {
  for (std::string bad : {"id: \"\xff\"\n", "id: \"\xc3\"\n", "id: \"\xc0\xaf\"\n",
                          "id: \"\xed\xa0\x80\"\n", "id: \"\xf4\x90\x80\x80\"\n"}) {
    CHECK(refusal(bad) == std::string(k_source) + ": the file is not valid UTF-8");
  }
  CHECK(refusal(std::string("id: \"a\0b\"\n", 10)) ==
        std::string(k_source) + ": the file holds a NUL byte");
}

TEST_CASE("parse_yaml refuses empty files and tops that are not maps", "[yaml][reader][hostile]") {
  CHECK(refusal("") == std::string(k_source) + ": the file is empty");
  CHECK(refusal("# only a comment\n") == std::string(k_source) + ": the file is empty");
  CHECK_THAT(refusal("- a\n- b\n"), Catch::Contains("top level must be a map"));
  CHECK_THAT(refusal("just a scalar\n"), Catch::Contains("top level must be a map"));
  CHECK_THAT(refusal("\"quoted\"\n"), Catch::Contains("top level must be a map"));
  CHECK_THAT(refusal("~\n"), Catch::Contains("top level must be a map"));
}

TEST_CASE("parse_yaml reports broken YAML with its line", "[yaml][reader]") {
  CHECK(refusal("id: x\nname: [a, b\nother: c\n") ==
        at_line(3) + "bad YAML: end of sequence flow not found");
  CHECK(refusal("id: x\n  bad: indent\n") == at_line(2) + "bad YAML: illegal map value");
  CHECK_THAT(refusal("id: x\nname: a\n\tbad: tab\n"),
             Catch::StartsWith(at_line(3)) && Catch::Contains("tab"));
  CHECK_THAT(refusal("id: x\nm: {b: 1\n"), Catch::StartsWith(at_line(3)));
  CHECK_THAT(refusal("a: \"x\"junk\n"), Catch::StartsWith(at_line(1)));
}

// yaml-cpp 0.7 accepts a quoted scalar that the file ends inside of: a truncated file reads as
// `name: "unterminated "` instead of being refused.
TEST_CASE("parse_yaml refuses a quoted value that is never closed", "[yaml][reader]") {
  CHECK_THROWS_AS(parse_yaml("id: x\nname: \"unterminated\n", k_source), DataError);
  CHECK_THROWS_AS(parse_yaml("id: x\nname: 'unterminated\n", k_source), DataError);
}

TEST_CASE("read_regular_file reads a regular file", "[files]") {
  TempDir tmp;
  write_text(tmp.path() / "a.yaml", "id: x\n");
  CHECK(read_regular_file(tmp.path() / "a.yaml", "a.yaml", 100) == "id: x\n");
  write_text(tmp.path() / "empty.yaml", "");
  CHECK(read_regular_file(tmp.path() / "empty.yaml", "empty.yaml", 100).empty());
}

TEST_CASE("read_regular_file refuses links, folders, FIFOs and big files", "[files][hostile]") {
  TempDir tmp;
  const fs::path& dir = tmp.path();
  write_text(dir / "real.yaml", "id: x\n");
  fs::create_symlink(dir / "real.yaml", dir / "link.yaml");
  fs::create_symlink("/etc/passwd", dir / "passwd.yaml");
  fs::create_directory(dir / "folder.yaml");
  REQUIRE(::mkfifo((dir / "fifo.yaml").c_str(), 0600) == 0);
  write_text(dir / "big.yaml", std::string(10 * 1024 * 1024, 'x'));

  auto link = thrown<DataError>([&] { read_regular_file(dir / "link.yaml", "leads/link", 1000); });
  CHECK_THAT(link.what(), Catch::StartsWith("leads/link: ") && Catch::Contains("symbolic link"));
  CHECK_THROWS_AS(read_regular_file(dir / "passwd.yaml", "p", 1 << 20), DataError);

  auto folder = thrown<DataError>([&] { read_regular_file(dir / "folder.yaml", "f", 1000); });
  CHECK(std::string(folder.what()) == "f: is not a regular file");
  // A FIFO would block a reader forever: it is refused before it is opened.
  auto fifo = thrown<DataError>([&] { read_regular_file(dir / "fifo.yaml", "ff", 1000); });
  CHECK(std::string(fifo.what()) == "ff: is not a regular file");
  CHECK_THROWS_AS(read_regular_file("/dev/null", "null", 1000), DataError);

  auto big = thrown<DataError>([&] { read_regular_file(dir / "big.yaml", "big", 1 << 20); });
  CHECK_THAT(big.what(), Catch::StartsWith("big: ") && Catch::Contains("10485760"));

  auto missing =
      thrown<NotFoundError>([&] { read_regular_file(dir / "nope.yaml", "leads/nope", 1000); });
  CHECK(std::string(missing.what()) == "leads/nope: no such file");
}

TEST_CASE("read_record_file applies every defence to a record file", "[files][hostile]") {
  TempDir tmp;
  const fs::path& dir = tmp.path();
  auto message = [&](const std::string& name, std::string_view text) {
    write_text(dir / name, text);
    return std::string(thrown<DataError>([&] {
                         read_record_file(Kind::lead, dir / name, "leads/" + name);
                       }).what());
  };
  CHECK(message("L-7K3QZ9AB.yaml", "") == "leads/L-7K3QZ9AB.yaml: the file is empty");
  CHECK(message("L-7K3QZ9AB.yaml", "id: \"L-7K3QZ9AB\"\nname: a\nname: b\n") ==
        "leads/L-7K3QZ9AB.yaml:3: duplicate key 'name'");
  CHECK_THAT(message("L-7K3QZ9AB.yaml", "- a\n"), Catch::StartsWith("leads/L-7K3QZ9AB.yaml"));
  CHECK_THAT(message("L-7K3QZ9AB.yaml", "id: x\n" + std::string(2 << 20, '#')),
             Catch::StartsWith("leads/L-7K3QZ9AB.yaml: ") && Catch::Contains("larger than"));
  // The id inside must match the file name.
  CHECK(message("L-7K3QZ9AB.yaml", "status: \"new\"\nid: \"L-00000000\"\n") ==
        "leads/L-7K3QZ9AB.yaml:2: the id field 'L-00000000' does not match the file name "
        "L-7K3QZ9AB");
  CHECK_THAT(message("L-7K3QZ9AB.yaml", "name: \"x\"\n"),
             Catch::StartsWith("leads/L-7K3QZ9AB.yaml:") && Catch::Contains("does not match"));
  CHECK_THAT(message("L-7K3QZ9AB.yaml", "id: [\"L-7K3QZ9AB\"]\n"),
             Catch::Contains("does not match"));

  fs::create_symlink(dir / "L-7K3QZ9AB.yaml", dir / "L-AAAAAAAA.yaml");
  CHECK_THROWS_AS(read_record_file(Kind::lead, dir / "L-AAAAAAAA.yaml", "x"), DataError);

  write_text(dir / "L-BBBBBBBB.yaml", "id: \"L-BBBBBBBB\"\nname: Jan\nstatus: new\n");
  Record r = read_record_file(Kind::lead, dir / "L-BBBBBBBB.yaml", "x");
  CHECK(r.id() == "L-BBBBBBBB");
  CHECK(record_to_yaml(r) == "id: \"L-BBBBBBBB\"\nstatus: \"new\"\nname: \"Jan\"\n");
}

}  // namespace yaml_reader_tests
