#include "crm/acting/mime_parse.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "crm/base/charset.h"
#include "crm/base/dates.h"
#include "crm/base/text.h"

namespace crm {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// A code point from an HTML entity, U+FFFD where it names none.
void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  append_utf8(out, static_cast<char32_t>(cp));
}

// Text for a record: LF line ends, no control characters but line breaks and tabs.
std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') out += '\n';
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// One line of header text: folding and control characters gone, runs of space collapsed.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : clean_text(text)) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The decoded text of one encoded word "=?charset?enc?text?=", or nullopt when malformed.
std::optional<std::string> decode_word(std::string_view word) {
  if (word.size() < 8 || !word.starts_with("=?") || !word.ends_with("?=")) return std::nullopt;
  std::string_view inner = word.substr(2, word.size() - 4);
  auto q1 = inner.find('?');
  if (q1 == std::string_view::npos || q1 == 0) return std::nullopt;
  std::string_view charset = inner.substr(0, q1);
  if (auto star = charset.find('*'); star != std::string_view::npos)
    charset = charset.substr(0, star);  // RFC 2231 language: "UTF-8*pl"
  if (q1 + 2 >= inner.size() || inner[q1 + 2] != '?') return std::nullopt;
  char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(inner[q1 + 1])));
  std::string_view payload = inner.substr(q1 + 3);
  std::string bytes;
  if (encoding == 'B') {
    for (char c : payload)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '='))
        return std::nullopt;
    bytes = decode_base64(payload);
  } else if (encoding == 'Q') {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      char c = payload[i];
      if (c == '_') {
        bytes += ' ';
      } else if (c == '=' && i + 2 < payload.size() + 0 && hex_value(payload[i + 1]) >= 0 &&
                 hex_value(payload[i + 2]) >= 0) {
        bytes += static_cast<char>(hex_value(payload[i + 1]) * 16 + hex_value(payload[i + 2]));
        i += 2;
      } else {
        bytes += c;
      }
    }
  } else {
    return std::nullopt;
  }
  return to_utf8(bytes, charset);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Headers

void MailHeaders::add(std::string name, std::string value) {
  m_headers.push_back({std::move(name), std::move(value)});
}

std::optional<std::string> MailHeaders::get(std::string_view name) const {
  for (const MailHeader& h : m_headers)
    if (iequals(h.name, name)) return h.value;
  return std::nullopt;
}

std::vector<std::string> MailHeaders::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const MailHeader& h : m_headers)
    if (iequals(h.name, name)) out.push_back(h.value);
  return out;
}

MailHeaders parse_headers(std::string_view text, std::string_view* body, std::size_t max_bytes,
                          bool strict) {
  MailHeaders headers;
  std::size_t pos = 0;
  if (text.starts_with("From ")) {  // an mbox separator line
    auto nl = text.find('\n');
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  std::size_t start = pos;
  std::string name, value;
  bool have = false;
  auto flush = [&] {
    if (have) headers.add(std::move(name), trim(value));
    name.clear();
    value.clear();
    have = false;
  };
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (pos - start > max_bytes)
      throw MimeError(fmt::format("its header is larger than {} KiB", max_bytes >> 10));
    if (line.empty()) break;  // the end of the header block
    if (line[0] == ' ' || line[0] == '\t') {
      if (have) {
        value += ' ';
        value += trim(line);
      }
      continue;
    }
    flush();
    auto colon = line.find(':');
    std::string_view n = colon == std::string_view::npos ? line : line.substr(0, colon);
    bool valid = colon != std::string_view::npos && !n.empty();
    for (char c : n)
      if (c <= 32 || c >= 127) valid = false;
    if (!valid) {
      if (headers.list().empty()) {
        if (strict) throw MimeError("it does not start with mail headers (\"Name: value\" lines)");
        if (body) *body = text;  // a part without headers: all of it is its body
        return headers;
      }
      continue;  // a stray line in the header block: skipped, as mail readers do
    }
    name = std::string(n);
    value = std::string(line.substr(colon + 1));
    have = true;
  }
  flush();
  if (body) *body = pos <= text.size() ? text.substr(pos) : std::string_view{};
  return headers;
}

std::string decode_encoded_words(std::string_view text) {
  std::string out;
  std::string pending;      // plain text since the last encoded word
  bool after_word = false;  // the last thing was an encoded word
  std::size_t i = 0;
  auto flush_plain = [&](bool before_word) {
    bool blank = std::all_of(pending.begin(), pending.end(), is_space);
    if (!(before_word && after_word && blank)) out += to_utf8_lenient(pending, "UTF-8");
    pending.clear();
  };
  while (i < text.size()) {
    if (text[i] == '=' && i + 1 < text.size() && text[i + 1] == '?') {
      // "=?charset?X?payload?=": three '?' then '='; no white space inside.
      std::size_t marks = 0, end = std::string_view::npos;
      for (std::size_t j = i + 2; j < text.size() && j < i + 2 + 1024; ++j) {
        if (is_space(text[j])) break;
        if (text[j] == '?' && ++marks == 3) {
          if (j + 1 < text.size() && text[j + 1] == '=') end = j + 2;
          break;
        }
      }
      if (end != std::string_view::npos) {
        if (auto decoded = decode_word(text.substr(i, end - i))) {
          flush_plain(true);
          out += *decoded;
          after_word = true;
          i = end;
          continue;
        }
      }
    }
    pending += text[i];
    if (!is_space(text[i])) after_word = false;  // plain text between words: no adjacency
    ++i;
  }
  flush_plain(false);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Addresses, dates, message IDs

std::vector<MailAddress> parse_address_list(std::string_view text) {
  std::vector<MailAddress> out;
  std::string phrase, angle, comment;
  bool has_angle = false, in_angle = false, in_quote = false;
  int comment_depth = 0;
  auto flush = [&] {
    MailAddress a;
    if (has_angle) {
      a.address = angle;
      a.name = phrase;
    } else {
      a.address = phrase;
    }
    std::erase_if(a.address, is_space);
    a.name = one_line(decode_encoded_words(trim(a.name)));
    if (a.name.empty()) a.name = one_line(decode_encoded_words(trim(comment)));
    if (a.address.find('@') != std::string::npos && a.address.size() <= 320 &&
        is_valid_utf8(a.address))
      out.push_back(std::move(a));
    phrase.clear();
    angle.clear();
    comment.clear();
    has_angle = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (comment_depth > 0) {
      if (c == '\\' && i + 1 < text.size()) {
        comment += text[++i];
      } else if (c == '(') {
        ++comment_depth;
      } else if (c == ')') {
        if (--comment_depth == 0) comment += ' ';
      } else {
        comment += c;
      }
      continue;
    }
    if (in_quote) {
      if (c == '\\' && i + 1 < text.size())
        phrase += text[++i];
      else if (c == '"')
        in_quote = false;
      else
        phrase += c;
      continue;
    }
    if (in_angle) {
      if (c == '>')
        in_angle = false;
      else
        angle += c;
      continue;
    }
    switch (c) {
      case '"':
        in_quote = true;
        break;
      case '(':
        comment_depth = 1;
        break;
      case '<':
        in_angle = true;
        has_angle = true;
        angle.clear();
        break;
      case ',':
      case ';':
        flush();
        break;
      case ':':
        phrase.clear();  // a group's name
        break;
      default:
        phrase += c;
    }
  }
  flush();
  // An angle address with a source route ("@a,@b:jan@x") keeps its last part.
  for (MailAddress& a : out)
    if (auto colon = a.address.rfind(':'); colon != std::string::npos)
      a.address = a.address.substr(colon + 1);
  return out;
}

std::optional<std::string> parse_mail_date(std::string_view text) {
  std::string cleaned;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (depth == 0) cleaned += (c == ',' ? ' ' : c);
    if (c == ')' && depth > 0) --depth;
  }
  static const std::array<const char*, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};
  int day = -1, month = -1, year = -1, hour = -1, minute = 0, second = 0, zone = 0;
  bool have_zone = false;
  for (const std::string& raw : split(cleaned, ' ')) {
    std::string token = to_lower(trim(raw));
    if (token.empty()) continue;
    bool digits = std::all_of(token.begin(), token.end(), is_digit);
    if (token.find(':') != std::string::npos && hour < 0) {
      auto parts = split(token, ':');
      if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
      try {
        for (const std::string& p : parts)
          if (p.empty() || p.size() > 2 || !std::all_of(p.begin(), p.end(), is_digit))
            return std::nullopt;
        hour = std::stoi(parts[0]);
        minute = std::stoi(parts[1]);
        second = parts.size() == 3 ? std::stoi(parts[2]) : 0;
      } catch (...) {
        return std::nullopt;
      }
    } else if ((token[0] == '+' || token[0] == '-') && token.size() == 5 &&
               std::all_of(token.begin() + 1, token.end(), is_digit)) {
      int hh = std::stoi(token.substr(1, 2)), mm = std::stoi(token.substr(3, 2));
      if (hh > 23 || mm > 59) return std::nullopt;
      zone = (token[0] == '-' ? -1 : 1) * (hh * 60 + mm);
      have_zone = true;
    } else if (digits && day < 0 && month < 0 && token.size() <= 2) {
      day = std::stoi(token);
    } else if (digits && year < 0 && month >= 0 && token.size() <= 4) {
      year = std::stoi(token);
      if (token.size() == 2) year += year < 50 ? 2000 : 1900;
      if (token.size() == 3) year += 1900;
    } else if (!digits && month < 0 && token.size() >= 3 && day >= 0) {
      for (std::size_t m = 0; m < k_months.size(); ++m)
        if (token.starts_with(k_months[m])) month = static_cast<int>(m) + 1;
      if (month < 0) return std::nullopt;
    } else if (!digits && hour >= 0 && !have_zone) {
      static const std::vector<std::pair<std::string, int>> k_zones = {
          {"ut", 0},        {"utc", 0},       {"gmt", 0},       {"z", 0},
          {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
          {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60}};
      for (const auto& [name, minutes] : k_zones)
        if (token == name) zone = minutes, have_zone = true;
      // Military zones and anything unknown: RFC 5322 says to read them as -0000 (UTC).
      have_zone = true;
    }
  }
  if (day < 1 || month < 1 || year < 1900 || year > 9999 || hour < 0 || hour > 23 || minute > 59 ||
      second > 60)
    return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  if (second == 60) second = 59;
  int offset = std::abs(zone);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", year, month, day, hour,
                     minute, second, zone < 0 ? '-' : '+', offset / 60, offset % 60);
}

std::vector<std::string> parse_message_ids(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find('<', i);
    if (open == std::string_view::npos) break;
    auto close = text.find('>', open + 1);
    if (close == std::string_view::npos) break;
    std::string id = one_line(text.substr(open + 1, close - open - 1));
    std::erase_if(id, is_space);
    if (!id.empty() && id.size() <= 998 && is_valid_utf8(id)) out.push_back(std::move(id));
    i = close + 1;
  }
  if (out.empty()) {  // no angle brackets: a broken client's bare IDs
    for (const std::string& token : split(one_line(text), ' '))
      if (token.find('@') != std::string::npos && token.size() <= 998 && is_valid_utf8(token))
        out.push_back(token);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// MIME fields and transfer encodings

std::string MimeField::param(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (key == name) return value;
  return {};
}

namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

MimeField parse_mime_field(std::string_view text) {
  // Split on ';' outside quotes.
  std::vector<std::string> pieces(1);
  std::vector<bool> quoted_piece(1, false);
  bool in_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quote) {
      if (c == '\\' && i + 1 < text.size()) {
        pieces.back() += text[++i];
      } else if (c == '"') {
        in_quote = false;
      } else {
        pieces.back() += c;
      }
    } else if (c == '"') {
      in_quote = true;
      quoted_piece.back() = true;
    } else if (c == ';') {
      pieces.emplace_back();
      quoted_piece.push_back(false);
    } else {
      pieces.back() += c;
    }
  }
  MimeField field;
  field.value = to_lower(trim(pieces[0]));
  // RFC 2231: name*0*=utf-8''a%20b; name*1="c" ... joined in order; name*=utf-8''x.
  struct Segment {
    int index;
    bool encoded;
    std::string text;
  };
  std::vector<std::pair<std::string, std::vector<Segment>>> extended;
  for (std::size_t p = 1; p < pieces.size() && p < 200; ++p) {
    auto eq = pieces[p].find('=');
    if (eq == std::string::npos) continue;
    std::string key = to_lower(trim(pieces[p].substr(0, eq)));
    std::string value = quoted_piece[p] ? pieces[p].substr(eq + 1) : trim(pieces[p].substr(eq + 1));
    if (quoted_piece[p]) {
      // The quotes were dropped above; what was outside them is white space.
      value = trim(value);
    }
    if (key.empty()) continue;
    auto star = key.find('*');
    if (star == std::string::npos) {
      field.params.emplace_back(key, decode_encoded_words(value));
      continue;
    }
    std::string base = key.substr(0, star);
    std::string rest = key.substr(star + 1);
    bool encoded = !rest.empty() && rest.back() == '*';
    if (encoded) rest.pop_back();
    if (rest.empty() && key.back() == '*') encoded = true;
    int index = 0;
    if (!rest.empty()) {
      if (rest.size() > 3 || !std::all_of(rest.begin(), rest.end(), is_digit)) continue;
      index = std::stoi(rest);
    }
    auto it = std::find_if(extended.begin(), extended.end(),
                           [&](const auto& e) { return e.first == base; });
    if (it == extended.end()) {
      extended.emplace_back(base, std::vector<Segment>{});
      it = extended.end() - 1;
    }
    it->second.push_back({index, encoded, value});
  }
  for (auto& [base, segments] : extended) {
    std::sort(segments.begin(), segments.end(),
              [](const Segment& a, const Segment& b) { return a.index < b.index; });
    std::string charset, bytes;
    for (std::size_t s = 0; s < segments.size(); ++s) {
      std::string text = segments[s].text;
      if (segments[s].encoded) {
        if (s == 0) {
          // charset'language'value
          auto q1 = text.find('\'');
          auto q2 = q1 == std::string::npos ? q1 : text.find('\'', q1 + 1);
          if (q2 != std::string::npos) {
            charset = text.substr(0, q1);
            text = text.substr(q2 + 1);
          }
        }
        bytes += percent_decode(text);
      } else {
        bytes += text;
      }
    }
    std::string decoded = to_utf8_lenient(bytes, charset.empty() ? "UTF-8" : charset);
    // The extended form wins over a plain one of the same name.
    std::erase_if(field.params, [&](const auto& p) { return p.first == base; });
    field.params.emplace_back(base, decoded);
  }
  return field;
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
      continue;
    }
    // A soft line break: "=" then (trailing white space and) the line end.
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() && text[j] == '\r') ++j;
    if (j >= text.size() || text[j] == '\n') {
      i = j;  // the loop's ++ steps past the line end
      continue;
    }
    out += c;  // a malformed escape stays as written
  }
  return out;
}

std::string decode_base64(std::string_view text) {
  static const std::array<int, 256> k_table = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = i;
    return t;
  }();
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = k_table[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // line breaks, white space, padding
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string lower = to_lower(html);
  std::string out;
  static const std::vector<std::string> k_breaks = {
      "br",         "p",           "/p",  "div", "/div", "tr",    "/tr",   "li",    "/li",
      "ul",         "/ul",         "ol",  "/ol", "h1",   "/h1",   "h2",    "/h2",   "h3",
      "/h3",        "h4",          "/h4", "h5",  "/h5",  "h6",    "/h6",   "table", "/table",
      "blockquote", "/blockquote", "hr",  "pre", "/pre", "title", "/title"};
  static const std::vector<std::pair<std::string, std::uint32_t>> k_entities = {
      {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},    {"apos", '\''},
      {"nbsp", 0xA0},    {"copy", 0xA9},     {"reg", 0xAE},     {"euro", 0x20AC}, {"ndash", 0x2013},
      {"mdash", 0x2014}, {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},  {"bdquo", 0x201E},
      {"rdquo", 0x201D}, {"ldquo", 0x201C},  {"lsquo", 0x2018}, {"rsquo", 0x2019}};
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (lower.compare(i, 4, "<!--") == 0) {
        auto end = lower.find("-->", i + 4);
        i = end == std::string::npos ? html.size() : end + 3;
        continue;
      }
      auto close = html.find('>', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view tag = std::string_view(lower).substr(i + 1, close - i - 1);
      std::size_t n = 0;
      while (n < tag.size() && !is_space(tag[n]) && tag[n] != '>' && !(n > 0 && tag[n] == '/')) ++n;
      std::string name(tag.substr(0, n));
      i = close + 1;
      if (name == "script" || name == "style" || name == "head") {
        auto end = lower.find("</" + name, i);
        if (end == std::string::npos) break;
        auto gt = lower.find('>', end);
        i = gt == std::string::npos ? html.size() : gt + 1;
        continue;
      }
      if (std::find(k_breaks.begin(), k_breaks.end(), name) != k_breaks.end())
        out += '\n';
      else if (name == "td" || name == "th")
        out += ' ';
      continue;
    }
    if (c == '&') {
      auto semi = html.substr(i + 1, 12).find(';');  // a bounded look: no quadratic scan
      if (semi != std::string_view::npos) {
        semi += i + 1;
        std::string_view entity = html.substr(i + 1, semi - i - 1);
        std::optional<std::uint32_t> cp;
        if (entity.size() > 1 && entity[0] == '#') {
          bool hex = entity[1] == 'x' || entity[1] == 'X';
          std::string_view digits = entity.substr(hex ? 2 : 1);
          std::uint32_t v = 0;
          bool ok = !digits.empty() && digits.size() <= 7;
          for (char d : digits) {
            int h = hex_value(d);
            if (h < 0 || (!hex && h > 9)) ok = false;
            v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(std::max(h, 0));
          }
          if (ok) cp = v;
        } else {
          for (const auto& [name, value] : k_entities)
            if (entity == name) cp = value;
        }
        if (cp) {
          append_code_point(out, *cp == 0xA0 ? ' ' : *cp);
          i = semi + 1;
          continue;
        }
      }
    }
    out += is_space(c) ? ' ' : c;
    ++i;
  }
  // Spaces collapsed within lines, lines trimmed, at most one blank line in a row.
  std::string text;
  int blank = 0;
  for (const std::string& line : split(out, '\n')) {
    std::string collapsed = one_line(line);
    if (collapsed.empty()) {
      if (++blank > 1 || text.empty()) continue;
    } else {
      blank = 0;
    }
    text += collapsed;
    text += '\n';
  }
  return trim(text);
}

// ---------------------------------------------------------------------------------------------
// Messages

namespace {

struct Walk {
  explicit Walk(const MimeLimits& l) : limits(l) {}
  const MimeLimits& limits;
  std::size_t parts = 0;
  std::optional<std::string> plain, html;
  std::vector<MailAttachment> attachments;
};

std::string decode_transfer(std::string_view body, std::string_view encoding) {
  std::string e = to_lower(trim(encoding));
  if (e == "quoted-printable") return decode_quoted_printable(body);
  if (e == "base64") return decode_base64(body);
  return std::string(body);  // 7bit, 8bit, binary, or unknown: as is
}

std::string extension_for(std::string_view type) {
  static const std::vector<std::pair<std::string, std::string>> k_types = {
      {"application/pdf", ".pdf"}, {"text/plain", ".txt"}, {"text/html", ".html"},
      {"image/png", ".png"},       {"image/jpeg", ".jpg"}, {"image/gif", ".gif"},
      {"text/calendar", ".ics"},   {"text/csv", ".csv"},   {"message/rfc822", ".eml"},
      {"application/zip", ".zip"}, {"text/vcard", ".vcf"}, {"text/x-vcard", ".vcf"}};
  for (const auto& [t, ext] : k_types)
    if (t == type) return ext;
  return ".bin";
}

// The parts of a multipart body: the text between delimiter lines "--boundary" (the line end
// before a delimiter belongs to it), without the preamble and the epilogue. A missing closing
// delimiter ends the last part at the end of the body.
std::vector<std::string_view> split_multipart(std::string_view body, std::string_view boundary) {
  std::vector<std::string_view> parts;
  std::string delimiter = "--" + std::string(boundary);
  std::size_t pos = 0;
  std::optional<std::size_t> part_start;
  while (pos <= body.size()) {
    auto nl = body.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? body.size() : nl;
    std::string_view line = body.substr(pos, end - pos);
    if (line.starts_with(delimiter)) {
      std::string_view rest = line.substr(delimiter.size());
      bool close = rest.starts_with("--");
      if (close) rest.remove_prefix(2);
      if (std::all_of(rest.begin(), rest.end(), is_space)) {
        if (part_start) {
          std::size_t part_end = pos > *part_start ? pos - 1 : pos;  // drop the line end
          if (part_end > *part_start && body[part_end - 1] == '\r') --part_end;
          parts.push_back(body.substr(*part_start, part_end - *part_start));
        }
        if (close) return parts;
        part_start = nl == std::string_view::npos ? body.size() : nl + 1;
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (part_start && *part_start < body.size()) parts.push_back(body.substr(*part_start));
  return parts;
}

void walk(Walk& w, const MailHeaders& headers, std::string_view body, std::size_t depth,
          std::string_view default_type) {
  MimeField type = parse_mime_field(headers.get("Content-Type").value_or(""));
  if (type.value.empty() || type.value.find('/') == std::string::npos)
    type.value = std::string(default_type);
  if (type.value.starts_with("multipart/") && !type.param("boundary").empty()) {
    if (depth >= w.limits.max_depth)
      throw MimeError(
          fmt::format("its parts are nested deeper than {} levels", w.limits.max_depth));
    std::string inner_default = type.value == "multipart/digest" ? "message/rfc822" : "text/plain";
    for (std::string_view part : split_multipart(body, type.param("boundary"))) {
      if (++w.parts > w.limits.max_parts)
        throw MimeError(fmt::format("it has more than {} parts", w.limits.max_parts));
      std::string_view part_body;
      MailHeaders part_headers;
      part_headers = parse_headers(part, &part_body, w.limits.max_header_bytes, false);
      walk(w, part_headers, part_body, depth + 1, inner_default);
    }
    return;
  }
  std::string bytes =
      decode_transfer(body, headers.get("Content-Transfer-Encoding").value_or("7bit"));
  MimeField disposition = parse_mime_field(headers.get("Content-Disposition").value_or(""));
  std::string name = disposition.param("filename");
  if (name.empty()) name = type.param("name");
  name = one_line(name);
  bool attachment = disposition.value == "attachment" || !name.empty();
  std::string charset = type.param("charset");
  if (charset.empty()) charset = "US-ASCII";
  if (!attachment && type.value == "text/plain" && !w.plain) {
    w.plain = clean_text(to_utf8_lenient(bytes, charset));
  } else if (!attachment && type.value == "text/html" && !w.html) {
    w.html = html_to_text(clean_text(to_utf8_lenient(bytes, charset)));
  } else if (attachment || !type.value.starts_with("text/")) {
    if (!attachment) return;  // an unnamed inline part (an image a page shows): not a file
    if (name.empty())
      name = fmt::format("attachment-{}{}", w.attachments.size() + 1, extension_for(type.value));
    w.attachments.push_back({std::move(name), type.value, std::move(bytes)});
  }
}

std::string trim_lines_end(std::string text) {
  while (!text.empty() && is_space(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && text[start] == '\n') ++start;
  return text.substr(start);
}

}  // namespace

MailMessage parse_mail(std::string_view raw, const MimeLimits& limits) {
  if (raw.size() > limits.max_message_bytes)
    throw MimeError(fmt::format("it is larger than {} MiB", limits.max_message_bytes >> 20));
  // One line-end convention from here on.
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n')) text += raw[i];
  if (trim(text).empty()) throw MimeError("it is empty");

  MailMessage m;
  std::string_view body;
  m.headers = parse_headers(text, &body, limits.max_header_bytes);
  if (m.headers.list().empty()) throw MimeError("it has no mail headers");
  m.subject = one_line(decode_encoded_words(m.headers.get("Subject").value_or("")));
  auto from = parse_address_list(m.headers.get("From").value_or(""));
  if (from.empty()) from = parse_address_list(m.headers.get("Sender").value_or(""));
  if (!from.empty()) m.from = from.front();
  for (const std::string& h : m.headers.all("To"))
    for (MailAddress& a : parse_address_list(h)) m.to.push_back(std::move(a));
  for (const std::string& h : m.headers.all("Cc"))
    for (MailAddress& a : parse_address_list(h)) m.cc.push_back(std::move(a));
  if (auto date = m.headers.get("Date")) m.date = parse_mail_date(*date);
  if (auto id = m.headers.get("Message-ID")) {
    auto ids = parse_message_ids(*id);
    if (!ids.empty()) m.message_id = ids.front();
  }
  if (auto h = m.headers.get("In-Reply-To")) m.in_reply_to = parse_message_ids(*h);
  if (auto h = m.headers.get("References")) m.references = parse_message_ids(*h);

  Walk w(limits);
  walk(w, m.headers, body, 0, "text/plain");
  if (w.plain)
    m.body = trim_lines_end(*w.plain);
  else if (w.html)
    m.body = trim_lines_end(*w.html);
  m.attachments = std::move(w.attachments);
  return m;
}

}  // namespace crm
