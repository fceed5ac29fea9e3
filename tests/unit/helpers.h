// Shared fixtures of the unit tests: a data directory in memory (MemoryStore) with a pinned
// clock for the domain tests, a data directory on disk (FileStore over a temporary folder made
// by `init_data_dir`) for the tests that are about files, raw file access for hand-made (and
// hand-broken) records, and error capture.
//
// The unit test sources are compiled in unity batches: each test file keeps its own helpers in
// a namespace of its own, so that two files of one batch never define the same name.
#pragma once

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/error.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/kinds/registry.h"
#include "crm/kinds/session.h"
#include "crm/store/file_store.h"
#include "crm/store/memory_store.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"
#include "crm/store/yaml.h"

namespace crm_test {

namespace fs = std::filesystem;

// Local timestamps depend on the time zone: every test runs in UTC, also when the binary is
// started by hand rather than by ctest (which sets TZ=UTC too).
inline const bool k_utc = [] {
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  return true;
}();

// A fresh folder under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "crm-unit-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

// Restores the working directory when it goes out of scope.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& dir) : m_saved(fs::current_path()) {
    fs::current_path(dir);
  }
  ~WorkingDirectory() {
    std::error_code ec;
    fs::current_path(m_saved, ec);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path m_saved;
};

// Sets (or, with nullptr, unsets) an environment variable and restores it afterwards.
class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : m_name(name) {
    if (const char* old = ::getenv(name)) m_old = old, m_had = true;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~EnvVar() {
    if (m_had)
      ::setenv(m_name.c_str(), m_old.c_str(), 1);
    else
      ::unsetenv(m_name.c_str());
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  std::string m_name, m_old;
  bool m_had = false;
};

inline void write_text(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline unsigned mode_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path.string());
  return st.st_mode & 07777;
}

inline ino_t inode_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path.string());
  return st.st_ino;
}

// Every file name in `dir`, sorted (hidden ones included).
inline std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Replaces the first `from` in `text` by `to`; throws when `text` has none (a typo in a test).
inline std::string replaced(std::string text, const std::string& from, const std::string& to,
                            const std::string& where) {
  auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error(where + " has no " + from);
  text.replace(at, from.size(), to);
  return text;
}

// A record as a hand-written file would give it.
inline crm::Record record_from_yaml(crm::Kind kind, std::string_view text) {
  return crm::Record(kind, crm::canonical_order(crm::kind_spec(kind), crm::parse_yaml(text, "t")));
}

// A record of `kind` with just an id and a status (and, for an activity, type task): the
// smallest record a lifecycle machine takes.
inline crm::Record bare_record(crm::Kind kind, const std::string& id, const std::string& status) {
  crm::Value fields = crm::Value::map();
  fields.set("id", crm::Value::string(id));
  if (kind == crm::Kind::activity) fields.set("type", crm::Value::string("task"));
  fields.set("status", crm::Value::string(status));
  return crm::Record(kind, fields);
}

// How refusals name a record: "Q-2026-0001 (Q-7K3QZ9AB)" for one with a human number, else its
// ID. For the tests that pin a whole message; the others check the number and the ID apart.
inline std::string shown_as(const crm::Record& record) {
  const std::string number = record.number_or_id();
  return number == record.id() ? number : number + " (" + record.id() + ")";
}

// The command words of a line users type: "crm order create --quote ID" -> {"order", "create"}
// (the words after `crm` up to the first option or placeholder such as ID or AMOUNT).
inline std::vector<std::string> command_words(const std::string& typed) {
  std::vector<std::string> words;
  std::istringstream in(typed);
  std::string word;
  while (in >> word) {
    if (word == "crm") continue;
    bool placeholder =
        std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (word.starts_with("-") || placeholder) break;
    words.push_back(word);
  }
  return words;
}

// What a refusal calls the step `t` of `machine`: "quote accept", or for a transition users fire
// through another command, the command they type ("order create" for a quote's `order`).
inline std::string action_of(const crm::Machine& machine, const crm::Transition& t) {
  if (t.typed_as.empty()) return machine.kind + " " + t.command;
  std::string action;
  for (const std::string& word : command_words(t.typed_as))
    action += (action.empty() ? "" : " ") + word;
  return action;
}

// Matches a message by the parts that matter rather than by its sentence, so that wording can
// improve without breaking tests: it starts with `start` (when given), contains every part in
// the order given, and ends with `end` (when given). Built by `refusal` and `naming`:
//   CHECK_THAT(e.what(), refusal("quote accept", q).in("sent").wanting("accepted")
//                            .saying("it expired after 2026-12-23").by("quote-valid"));
class Says : public Catch::MatcherBase<std::string> {
 public:
  Says(std::string start, std::vector<std::string> parts)
      : m_start(std::move(start)), m_parts(std::move(parts)) {}

  // Contains `part` after the parts before it.
  Says saying(const std::string& part) const {
    Says more = *this;
    more.m_parts.push_back(part);
    return more;
  }
  // Contains each of `parts`, in this order, after the parts before them.
  Says saying_each(const std::vector<std::string>& parts) const {
    Says more = *this;
    more.m_parts.insert(more.m_parts.end(), parts.begin(), parts.end());
    return more;
  }
  // The state the record is in: "it is sent".
  Says in(const std::string& state) const { return saying("it is " + state); }
  // The state the step would have led to, as a word after the state it is in.
  Says wanting(const std::string& state) const { return saying(" " + state); }
  // A refusal by a guard names it last: "... [quote-valid]".
  Says by(const std::string& guard) const {
    Says more = *this;
    more.m_end = " [" + guard + "]";
    return more;
  }

  bool match(const std::string& text) const override {
    if (!text.starts_with(m_start) || !text.ends_with(m_end)) return false;
    std::size_t at = m_start.size();
    for (const std::string& part : m_parts) {
      at = text.find(part, at);
      if (at == std::string::npos) return false;
      at += part.size();
    }
    return at <= text.size() - m_end.size();
  }

  std::string describe() const override {
    std::string out;
    if (!m_start.empty()) out += "starts with \"" + m_start + "\", ";
    out += "contains in this order";
    for (const std::string& part : m_parts) out += " \"" + part + "\"";
    if (!m_end.empty()) out += ", and ends with \"" + m_end + "\"";
    return out;
  }

 private:
  std::string m_start;
  std::vector<std::string> m_parts;
  std::string m_end;
};

// A refusal of `action` ("quote accept", "order create") for `record`: "<action> refused for
// <kind> ..." naming the record by its number (where it has one) and its ID.
inline Says refusal(const std::string& action, const crm::Record& record) {
  const crm::Machine* machine = crm::machine_for(record);
  std::vector<std::string> names;
  if (record.number_or_id() != record.id()) names.push_back(record.number_or_id());
  names.push_back(record.id());
  return Says(action + " refused for " + (machine ? machine->kind : record.spec().name) + " ",
              names);
}

// A text (a hint) that contains `parts` in this order: the commands it offers, say.
inline Says naming(std::vector<std::string> parts) {
  return Says("", std::move(parts));
}

// Runs `f`, which must throw E; returns the error so that its message and hint can be checked.
template <class E, class F>
E thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    FAIL("threw another error: " << e.what());
  }
  FAIL("threw nothing");
  throw std::logic_error("unreachable");
}

// The history entries of a record (empty when it has none).
inline std::vector<crm::Value> history_of(const crm::Record& record) {
  const crm::Value* history = record.fields().find("history");
  return history ? history->items() : std::vector<crm::Value>{};
}

// A change to the configuration a store is opened with: what editing crm.yaml did before the
// domain tests moved to memory.
using ConfigEdit = std::function<void(crm::Config&)>;

inline crm::Config config_with(const ConfigEdit& edit) {
  crm::Config config = crm::MemoryStore::default_config();
  if (edit) edit(config);
  return config;
}

// A data directory in memory (the configuration `crm init` writes, changed by `config`), and a
// session for user "tester" on Monday 2026-11-23 (or another pinned moment). Domain tests run
// here: the store keeps canonical files, so hand edits and "nothing changed" checks work on
// their bytes.
struct DataDir {
  crm::MemoryStore store;
  crm::Session session;

  explicit DataDir(std::string_view today = "2026-11-23", const ConfigEdit& config = {})
      : store(config_with(config)), session{store, crm::Clock::pinned(today), "tester"} {}
  DataDir(const DataDir&) = delete;
  DataDir& operator=(const DataDir&) = delete;

  // Another user at another moment, or another moment, on the same store.
  crm::Session as(std::string user, std::string_view when) {
    return crm::Session{store, crm::Clock::pinned(when), std::move(user)};
  }
  crm::Session on(std::string_view when) { return as("tester", when); }

  // Writes a change set as a command does; returns the paths written.
  std::vector<std::string> commit(const crm::ChangeSet& changes) {
    return store.write(changes).written;
  }
  // Writes a change set and returns its `index`th record as stored.
  crm::Record apply(const crm::ChangeSet& changes, std::size_t index = 0) {
    commit(changes);
    return reload(changes.changes.at(index).record);
  }
  crm::Record reload(const crm::Record& record) { return store.load(record.kind(), record.id()); }

  // Raw files, by path relative to the data directory.
  void put(const std::string& relative, std::string_view text) {
    store.put(relative, std::string(text));
  }
  std::string text_of(const std::string& relative) {
    auto text = store.text_of(relative);
    if (!text) throw std::runtime_error("no file " + relative);
    return *text;
  }
  std::string text_of(const crm::Record& record) {
    return text_of(crm::record_relative_path(record));
  }
  std::size_t count(crm::Kind kind) { return store.ids(kind).size(); }

  // Replaces `from` by `to` in a record's file, as a hand edit would.
  void hand_edit(const crm::Record& record, const std::string& from, const std::string& to) {
    std::string relative = crm::record_relative_path(record);
    put(relative, replaced(text_of(relative), from, to, relative));
  }

  // Every file and its bytes, to prove that a refused command changed nothing.
  std::map<std::string, std::string> snapshot() { return store.files(); }
};

// A data directory on disk made by `crm init` (crm.yaml edited by `config_text`: {old text, new
// text} replacements), its FileStore and a session like DataDir's. For the tests about files:
// the lock, the journal, modes, symbolic links, real paths.
struct DiskDir {
  TempDir tmp;
  fs::path root;
  crm::FileStore store;
  crm::Session session;

  explicit DiskDir(std::string_view today = "2026-11-23",
                   const std::vector<std::pair<std::string, std::string>>& config_text = {})
      : root(make(tmp.path() / "data", config_text)),
        store(root),
        session{store, crm::Clock::pinned(today), "tester"} {}

  static fs::path make(const fs::path& root,
                       const std::vector<std::pair<std::string, std::string>>& config_text) {
    crm::init_data_dir(root, false);
    std::string text = read_text(crm::config_path(root));
    for (const auto& [from, to] : config_text) text = replaced(text, from, to, "crm.yaml");
    write_text(crm::config_path(root), text);
    return root;
  }

  crm::Session as(std::string user, std::string_view when) {
    return crm::Session{store, crm::Clock::pinned(when), std::move(user)};
  }

  // Writes a change set under the lock, as a command does; returns the paths written.
  std::vector<std::string> commit(const crm::ChangeSet& changes) {
    crm::StoreLock lock = store.lock(1.0);
    return store.write(changes).written;
  }

  void put(const std::string& relative, std::string_view text) {
    write_text(root / relative, text);
  }
  std::string text_of(const std::string& relative) { return read_text(root / relative); }
  std::size_t count(crm::Kind kind) { return store.ids(kind).size(); }
};

}  // namespace crm_test
