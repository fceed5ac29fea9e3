#include "crm/base/config.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"

namespace crm {
namespace {

[[noreturn]] void bad(const std::string& source, const Value& v, const std::string& what) {
  throw DataError(source, v.line(), what,
                  "see the comments `crm init` writes into crm.yaml for the expected shape");
}

std::vector<Stage> default_stages() {
  return {
      {"qualification",
       "10",
       {"Confirm budget, authority, need and timing", "Identify the decision maker"}},
      {"needs-analysis",
       "25",
       {"Hold a needs-analysis meeting", "Map the buying centre and each member's influence"}},
      {"proposal", "50", {"Send a quote", "Follow up on the quote within a week"}},
      {"negotiation",
       "75",
       {"Agree on price, terms and delivery", "Get the decision maker's approval"}},
  };
}

unsigned parse_mode(const std::string& source, const Value& v) {
  const std::string& text = v.text();
  if (text.empty() || text.size() > 4 || text.find_first_not_of("01234567") != std::string::npos)
    bad(source, v, fmt::format("mode '{}' is not an octal permission such as \"0600\"", text));
  return static_cast<unsigned>(std::stoul(text, nullptr, 8));
}

// A program and its arguments: a list of strings (never one string for a shell to split).
std::vector<std::string> parse_command(const std::string& source, const Value& v,
                                       const std::string& name) {
  if (!v.is_sequence() || v.items().empty())
    bad(source, v,
        fmt::format("{} must be a list: the program and its arguments, such as "
                    "[\"/usr/sbin/sendmail\", \"-t\", \"-oi\"]",
                    name));
  std::vector<std::string> argv;
  for (const Value& item : v.items()) {
    if (!item.is_scalar()) bad(source, item, fmt::format("each word of {} is a string", name));
    argv.push_back(item.text());
  }
  if (argv.front().empty()) bad(source, v, fmt::format("{} names no program", name));
  return argv;
}

void read_company(const std::string& source, const Value& v, CompanyInfo& company) {
  if (!v.is_map()) bad(source, v, "company must be a map: name, address, tax_id, bank_account...");
  company.name = v.get("name");
  company.address = v.get("address");
  company.postal_code = v.get("postal_code");
  company.city = v.get("city");
  company.country = v.get("country");
  company.tax_id = v.get("tax_id");
  company.bank_name = v.get("bank_name");
  company.bank_account = v.get("bank_account");
  company.email = v.get("email");
  company.phone = v.get("phone");
  company.website = v.get("website");
}

void read_documents(const std::string& source, const Value& v, DocumentSettings& documents) {
  if (!v.is_map()) bad(source, v, "documents must be a map: pdf_command, language, labels");
  if (const Value* command = v.find("pdf_command"); command && !command->is_null())
    documents.pdf_command = parse_command(source, *command, "documents.pdf_command");
  if (const Value* language = v.find("language"); language && language->is_scalar())
    documents.language = language->text();
  const Value* labels = v.find("labels");
  if (!labels || labels->is_null()) return;
  if (!labels->is_map()) bad(source, *labels, "documents.labels maps a language to its labels");
  for (const auto& [language, table] : labels->entries()) {
    if (!table.is_map())
      bad(source, table, fmt::format("documents.labels.{} maps label names to text", language));
    auto& out = documents.labels[language];
    for (const auto& [key, text] : table.entries()) {
      if (!text.is_scalar())
        bad(source, text, fmt::format("documents.labels.{}.{} is a string", language, key));
      out[key] = text.text();
    }
  }
}

void read_mail(const std::string& source, const Value& v, MailSettings& mail) {
  if (!v.is_map()) bad(source, v, "mail must be a map: sendmail, from, attach_format");
  if (const Value* command = v.find("sendmail"); command && !command->is_null())
    mail.sendmail = parse_command(source, *command, "mail.sendmail");
  mail.from = v.get("from");
  if (const Value* format = v.find("attach_format"); format && format->is_scalar()) {
    if (format->text() != "pdf" && format->text() != "html")
      bad(source, *format, "mail.attach_format is pdf or html");
    mail.attach_format = format->text();
  }
}

double parse_seconds(const std::string& source, const Value& v) {
  auto seconds = Decimal::parse(v.text());
  if (!seconds || seconds->is_negative() || Decimal::from_int(86400) < *seconds)
    bad(source, v, fmt::format("'{}' is not a number of seconds up to 86400", v.text()));
  return std::stod(v.text());
}

}  // namespace

const Stage* Config::stage(const std::string& name) const {
  for (const auto& s : stages)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> Config::stage_names() const {
  std::vector<std::string> names;
  for (const auto& s : stages) names.push_back(s.name);
  return names;
}

std::vector<std::string> Config::vocabulary(std::string_view name) const {
  if (name == "stages") return stage_names();
  if (name == "lead_sources") return lead_sources;
  return {};
}

std::vector<std::string> Config::default_lead_sources() {
  return {"referral", "business-card", "fair", "campaign", "web", "other"};
}

std::string default_config_text(bool git_autocommit) {
  return fmt::format(
      R"(# crm configuration. crm reads this file and never rewrites it, so comments here are safe.
# (In record files comments are lost; put remarks in a record's `notes` field instead.)
version: 1

# The currency of new documents (ISO 4217).
currency: "EUR"

# Deal stages in order: the chance of winning from each stage (percent) and the sales
# assistant's playbook, the activities `crm deal next` suggests in that stage.
stages:
  - name: "qualification"
    probability: "10"
    playbook:
      - "Confirm budget, authority, need and timing"
      - "Identify the decision maker"
  - name: "needs-analysis"
    probability: "25"
    playbook:
      - "Hold a needs-analysis meeting"
      - "Map the buying centre and each member's influence"
  - name: "proposal"
    probability: "50"
    playbook:
      - "Send a quote"
      - "Follow up on the quote within a week"
  - name: "negotiation"
    probability: "75"
    playbook:
      - "Agree on price, terms and delivery"
      - "Get the decision maker's approval"

# Where leads come from: `crm lead add --source` takes one of these.
lead_sources:
  - "referral"
  - "business-card"
  - "fair"
  - "campaign"
  - "web"
  - "other"

# Tax (VAT) percent applied to new quotes unless `crm deal quote --tax` says otherwise.
tax_rate: "0"

# Days from an invoice's date to its due date.
payment_terms_days: "30"

service:
  # Hourly rate for service work outside any service contract.
  default_rate: "90.00"

git:
  # Commit every change crm makes, naming the command and the record IDs.
  autocommit: {}

files:
  # Permissions of the files and folders crm creates.
  mode: "0600"
  folder_mode: "0700"

# The seller, as quotes, invoices and confirmations print it (crm quote show --format html).
company:
  name: ""
  address: ""
  postal_code: ""
  city: ""
  country: ""
  tax_id: ""
  bank_name: ""
  bank_account: ""
  email: ""
  phone: ""

documents:
  # The language of document labels unless --lang says otherwise: "en", or one with a table
  # under labels (docs/documents.md; examples/crm.yaml ships Polish).
  language: "en"
  # The program that prints HTML to PDF, with {{input}} and {{output}}; unset: headless Chromium.
  # pdf_command: ["chromium", "--headless", "--no-sandbox", "--print-to-pdf={{output}}", "{{input}}"]

mail:
  # A sendmail-compatible program reading the message on standard input (msmtp, exim, postfix).
  sendmail: ["/usr/sbin/sendmail", "-t", "-oi"]
  # The From: address; unset: the company's e-mail.
  # from: "sales@example.com"
  # How `crm mail --attach` attaches a document: pdf or html.
  attach_format: "pdf"

calls:
  # The program that dials, never run through a shell: {{number}} is the number, {{uri}} is
  # tel:NUMBER. Unset: `crm call` prints the number and logs the call.
  # dialer: ["xdg-open", "{{uri}}"]

hooks:
  # Seconds a hook in hooks/ may run before it is killed.
  timeout: "30"
)",
      git_autocommit ? "true" : "false");
}

Config config_from_yaml(const Value& root, const std::string& source) {
  Config config;
  if (const Value* v = root.find("currency"); v && v->is_scalar()) config.currency = v->text();
  if (const Value* v = root.find("payment_terms_days"); v && v->is_scalar()) {
    const std::string& days = v->text();
    if (days.empty() || days.size() > 4 ||
        days.find_first_not_of("0123456789") != std::string::npos)
      bad(source, *v, fmt::format("payment_terms_days '{}' is not a number of days", days));
    config.payment_terms_days = days;
  }
  if (const Value* v = root.find("tax_rate"); v && v->is_scalar()) {
    auto rate = Decimal::parse(v->text());
    if (!rate || rate->is_negative() || Decimal::from_int(100) < *rate)
      bad(source, *v, fmt::format("tax_rate '{}' is not a percentage from 0 to 100", v->text()));
    config.tax_rate = v->text();
  }
  if (const Value* service = root.find("service"); service && service->is_map())
    if (const Value* v = service->find("default_rate"); v && v->is_scalar())
      config.service_default_rate = v->text();
  if (const Value* git = root.find("git"); git && git->is_map())
    if (const Value* v = git->find("autocommit"); v && v->is_scalar())
      config.git_autocommit = v->text() == "true";
  if (const Value* files = root.find("files"); files && files->is_map()) {
    if (const Value* v = files->find("mode"); v && v->is_scalar())
      config.file_mode = parse_mode(source, *v);
    if (const Value* v = files->find("folder_mode"); v && v->is_scalar())
      config.folder_mode = parse_mode(source, *v);
  }
  if (const Value* company = root.find("company"); company && !company->is_null())
    read_company(source, *company, config.company);
  if (const Value* documents = root.find("documents"); documents && !documents->is_null())
    read_documents(source, *documents, config.documents);
  if (const Value* mail = root.find("mail"); mail && !mail->is_null())
    read_mail(source, *mail, config.mail);
  if (const Value* calls = root.find("calls"); calls && calls->is_map())
    if (const Value* dialer = calls->find("dialer"); dialer && !dialer->is_null())
      config.dialer = parse_command(source, *dialer, "calls.dialer");
  if (const Value* hooks = root.find("hooks"); hooks && hooks->is_map())
    if (const Value* timeout = hooks->find("timeout"); timeout && timeout->is_scalar())
      config.hook_timeout_seconds = parse_seconds(source, *timeout);
  if (const Value* sources = root.find("lead_sources")) {
    if (!sources->is_sequence() || sources->items().empty())
      bad(source, *sources, "lead_sources must be a non-empty list of names");
    config.lead_sources.clear();
    for (const Value& item : sources->items()) {
      if (!item.is_scalar() || item.text().empty())
        bad(source, item, "each lead source is a name such as \"fair\"");
      config.lead_sources.push_back(item.text());
    }
  }
  const Value* stages = root.find("stages");
  if (!stages) {
    config.stages = default_stages();
    return config;
  }
  if (!stages->is_sequence() || stages->items().empty())
    bad(source, *stages, "stages must be a non-empty list of {name, probability, playbook}");
  for (const Value& item : stages->items()) {
    if (!item.is_map() || item.get("name").empty()) bad(source, item, "each stage needs a name");
    Stage stage{item.get("name"), item.get("probability"), {}};
    if (const Value* playbook = item.find("playbook"); playbook && playbook->is_sequence())
      for (const Value& step : playbook->items())
        if (step.is_scalar()) stage.playbook.push_back(step.text());
    config.stages.push_back(std::move(stage));
  }
  return config;
}

}  // namespace crm
