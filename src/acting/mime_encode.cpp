#include "crm/acting/mime_encode.h"

#include <cstdint>

namespace crm {
namespace {

constexpr char k_base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char k_hex[] = "0123456789ABCDEF";
constexpr std::size_t k_base64_line = 76;  // RFC 2045 6.8
constexpr std::size_t k_qp_line = 76;      // RFC 2045 6.7 (5), the "=" of a soft break included
// Encoded-words of at most 66 characters (RFC 2047 allows 75), so that "Subject: " and one word
// fit in 76 columns; 12 of them are "=?UTF-8?B?" and "?=".
constexpr std::size_t k_word_payload = 66 - 12;

void append_hex(std::string& out, unsigned char c) {
  out += '=';
  out += k_hex[c >> 4];
  out += k_hex[c & 0x0F];
}

bool starts_character(unsigned char c) {
  return (c & 0xC0) != 0x80;
}

// The UTF-8 characters of `text`, each as its bytes (a stray continuation byte stays with the
// character before it).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> chars;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || starts_character(static_cast<unsigned char>(text[i]))) {
      chars.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  return chars;
}

// RFC 2047 4.2: what Q may write as itself; `phrase` is the narrower set of 5 (3).
bool q_literal(unsigned char c, bool phrase) {
  if (phrase)
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '!' ||
           c == '*' || c == '+' || c == '-' || c == '/';
  return c > 32 && c < 127 && c != '=' && c != '?' && c != '_';
}

std::string q_encode(std::string_view bytes, bool phrase) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c == ' ')
      out += '_';
    else if (q_literal(c, phrase))
      out += static_cast<char>(c);
    else
      append_hex(out, c);
  }
  return out;
}

std::size_t b_length(std::size_t bytes) {
  return (bytes + 2) / 3 * 4;
}

// RFC 2231 attribute-char: what a parameter value may carry without %XX.
bool attr_char(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '&':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve(b_length(data.size()));
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                      (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    out += k_base64[(n >> 18) & 63];
    out += k_base64[(n >> 12) & 63];
    out += k_base64[(n >> 6) & 63];
    out += k_base64[n & 63];
  }
  std::size_t rest = data.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += k_base64[(n >> 18) & 63];
    out += k_base64[(n >> 12) & 63];
    out += rest == 2 ? k_base64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_lines(std::string_view data, std::string_view eol) {
  std::string encoded = base64_encode(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / k_base64_line * eol.size() + eol.size());
  for (std::size_t i = 0; i < encoded.size(); i += k_base64_line) {
    out += std::string_view(encoded).substr(i, k_base64_line);
    out += eol;
  }
  return out;
}

std::string quoted_printable_encode(std::string_view text, std::string_view eol) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    bool last = end == std::string_view::npos;
    std::string_view line = text.substr(pos, last ? std::string_view::npos : end - pos);
    if (!last && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (last && line.empty() && pos > 0) break;  // the text ended with a line break
    // Encode the line token by token (a character or =XX), then wrap the tokens.
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool trailing_space = (c == ' ' || c == '\t') && i + 1 == line.size();
      bool risky_start = i == 0 && (c == '.' || (c == 'F' && line.substr(0, 5) == "From "));
      std::string token;
      if ((c >= 33 && c <= 126 && c != '=' && !risky_start) ||
          ((c == ' ' || c == '\t') && !trailing_space))
        token = std::string(1, static_cast<char>(c));
      else
        append_hex(token, c);
      tokens.push_back(std::move(token));
    }
    std::size_t width = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      // Room for the token, and for a soft break's "=" unless it is the line's last token.
      std::size_t need = tokens[i].size() + (i + 1 < tokens.size() ? 1 : 0);
      if (width + need > k_qp_line) {
        out += '=';
        out += eol;
        width = 0;
      }
      out += tokens[i];
      width += tokens[i].size();
    }
    if (last) break;
    out += eol;
    pos = end + 1;
  }
  return out;
}

bool is_plain_header_text(std::string_view text) {
  for (unsigned char c : text)
    if ((c < 32 && c != '\t') || c > 126) return false;
  return text.find("=?") == std::string_view::npos;
}

std::vector<std::string> encoded_words(std::string_view text, bool phrase) {
  std::vector<std::string_view> chars = characters(text);
  bool use_q = q_encode(text, phrase).size() <= b_length(text.size());
  std::vector<std::string> words;
  std::string chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    words.push_back(use_q ? "=?UTF-8?Q?" + q_encode(chunk, phrase) + "?="
                          : "=?UTF-8?B?" + base64_encode(chunk) + "?=");
    chunk.clear();
  };
  for (std::string_view c : chars) {
    std::string next = chunk + std::string(c);
    std::size_t size = use_q ? q_encode(next, phrase).size() : b_length(next.size());
    if (size > k_word_payload) flush();
    chunk += c;
  }
  flush();
  return words;
}

std::vector<std::string> mime_parameter(std::string_view name, std::string_view value) {
  bool plain = value.size() <= 60;
  for (unsigned char c : value)
    if (c < 32 || c > 126) plain = false;
  if (plain) {
    std::string quoted;
    for (char c : value) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return {std::string(name) + "=\"" + quoted + "\""};
  }
  // RFC 2231: percent-encoded UTF-8, in continuations of about 60 characters, never splitting
  // a %XX.
  std::vector<std::string> pieces;
  std::string piece;
  for (unsigned char c : value) {
    std::string token;
    if (attr_char(c)) {
      token = std::string(1, static_cast<char>(c));
    } else {
      token = "%";
      token += k_hex[c >> 4];
      token += k_hex[c & 0x0F];
    }
    if (piece.size() + token.size() > 60) {
      pieces.push_back(piece);
      piece.clear();
    }
    piece += token;
  }
  pieces.push_back(piece);
  if (pieces.size() == 1) return {std::string(name) + "*=UTF-8''" + pieces[0]};
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < pieces.size(); ++i)
    parts.push_back(std::string(name) + "*" + std::to_string(i) + "*=" + (i == 0 ? "UTF-8''" : "") +
                    pieces[i]);
  return parts;
}

}  // namespace crm
