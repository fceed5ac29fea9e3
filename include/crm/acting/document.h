// Documents for customers: a quote, an invoice or a service confirmation rendered as the
// paper the customer receives (Markdown, one self-contained HTML page, or PDF printed from
// that page), with the seller's block from crm.yaml and labels in the asked language.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "crm/base/dates.h"
#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

enum class DocumentFormat { markdown, html, pdf };

// "md", "html", "pdf"; nullopt for anything else.
std::optional<DocumentFormat> parse_document_format(std::string_view name);

struct DocumentRequest {
  DocumentFormat format = DocumentFormat::html;
  std::string language;  // empty: crm.yaml's documents.language
};

// The document's bytes (a PDF is binary). Throws UsageError for a record that is no customer
// document or a language with no labels, and Error naming the Debian package when no PDF
// converter is installed.
std::string render_document(const RecordStore& store, const Record& document,
                            const DocumentRequest& request, Date today);

// The file name a customer sees for it: "Q-2026-0001.pdf".
std::string document_file_name(const Record& document, DocumentFormat format);

}  // namespace crm
