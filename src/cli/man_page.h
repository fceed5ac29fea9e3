// crm's manual page, crm.1, written in roff from the command tree itself (every noun, verb,
// option and example that `--help` shows), so that the page cannot drift from the program.
// The build runs `crm __man` to make build/crm.1, which `cmake --install` puts in man1.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace crm::cli {

// The whole page, roff for `man -l` and groff -man.
std::string man_page(CLI::App& app);

// Text made safe for a roff text line: backslashes, a leading '.' or '\'', and characters
// beyond ASCII as \[uXXXX]. With `code`, hyphens become \- (options and commands to type).
std::string roff_escape(const std::string& text, bool code = false);

}  // namespace crm::cli
