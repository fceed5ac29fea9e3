// The data directory on disk (FileStore): init, finding the directory, paths, loading and
// writing records, the lock, the intent journal's recovery and file modes. What every store
// does alike is in test_record_store.cpp.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <set>

#include "crm/base/config.h"
#include "crm/base/error.h"
#include "crm/store/file_store.h"
#include "crm/store/files.h"
#include "crm/store/file_store.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "helpers.h"

using namespace crm;
using crm_test::DiskDir;
using crm_test::EnvVar;
using crm_test::TempDir;
using crm_test::thrown;
using crm_test::WorkingDirectory;

namespace store_tests {

namespace {

Record lead(const std::string& id, const std::string& name, const std::string& status = "new") {
  return crm_test::record_from_yaml(Kind::lead, "id: \"" + id + "\"\nstatus: \"" + status +
                                                    "\"\nname: \"" + name +
                                                    "\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n"
                                                    "custom:\n  keep: [1, \"two\"]\n");
}

Record account(const std::string& id, const std::string& name) {
  return crm_test::record_from_yaml(
      Kind::account,
      "id: \"" + id + "\"\nname: \"" + name + "\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n");
}

struct timespec mtime_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mtim;
}

}  // namespace

TEST_CASE("init_data_dir lays out a private data directory", "[store][init]") {
  TempDir tmp;
  fs::path root = tmp.path() / "data";
  InitResult result = init_data_dir(root, false);
  CHECK(result.root == root);
  CHECK(result.written == std::vector<std::string>{"crm.yaml", ".gitignore"});
  CHECK(crm_test::read_text(root / "crm.yaml") == default_config_text(false));
  CHECK_THAT(crm_test::read_text(root / ".gitignore"), Catch::Contains("\n.crm/\n"));
  CHECK_FALSE(fs::exists(root / ".gitattributes"));
  CHECK(crm_test::mode_of(root) == 0700);
  CHECK(crm_test::mode_of(root / "crm.yaml") == 0600);
  CHECK(crm_test::mode_of(root / ".gitignore") == 0600);
  CHECK(crm_test::mode_of(root / ".crm") == 0700);
  for (const KindSpec& kind : all_kinds()) {
    INFO(kind.folder);
    CHECK(fs::is_directory(root / kind.folder));
    CHECK(crm_test::mode_of(root / kind.folder) == 0700);
  }
  CHECK(crm_test::names_in(root).size() == all_kinds().size() + 3);

  FileStore store(root);
  CHECK(store.config().currency == "EUR");
  REQUIRE(store.config().stages.size() == 4);
  CHECK(store.config().stages[0].name == "qualification");
  CHECK(store.config().stages[3].probability == "75");
  CHECK(store.config().file_mode == 0600);
  CHECK(store.config().folder_mode == 0700);
  CHECK_FALSE(store.config().git_autocommit);
}

TEST_CASE("init_data_dir refuses to overwrite crm.yaml and keeps an existing .gitignore",
          "[store][init]") {
  TempDir tmp;
  fs::path root = tmp.path() / "data";
  fs::create_directory(root);
  crm_test::write_text(root / ".gitignore", "mine\n");
  InitResult result = init_data_dir(root, false);
  CHECK(result.written == std::vector<std::string>{"crm.yaml"});
  CHECK(crm_test::read_text(root / ".gitignore") == "mine\n");

  crm_test::write_text(root / "crm.yaml", "# my edited config\nversion: 1\n");
  auto e = thrown<RefusedError>([&] { init_data_dir(root, false); });
  CHECK(e.code() == ExitCode::refused);
  CHECK_THAT(e.what(), Catch::Contains("crm.yaml"));
  CHECK(crm_test::read_text(root / "crm.yaml") == "# my edited config\nversion: 1\n");
}

TEST_CASE("find_data_dir takes --dir, then $CRM_DIR, then walks up", "[store][find]") {
  DiskDir d;
  TempDir elsewhere;
  {
    EnvVar env("CRM_DIR", elsewhere.path().c_str());
    CHECK(find_data_dir(d.root.string()) == d.root);  // the option wins over $CRM_DIR
    auto e = thrown<UsageError>([&] { find_data_dir(std::nullopt); });
    CHECK_THAT(e.what(), Catch::Contains("$CRM_DIR"));
    CHECK_THAT(e.hint(), Catch::Contains("crm init"));
  }
  {
    EnvVar env("CRM_DIR", d.root.c_str());
    WorkingDirectory cwd(elsewhere.path());
    CHECK(find_data_dir(std::nullopt) == d.root);
  }
  EnvVar unset("CRM_DIR", nullptr);
  {
    fs::create_directories(d.root / "leads" / "deeper");
    WorkingDirectory cwd(d.root / "leads" / "deeper");
    CHECK(fs::equivalent(find_data_dir(std::nullopt), d.root));
  }
  {
    WorkingDirectory cwd(d.root);
    CHECK(fs::equivalent(find_data_dir(std::nullopt), d.root));
  }
  {
    WorkingDirectory cwd(elsewhere.path());
    auto e = thrown<UsageError>([&] { find_data_dir(std::nullopt); });
    CHECK(e.code() == ExitCode::usage);
    CHECK_THAT(e.what(), Catch::Contains("crm.yaml"));
    CHECK_THAT(std::string(e.what()) + e.hint(), Catch::Contains("crm init"));
  }
  auto e = thrown<UsageError>([&] { find_data_dir(elsewhere.path().string()); });
  CHECK_THAT(e.what(), Catch::Contains("-C/--dir"));
  CHECK_THAT(e.hint(), Catch::Contains("crm init"));
}

TEST_CASE("paths.h owns the paths and refuses IDs that could escape the folder", "[store]") {
  DiskDir d;
  CHECK(kind_folder(d.root, Kind::lead) == d.root / "leads");
  CHECK(record_path(d.root, Kind::lead, "L-7K3QZ9AB") == d.root / "leads" / "L-7K3QZ9AB.yaml");
  CHECK(record_path(d.root, Kind::service_contract, "SC-7K3QZ9AB") ==
        d.root / "service-contracts" / "SC-7K3QZ9AB.yaml");
  CHECK(record_relative_path(Kind::lead, "L-7K3QZ9AB") == "leads/L-7K3QZ9AB.yaml");
  for (const char* bad : {"L-../../x", "../L-7K3QZ9AB", "L-AAAA/BBB", "L-7K3QZ9AB/../../x",
                          "/etc/passwd", "A-7K3QZ9AB", "L-7k3qz9ab", "", "L-7K3QZ9AB\n"}) {
    INFO(bad);
    auto e = thrown<UsageError>([&] { record_path(d.root, Kind::lead, bad); });
    CHECK_THAT(e.what(), Catch::Contains("is not a valid lead ID"));
    CHECK_THROWS_AS(d.store.load(Kind::lead, bad), UsageError);
    CHECK_THROWS_AS(d.store.exists(Kind::lead, bad), UsageError);
  }
}

TEST_CASE("FileStore::write then load gives the same record", "[store]") {
  DiskDir d;
  Record one = lead("L-ABCD1234", "Jan Kowalski");
  ChangeSet changes;
  changes.created(one);
  CHECK(d.commit(changes) == std::vector<std::string>{"leads/L-ABCD1234.yaml"});
  CHECK(d.store.exists(Kind::lead, "L-ABCD1234"));
  CHECK_FALSE(d.store.exists(Kind::lead, "L-ABCD5678"));
  Record loaded = d.store.load(Kind::lead, "L-ABCD1234");
  CHECK(loaded.kind() == Kind::lead);
  CHECK(loaded.fields() == one.fields());
  CHECK(d.text_of("leads/L-ABCD1234.yaml") == record_to_yaml(one));
  CHECK(crm_test::mode_of(d.root / "leads/L-ABCD1234.yaml") == 0600);
  CHECK(crm_test::names_in(d.root / "leads") == std::vector<std::string>{"L-ABCD1234.yaml"});

  auto missing = thrown<NotFoundError>([&] { d.store.load(Kind::lead, "L-ABCD5678"); });
  CHECK(std::string(missing.what()) == "leads/L-ABCD5678.yaml: no such file");
}

TEST_CASE("FileStore::write of several records writes them all through the journal", "[store]") {
  DiskDir d;
  ChangeSet changes;
  changes.created(lead("L-ABCD1234", "Jan"));
  changes.created(lead("L-ABCD5678", "Ewa"));
  changes.created(account("A-ACME0001", "Acme Ltd"));
  CHECK(d.commit(changes) == std::vector<std::string>{"leads/L-ABCD1234.yaml",
                                                      "leads/L-ABCD5678.yaml",
                                                      "accounts/A-ACME0001.yaml"});
  for (const auto& change : changes.changes) {
    INFO(change.record.id());
    Record loaded = d.store.load(change.record.kind(), change.record.id());
    CHECK(loaded.fields() == change.record.fields());
    CHECK(crm_test::mode_of(d.root / record_relative_path(change.record)) == 0600);
  }
  // No journal, no temp files left behind.
  CHECK(crm_test::names_in(d.root / ".crm") == std::vector<std::string>{"lock"});
  CHECK(crm_test::names_in(d.root / "leads") ==
        std::vector<std::string>{"L-ABCD1234.yaml", "L-ABCD5678.yaml"});
  CHECK(d.store.load_all(Kind::lead).size() == 2);
}

TEST_CASE("FileStore::write does not touch a file whose bytes did not change", "[store]") {
  DiskDir d;
  ChangeSet first;
  first.created(lead("L-ABCD1234", "Jan"));
  first.created(lead("L-ABCD5678", "Ewa"));
  d.commit(first);
  const fs::path path = d.root / "leads/L-ABCD1234.yaml";
  const ino_t inode = crm_test::inode_of(path);
  const auto mtime = mtime_of(path);

  ChangeSet same;
  same.updated(d.store.load(Kind::lead, "L-ABCD1234"));
  CHECK(d.commit(same).empty());
  CHECK(crm_test::inode_of(path) == inode);
  CHECK(mtime_of(path).tv_nsec == mtime.tv_nsec);
  CHECK(mtime_of(path).tv_sec == mtime.tv_sec);

  // Of two updates, only the changed one is written.
  Record changed = d.store.load(Kind::lead, "L-ABCD5678");
  changed.set_text("company", "Nowak Sp.");
  ChangeSet mixed;
  mixed.updated(d.store.load(Kind::lead, "L-ABCD1234"));
  mixed.updated(changed);
  CHECK(d.commit(mixed) == std::vector<std::string>{"leads/L-ABCD5678.yaml"});
  CHECK(crm_test::inode_of(path) == inode);
  CHECK(d.store.load(Kind::lead, "L-ABCD5678").get("company") == "Nowak Sp.");
}

TEST_CASE("FileStore::ids lists valid record names only, sorted", "[store]") {
  DiskDir d;
  for (const char* name : {"L-ZZZZ0000.yaml", "L-ABCD1234.yaml", ".L-ABCD1234.yaml.123-0.tmp",
                           "notes.txt", "L-abcd1234.yaml", "L-ABCD123.yaml", "A-ABCD1234.yaml",
                           "L-ABCD5678.yml", "L-ABCD123U.yaml", ".hidden.yaml", "L-ABCD1234.yaml~"})
    d.put(std::string("leads/") + name, "id: x\n");
  CHECK(d.store.ids(Kind::lead) == std::vector<std::string>{"L-ABCD1234", "L-ZZZZ0000"});
  CHECK(d.store.ids(Kind::account).empty());
}

TEST_CASE("FileStore never follows a symlinked record folder", "[store][hostile]") {
  DiskDir d;
  TempDir outside;
  crm_test::write_text(outside.path() / "L-ABCD1234.yaml", "id: \"L-ABCD1234\"\nname: x\n");
  fs::remove(d.root / "leads");
  fs::create_directory_symlink(outside.path(), d.root / "leads");
  // Listing it is an error (exit 4), not an empty folder that hides the records.
  CHECK_THROWS_AS(d.store.ids(Kind::lead), DataError);
}

TEST_CASE("load_all keeps going past broken files when asked", "[store]") {
  DiskDir d;
  ChangeSet changes;
  changes.created(lead("L-ABCD1234", "Jan"));
  d.commit(changes);
  d.put("leads/L-ABCD5678.yaml", "id: \"L-ABCD5678\"\nname: [unclosed\n");
  CHECK_THROWS_AS(d.store.load_all(Kind::lead), DataError);
  std::vector<LoadProblem> problems;
  auto records = d.store.load_all(Kind::lead, &problems);
  REQUIRE(records.size() == 1);
  CHECK(records[0].id() == "L-ABCD1234");
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::StartsWith("leads/L-ABCD5678.yaml:"));
}

TEST_CASE("FileStore::new_id never returns an existing or issued ID", "[store]") {
  DiskDir d;
  EnvVar seed("CRM_ID_SEED", "unit-test-seed");
  std::string first;
  {
    FileStore fresh(d.root);
    first = fresh.new_id(Kind::lead);
  }
  REQUIRE(is_valid_id(first, "L"));
  {
    // The same seed draws the same first ID, unless a file already has it.
    FileStore again(d.root);
    CHECK(again.new_id(Kind::lead) == first);
  }
  d.put("leads/" + first + ".yaml", "id: \"" + first + "\"\n");
  FileStore store(d.root);
  std::set<std::string> issued;
  for (int i = 0; i < 300; ++i) {
    std::string id = store.new_id(Kind::lead);
    REQUIRE(id != first);
    REQUIRE(issued.insert(id).second);
  }
  CHECK(is_valid_id(store.new_id(Kind::service_order), "SV"));
}

TEST_CASE("The lock is exclusive, even between two descriptors of one process", "[store][lock]") {
  DiskDir d;
  const fs::path lock_file = d.root / ".crm" / "lock";
  {
    StoreLock held = d.store.lock(0.1);
    auto start = std::chrono::steady_clock::now();
    auto e = thrown<LockError>([&] { StoreLock second(lock_file, 0.1); });
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(waited >= 0.09);
    CHECK(waited < 2.0);
    CHECK(e.code() == ExitCode::lock_timeout);
    CHECK_THAT(e.hint(), Catch::Contains("--wait"));
    CHECK_THROWS_AS(d.store.lock(0.1), LockError);
    CHECK_FALSE(StoreLock::try_take(lock_file).has_value());
    CHECK_THROWS_AS(StoreLock(lock_file, 0), LockError);
  }
  // Released with its holder.
  auto again = StoreLock::try_take(lock_file);
  CHECK(again.has_value());
  StoreLock moved = std::move(*again);
  CHECK_FALSE(StoreLock::try_take(lock_file).has_value());
}

namespace {

const char* k_old_lead =
    "id: \"L-AAAAAAAA\"\nstatus: \"new\"\nname: \"Old\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n";
const char* k_new_lead =
    "id: \"L-AAAAAAAA\"\nstatus: \"contacted\"\nname: \"New\"\n"
    "created: \"2026-11-23T00:00:00+00:00\"\n";
const char* k_new_account =
    "id: \"A-BBBBBBBB\"\nname: \"Acme\"\ncreated: \"2026-11-23T00:00:00+00:00\"\n";

// What FileStore::write leaves after step 2 (temp files written) of a two-file write.
void interrupted_write(DiskDir& d, const std::string& journal_name) {
  d.put("leads/L-AAAAAAAA.yaml", k_old_lead);
  d.put("leads/.L-AAAAAAAA.yaml.4242-0.tmp", k_new_lead);
  d.put("accounts/.A-BBBBBBBB.yaml.4242-1.tmp", k_new_account);
  d.put(".crm/" + journal_name,
        "version: 1\n"
        "files:\n"
        "  - temp: \"leads/.L-AAAAAAAA.yaml.4242-0.tmp\"\n"
        "    target: \"leads/L-AAAAAAAA.yaml\"\n"
        "  - temp: \"accounts/.A-BBBBBBBB.yaml.4242-1.tmp\"\n"
        "    target: \"accounts/A-BBBBBBBB.yaml\"\n");
}

}  // namespace

TEST_CASE("The journal FileStore::write keeps has the shape recover() reads", "[store][journal]") {
  // Mirror of the format: emit the same journal the way FileStore::write does and compare.
  Value journal = Value::map();
  journal.set("version", Value::plain("1"));
  Value files = Value::sequence();
  Value entry = Value::map();
  entry.set("temp", Value::string("leads/.L-AAAAAAAA.yaml.4242-0.tmp"));
  entry.set("target", Value::string("leads/L-AAAAAAAA.yaml"));
  files.push_back(entry);
  journal.set("files", files);
  CHECK(emit_yaml(journal) ==
        "version: 1\nfiles:\n  - temp: \"leads/.L-AAAAAAAA.yaml.4242-0.tmp\"\n"
        "    target: \"leads/L-AAAAAAAA.yaml\"\n");
}

TEST_CASE("recover() rolls a committed journal forward", "[store][journal]") {
  DiskDir d;
  interrupted_write(d, "journal");
  {
    StoreLock lock = d.store.lock(1.0);  // taking the lock recovers
  }
  CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_new_lead);
  CHECK(d.text_of("accounts/A-BBBBBBBB.yaml") == k_new_account);
  CHECK(crm_test::names_in(d.root / "leads") == std::vector<std::string>{"L-AAAAAAAA.yaml"});
  CHECK(crm_test::names_in(d.root / "accounts") == std::vector<std::string>{"A-BBBBBBBB.yaml"});
  CHECK(crm_test::names_in(d.root / ".crm") == std::vector<std::string>{"lock"});
  CHECK(d.store.load(Kind::lead, "L-AAAAAAAA").get("name") == "New");
}

TEST_CASE("recover() finishes a journal whose renames were half done", "[store][journal]") {
  DiskDir d;
  interrupted_write(d, "journal");
  fs::rename(d.root / "leads/.L-AAAAAAAA.yaml.4242-0.tmp", d.root / "leads/L-AAAAAAAA.yaml");
  StoreLock lock = d.store.lock(1.0);
  CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_new_lead);
  CHECK(d.text_of("accounts/A-BBBBBBBB.yaml") == k_new_account);
  CHECK(crm_test::names_in(d.root / ".crm") == std::vector<std::string>{"lock"});
}

TEST_CASE("recover() rolls a pending journal back", "[store][journal]") {
  DiskDir d;
  interrupted_write(d, "journal.pending");
  // Crash during step 2: only one of the temp files was written.
  fs::remove(d.root / "accounts/.A-BBBBBBBB.yaml.4242-1.tmp");
  StoreLock lock = d.store.lock(1.0);
  CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_old_lead);
  CHECK_FALSE(fs::exists(d.root / "accounts/A-BBBBBBBB.yaml"));
  CHECK(crm_test::names_in(d.root / "leads") == std::vector<std::string>{"L-AAAAAAAA.yaml"});
  CHECK(crm_test::names_in(d.root / "accounts").empty());
  CHECK(crm_test::names_in(d.root / ".crm") == std::vector<std::string>{"lock"});
}

TEST_CASE("recover_if_idle recovers when nobody holds the lock", "[store][journal]") {
  DiskDir d;
  interrupted_write(d, "journal");
  d.store.recover_if_idle();
  CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_new_lead);
  CHECK_FALSE(fs::exists(d.root / ".crm/journal"));

  interrupted_write(d, "journal.pending");
  {
    StoreLock held(d.root / ".crm/lock", 0);
    d.store.recover_if_idle();  // a writer is busy: leave its journal alone
    CHECK(fs::exists(d.root / ".crm/journal.pending"));
  }
  d.store.recover_if_idle();
  CHECK_FALSE(fs::exists(d.root / ".crm/journal.pending"));
  CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_old_lead);
}

TEST_CASE("recover() refuses a journal that names paths outside the data directory",
          "[store][journal][hostile]") {
  const std::pair<const char*, const char*> cases[] = {
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "../outside.yaml"},
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "leads/../../outside.yaml"},
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "/tmp/outside.yaml"},
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "leads/x.yaml"},
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "crm.yaml"},
      {"leads/.L-AAAAAAAA.yaml.1-0.tmp", "nowhere/L-AAAAAAAA.yaml"},
      {"../.outside.tmp", "leads/L-AAAAAAAA.yaml"},
      {"leads/../../.outside.tmp", "leads/L-AAAAAAAA.yaml"},
      {"leads/...tmp", "leads/L-AAAAAAAA.yaml"},
      {"leads/L-AAAAAAAA.yaml", "leads/L-AAAAAAAA.yaml"},
  };
  DiskDir d;
  d.put("leads/L-AAAAAAAA.yaml", k_old_lead);
  d.put("leads/.L-AAAAAAAA.yaml.1-0.tmp", k_new_lead);
  StoreLock lock(d.root / ".crm/lock", 0);
  for (const char* name : {"journal", "journal.pending"}) {
    for (const auto& [temp, target] : cases) {
      INFO(name << ": " << temp << " -> " << target);
      d.put(".crm/" + std::string(name), std::string("version: 1\nfiles:\n  - temp: \"") + temp +
                                             "\"\n    target: \"" + target + "\"\n");
      auto e = thrown<DataError>([&] { d.store.recover(); });
      CHECK_THAT(e.what(), Catch::Contains("unexpected path"));
      CHECK(d.text_of("leads/L-AAAAAAAA.yaml") == k_old_lead);
      CHECK(fs::exists(d.root / "leads/.L-AAAAAAAA.yaml.1-0.tmp"));
      CHECK(crm_test::names_in(d.tmp.path()) == std::vector<std::string>{"data"});
      CHECK(crm_test::names_in(d.root / "leads") ==
            std::vector<std::string>{".L-AAAAAAAA.yaml.1-0.tmp", "L-AAAAAAAA.yaml"});
      fs::remove(d.root / ".crm" / name);
    }
  }
}

TEST_CASE("recover() refuses a journal that is not a journal", "[store][journal][hostile]") {
  DiskDir d;
  d.put(".crm/journal", "version: 1\n");
  StoreLock lock(d.root / ".crm/lock", 0);
  CHECK_THROWS_AS(d.store.recover(), DataError);
  d.put(".crm/journal", "files: [\n");
  CHECK_THROWS_AS(d.store.recover(), DataError);
}

TEST_CASE("config_from_yaml reads crm.yaml and refuses wrong shapes", "[store][config]") {
  Config c = config_from_yaml(
      parse_yaml("currency: \"PLN\"\nstages:\n  - name: \"first\"\n    probability: \"5\"\n"
                 "    playbook: [\"a\", \"b\"]\n  - name: \"second\"\n"
                 "files:\n  mode: \"0640\"\n  folder_mode: \"0750\"\ngit:\n  autocommit: true\n",
                 "crm.yaml"),
      "crm.yaml");
  CHECK(c.currency == "PLN");
  REQUIRE(c.stages.size() == 2);
  CHECK(c.stages[0].playbook == std::vector<std::string>{"a", "b"});
  CHECK(c.stage("second") != nullptr);
  CHECK(c.stage("third") == nullptr);
  CHECK(c.file_mode == 0640);
  CHECK(c.folder_mode == 0750);
  CHECK(c.git_autocommit);

  auto mode = thrown<DataError>(
      [&] { config_from_yaml(parse_yaml("files:\n  mode: \"rw\"\n", "crm.yaml"), "crm.yaml"); });
  CHECK_THAT(mode.what(), Catch::StartsWith("crm.yaml:2: "));
  CHECK_THROWS_AS(config_from_yaml(parse_yaml("stages: []\n", "crm.yaml"), "crm.yaml"), DataError);
  auto stage = thrown<DataError>([&] {
    config_from_yaml(parse_yaml("stages:\n  - probability: \"5\"\n", "crm.yaml"), "crm.yaml");
  });
  CHECK_THAT(stage.what(), Catch::StartsWith("crm.yaml:2: "));
}

TEST_CASE("FileStore honours the file modes of crm.yaml", "[store][config]") {
  DiskDir d;
  d.put("crm.yaml", "files:\n  mode: \"0640\"\n  folder_mode: \"0750\"\n");
  FileStore store(d.root);
  ChangeSet changes;
  changes.created(lead("L-ABCD1234", "Jan"));
  {
    StoreLock lock = store.lock(1.0);
    store.write(changes);
  }
  CHECK(crm_test::mode_of(d.root / "leads/L-ABCD1234.yaml") == 0640);
}

TEST_CASE("FileStore::write refuses text that is not UTF-8 and leaves no file",
          "[store][hostile]") {
  DiskDir d;
  for (const char* bad : {"Acme\xff", "\x80\"\nstatus: x", "\xc3"}) {
    INFO(bad);
    Record r = lead("L-ABCD1234", "Jan");
    r.set_text("company", bad);
    ChangeSet changes;
    changes.created(r);
    changes.created(account("A-ACME0001", "Acme"));
    CHECK_THROWS_AS(d.commit(changes), UsageError);
    CHECK(d.store.ids(Kind::lead).empty());
    CHECK(d.store.ids(Kind::account).empty());
    CHECK(crm_test::names_in(d.root / "leads").empty());
  }
}

}  // namespace store_tests
