// The printed form of a business document (quote, order, contract, invoice): header, lines,
// totals, like the paper a customer would see. Other formats print the record as data.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "context.h"

namespace crm::cli {

void show_document(Context& ctx, const Record& document);

// `show` for a kind customers receive (quote, invoice, service confirmation): the global
// --format md|html|pdf renders the document for the customer (acting/document.h) to standard
// output or `-o FILE`, in `--lang`; table, json, yaml and csv call `view` as before.
void add_document_show_command(CLI::App* parent, Context& ctx, Kind kind,
                               const std::string& description, const std::string& example,
                               std::function<void(Context&, const Record&)> view);

// List cell that shows derived states (expired quotes and contracts, overdue invoices).
std::string document_cell(Context& ctx, const Record& record, const std::string& column);

}  // namespace crm::cli
