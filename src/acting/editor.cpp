#include "crm/acting/editor.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crm/base/error.h"
#include "crm/base/process.h"
#include "crm/base/text.h"

namespace crm {
namespace {

// Removes the temp file however the edit ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

void write_all(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(ExitCode::refused,
                  fmt::format("could not write the temp file {}: {}", path, std::strerror(errno)));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::vector<std::string> editor_command() {
  for (const char* name : {"VISUAL", "EDITOR"}) {
    const char* value = std::getenv(name);
    if (!value) continue;
    std::vector<std::string> argv;
    for (std::string& word : split(value, ' '))
      if (!word.empty()) argv.push_back(std::move(word));
    if (!argv.empty()) return argv;
  }
  return {"vi"};
}

std::optional<std::string> edit_text(const std::string& text, const std::string& purpose) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
  TempFile file;
  std::string pattern = dir + "/crm-" + purpose + "-XXXXXX.txt";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemps(name.data(), 4);  // mode 0600
  if (fd < 0)
    throw Error(ExitCode::refused,
                fmt::format("could not create a temp file in {}: {}", dir, std::strerror(errno)),
                "set TMPDIR to a writable folder");
  file.path = name.data();
  try {
    write_all(fd, text, file.path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);

  ProcessRequest request;
  request.argv = editor_command();
  request.argv.push_back(file.path);
  request.interactive = true;
  ProcessResult result = run_process(request);
  std::string editor = join(editor_command(), " ");
  if (!result.started)
    throw RefusedError(fmt::format("could not start the editor '{}': {}", editor, result.error),
                       "set VISUAL or EDITOR to your editor, or pass the text with an option");
  if (!result.succeeded())
    throw RefusedError(
        fmt::format("the editor '{}' exited with status {}", editor, result.exit_code),
        "nothing was done; run the command again");

  std::error_code ec;
  if (!std::filesystem::exists(file.path, ec)) return std::nullopt;
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream edited;
  edited << in.rdbuf();
  return edited.str();
}

}  // namespace crm
