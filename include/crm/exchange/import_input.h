// The files users hand to `crm import`: read whole, from a path or standard input ("-"),
// bounded in size. They are user input, not the data directory: problems are usage errors.
#pragma once

#include <cstddef>
#include <string>

namespace crm {

// The bytes of `path` ("-": standard input). Throws UsageError (exit 2) when it cannot be read,
// is not a regular file (a folder, a device) or holds more than `max_bytes`.
std::string read_import_input(const std::string& path, std::size_t max_bytes);

// How an input is named in messages: its path, or "standard input" for "-".
std::string import_input_name(const std::string& path);

}  // namespace crm
