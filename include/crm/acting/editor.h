// Letting the user edit text in their editor, like `git commit`: $VISUAL, else $EDITOR, else
// vi, on a private temp file, run without a shell.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace crm {

// The editor's argument vector: $VISUAL, else $EDITOR, else "vi", split on spaces (no shell
// quoting: an editor path with spaces cannot be named this way).
std::vector<std::string> editor_command();

// Writes `text` to a new temp file (mode 0600, named crm-<purpose>-XXXXXX.txt in $TMPDIR or
// /tmp), runs the editor on it with the terminal, and returns what the user saved; nullopt when
// the user deleted the file. The file is removed afterwards. Throws RefusedError when the editor
// cannot be started or exits non-zero.
std::optional<std::string> edit_text(const std::string& text, const std::string& purpose);

}  // namespace crm
