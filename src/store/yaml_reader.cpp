// The defensive YAML reader. yaml-cpp 0.7 accepts duplicate keys, expands alias bombs, recurses
// on cyclic aliases and reads only the first document, so we never build a YAML::Node: we walk
// the parser's event stream and refuse what a record never needs.
#include <sstream>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

// Text that can be written back unquoted exactly as read: one line of number-like characters.
// Anything else that was plain is rewritten quoted, which every reader takes as a string.
bool is_plain_safe(const std::string& text) {
  if (text.empty() || text == "-") return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '+' || c == '-' || c == '~' || c == ':';
    if (!ok) return false;
  }
  return text.back() != ':';
}

constexpr std::size_t k_max_key_bytes = 200;

constexpr const char* k_fix_by_hand_hint =
    "fix the file by hand (see docs/data-format.md) or restore it with git";

// Thrown from inside the event handler to stop the parser at the first problem.
struct Refusal {
  int line;
  std::string message;
  std::string hint = k_fix_by_hand_hint;
};

// yaml-cpp 0.7 accepts a quoted scalar that runs to the end of the file, so a truncated file
// would read as valid. True when the quote opened at `pos` is closed.
bool quote_closes(std::string_view source, std::size_t pos) {
  if (pos >= source.size()) return true;
  char quote = source[pos];
  if (quote != '"' && quote != '\'') return true;  // a block or plain scalar
  for (std::size_t i = pos + 1; i < source.size(); ++i) {
    if (quote == '"' && source[i] == '\\') {
      ++i;
    } else if (source[i] == quote) {
      if (quote == '\'' && i + 1 < source.size() && source[i + 1] == '\'') {
        ++i;  // '' is an escaped quote
        continue;
      }
      return true;
    }
  }
  return false;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const YamlLimits& limits, std::string_view source)
      : m_limits(limits), m_source(source) {}

  Value take_root() { return std::move(m_root); }
  bool has_root() const { return m_has_root; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    refuse_anchor(mark, anchor);
    count_node(mark);
    Value v = Value::null();
    v.set_line(mark.line + 1);
    add(mark, std::move(v));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Refusal{mark.line + 1, "aliases (*name) are not allowed in crm files"};
  }

  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    throw Refusal{mark.line + 1, "anchors (&name) are not allowed in crm files"};
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    // YAML 1.1 readers (PyYAML, and yq or ruby in their 1.1 modes) read a plain `<<` key as a
    // merge key and copy the fields of its value into the map, so they would see other fields
    // than crm does. Only the plain key merges: a quoted "<<" is an ordinary key to every
    // reader, and is kept like any key of yours.
    if (tag == "?" && text == "<<" && expecting_key())
      throw Refusal{mark.line + 1, "a YAML merge key (<<) is not allowed in a record",
                    "write the merged fields out in the map itself, or quote the key (\"<<\") "
                    "if you mean a field named <<"};
    count_node(mark);
    if (tag == "!" && !quote_closes(m_source, static_cast<std::size_t>(mark.pos)))
      throw Refusal{mark.line + 1, "a quoted value is never closed (is the file cut short?)"};
    if (text.size() > m_limits.max_scalar)
      throw Refusal{mark.line + 1, fmt::format("a value of {} bytes is larger than the {} a "
                                               "record allows",
                                               text.size(), m_limits.max_scalar)};
    // yaml-cpp decodes some escapes (\N, \_, \xNN) to single Latin-1 bytes, not UTF-8.
    if (!is_valid_utf8(text))
      throw Refusal{mark.line + 1, "a value whose escapes do not decode to valid UTF-8"};
    // yaml-cpp marks plain scalars with the non-specific tag "?" and quoted or block ones
    // with "!". A plain scalar that no reader would retype is just a string.
    bool plain = tag == "?" && may_be_retyped(text) && is_plain_safe(text);
    Value v = plain ? Value::plain(text) : Value::string(text);
    v.set_line(mark.line + 1);
    add(mark, std::move(v));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, Value::sequence());
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, Value::map());
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Value value;
    bool expecting_key = true;  // maps alternate key, value
    std::string pending_key;
    std::unordered_set<std::string> keys;  // duplicate detection in linear time
    std::size_t count = 0;                 // items of a list, keys of a map, so far
  };

  void refuse_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      throw Refusal{mark.line + 1, "anchors (&name) are not allowed in crm files"};
  }

  void refuse_tag(const YAML::Mark& mark, const std::string& tag) {
    if (!tag.empty() && tag != "?" && tag != "!")
      throw Refusal{mark.line + 1, fmt::format("tags ({}) are not allowed in crm files", tag)};
  }

  bool expecting_key() const {
    return !m_stack.empty() && m_stack.back().value.is_map() && m_stack.back().expecting_key;
  }

  // Counts a value as its first event arrives, before anything is built for it, so that a
  // file of a million items is refused after the first few thousand, in time and memory
  // proportional to those. Lists and maps are named by the line where they start.
  void count_node(const YAML::Mark& mark) {
    if (++m_nodes > m_limits.max_nodes)
      throw Refusal{mark.line + 1, fmt::format("more than the {} values (keys, items, lists and "
                                               "maps) a record allows in one file",
                                               m_limits.max_nodes)};
    if (m_stack.empty()) return;
    Frame& top = m_stack.back();
    if (top.value.is_sequence() && ++top.count > m_limits.max_items)
      throw Refusal{
          top.value.line(),
          fmt::format("a list of more than the {} items a record allows", m_limits.max_items)};
    if (top.value.is_map() && top.expecting_key && ++top.count > m_limits.max_entries)
      throw Refusal{top.value.line(), fmt::format("a map of more than the {} keys a record allows",
                                                  m_limits.max_entries)};
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, Value v) {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    if (expecting_key())
      throw Refusal{mark.line + 1, "a key must be plain text, not a list or a map"};
    count_node(mark);
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth)
      throw Refusal{mark.line + 1,
                    fmt::format("nesting deeper than {} levels", m_limits.max_depth)};
    v.set_line(mark.line + 1);
    m_stack.push_back(Frame{std::move(v), true, {}, {}, 0});
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    YAML::Mark mark;
    mark.line = frame.value.line() - 1;
    add(mark, std::move(frame.value));
  }

  void add(const YAML::Mark& mark, Value v) {
    if (m_stack.empty()) {
      m_root = std::move(v);
      m_has_root = true;
      return;
    }
    Frame& top = m_stack.back();
    if (top.value.is_sequence()) {
      top.value.push_back(std::move(v));
      return;
    }
    if (top.expecting_key) {
      if (!v.is_scalar())
        throw Refusal{mark.line + 1, "a key must be plain text, not empty or null"};
      // YAML caps implicit keys at 1024 characters; no record needs a long one.
      if (v.text().size() > k_max_key_bytes)
        throw Refusal{mark.line + 1, fmt::format("a key longer than {} bytes", k_max_key_bytes)};
      if (!top.keys.insert(v.text()).second)
        throw Refusal{mark.line + 1, fmt::format("duplicate key '{}'", v.text())};
      top.pending_key = v.text();
      top.expecting_key = false;
      return;
    }
    top.value.entries().emplace_back(std::move(top.pending_key), std::move(v));
    top.expecting_key = true;
  }

  const YamlLimits& m_limits;
  std::string_view m_source;
  std::vector<Frame> m_stack;
  std::size_t m_nodes = 0;
  Value m_root;
  bool m_has_root = false;
};

// Stops at the start of any further document.
class SecondDocumentDetector : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    throw Refusal{mark.line + 1, "a second YAML document; a crm file holds exactly one"};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

[[noreturn]] void fail(std::string_view source, int line, const std::string& message,
                       const std::string& hint = k_fix_by_hand_hint) {
  throw DataError(std::string(source), line, message, hint);
}

}  // namespace

Value parse_yaml(std::string_view text, std::string_view source, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes)
    fail(source, 0,
         fmt::format("file of {} bytes is larger than the {} a record allows", text.size(),
                     limits.max_bytes));
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte-order mark
  if (!is_valid_utf8(text)) fail(source, 0, "the file is not valid UTF-8");
  if (text.find('\0') != std::string_view::npos) fail(source, 0, "the file holds a NUL byte");

  std::istringstream in{std::string(text)};
  TreeBuilder builder(limits, text);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_root())
      fail(source, 0, "the file is empty");
    SecondDocumentDetector detector;
    parser.HandleNextDocument(detector);
  } catch (const Refusal& refusal) {
    fail(source, refusal.line, refusal.message, refusal.hint);
  } catch (const YAML::Exception& e) {
    fail(source, e.mark.is_null() ? 0 : e.mark.line + 1, fmt::format("bad YAML: {}", e.msg));
  }
  Value root = builder.take_root();
  if (!root.is_map()) fail(source, root.line(), "the top level must be a map of fields");
  return root;
}

}  // namespace crm
