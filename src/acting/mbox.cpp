#include "crm/acting/mbox.h"

namespace crm {
namespace {

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// ">From ", ">>From "...: a quoted "From " line.
bool is_quoted_from(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == '>') ++n;
  return n > 0 && line.substr(n).starts_with("From ");
}

}  // namespace

bool is_mbox(std::string_view text) {
  return text.starts_with("From ");
}

std::vector<std::string> split_mbox(std::string_view text) {
  std::vector<std::string> messages;
  std::string current;
  bool started = false, previous_blank = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view raw = text.substr(pos, end - pos);  // with its line end
    std::string_view line = without_cr(raw.ends_with('\n') ? raw.substr(0, raw.size() - 1) : raw);
    pos = end;
    if (line.starts_with("From ") && previous_blank) {
      if (started) messages.push_back(std::move(current));
      current.clear();
      started = true;
      previous_blank = false;
      continue;
    }
    previous_blank = line.empty();
    if (!started) continue;  // text before the first separator is no message
    if (is_quoted_from(line))
      current.append(raw.substr(1));
    else
      current.append(raw);
  }
  if (started) messages.push_back(std::move(current));
  // The blank line before each separator belongs to the mailbox, not the message.
  for (std::string& m : messages) {
    if (m.ends_with("\r\n\r\n"))
      m.resize(m.size() - 2);
    else if (m.ends_with("\n\n"))
      m.resize(m.size() - 1);
  }
  return messages;
}

}  // namespace crm
