// Mailboxes in the mbox format (RFC 4155): many messages in one file, each starting with a
// "From " line, as fetchmail, procmail and mail clients write them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm {

// True when `text` starts with an mbox "From " separator line.
bool is_mbox(std::string_view text);

// The messages of a mailbox, each without its "From " separator line, with ">From " quoting
// undone (mboxrd: one ">" less on lines of ">"s followed by "From "). A separator is a "From "
// line at the start of the text or after an empty line. CRLF line ends are accepted.
std::vector<std::string> split_mbox(std::string_view text);

}  // namespace crm
