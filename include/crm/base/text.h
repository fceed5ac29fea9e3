// Small text helpers shared by the codec, the store and the front-end: UTF-8 validation,
// terminal escaping, case folding and trimming.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (which the caller has checked: at most U+10FFFF,
// no surrogate) to `out`.
void append_utf8(std::string& out, char32_t code_point);

// Makes text safe to print on a terminal: control characters (C0, DEL, C1) become visible
// escapes such as "\x1b", so that a value from a pulled repository cannot drive the terminal.
std::string escape_for_terminal(std::string_view text);

// `text` as HTML character data or an attribute value: & < > " ' become entities, nothing
// else changes (the dashboard and documents for customers escape every value with it).
std::string escape_html(std::string_view text);

// Number of terminal columns `text` takes, counting each UTF-8 code point as one.
std::size_t display_width(std::string_view text);

// "a lead", "an account": the noun with its indefinite article.
std::string with_article(std::string_view noun);

std::string to_lower(std::string_view text);

// Lower case for searching: ASCII, Latin-1 and Latin Extended-A letters (enough for the
// European names and words crm mostly sees); other characters are kept as they are.
std::string fold_case(std::string_view text);
std::string to_upper(std::string_view text);
std::string trim(std::string_view text);
bool contains_case_insensitive(std::string_view haystack, std::string_view needle);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// `text` with every `from` replaced by `to`.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

}  // namespace crm
