// Shared fixtures of the unit tests: fresh temporary folders, an initialised data directory with
// a pinned clock, raw file access for hand-made (and hand-broken) records, and error capture.
#pragma once

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crm/base/error.h"
#include "crm/kinds/record.h"
#include "crm/kinds/registry.h"
#include "crm/kinds/session.h"
#include "crm/store/file_store.h"
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

// A record as a hand-written file would give it.
inline crm::Record record_from_yaml(crm::Kind kind, std::string_view text) {
  return crm::Record(kind, crm::canonical_order(crm::kind_spec(kind), crm::parse_yaml(text, "t")));
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

// A data directory made by `crm init`, its store, and a session for user "tester" on Monday
// 2026-11-23 (or another pinned moment).
struct DataDir {
  TempDir tmp;
  fs::path root;
  crm::Store store;
  crm::Session session;

  explicit DataDir(std::string_view today = "2026-11-23")
      : root(make(tmp.path() / "data")),
        store(root),
        session{store, crm::Clock::pinned(today), "tester"} {}

  static fs::path make(const fs::path& root) {
    crm::init_data_dir(root, false);
    return root;
  }

  // Another user at another moment, on the same store.
  crm::Session as(std::string user, std::string_view when) {
    return crm::Session{store, crm::Clock::pinned(when), std::move(user)};
  }

  // Writes a change set under the lock, as a command does.
  std::vector<std::string> commit(const crm::ChangeSet& changes) {
    crm::StoreLock lock = store.lock(1.0);
    return store.write(changes);
  }

  // Writes raw text at a path relative to the data directory.
  void put(const std::string& relative, std::string_view text) {
    write_text(root / relative, text);
  }
  std::string text_of(const std::string& relative) { return read_text(root / relative); }
  std::size_t count(crm::Kind kind) { return store.ids(kind).size(); }
};

}  // namespace crm_test
