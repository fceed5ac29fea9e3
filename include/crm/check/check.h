// `crm check`: validates the whole data directory and reports every problem, each located,
// with a hint. Each check is a small function over one record or the whole directory.
#pragma once

#include <string>
#include <vector>

#include "crm/store/store.h"

namespace crm {

struct Problem {
  std::string file;  // relative to the data directory
  int line = 0;      // 0 when unknown
  std::string message;
  std::string hint;
};

std::vector<Problem> check_store(const Store& store);

// "FILE:LINE: message" (without LINE when unknown).
std::string format_problem_location(const Problem& problem);

}  // namespace crm
