// The local index (store/indexed_file_store.h, store/index_file.h): the compact form reads back
// to the record record_from_yaml gives, a changed file is parsed again whatever part of its
// stamp changed, a damaged index is rebuilt, and a broken file raises the FileStore's error.
#include <fcntl.h>
#include <sys/stat.h>

#include "crm/store/index_file.h"
#include "crm/store/indexed_file_store.h"
#include "helpers.h"

namespace test_index {

using namespace crm;
using crm_test::DiskDir;
namespace fs = std::filesystem;

const fs::path k_examples =
    fs::path(__FILE__).parent_path().parent_path().parent_path() / "examples";

// Value's operator== ignores lines; the index must keep them too (check reports them).
bool same_tree(const Value& a, const Value& b) {
  if (a.type() != b.type() || a.style() != b.style() || a.line() != b.line() ||
      a.text() != b.text() || a.items().size() != b.items().size() ||
      a.entries().size() != b.entries().size())
    return false;
  for (std::size_t i = 0; i < a.items().size(); ++i)
    if (!same_tree(a.items()[i], b.items()[i])) return false;
  for (std::size_t i = 0; i < a.entries().size(); ++i)
    if (a.entries()[i].first != b.entries()[i].first ||
        !same_tree(a.entries()[i].second, b.entries()[i].second))
      return false;
  return true;
}

constexpr const char* k_lead_id = "L-7K3QZ9AB";

std::string lead_text(const std::string& name) {
  return "id: \"L-7K3QZ9AB\"\nname: \"" + name +
         "\"\nstatus: \"new\"\ncreated: \"2026-11-20T09:00:00+01:00\"\nowner: \"anna\"\n";
}

std::string replaced_id(std::string text, const std::string& id) {
  return text.replace(text.find(k_lead_id), std::string(k_lead_id).size(), id);
}

// Sets a file's mtime exactly (long ago, so that the index trusts it: see IndexEntry::racy).
void set_mtime(const fs::path& path, std::time_t sec, long nsec) {
  struct timespec times[2] = {{sec, nsec}, {sec, nsec}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

struct stat stat_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st;
}

constexpr std::time_t k_long_ago = 1700000000;

// The index's options in these tests: a file changed just now is trusted (the test of racy
// entries below uses the default).
IndexedFileStore::Options trusting() {
  IndexedFileStore::Options o;
  o.racy_ns = 0;
  return o;
}

// A directory with one lead written long ago, and its index saved.
struct IndexedDir {
  DiskDir dir;
  fs::path lead_path = dir.root / "leads" / (std::string(k_lead_id) + ".yaml");

  IndexedDir() {
    dir.put(std::string("leads/") + k_lead_id + ".yaml", lead_text("Anna Berg"));
    set_mtime(lead_path, k_long_ago, 100);
    IndexedFileStore store(dir.store, trusting());
    REQUIRE(store.ids(Kind::lead).size() == 1);
    REQUIRE(store.parsed_files() == 1);
  }

  // A fresh indexed store's view of the lead: its name and how many files it parsed.
  std::pair<std::string, std::size_t> reread() {
    IndexedFileStore store(dir.store, trusting());
    REQUIRE(store.ids(Kind::lead).size() == 1);
    std::string name = store.load(Kind::lead, k_lead_id).get("name");
    return {name, store.parsed_files()};
  }
};

TEST_CASE("index: the compact form reads back every example record identically") {
  std::size_t records = 0;
  std::set<Kind> kinds;
  for (const KindSpec& spec : all_kinds()) {
    fs::path folder = k_examples / spec.folder;
    if (!fs::exists(folder)) continue;
    for (const auto& file : fs::directory_iterator(folder)) {
      std::string name = file.path().filename().string();
      if (!id_of_file_name(spec.kind, name)) continue;
      std::string display = spec.folder + "/" + name;
      Record parsed = read_record_file(spec.kind, file.path(), display, false);
      std::string compact = compact_value(parsed.fields());
      Record back(spec.kind, value_from_compact(compact));
      INFO(display);
      CHECK(same_tree(back.fields(), parsed.fields()));
      CHECK(record_to_yaml(back) == record_to_yaml(parsed));
      CHECK(compact_get(compact, "id") == parsed.id());
      CHECK(compact_get(compact, "status") == parsed.fields().get("status"));
      ++records;
      kinds.insert(spec.kind);
    }
  }
  CHECK(records > 50);
  CHECK(kinds.size() == all_kinds().size());
}

TEST_CASE("index: the index file round-trips and refuses damage") {
  IndexEntry entry{"L-AAAAAAAA", {10, 20, 30, 40, 50, 60}, 1, "xyz", {}};
  std::string bytes = serialize_index(
      {{"leads", encode_index_section({&entry})}, {"deals", encode_index_section({})}});
  auto back = parse_index(bytes);
  REQUIRE(back);
  CHECK(back->size() == 2);
  auto leads = parse_index_section(back->at("leads"));
  REQUIRE(leads);
  REQUIRE(leads->size() == 1);
  CHECK(leads->at(0).id == "L-AAAAAAAA");
  CHECK(leads->at(0).stamp == FileStamp{10, 20, 30, 40, 50, 60});
  CHECK(leads->at(0).flags == 1);
  CHECK(leads->at(0).compact() == "xyz");
  CHECK(parse_index_section(back->at("deals"))->empty());
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
    INFO("byte " << at);
    CHECK_FALSE(parse_index(flipped));
  }
  for (std::size_t size = 0; size < bytes.size(); ++size)
    CHECK_FALSE(parse_index(std::string_view(bytes).substr(0, size)));
  CHECK_FALSE(parse_index(bytes + "x"));
}

TEST_CASE("index: an unchanged file is not parsed again") {
  IndexedDir d;
  CHECK(d.reread() == std::pair<std::string, std::size_t>{"Anna Berg", 0});
}

TEST_CASE("index: an edit in place that keeps size, inode and mtime is seen by its ctime") {
  IndexedDir d;
  struct stat before = stat_of(d.lead_path);
  crm_test::write_text(d.lead_path, lead_text("Olga Berg"));
  set_mtime(d.lead_path, k_long_ago, 100);
  REQUIRE(stat_of(d.lead_path).st_ino == before.st_ino);
  REQUIRE(stat_of(d.lead_path).st_size == before.st_size);
  CHECK(d.reread() == std::pair<std::string, std::size_t>{"Olga Berg", 1});
}

TEST_CASE("index: a changed size is parsed again") {
  IndexedDir d;
  crm_test::write_text(d.lead_path, lead_text("Anna Berg-Olsen"));
  set_mtime(d.lead_path, k_long_ago, 100);
  CHECK(d.reread() == std::pair<std::string, std::size_t>{"Anna Berg-Olsen", 1});
}

TEST_CASE("index: a changed mtime, by nanoseconds only, is parsed again") {
  IndexedDir d;
  crm_test::write_text(d.lead_path, lead_text("Olga Berg"));
  set_mtime(d.lead_path, k_long_ago, 101);
  CHECK(d.reread() == std::pair<std::string, std::size_t>{"Olga Berg", 1});
}

TEST_CASE("index: a changed inode with the same size and mtime is parsed again") {
  IndexedDir d;
  fs::path other = d.dir.root / "other.yaml";
  crm_test::write_text(other, lead_text("Olga Berg"));
  set_mtime(other, k_long_ago, 100);
  fs::rename(other, d.lead_path);
  CHECK(d.reread() == std::pair<std::string, std::size_t>{"Olga Berg", 1});
}

TEST_CASE("index: a file changed just before it was indexed is parsed again next time") {
  DiskDir dir;
  dir.put(std::string("leads/") + k_lead_id + ".yaml", lead_text("Anna Berg"));
  for (int run = 0; run < 2; ++run) {
    IndexedFileStore store(dir.store);
    store.ids(Kind::lead);
    CHECK(store.parsed_files() == 1);  // mtime is now: same clock tick as a later change
  }
}

TEST_CASE("index: new and removed files are seen") {
  IndexedDir d;
  std::string second = "L-8K3QZ9AB";
  d.dir.put("leads/" + second + ".yaml", replaced_id(lead_text("Olga Berg"), second));
  {
    IndexedFileStore store(d.dir.store, trusting());
    CHECK(store.ids(Kind::lead) == std::vector<std::string>{k_lead_id, second});
    CHECK(store.parsed_files() == 1);
  }
  fs::remove(d.lead_path);
  IndexedFileStore store(d.dir.store);
  CHECK(store.ids(Kind::lead) == std::vector<std::string>{second});
  CHECK_FALSE(store.exists(Kind::lead, k_lead_id));
}

TEST_CASE("index: a damaged, truncated or foreign index is rebuilt without error") {
  IndexedDir d;
  fs::path index = index_path(d.dir.root);
  std::string good = crm_test::read_text(index);
  auto flip = [&](std::size_t at) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 1);
    return bad;
  };
  std::vector<std::pair<std::string, std::string>> damages = {
      {"a byte flipped in the body", flip(good.size() / 2)},
      {"a byte flipped in the last record", flip(good.size() - 1)},
      {"truncated", good.substr(0, good.size() - 7)},
      {"empty", ""},
      {"another format version", flip(8)},
      {"another schema", flip(16)},
  };
  for (const auto& [what, bytes] : damages) {
    INFO(what);
    crm_test::write_text(index, bytes);
    CHECK(d.reread() == std::pair<std::string, std::size_t>{"Anna Berg", 1});
    CHECK(d.reread() == std::pair<std::string, std::size_t>{"Anna Berg", 0});  // rewritten
  }
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return std::string("DataError: ") + e.what() + " | " + e.hint();
  } catch (const Error& e) {
    return std::string("Error: ") + e.what();
  }
  return "no error";
}

TEST_CASE("index: a broken file raises the FileStore's error") {
  DiskDir dir;
  std::string relative = std::string("leads/") + k_lead_id + ".yaml";
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"bad YAML", "id: \"L-7K3QZ9AB\"\nname: [unclosed\n"},
      {"a wrong id", lead_text("Anna").replace(5, 1, "9")},
      {"a malformed field", lead_text("Anna") + "created_by_hand: x\nhistory: \"not a list\"\n"},
  };
  for (const auto& [what, text] : broken) {
    INFO(what);
    dir.put(relative, text);
    std::string expected = error_of([&] { dir.store.load(Kind::lead, k_lead_id); });
    REQUIRE(expected != "no error");
    IndexedFileStore store(dir.store);
    CHECK(store.ids(Kind::lead) == std::vector<std::string>{k_lead_id});
    CHECK(error_of([&] { store.load(Kind::lead, k_lead_id); }) == expected);
    CHECK(error_of([&] { store.for_each(Kind::lead, [](const Record&) {}); }) == expected);
    CHECK(error_of([&] { store.find_by(Kind::lead, "name", "Anna"); }) == expected);
    std::vector<LoadProblem> problems;
    store.for_each(
        Kind::lead, [](const Record&) {}, &problems);
    REQUIRE(problems.size() == 1);
    CHECK("DataError: " + problems[0].message + " | " ==
          expected.substr(0, expected.find(" | ") + 3));
    std::string unchecked = error_of([&] { dir.store.load_unchecked(Kind::lead, k_lead_id); });
    if (unchecked == "no error")
      CHECK(same_tree(store.load_unchecked(Kind::lead, k_lead_id).fields(),
                      dir.store.load_unchecked(Kind::lead, k_lead_id).fields()));
    else
      CHECK(error_of([&] { store.load_unchecked(Kind::lead, k_lead_id); }) == unchecked);
  }
}

TEST_CASE("index: a write refreshes the index of the kinds it has read") {
  IndexedDir d;
  IndexedFileStore store(d.dir.store);
  Record lead = store.load_all(Kind::lead).at(0);
  lead.set_text("name", "Olga Berg");
  {
    StoreLock lock = d.dir.store.lock(1.0);
    store.write(ChangeSet::of_updated(lead, "lead edit"));
  }
  CHECK(store.find_by(Kind::lead, "name", "Olga Berg").size() == 1);
  CHECK(store.find_by(Kind::lead, "name", "Anna Berg").empty());
  CHECK(same_tree(store.load(Kind::lead, k_lead_id).fields(),
                  d.dir.store.load(Kind::lead, k_lead_id).fields()));
}

TEST_CASE("index: a read-only .crm folder is no error") {
  IndexedDir d;
  fs::path local = local_dir(d.dir.root);
  fs::remove(index_path(d.dir.root));
  ::chmod(local.c_str(), 0500);
  {
    IndexedFileStore store(d.dir.store);
    CHECK(store.ids(Kind::lead).size() == 1);
    store.save();
  }
  ::chmod(local.c_str(), 0700);
  if (::geteuid() != 0) CHECK_FALSE(fs::exists(index_path(d.dir.root)));
}

}  // namespace test_index

namespace test_index {

TEST_CASE("index: a record written beside the reader after validation exists and loads") {
  IndexedDir d;
  IndexedFileStore store(d.dir.store, trusting());
  REQUIRE(store.ids(Kind::lead).size() == 1);
  std::string second = "L-8K3QZ9AB";
  d.dir.put("leads/" + second + ".yaml", replaced_id(lead_text("Olga Berg"), second));
  CHECK(store.exists(Kind::lead, second));
  CHECK(store.load(Kind::lead, second).get("name") == "Olga Berg");
}

}  // namespace test_index
