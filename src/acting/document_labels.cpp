#include "crm/acting/document_labels.h"

#include "crm/base/error.h"
#include "crm/base/text.h"

namespace crm {

const std::vector<std::pair<std::string, std::string>>& english_labels() {
  static const std::vector<std::pair<std::string, std::string>> k_labels = {
      // Titles: the kind's name is the key.
      {"quote", "Quote"},
      {"invoice", "Invoice"},
      {"confirmation", "Service confirmation"},
      // The parties.
      {"seller", "From"},
      {"customer", "Customer"},
      {"contact", "Contact"},
      {"tax_id", "Tax ID"},
      {"email", "E-mail"},
      {"phone", "Phone"},
      {"website", "Web"},
      {"customer_id", "Customer ID"},
      // The header.
      {"number", "Number"},
      {"date", "Date"},
      {"valid_until", "Valid until"},
      {"due_date", "Due date"},
      {"currency", "Currency"},
      // The lines.
      {"line_number", "#"},
      {"sku", "SKU"},
      {"description", "Description"},
      {"qty", "Qty"},
      {"unit_price", "Unit price"},
      {"discount", "Discount"},
      {"net", "Net"},
      {"parts_used", "Parts used"},
      // Service work.
      {"work", "Work"},
      {"effort", "Hours worked"},
      {"billable_hours", "Hours billed"},
      {"rate", "Hourly rate"},
      {"note", "Note"},
      // The totals.
      {"subtotal", "Subtotal"},
      {"document_discount", "Discount"},
      {"net_total", "Net amount"},
      {"tax", "Tax"},
      {"total", "Total"},
      {"labour", "Labour"},
      {"parts", "Parts"},
      {"amount", "Amount"},
      {"before_tax", "Amounts before tax; tax is added on the invoice."},
      // Tax summary.
      {"tax_summary", "Tax summary"},
      {"tax_rate", "Rate"},
      {"tax_base", "Net"},
      // Payments.
      {"payments", "Payments"},
      {"payment_date", "Date"},
      {"payment_ref", "Reference"},
      {"paid", "Paid"},
      {"amount_due", "Amount due"},
      {"paid_in_full", "Paid in full. Thank you."},
      // Terms.
      {"payment_terms", "Payment terms"},
      {"terms_quote",
       "This quote is valid until {date}. Payment within {days} days of the invoice date."},
      {"terms_invoice", "Please pay {amount} {currency} by {date} ({days} days)."},
      {"terms_service", "Payment within {days} days of the invoice date."},
      {"bank", "Bank"},
      {"bank_account", "Account"},
      {"thanks", "Thank you for your business."},
  };
  return k_labels;
}

std::string DocumentLabels::operator()(std::string_view key) const {
  if (m_table)
    if (auto it = m_table->find(std::string(key)); it != m_table->end()) return it->second;
  for (const auto& [k, text] : english_labels())
    if (k == key) return text;
  return std::string(key);
}

std::string DocumentLabels::format(
    std::string_view key, const std::vector<std::pair<std::string, std::string>>& values) const {
  std::string text = (*this)(key);
  for (const auto& [name, value] : values) text = replace_all(text, "{" + name + "}", value);
  return text;
}

DocumentLabels document_labels(const DocumentSettings& settings, std::string_view language) {
  std::string lang(language.empty() ? std::string_view(settings.language) : language);
  if (lang.empty()) lang = "en";
  auto table = settings.labels.find(lang);
  if (table != settings.labels.end()) return DocumentLabels(lang, &table->second);
  if (lang == "en") return DocumentLabels(lang, nullptr);
  std::vector<std::string> known = {"en"};
  for (const auto& [name, _] : settings.labels)
    if (name != "en") known.push_back(name);
  throw UsageError("no document labels for language '" + lang + "'",
                   "languages with labels: " + join(known, ", ") +
                       "; add a table under documents.labels." + lang +
                       " in crm.yaml (docs/documents.md lists the keys)");
}

}  // namespace crm
