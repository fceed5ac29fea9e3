// The vCard reader and writer (exchange/vcard.h).
#include "crm/exchange/vcard.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "crm/base/charset.h"
#include "crm/base/text.h"

namespace crm {
namespace vcard {

// One unfolded content line and the line of the file it starts on.
struct Logical {
  std::string text;
  int line = 0;
  bool overlong = false;
};

// The part of a content line before its value: "item1.TEL;TYPE=cell" in
// "item1.TEL;TYPE=cell:+48 ...". The first colon outside double quotes ends it.
std::size_t value_colon(std::string_view line) {
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) return i;
  }
  return std::string_view::npos;
}

bool head_has(std::string_view line, std::string_view word) {
  std::size_t colon = value_colon(line);
  std::string head = to_upper(line.substr(0, colon == std::string_view::npos ? 0 : colon));
  return head.find(word) != std::string::npos;
}

bool is_base64_text(std::string_view line) {
  return !line.empty() && std::all_of(line.begin(), line.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
  });
}

// Physical lines (CRLF or LF) into logical ones: a line starting with a space or a tab
// continues the one before (RFC 6350 3.2); a quoted-printable value ending in "=" continues on
// the next line (vCard 2.1's soft line break); vCard 2.1 base64 may also run on unindented.
std::vector<Logical> unfold(std::string_view text, std::size_t max_line) {
  std::vector<Logical> out;
  bool qp = false;      // the current logical line is quoted-printable
  bool base64 = false;  // ... is base64
  bool soft_break = false;
  int number = 0;
  std::size_t pos = 0;
  auto append = [&](Logical& l, std::string_view part) {
    if (l.overlong) return;
    if (l.text.size() + part.size() > max_line) {
      // Keep the head, which says what the property is (a photo may be skipped whole).
      l.overlong = true;
      l.text.resize(std::min<std::size_t>(l.text.size(), 256));
      l.text.shrink_to_fit();
      return;
    }
    l.text += part;
  };
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    bool continues = !out.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (soft_break && !out.empty()) {
      append(out.back(), line);
    } else if (continues) {
      append(out.back(), line.substr(1));
    } else if (base64 && !out.empty() && is_base64_text(line) &&
               line.find(':') == std::string_view::npos) {
      append(out.back(), line);
    } else {
      if (line.empty()) {
        base64 = false;
        soft_break = false;
        continue;
      }
      out.push_back(Logical{});
      out.back().line = number;
      append(out.back(), line);
      qp = head_has(out.back().text, "QUOTED-PRINTABLE");
      base64 = head_has(out.back().text, "BASE64");
    }
    Logical& current = out.back();
    soft_break = qp && !current.overlong && current.text.ends_with('=');
    if (soft_break) current.text.pop_back();
  }
  return out;
}

struct Property {
  std::string group;
  std::string name;                // upper case
  std::vector<std::string> types;  // lower case, in order, without duplicates
  std::string encoding;            // upper case: QUOTED-PRINTABLE, B, BASE64, 8BIT...
  std::string charset;
  std::string value_type;  // lower case: text, uri, binary...
  int pref = 0;
  std::string value;  // raw: still encoded and escaped
  int line = 0;
};

// Splits on `separator` outside double quotes.
std::vector<std::string> split_unquoted(std::string_view text, char separator) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == separator && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string unquote(std::string_view text) {
  std::string t = trim(text);
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') return t.substr(1, t.size() - 2);
  return t;
}

int parse_pref(std::string_view text) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos)
    return 1;
  return std::max(1, std::stoi(std::string(text)));
}

// The types vCard 2.1 to 4.0 define, written in any case; other types (a label of your own)
// are kept as written.
bool is_standard_type(const std::string& lower) {
  static const std::vector<std::string> k_types = {
      "work", "home",      "cell",   "voice",  "fax",  "pager", "text",  "video", "msg",
      "pref", "internet",  "x400",   "iphone", "main", "bbs",   "modem", "car",   "isdn",
      "pcs",  "textphone", "postal", "parcel", "dom",  "intl",  "other", "mobile"};
  return std::find(k_types.begin(), k_types.end(), lower) != k_types.end();
}

void add_type(Property& p, std::string type) {
  type = trim(type);
  if (is_standard_type(to_lower(type))) type = to_lower(type);
  if (type.empty()) return;
  if (type == "pref") {
    if (p.pref == 0) p.pref = 1;
    return;
  }
  if (std::find(p.types.begin(), p.types.end(), type) == p.types.end()) p.types.push_back(type);
}

std::optional<Property> parse_property(const Logical& l) {
  std::size_t colon = value_colon(l.text);
  if (colon == std::string::npos) return std::nullopt;
  Property p;
  p.line = l.line;
  p.value = l.text.substr(colon + 1);
  std::vector<std::string> head = split_unquoted(std::string_view(l.text).substr(0, colon), ';');
  std::string name = trim(head[0]);
  if (std::size_t dot = name.rfind('.'); dot != std::string::npos) {
    p.group = to_lower(name.substr(0, dot));
    name = name.substr(dot + 1);
  }
  p.name = to_upper(name);
  for (std::size_t i = 1; i < head.size(); ++i) {
    std::string param = head[i];
    std::size_t eq = param.find('=');
    if (eq == std::string::npos) {
      // vCard 2.1: bare values, the parameter named by the value.
      std::string bare = to_upper(trim(param));
      if (bare == "QUOTED-PRINTABLE" || bare == "BASE64" || bare == "8BIT" || bare == "7BIT") {
        p.encoding = bare;
      } else if (bare == "PREF") {
        p.pref = 1;
      } else {
        add_type(p, bare);
      }
      continue;
    }
    std::string key = to_upper(trim(param.substr(0, eq)));
    std::string value = param.substr(eq + 1);
    if (key == "TYPE") {
      for (const std::string& t : split_unquoted(value, ',')) add_type(p, unquote(t));
    } else if (key == "ENCODING") {
      p.encoding = to_upper(unquote(value));
    } else if (key == "CHARSET") {
      p.charset = unquote(value);
    } else if (key == "PREF") {
      p.pref = parse_pref(unquote(value));
    } else if (key == "VALUE") {
      p.value_type = to_lower(unquote(value));
    }
  }
  return p;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && i + 2 < text.size()) {
      int hi = hex_digit(text[i + 1]);
      int lo = hex_digit(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Undoes text escapes: \\ \, \; \: and \n or \N (a line break).
std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      char next = text[i + 1];
      if (next == 'n' || next == 'N') {
        out += '\n';
        ++i;
        continue;
      }
      if (next == '\\' || next == ',' || next == ';' || next == ':') {
        out += next;
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Structured values (N, ADR, ORG): components split on semicolons that are not escaped.
std::vector<std::string> components(std::string_view text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      out.back() += text.substr(i, 2);
      ++i;
    } else if (text[i] == ';') {
      out.emplace_back();
    } else {
      out.back() += text[i];
    }
  }
  for (std::string& c : out) c = trim(unescape(c));
  return out;
}

// Apple's standard labels look like "_$!<Mobile>!$_".
std::string label_type(std::string_view label) {
  std::string l = trim(label);
  if (l.starts_with("_$!<") && l.ends_with(">!$_")) return to_lower(l.substr(4, l.size() - 8));
  return l;
}

bool is_binary(const Property& p) {
  return p.encoding == "B" || p.encoding == "BASE64" || p.value_type == "binary" ||
         p.value.starts_with("data:");
}

std::string type_text(const std::vector<std::string>& types) {
  std::vector<std::string> kept;
  for (const std::string& t : types)
    if (t != "internet" && t != "x400" && t != "pref") kept.push_back(t);
  return join(kept, ",");
}

class CardBuilder {
 public:
  CardBuilder(int line, int index) {
    m_card.line = line;
    m_card.index = index;
  }

  void fail(int line, std::string problem) {
    if (!m_card.problem.empty()) return;
    m_card.problem = std::move(problem);
    m_card.problem_line = line;
  }

  void add(const Logical& l) {
    std::optional<Property> p = parse_property(l);
    if (l.overlong) {
      // A large photo is skipped like any other; anything else that large is no contact's.
      if (p && is_binary(*p))
        ++m_card.binary_skipped[p->name];
      else
        fail(l.line, "a property longer than the 4 MiB crm reads");
      return;
    }
    if (!p) {
      fail(l.line, "a line that is no property (NAME:value)");
      return;
    }
    m_props.push_back(std::move(*p));
  }

  Vcard finish() {
    std::map<std::string, std::string> labels;  // group -> X-ABLabel
    for (const Property& p : m_props)
      if (p.name == "X-ABLABEL" && !p.group.empty())
        if (auto text = decoded(p)) labels[p.group] = label_type(unescape(*text));
    for (const Property& p : m_props) take(p, labels);
    return std::move(m_card);
  }

 private:
  // The value's text in UTF-8, encodings undone (escapes still in), or nullopt after failing.
  std::optional<std::string> decoded(const Property& p) {
    std::string bytes =
        p.encoding == "QUOTED-PRINTABLE" ? decode_quoted_printable(p.value) : p.value;
    if (!p.charset.empty()) {
      if (auto text = to_utf8(bytes, p.charset)) return text;
      fail(p.line, fmt::format("{} is not valid text in CHARSET={}", p.name,
                               escape_for_terminal(p.charset)));
      return std::nullopt;
    }
    if (!is_valid_utf8(bytes)) {
      fail(p.line, fmt::format("{} is not valid UTF-8 and no CHARSET says what it is", p.name));
      return std::nullopt;
    }
    return bytes;
  }

  void not_kept(const Property& p) {
    if (is_binary(p))
      ++m_card.binary_skipped[p.name];
    else
      ++m_card.not_kept[p.name];
  }

  void take(const Property& p, const std::map<std::string, std::string>& labels) {
    static const std::vector<std::string> k_ignored = {"BEGIN",  "END", "VERSION",
                                                       "PRODID", "REV", "X-ABLABEL"};
    if (p.name == "VERSION") m_card.version = trim(p.value);
    if (std::find(k_ignored.begin(), k_ignored.end(), p.name) != k_ignored.end()) return;
    static const std::vector<std::string> k_kept = {"FN",    "N",   "ORG", "TITLE", "NOTE",
                                                    "EMAIL", "TEL", "ADR", "UID"};
    if (std::find(k_kept.begin(), k_kept.end(), p.name) == k_kept.end() || is_binary(p)) {
      not_kept(p);
      return;
    }
    std::optional<std::string> text = decoded(p);
    if (!text) return;
    if (p.name == "FN") {
      if (m_card.fn.empty()) m_card.fn = trim(unescape(*text));
    } else if (p.name == "N") {
      if (m_card.n.empty()) m_card.n = components(*text);
    } else if (p.name == "ORG") {
      if (m_card.org.empty()) m_card.org = components(*text)[0];
    } else if (p.name == "TITLE") {
      if (m_card.title.empty()) m_card.title = trim(unescape(*text));
    } else if (p.name == "NOTE") {
      std::string note = trim(unescape(*text));
      if (!note.empty()) m_card.notes.push_back(note);
    } else if (p.name == "UID") {
      m_card.uid = trim(unescape(*text));
    } else if (p.name == "ADR") {
      std::vector<std::string> parts;
      for (std::string& c : components(*text))
        if (!c.empty()) parts.push_back(c);
      if (!parts.empty()) m_card.addresses.push_back(join(parts, ", "));
    } else {
      std::string value = trim(unescape(*text));
      if (p.name == "TEL" && to_lower(value).starts_with("tel:")) value = value.substr(4);
      if (value.empty()) return;
      std::vector<std::string> types = p.types;
      if (auto label = labels.find(p.group);
          !p.group.empty() && label != labels.end() && !label->second.empty())
        types.push_back(label->second);
      VcardEntry entry{value, type_text(types), p.pref};
      (p.name == "EMAIL" ? m_card.emails : m_card.phones).push_back(std::move(entry));
    }
  }

  Vcard m_card;
  std::vector<Property> m_props;
};

bool is_line(const Logical& l, std::string_view wanted) {
  return !l.overlong && to_upper(trim(l.text)) == wanted;
}

// Where a folded piece that starts at `start` ends: at most `width` octets on.
std::size_t fold_point(std::string_view text, std::size_t start, std::size_t width) {
  std::size_t end = std::min(text.size(), start + width);
  if (end == text.size()) return end;
  // Back off to the start of a UTF-8 sequence (never a continuation byte 10xxxxxx).
  while (end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end == start ? std::min(text.size(), start + width) : end;
}

std::string type_param(const std::string& type) {
  bool simple = std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ',';
  });
  if (simple) return ";TYPE=" + type;
  // RFC 6868: ^ ^^, line break ^n, double quote ^'.
  std::string quoted = replace_all(type, "^", "^^");
  quoted = replace_all(quoted, "\n", "^n");
  quoted = replace_all(quoted, "\"", "^'");
  return ";TYPE=\"" + quoted + "\"";
}

}  // namespace vcard

std::string Vcard::name() const {
  if (!trim(fn).empty()) return trim(fn);
  std::vector<std::string> parts;
  for (std::size_t i : {3, 1, 2, 0, 4})
    if (i < n.size() && !trim(n[i]).empty()) parts.push_back(trim(n[i]));
  return join(parts, " ");
}

std::vector<Vcard> parse_vcards(std::string_view text, const VcardLimits& limits) {
  std::vector<Vcard> cards;
  std::optional<vcard::CardBuilder> open;
  int index = 0;
  for (const vcard::Logical& l : vcard::unfold(text, limits.max_line)) {
    if (vcard::is_line(l, "BEGIN:VCARD")) {
      if (open) {
        open->fail(l.line, "no END:VCARD before the next BEGIN:VCARD");
        cards.push_back(open->finish());
      }
      if (cards.size() >= limits.max_cards) {
        Vcard over;
        over.line = l.line;
        over.index = ++index;
        over.problem = fmt::format("more than {} cards in one file", limits.max_cards);
        over.problem_line = l.line;
        cards.push_back(std::move(over));
        return cards;
      }
      open.emplace(l.line, ++index);
    } else if (vcard::is_line(l, "END:VCARD")) {
      if (open) cards.push_back(open->finish());
      open.reset();
    } else if (open) {
      open->add(l);
    }
  }
  if (open) {
    open->fail(0, "no END:VCARD (is the file cut short?)");
    cards.push_back(open->finish());
  }
  return cards;
}

std::string vcard_escape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' || c == ',' || c == ';') {
      out += '\\';
      out += c;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // CRLF is one line break
    } else if (c == '\n' || c == '\r') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string vcard_fold(std::string_view line) {
  constexpr std::size_t k_width = 75;
  std::string out;
  std::size_t start = vcard::fold_point(line, 0, k_width);
  out += line.substr(0, start);
  out += "\r\n";
  while (start < line.size()) {
    std::size_t end = vcard::fold_point(line, start, k_width - 1);
    out += ' ';
    out += line.substr(start, end - start);
    out += "\r\n";
    start = end;
  }
  return out;
}

std::string write_vcard(const VcardOut& card) {
  std::string out;
  auto line = [&](const std::string& text) { out += vcard_fold(text); };
  line("BEGIN:VCARD");
  line("VERSION:4.0");
  if (!card.uid.empty()) line("UID;VALUE=text:" + vcard_escape(card.uid));
  line("FN:" + vcard_escape(card.fn));
  std::vector<std::string> n;
  for (std::size_t i = 0; i < 5; ++i) n.push_back(i < card.n.size() ? vcard_escape(card.n[i]) : "");
  line("N:" + join(n, ";"));
  if (!card.org.empty()) line("ORG:" + vcard_escape(card.org));
  if (!card.title.empty()) line("TITLE:" + vcard_escape(card.title));
  for (const auto* list : {&card.emails, &card.phones}) {
    const char* name = list == &card.emails ? "EMAIL" : "TEL";
    for (const VcardEntry& e : *list) {
      std::string head = name;
      if (!e.type.empty()) head += vcard::type_param(e.type);
      if (e.pref > 0) head += fmt::format(";PREF={}", e.pref);
      line(head + ":" + vcard_escape(e.value));
    }
  }
  if (!card.address.empty()) line("ADR:;;" + vcard_escape(card.address) + ";;;;");
  if (!card.note.empty()) line("NOTE:" + vcard_escape(card.note));
  line("END:VCARD");
  return out;
}

}  // namespace crm
