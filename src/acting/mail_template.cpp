#include "crm/acting/mail_template.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <system_error>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/store/files.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

constexpr std::size_t k_max_template_bytes = 64 * 1024;

// The fields of `company:` in crm.yaml a template may name.
std::optional<std::string> company_field(const CompanyInfo& c, std::string_view name) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"name", &c.name},
      {"address", &c.address},
      {"postal_code", &c.postal_code},
      {"city", &c.city},
      {"country", &c.country},
      {"tax_id", &c.tax_id},
      {"bank_name", &c.bank_name},
      {"bank_account", &c.bank_account},
      {"email", &c.email},
      {"phone", &c.phone},
      {"website", &c.website},
  };
  for (const auto& [key, value] : fields)
    if (key == name) return *value;
  return std::nullopt;
}

// The text of `field` of `record` (of `kind`'s schema); nullopt when the kind declares no such
// field. Throws for a list or map.
std::optional<std::string> record_field(Kind kind, const Record* record, std::string_view field,
                                        const std::string& where, std::string_view placeholder) {
  const FieldSpec* spec = kind_spec(kind).field(field);
  if (!spec) return std::nullopt;
  if (!record || !record->spec().field(field)) return std::string();
  const Value* value = record->find(field);
  if (!value || value->is_null()) return std::string();
  if (!value->is_scalar())
    throw UsageError(fmt::format("{}: {{{{{}}}}} is a list of values, and a placeholder takes one",
                                 where, placeholder),
                     "name one value, such as {{total}} or {{contact.name}}");
  return value->text();
}

std::string placeholder_value(std::string_view name, const PlaceholderValues& v,
                              const std::string& where) {
  std::optional<std::string> value;
  std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) {
    if (name == "user") return v.user;
    if (name == "today") return v.today;
    if (v.record) value = record_field(v.record->kind(), v.record, name, where, name);
  } else {
    std::string_view scope = name.substr(0, dot), field = name.substr(dot + 1);
    const std::pair<std::string_view, std::pair<Kind, const Record*>> scopes[] = {
        {"contact", {Kind::contact, v.contact}}, {"account", {Kind::account, v.account}},
        {"deal", {Kind::deal, v.deal}},          {"quote", {Kind::quote, v.quote}},
        {"invoice", {Kind::invoice, v.invoice}},
    };
    if (scope == "company" && v.company) value = company_field(*v.company, field);
    for (const auto& [key, target] : scopes)
      if (key == scope) value = record_field(target.first, target.second, field, where, name);
  }
  if (!value)
    throw UsageError(
        fmt::format("{}: unknown placeholder {{{{{}}}}}", where, escape_for_terminal(name)),
        "a placeholder is a field of the record ({{total}}), of contact., account., deal., "
        "quote., invoice. or company. ({{contact.name}}), {{user}} or {{today}} (docs/mail.md)");
  return *value;
}

bool is_header_line(std::string_view line) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : line.substr(0, colon))
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

}  // namespace

MailTemplate parse_mail_template(std::string_view text, std::string source) {
  MailTemplate t;
  t.source = std::move(source);
  std::size_t pos = 0;
  int line_no = 0;
  bool headers = true;
  while (headers && pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    bool comment = !line.empty() && line.front() == '#';
    if (line_no == 0 && !comment && !is_header_line(line)) break;  // no header block
    ++line_no;
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (line.empty()) {
      pos = next;
      headers = false;
      break;
    }
    if (!comment) {
      if (!is_header_line(line))
        throw UsageError(fmt::format("{}:{}: expected a header line (Subject: ...) or a blank line "
                                     "before the body",
                                     t.source, line_no),
                         "start a template with `Subject: ...`, then a blank line, then the body");
      std::string key = to_lower(line.substr(0, line.find(':')));
      if (key != "subject")
        throw UsageError(fmt::format("{}:{}: unknown header '{}' in a template", t.source, line_no,
                                     escape_for_terminal(line.substr(0, line.find(':')))),
                         "a template knows only `Subject:`; recipients come from the record or "
                         "--to and --cc");
      t.subject = trim(line.substr(line.find(':') + 1));
      t.subject_line = line_no;
    }
    pos = next;
  }
  t.body = std::string(text.substr(std::min(pos, text.size())));
  t.body_line = line_no + 1;
  return t;
}

MailTemplate load_mail_template(const std::filesystem::path& root, std::string_view name) {
  std::filesystem::path path = mail_template_path(root, name);
  std::string display = std::string(k_mail_templates_dir) + "/" + path.filename().string();
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec)))
    throw UsageError(fmt::format("there is no template {}", display),
                     fmt::format("write one (docs/mail.md shows how), or leave out --template for "
                                 "the built-in one"));
  std::string text = read_regular_file(path, display, k_max_template_bytes);
  if (!is_valid_utf8(text)) throw DataError(display, 0, "a template must be UTF-8 text");
  return parse_mail_template(text, display);
}

MailTemplate default_mail_template(Kind about, std::optional<Kind> attached) {
  std::string greeting = "Hello {{contact.name}},\n\n";
  std::string closing = "\n\nBest regards,\n{{user}}\n{{company.name}}\n";
  MailTemplate t;
  t.source = fmt::format("the built-in {} template", kind_spec(about).name);
  bool quote = attached ? *attached == Kind::quote : about == Kind::quote;
  bool invoice = attached ? *attached == Kind::invoice : about == Kind::invoice;
  if (quote) {
    t.subject = "Quote {{quote.number}}";
    t.body = greeting +
             (attached ? "please find attached our quote {{quote.number}}, valid until "
                         "{{quote.valid_until}}."
                       : "about our quote {{quote.number}}:") +
             closing;
  } else if (invoice) {
    t.subject = "Invoice {{invoice.number}}";
    t.body = greeting +
             (attached ? "please find attached our invoice {{invoice.number}} of "
                         "{{invoice.total}} {{invoice.currency}}, due on {{invoice.due}}."
                       : "about our invoice {{invoice.number}}:") +
             closing;
  } else {
    if (about == Kind::deal) t.subject = "{{deal.title}}";
    t.body = greeting + closing;
  }
  return t;
}

std::string fill_placeholders(std::string_view text, const PlaceholderValues& values,
                              std::string_view source, int first_line) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, open - pos);
    int line = first_line + static_cast<int>(std::count(text.begin(), text.begin() + open, '\n'));
    std::string where = fmt::format("{}:{}", source, line);
    std::size_t close = text.find("}}", open + 2);
    std::size_t newline = text.find('\n', open);
    if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close))
      throw UsageError(fmt::format("{}: a {{{{ with no }}}} on its line", where),
                       "write placeholders as {{name}}, on one line");
    std::string name = trim(text.substr(open + 2, close - open - 2));
    out += placeholder_value(name, values, where);
    pos = close + 2;
  }
  return out;
}

}  // namespace crm
