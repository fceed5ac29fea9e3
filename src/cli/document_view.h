// The printed form of a business document (quote, order, contract, invoice): header, lines,
// totals, like the paper a customer would see. Other formats print the record as data.
#pragma once

#include "context.h"

namespace crm::cli {

void show_document(Context& ctx, const Record& document);

// List cell that shows derived states (expired quotes and contracts, overdue invoices).
std::string document_cell(Context& ctx, const Record& record, const std::string& column);

}  // namespace crm::cli
