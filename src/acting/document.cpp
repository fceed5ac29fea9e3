#include "crm/acting/document.h"

#include "crm/acting/document_labels.h"
#include "crm/acting/document_model.h"
#include "crm/acting/document_render.h"
#include "crm/acting/pdf_converter.h"

namespace crm {

std::optional<DocumentFormat> parse_document_format(std::string_view name) {
  if (name == "md") return DocumentFormat::markdown;
  if (name == "html") return DocumentFormat::html;
  if (name == "pdf") return DocumentFormat::pdf;
  return std::nullopt;
}

std::string render_document(const RecordStore& store, const Record& document,
                            const DocumentRequest& request, Date /*today*/) {
  const DocumentSettings& settings = store.config().documents;
  // The language first: a wrong --lang is a usage error before anything is looked up.
  DocumentLabels labels = document_labels(settings, request.language);
  CustomerDocument doc = document_model(store, document);
  if (request.format == DocumentFormat::markdown) return render_document_markdown(doc, labels);
  std::string html = render_document_html(doc, labels);
  if (request.format == DocumentFormat::html) return html;
  return print_html_to_pdf(html, settings);
}

std::string document_file_name(const Record& document, DocumentFormat format) {
  std::string extension = format == DocumentFormat::markdown ? ".md"
                          : format == DocumentFormat::html   ? ".html"
                                                             : ".pdf";
  // Numbers and IDs are letters, digits and dashes; anything else a hand-edited file holds
  // becomes '-', so the name is always one safe path component.
  std::string stem;
  for (char c : document.number_or_id())
    stem += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '-';
  return (stem.empty() ? "document" : stem) + extension;
}

}  // namespace crm
