#include "crm/exchange/import_input.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {
namespace import_input {

std::string read_stream(std::istream& in, const std::string& name, std::size_t max_bytes) {
  std::string out;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    out.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes)
      throw UsageError(
          fmt::format("{} is larger than the {} MiB crm imports at once", name, max_bytes >> 20),
          "split it into several files");
  }
  if (in.bad()) throw UsageError(fmt::format("cannot read {}", name));
  return out;
}

}  // namespace import_input

std::string import_input_name(const std::string& path) {
  return path == "-" ? std::string("standard input") : escape_for_terminal(path);
}

std::string read_import_input(const std::string& path, std::size_t max_bytes) {
  std::string name = import_input_name(path);
  if (path == "-") return import_input::read_stream(std::cin, name, max_bytes);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw UsageError(fmt::format("cannot read {}: {}", name, std::strerror(errno)),
                     "give the path of a file to import, or - for standard input");
  if (!S_ISREG(st.st_mode))
    throw UsageError(fmt::format("cannot read {}: not a regular file", name),
                     "give the path of a file to import, or - for standard input");
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    throw UsageError(
        fmt::format("{} is larger than the {} MiB crm imports at once", name, max_bytes >> 20),
        "split it into several files");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
  return import_input::read_stream(in, name, max_bytes);
}

}  // namespace crm
