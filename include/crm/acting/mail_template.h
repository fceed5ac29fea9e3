// Mail templates: `templates/NAME.txt` in the data directory (a `Subject:` line, a blank line,
// the body) or a short built-in default per kind, with `{{placeholders}}` for the fields of
// the record, its contact, account, deal, quote or invoice, the company and the user.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "crm/base/config.h"
#include "crm/kinds/record.h"

namespace crm {

struct MailTemplate {
  std::string source;   // "templates/quote.txt", or "the built-in quote template"
  std::string subject;  // "" when the template has none
  int subject_line = 0;
  std::string body;
  int body_line = 1;  // the line of `source` the body starts on, for messages
};

// Reads a template's text: header lines first (only `Subject:` is known; `#` lines are
// comments), a blank line, then the body. Text whose first line is no header is all body.
// Throws UsageError naming `source` and the line for an unknown header.
MailTemplate parse_mail_template(std::string_view text, std::string source);

// Reads `templates/NAME.txt` of the data directory at `root` (store/paths.h says which names
// are allowed). UsageError when it does not exist, DataError when it is no UTF-8 text.
MailTemplate load_mail_template(const std::filesystem::path& root, std::string_view name);

// The built-in template for a message about a record of kind `about` with, possibly, a quote or
// invoice (`attached`) attached.
MailTemplate default_mail_template(Kind about, std::optional<Kind> attached);

// What placeholders read. A record left null makes its placeholders empty (they are still
// known).
struct PlaceholderValues {
  const Record* record = nullptr;   // {{FIELD}}: the record the message is about
  const Record* contact = nullptr;  // {{contact.FIELD}}: the recipient (contact, lead, account)
  const Record* account = nullptr;  // {{account.FIELD}}
  const Record* deal = nullptr;     // {{deal.FIELD}}
  const Record* quote = nullptr;    // {{quote.FIELD}}: the record if a quote, else the attached
  const Record* invoice = nullptr;  // {{invoice.FIELD}}: the same for invoices
  const CompanyInfo* company = nullptr;  // {{company.FIELD}}: crm.yaml's company section
  std::string user;                      // {{user}}: the acting user
  std::string today;                     // {{today}}: ISO date
};

// `text` with every `{{ name }}` replaced. Field names are those the kind registry declares for
// the kind (`contact.` reads the contact kind's); an unknown name, a list or map field, or an
// unclosed `{{` is a UsageError naming `source`, the line (counted from `first_line`) and the
// placeholder.
std::string fill_placeholders(std::string_view text, const PlaceholderValues& values,
                              std::string_view source, int first_line);

}  // namespace crm
