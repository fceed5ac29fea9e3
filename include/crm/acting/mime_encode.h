// The encoders of outgoing e-mail: base64 and quoted-printable bodies (RFC 2045), encoded-words
// for non-ASCII header text (RFC 2047) and parameter values (RFC 2231). Encoding only: reading
// received mail is mime_parse's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Base64 of `data` on lines of 76 characters, each ended by `eol` (the last one too); "" for
// no data.
std::string base64_lines(std::string_view data, std::string_view eol = "\n");
// Base64 of `data` on one line, without an end of line.
std::string base64_encode(std::string_view data);

// Quoted-printable of UTF-8 text, its line breaks ("\n" or "\r\n") kept as hard breaks written
// as `eol`: lines of at most 76 characters (soft breaks "=" where longer), "=" and bytes
// outside printable ASCII as =XX, a space or tab before a line break encoded, and a line's
// leading "." or "From " encoded so that no mail transport misreads it.
std::string quoted_printable_encode(std::string_view text, std::string_view eol = "\n");

// True when header text can go as it is: printable ASCII, tabs and spaces only, and no "=?"
// that a reader could take for an encoded-word.
bool is_plain_header_text(std::string_view text);

// RFC 2047 encoded-words of UTF-8 text: "=?UTF-8?B?...?=" or "=?UTF-8?Q?...?=" (whichever is
// shorter), each at most 66 characters (RFC 2047: 75) and holding whole characters. Joined by
// folding white space, which readers drop between encoded-words, they decode to `text` exactly.
// `phrase` restricts Q to the characters allowed in a display name.
std::vector<std::string> encoded_words(std::string_view text, bool phrase = false);

// A MIME parameter (`filename=...`): `name="value"` for printable ASCII (quotes and
// backslashes escaped), else RFC 2231's `name*=UTF-8''%C5%81...`, split into numbered
// continuations (`name*0*=...; name*1*=...`) when long. The parts are returned one per item,
// so that the caller can fold between them.
std::vector<std::string> mime_parameter(std::string_view name, std::string_view value);

}  // namespace crm
