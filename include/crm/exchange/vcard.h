// vCard, the address-book format of phones and mail clients: a tolerant reader of versions 2.1
// (RFC-less, quoted-printable, CHARSET), 3.0 (RFC 2426) and 4.0 (RFC 6350), and a strict
// writer of 4.0. Pure text in, text out: which card becomes which contact is vcard_import.h's.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// A TEL or EMAIL of a card: its value, its kinds ("work", "cell,voice"; never "pref" or
// "internet", which say nothing about the number or address) and its preference (1 most
// preferred; 0 none given).
struct VcardEntry {
  std::string value;
  std::string type;
  int pref = 0;
};

// One card as read. Text is UTF-8 with escapes and encodings undone.
struct Vcard {
  int line = 0;   // of its BEGIN:VCARD, 1-based
  int index = 0;  // its position in the file, 1-based
  std::string version;
  std::string fn;
  std::vector<std::string> n;  // family, given, additional, prefixes, suffixes
  std::string org;             // the first component (the company, not its departments)
  std::string title;
  std::vector<std::string> notes;
  std::vector<VcardEntry> emails;
  std::vector<VcardEntry> phones;
  std::vector<std::string> addresses;  // each ADR's non-empty components joined by ", "
  std::string uid;
  // Properties the card had that crm does not keep, by name ("PHOTO", "BDAY"), with counts,
  // split into binary blobs (base64 or binary values) and the rest.
  std::map<std::string, int> binary_skipped;
  std::map<std::string, int> not_kept;
  // Why the card cannot be read (unterminated, invalid text...), with the line; empty if fine.
  std::string problem;
  int problem_line = 0;

  // FN, else the parts of N in reading order (prefix, given, additional, family, suffix).
  std::string name() const;
};

struct VcardLimits {
  std::size_t max_line = 4 << 20;  // one property, unfolded, in bytes
  std::size_t max_cards = 100'000;
};

// Reads every card of `text`. Never throws on bad input: a card that cannot be read has its
// `problem` set; text outside cards is ignored. Lines end in CRLF or LF; folded lines,
// quoted-printable soft breaks, ENCODING=QUOTED-PRINTABLE|B|BASE64, CHARSET (UTF-8, ISO-8859-1,
// ISO-8859-2, Windows-1250, Windows-1252 and anything else iconv knows), 2.1 bare types
// (TEL;CELL), 3.0/4.0 TYPE= lists, quoted parameter values, groups (item1.EMAIL with
// item1.X-ABLabel) and text escapes are understood.
std::vector<Vcard> parse_vcards(std::string_view text, const VcardLimits& limits = {});

// --- writing vCard 4.0 (RFC 6350) -------------------------------------------------------------

// A text value escaped for a vCard: backslash, comma, semicolon and line breaks.
std::string vcard_escape(std::string_view text);
// One content line, CRLF-terminated, folded so that no line exceeds 75 octets (continuations
// start with a space) and no UTF-8 sequence is split.
std::string vcard_fold(std::string_view line);

// A contact as a card says it, for the writer.
struct VcardOut {
  std::string uid;
  std::string fn;
  std::vector<std::string> n;  // five components, unescaped
  std::string org;
  std::string title;
  std::vector<VcardEntry> emails;  // the first is written PREF=1
  std::vector<VcardEntry> phones;
  std::string address;
  std::string note;
};

// BEGIN:VCARD ... END:VCARD, CRLF line endings.
std::string write_vcard(const VcardOut& card);

}  // namespace crm
