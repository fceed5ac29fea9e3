// The typed errors of crm: each carries its exit code, a one-line message and a hint.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace crm {

// Exit codes are a contract with scripts (DESIGN section 5).
enum class ExitCode : int {
  ok = 0,
  refused = 1,       // a domain rule said no
  usage = 2,         // bad arguments or input
  not_found = 3,     // a reference did not resolve, or was ambiguous
  invalid_data = 4,  // a file in the data directory is broken
  lock_timeout = 5,  // another crm held the lock for too long
};

// What each code means, in words, for the manual page (docs/exit-codes.md says more).
inline constexpr std::pair<ExitCode, std::string_view> k_exit_codes[] = {
    {ExitCode::ok, "Done (crm agenda --exit-status: nothing overdue)."},
    {ExitCode::refused, "Refused by a domain rule; nothing was written."},
    {ExitCode::usage, "Usage error: bad arguments or bad input; nothing was written."},
    {ExitCode::not_found, "A reference was not found, or is ambiguous."},
    {ExitCode::invalid_data, "Invalid data in the data directory."},
    {ExitCode::lock_timeout, "Could not take the lock in time (--wait)."},
};

// Base of every error crm raises on purpose. `what()` is the first line printed ("what and
// why"); `hint()` is the second ("what to do instead"), possibly empty.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, std::string message, std::string hint = {})
      : std::runtime_error(std::move(message)), m_code(code), m_hint(std::move(hint)) {}
  ExitCode code() const { return m_code; }
  const std::string& hint() const { return m_hint; }

 private:
  ExitCode m_code;
  std::string m_hint;
};

struct RefusedError : Error {
  RefusedError(std::string message, std::string hint = {})
      : Error(ExitCode::refused, std::move(message), std::move(hint)) {}
};

struct UsageError : Error {
  UsageError(std::string message, std::string hint = {})
      : Error(ExitCode::usage, std::move(message), std::move(hint)) {}
};

struct NotFoundError : Error {
  NotFoundError(std::string message, std::string hint = {})
      : Error(ExitCode::not_found, std::move(message), std::move(hint)) {}
};

// A broken file in the data directory. The message starts with "FILE:LINE: " where known;
// file(), line() and problem() give the parts to tools such as `crm check --json`.
class DataError : public Error {
 public:
  DataError(std::string message, std::string hint = {})
      : Error(ExitCode::invalid_data, message, std::move(hint)), m_problem(std::move(message)) {}
  // A located problem: `line` 0 means the whole file.
  DataError(std::string file, int line, std::string problem, std::string hint = {})
      : Error(ExitCode::invalid_data, located(file, line, problem), std::move(hint)),
        m_file(std::move(file)),
        m_line(line),
        m_problem(std::move(problem)) {}

  const std::string& file() const { return m_file; }
  int line() const { return m_line; }
  const std::string& problem() const { return m_problem; }

 private:
  static std::string located(const std::string& file, int line, const std::string& problem) {
    if (line > 0) return file + ":" + std::to_string(line) + ": " + problem;
    return file + ": " + problem;
  }

  std::string m_file;
  int m_line = 0;
  std::string m_problem;
};

struct LockError : Error {
  LockError(std::string message, std::string hint = {})
      : Error(ExitCode::lock_timeout, std::move(message), std::move(hint)) {}
};

}  // namespace crm
