// `crm check`: validates the whole data directory through the record store and reports every
// problem, each located and with a hint. The checks are a named list (beancount's validations,
// hledger's named checks): `crm check --list` prints it, `--only NAME` runs some of it.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/record_store.h"

namespace crm {

struct Problem {
  std::string file;  // relative to the data directory
  int line = 0;      // 0 when unknown
  std::string message;
  std::string hint;
  std::string check;  // the name of the check that found it
};

struct CheckInfo {
  std::string name;
  std::string description;
};

// Every check, in the order they run.
const std::vector<CheckInfo>& all_checks();

// Runs the checks named in `only` (every check when empty). Files that cannot be read at all
// are always reported (under `files`): no other check can look at them. UsageError names an
// unknown check.
std::vector<Problem> check_store(const RecordStore& store,
                                 const std::vector<std::string>& only = {});

// "FILE:LINE: message" (without LINE when unknown).
std::string format_problem_location(const Problem& problem);

}  // namespace crm
