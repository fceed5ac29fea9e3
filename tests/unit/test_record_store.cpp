// One storage suite for every RecordStore (TaskChampion's storage tests run one suite against
// every backend): the data directory on disk (FileStore) and the in-memory store the domain
// tests use (MemoryStore) must list, load, look up and write records alike.
#include <catch2/catch.hpp>
#include <set>

#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/kinds/numbering.h"
#include "crm/store/file_store.h"
#include "crm/store/memory_store.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace record_store_tests {

// The in-memory store, as the domain tests use it.
struct MemoryBackend {
  MemoryStore memory;

  RecordStore& store() { return memory; }
  void put(const std::string& relative, std::string_view text) {
    memory.put(relative, std::string(text));
  }
  std::optional<std::string> text_of(const std::string& relative) {
    return memory.text_of(relative);
  }
  WriteResult write(const ChangeSet& changes) { return memory.write(changes); }
};

// A data directory made by `crm init`, written to under the lock as a command does.
struct FileBackend {
  crm_test::TempDir tmp;
  fs::path root;
  FileStore files;

  FileBackend() : root(make(tmp.path() / "data")), files(root) {}
  static fs::path make(const fs::path& root) {
    init_data_dir(root, false);
    return root;
  }

  RecordStore& store() { return files; }
  void put(const std::string& relative, std::string_view text) {
    crm_test::write_text(root / relative, text);
  }
  std::optional<std::string> text_of(const std::string& relative) {
    if (!fs::exists(root / relative)) return std::nullopt;
    return crm_test::read_text(root / relative);
  }
  WriteResult write(const ChangeSet& changes) {
    StoreLock lock = files.lock(1.0);
    return files.write(changes);
  }
};

const char* k_created = "created: \"2026-11-23T00:00:00+00:00\"\n";

std::string lead_text(const std::string& id, const std::string& name,
                      const std::string& more = {}) {
  return "id: \"" + id + "\"\nstatus: \"new\"\nname: \"" + name + "\"\n" + more + k_created;
}

Record lead(const std::string& id, const std::string& name, const std::string& more = {}) {
  return crm_test::record_from_yaml(Kind::lead, lead_text(id, name, more));
}

Record account(const std::string& id, const std::string& name, const std::string& more = {}) {
  return crm_test::record_from_yaml(
      Kind::account, "id: \"" + id + "\"\nname: \"" + name + "\"\n" + more + k_created);
}

std::vector<std::string> ids_of(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const Record& r : records) out.push_back(r.id());
  return out;
}

ChangeSet created(std::vector<Record> records) {
  ChangeSet changes;
  changes.summary = "test";
  for (Record& r : records) changes.created(std::move(r));
  return changes;
}

TEMPLATE_TEST_CASE("A store lists the IDs of a kind, sorted, from record names only",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  CHECK(b.store().ids(Kind::lead).empty());
  for (const char* name : {"L-ZZZZ0000.yaml", "L-ABCD1234.yaml", ".L-ABCD1234.yaml.123-0.tmp",
                           "notes.txt", "L-abcd1234.yaml", "L-ABCD123.yaml", "A-ABCD1234.yaml",
                           "L-ABCD5678.yml", "L-ABCD123U.yaml", ".hidden.yaml", "L-ABCD1234.yaml~"})
    b.put(std::string("leads/") + name, "id: x\n");
  CHECK(b.store().ids(Kind::lead) == std::vector<std::string>{"L-ABCD1234", "L-ZZZZ0000"});
  CHECK(b.store().ids(Kind::account).empty());  // A-ABCD1234.yaml sits in the wrong folder
  CHECK(b.store().exists(Kind::lead, "L-ABCD1234"));
  CHECK_FALSE(b.store().exists(Kind::lead, "L-ABCD5678"));
  CHECK_FALSE(b.store().exists(Kind::account, "A-ABCD1234"));
  CHECK(b.store().config().currency == "EUR");
  CHECK(b.store().config().stage_names().size() == 4);
}

TEMPLATE_TEST_CASE("A store loads a record as written, and refuses what is missing or broken",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  b.put("leads/L-ABCD1234.yaml", "name: Jan\nid: L-ABCD1234\nstatus: new\nmine: [1, \"two\"]\n");
  Record r = b.store().load(Kind::lead, "L-ABCD1234");
  CHECK(r.kind() == Kind::lead);
  CHECK(r.id() == "L-ABCD1234");
  CHECK(r.get("name") == "Jan");
  // Known keys in schema order, unknown ones kept after them.
  CHECK(record_to_yaml(r) ==
        "id: \"L-ABCD1234\"\nstatus: \"new\"\nname: \"Jan\"\nmine:\n  - 1\n  - \"two\"\n");

  auto missing = thrown<NotFoundError>([&] { b.store().load(Kind::lead, "L-ABCD5678"); });
  CHECK(std::string(missing.what()) == "leads/L-ABCD5678.yaml: no such file");
  CHECK(missing.code() == ExitCode::not_found);

  // An ID is checked before it becomes a path.
  for (const char* bad : {"L-../../x", "../L-7K3QZ9AB", "A-7K3QZ9AB", "L-7k3qz9ab", ""}) {
    INFO(bad);
    CHECK_THROWS_AS(b.store().load(Kind::lead, bad), UsageError);
    CHECK_THROWS_AS(b.store().exists(Kind::lead, bad), UsageError);
  }

  // The id inside must match the name; known fields must be well-formed to load.
  b.put("leads/L-BBBBBBBB.yaml", lead_text("L-CCCCCCCC", "Ewa"));
  auto mismatch = thrown<DataError>([&] { b.store().load(Kind::lead, "L-BBBBBBBB"); });
  CHECK(mismatch.file() == "leads/L-BBBBBBBB.yaml");
  CHECK_THAT(mismatch.what(), Catch::Contains("does not match the file name L-BBBBBBBB"));
  b.put("leads/L-DDDDDDDD.yaml",
        "id: \"L-DDDDDDDD\"\nstatus: \"won\"\nname: \"Ola\"\n" + std::string(k_created));
  auto malformed = thrown<DataError>([&] { b.store().load(Kind::lead, "L-DDDDDDDD"); });
  CHECK(std::string(malformed.what()) ==
        "leads/L-DDDDDDDD.yaml:2: status: 'won' is not one of new, contacted, qualified, "
        "converted, disqualified");
  // `crm check` reads it anyway, to report every problem itself.
  CHECK(b.store().load_unchecked(Kind::lead, "L-DDDDDDDD").status() == "won");
  CHECK_THROWS_AS(b.store().load_unchecked(Kind::lead, "L-BBBBBBBB"), DataError);
}

TEMPLATE_TEST_CASE("for_each visits records in ID order and skips broken ones only when asked",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  b.write(created({lead("L-ZZZZ0000", "Zed"), lead("L-ABCD1234", "Jan")}));
  std::vector<std::string> seen;
  b.store().for_each(Kind::lead, [&](const Record& r) { seen.push_back(r.get("name")); });
  CHECK(seen == std::vector<std::string>{"Jan", "Zed"});
  CHECK(ids_of(b.store().load_all(Kind::lead)) ==
        std::vector<std::string>{"L-ABCD1234", "L-ZZZZ0000"});

  b.put("leads/L-MMMM0000.yaml", "id: \"L-MMMM0000\"\nname: [unclosed\n");
  b.put("leads/L-NNNN0000.yaml",
        "id: \"L-NNNN0000\"\nstatus: \"nonsense\"\nname: \"N\"\n" + std::string(k_created));
  // Without `problems` the first broken file throws...
  CHECK_THROWS_AS(b.store().for_each(Kind::lead, [](const Record&) {}), DataError);
  CHECK_THROWS_AS(b.store().load_all(Kind::lead), DataError);
  // ...with them, each is reported and skipped (`--keep-going`).
  std::vector<LoadProblem> problems;
  auto records = b.store().load_all(Kind::lead, &problems);
  CHECK(ids_of(records) == std::vector<std::string>{"L-ABCD1234", "L-ZZZZ0000"});
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0].message, Catch::StartsWith("leads/L-MMMM0000.yaml:"));
  CHECK_THAT(problems[1].message, Catch::StartsWith("leads/L-NNNN0000.yaml:2: "));
  CHECK(b.store().load_all(Kind::account, &problems).empty());
  CHECK(problems.size() == 2);
}

TEMPLATE_TEST_CASE("find_by matches a field exactly, e-mail in any case, and references",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  ChangeSet changes =
      created({account("A-ACME0001", "Acme Ltd", "email: \"Office@Acme.Example\"\n"),
               account("A-ACME0002", "Acme Ltd"),
               account("A-BETA0001", "Beta GmbH", "email: \"beta@beta.example\"\n")});
  changes.created(crm_test::record_from_yaml(
      Kind::contact,
      "id: \"C-PQRS0001\"\nname: \"Piotr\"\naccount: \"A-ACME0002\"\n" + std::string(k_created)));
  changes.created(crm_test::record_from_yaml(
      Kind::contact,
      "id: \"C-PQRS0002\"\nname: \"Ola\"\naccount: \"A-BETA0001\"\n" + std::string(k_created)));
  b.write(changes);
  RecordStore& s = b.store();
  CHECK(ids_of(s.find_by(Kind::account, "name", "Acme Ltd")) ==
        std::vector<std::string>{"A-ACME0001", "A-ACME0002"});
  CHECK(s.find_by(Kind::account, "name", "acme ltd").empty());  // names match exactly
  CHECK(s.find_by(Kind::account, "name", "Acme").empty());
  for (const char* email : {"office@acme.example", "OFFICE@ACME.EXAMPLE", "Office@Acme.Example"}) {
    INFO(email);
    CHECK(ids_of(s.find_by(Kind::account, "email", email)) ==
          std::vector<std::string>{"A-ACME0001"});
  }
  CHECK(ids_of(s.find_by(Kind::contact, "account", "A-ACME0002")) ==
        std::vector<std::string>{"C-PQRS0001"});
  CHECK(s.find_by(Kind::contact, "account", "A-ACME0001").empty());
  // An absent field matches nothing, not even "".
  CHECK(s.find_by(Kind::account, "phone", "").empty());
  CHECK(s.find_by(Kind::lead, "name", "Acme Ltd").empty());
}

TEMPLATE_TEST_CASE("write creates and updates records and says which files it wrote",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  Record jan = lead("L-ABCD1234", "Jan");
  Record acme = account("A-ACME0001", "Acme Ltd");
  WriteResult first = b.write(created({jan, acme}));
  CHECK(first.written ==
        std::vector<std::string>{"leads/L-ABCD1234.yaml", "accounts/A-ACME0001.yaml"});
  CHECK(first.warnings.empty());
  CHECK(b.text_of("leads/L-ABCD1234.yaml") == record_to_yaml(jan));
  CHECK(b.store().load(Kind::lead, "L-ABCD1234").fields() == jan.fields());

  // An update of one record whose bytes change, and one whose bytes do not.
  Record changed = b.store().load(Kind::lead, "L-ABCD1234");
  changed.set_text("company", "Kowalski Sp.");
  ChangeSet update;
  update.updated(changed);
  update.updated(b.store().load(Kind::account, "A-ACME0001"));
  WriteResult second = b.write(update);
  CHECK(second.written == std::vector<std::string>{"leads/L-ABCD1234.yaml"});
  CHECK(b.store().load(Kind::lead, "L-ABCD1234").get("company") == "Kowalski Sp.");

  // Nothing changed: nothing is written.
  ChangeSet same;
  same.updated(b.store().load(Kind::lead, "L-ABCD1234"));
  same.updated(b.store().load(Kind::account, "A-ACME0001"));
  const std::string before = *b.text_of("leads/L-ABCD1234.yaml");
  CHECK(b.write(same).written.empty());
  CHECK(b.text_of("leads/L-ABCD1234.yaml") == before);
  CHECK(b.write(ChangeSet{}).written.empty());
}

TEMPLATE_TEST_CASE("write is all or nothing when one record of a change set cannot be written",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  b.write(created({lead("L-ABCD1234", "Jan")}));
  const std::string jan_before = *b.text_of("leads/L-ABCD1234.yaml");
  const std::string long_text(64 * 1024 + 1, 'x');
  struct Bad {
    const char* what;
    std::string field, value;
    const char* message;
  };
  const std::vector<Bad> bad = {
      {"a value longer than 64 KiB", "notes", long_text,
       "is longer than the 65536 a record allows"},
      {"invalid UTF-8", "address", "Acme\xff", "is not valid UTF-8; nothing was written"},
      {"a cut UTF-8 sequence", "address", "\xc3", "is not valid UTF-8"},
      {"a malformed known field", "email", "not an address", "nothing was written"},
  };
  for (const Bad& c : bad) {
    INFO(c.what);
    Record updated = b.store().load(Kind::lead, "L-ABCD1234");
    updated.set_text("owner", "anna");  // a good change...
    Record broken = account("A-ACME0001", "Acme Ltd");
    broken.set_text(c.field, c.value);  // ...and a bad one in the same command
    ChangeSet changes;
    changes.updated(updated);
    changes.created(broken);
    changes.created(lead("L-ZZZZ0000", "Zed"));
    auto e = thrown<UsageError>([&] { b.write(changes); });
    CHECK_THAT(e.what(), Catch::Contains(c.message));
    CHECK_THAT(e.what(), Catch::Contains("accounts/A-ACME0001.yaml"));
    CHECK(b.text_of("leads/L-ABCD1234.yaml") == jan_before);
    CHECK(b.store().ids(Kind::account).empty());
    CHECK(b.store().ids(Kind::lead) == std::vector<std::string>{"L-ABCD1234"});
  }
  // A value of exactly 64 KiB is written and reads back.
  Record big = account("A-ACME0001", "Acme Ltd");
  big.set_text("notes", std::string(64 * 1024, 'x'));
  b.write(created({big}));
  CHECK(b.store().load(Kind::account, "A-ACME0001").get("notes").size() == 64 * 1024);
}

TEMPLATE_TEST_CASE("entries tells records, temp files, other kinds' files and stray files apart",
                   "[record-store]", MemoryBackend, FileBackend) {
  TestType b;
  b.put("leads/L-ABCD1234.yaml", lead_text("L-ABCD1234", "Jan"));
  b.put("leads/A-ACME0001.yaml", "id: \"A-ACME0001\"\nname: \"Acme\"\n");
  b.put("leads/readme.txt", "hello\n");
  b.put("leads/.L-BBBBBBBB.yaml.1-0.tmp", "id: x\n");
  std::map<std::string, std::pair<StoredEntry::Type, std::string>> got;
  for (const StoredEntry& e : b.store().entries(Kind::lead)) got[e.relative] = {e.type, e.id};
  using T = StoredEntry::Type;
  CHECK(got == std::map<std::string, std::pair<StoredEntry::Type, std::string>>{
                   {"leads/L-ABCD1234.yaml", {T::record, "L-ABCD1234"}},
                   {"leads/A-ACME0001.yaml", {T::other_kind, "A-ACME0001"}},
                   {"leads/readme.txt", {T::stray, ""}},
                   {"leads/.L-BBBBBBBB.yaml.1-0.tmp", {T::temp, ""}},
               });
  CHECK(b.store().entries(Kind::account).empty());
  // The same classification as paths.h gives a name.
  CHECK(classify_entry(Kind::lead, "A-ACME0001.yaml").type == T::other_kind);
  CHECK(classify_entry(Kind::account, "A-ACME0001.yaml").type == T::record);
  CHECK(classify_entry(Kind::lead, "L-ABCD1234.yml").type == T::stray);
}

TEMPLATE_TEST_CASE("new_id hands out fresh IDs, never twice within a command", "[record-store]",
                   MemoryBackend, FileBackend) {
  TestType b;
  b.write(created({lead("L-ABCD1234", "Jan")}));
  std::set<std::string> issued;
  for (int i = 0; i < 300; ++i) {
    std::string id = b.store().new_id(Kind::lead);
    REQUIRE(is_valid_id(id, "L"));
    REQUIRE(id != "L-ABCD1234");
    REQUIRE(issued.insert(id).second);
  }
  CHECK(is_valid_id(b.store().new_id(Kind::service_order), "SV"));
  CHECK(is_valid_id(b.store().new_id(Kind::confirmation), "CF"));
  // Numbers too: one command numbering two documents before writing either.
  Date today(2026, 11, 23);
  CHECK(next_number(b.store(), Kind::invoice, today) == "INV-2026-0001");
  CHECK(next_number(b.store(), Kind::invoice, today) == "INV-2026-0002");
  CHECK(next_number(b.store(), Kind::quote, today) == "Q-2026-0001");
}

TEST_CASE("A memory store's IDs follow its seed and skip IDs in use", "[record-store]") {
  std::string first = MemoryStore(MemoryStore::default_config(), 42).new_id(Kind::lead);
  CHECK(MemoryStore(MemoryStore::default_config(), 42).new_id(Kind::lead) == first);
  MemoryStore taken(MemoryStore::default_config(), 42);
  taken.put("leads/" + first + ".yaml", lead_text(first, "Jan"));
  CHECK(taken.new_id(Kind::lead) != first);
  // It counts the writes that changed something.
  MemoryStore counted;
  CHECK(counted.writes() == 0);
  counted.write(created({lead("L-ABCD1234", "Jan")}));
  CHECK(counted.writes() == 1);
  ChangeSet same;
  same.updated(counted.load(Kind::lead, "L-ABCD1234"));
  counted.write(same);
  CHECK(counted.writes() == 1);
  CHECK(counted.files().size() == 1);
}

TEST_CASE("The memory store and the data directory hold the same bytes", "[record-store]") {
  MemoryBackend memory;
  FileBackend disk;
  Record jan = lead("L-ABCD1234", "Jan", "phone: 01234\n");
  jan.set("history", crm::Value::sequence());
  jan.list("history").push_back(
      field_change_entry({"anna", "2026-11-23T10:00:00.123+01:00"}, "owner", "anna", "bob"));
  ChangeSet changes = created({jan, account("A-ACME0001", "Acme Ltd", "notes: \"a\\nb\\n\"\n")});
  memory.write(changes);
  disk.write(changes);
  for (const char* path : {"leads/L-ABCD1234.yaml", "accounts/A-ACME0001.yaml"}) {
    INFO(path);
    REQUIRE(memory.text_of(path));
    CHECK(memory.text_of(path) == disk.text_of(path));
  }
}

}  // namespace record_store_tests
