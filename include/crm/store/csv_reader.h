// Reading CSV (RFC 4180) as other tools write it: quoted fields with embedded delimiters,
// quotes and line breaks, CRLF or LF line ends, a UTF-8 byte-order mark, and a delimiter other
// than the comma (`;`, tab). A file is untrusted input: no content crashes the reader, and every
// problem names the physical line where its row starts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// The longest field the reader accepts: a record's value may not be longer (store/files.h).
inline constexpr std::size_t k_max_csv_field_bytes = 64 * 1024;

struct CsvRow {
  int line = 0;  // the physical line (1-based) where the row starts
  std::vector<std::string> fields;
  // Why the row cannot be read (an unterminated quote, text after a closing quote, a field
  // that is too long); empty for a good row. A bad row's fields are what could be read.
  std::string problem = {};
};

struct CsvReadOptions {
  char delimiter = ',';
};

// Every row of `text`, the header first. Blank lines (no character at all) are skipped. Throws
// UsageError for text that is not UTF-8 or holds a NUL byte, naming the line. An unterminated
// quoted field is a bad row that ends the table: everything after it was inside the quotes.
std::vector<CsvRow> read_csv(std::string_view text, const CsvReadOptions& options = {});

// The delimiter a user typed: ",", ";", "|", "\t" or "tab". Throws UsageError otherwise.
char csv_delimiter(std::string_view typed);

}  // namespace crm
