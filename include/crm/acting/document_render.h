// The renderers of a document for customers: Markdown (for mail and wikis) and one
// self-contained, print-ready HTML page (A4, inline CSS, no script, nothing fetched), from
// which the PDF is printed.
#pragma once

#include <string>

#include "crm/acting/document_labels.h"
#include "crm/acting/document_model.h"

namespace crm {

// The payment terms sentence: an invoice's amount due and due date (or "paid in full"), a
// quote's validity and crm.yaml's payment days, a confirmation's payment days.
std::string payment_terms_text(const CustomerDocument& doc, const DocumentLabels& labels);

// Headings, the parties, a table of the header facts, the lines, the totals, the tax summary,
// payments and terms. Text from records is escaped so that it cannot make Markdown.
std::string render_document_markdown(const CustomerDocument& doc, const DocumentLabels& labels);

// `<!DOCTYPE html>`, UTF-8, `@page { size: A4 }`; every value HTML-escaped.
std::string render_document_html(const CustomerDocument& doc, const DocumentLabels& labels);

}  // namespace crm
