#include "document_view.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "crm/acting/document.h"
#include "crm/acting/document_model.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/reference.h"
#include "crm/sales/orders.h"
#include "crm/store/files.h"
#include "field_options.h"

namespace crm::cli {
namespace {

std::string pad_left(const std::string& text, std::size_t width) {
  std::size_t w = display_width(text);
  return w >= width ? text : std::string(width - w, ' ') + text;
}

std::string pad_right(const std::string& text, std::size_t width) {
  std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

// Keeps the totals column aligned whatever the bank reference's length.
std::string short_ref(const std::string& ref) {
  std::string shown = escape_for_terminal(ref);
  return display_width(shown) <= 14 ? shown : shown.substr(0, 13) + "…";
}

// The header of a document: its references, dates and reason, in schema order.
bool in_header(const FieldSpec& f) {
  return f.name != "created" && (f.type == FieldType::reference || f.type == FieldType::date ||
                                 f.type == FieldType::integer || f.name == "reason");
}

// Lines that carry `released` are a sales contract's: ordered, released, remaining.
bool has_releases(const Value* lines) {
  return lines && lines->is_sequence() && !lines->items().empty() &&
         lines->items().front().find("released");
}

struct DocumentShowOptions {
  std::string ref;
  std::string output;
  std::string lang;
};

// Writes the customer's document in `format` to standard output or -o FILE (atomically).
void print_customer_document(Context& ctx, const Record& record, const DocumentShowOptions& o,
                             DocumentFormat format) {
  bool to_stdout = o.output.empty() || o.output == "-";
  if (format == DocumentFormat::pdf && to_stdout && ::isatty(STDOUT_FILENO) == 1)
    throw UsageError("a PDF is binary, and standard output is a terminal",
                     fmt::format("write it to a file: crm {} show {} --format pdf -o {}",
                                 join(record.spec().command, " "), record.number_or_id(),
                                 document_file_name(record, format)));
  Session& s = ctx.session();
  std::string bytes = render_document(s.store, record, {format, o.lang}, s.clock.today());
  if (to_stdout) {
    std::cout << bytes << std::flush;
    return;
  }
  write_file_atomic(std::filesystem::absolute(o.output), bytes, s.store.config().file_mode);
}

}  // namespace

void add_document_show_command(CLI::App* parent, Context& ctx, Kind kind,
                               const std::string& description, const std::string& example,
                               std::function<void(Context&, const Record&)> view) {
  auto o = std::make_shared<DocumentShowOptions>();
  const std::string& noun = kind_spec(kind).name;
  CLI::App* cmd = parent->add_subcommand("show", description);
  add_reference(cmd, o->ref, "The " + noun + ": number, ID or ID prefix", {{kind}});
  cmd->add_option("-o,--output", o->output,
                  "With --format md|html|pdf: write the document to FILE (atomically)");
  cmd->add_option("--lang", o->lang,
                  "With --format md|html|pdf: the labels' language (default: crm.yaml's "
                  "documents.language; docs/documents.md)");
  cmd->footer(
      "Formats: --format table (default), json, yaml, csv; md, html, pdf render the "
      "document the customer receives.\nExample: " +
      example);
  cmd->callback([&ctx, o, kind, view] {
    Record record = resolve(ctx.session().store, o->ref, {kind});
    if (auto format = parse_document_format(ctx.format_name())) {
      print_customer_document(ctx, record, *o, *format);
      return;
    }
    if (!o->output.empty() || !o->lang.empty())
      throw UsageError(
          fmt::format("{} is for the customer's document", o->output.empty() ? "--lang" : "-o"),
          fmt::format("add --format md, html or pdf: crm {} show {} --format pdf -o {}",
                      join(record.spec().command, " "), record.number_or_id(),
                      document_file_name(record, DocumentFormat::pdf)));
    view(ctx, record);
  });
}

std::string document_cell(Context& ctx, const Record& record, const std::string& column) {
  if (column == "status") return effective_status(record, ctx.session().clock.today());
  return record.get(column);
}

void show_document(Context& ctx, const Record& doc) {
  Output& out = ctx.out();
  if (out.format() != Format::table) {
    out.record(doc, ctx.session().store.config());
    return;
  }
  Date today = ctx.session().clock.today();
  std::string text = fmt::format("{} {}  ({})\n", doc.spec().name, doc.number_or_id(), doc.id());
  text += fmt::format("status:    {}\n", effective_status(doc, today));
  const RecordStore& store = ctx.session().store;
  for (const FieldSpec& f : doc.spec().fields) {
    if (!in_header(f) || doc.get(f.name).empty()) continue;
    std::string value = doc.get(f.name);
    // A reference shows whom it names beside the ID scripts use: the customer's name.
    if (f.type == FieldType::reference)
      if (auto target = referenced_record(store, value); target && target->label() != value)
        value += "  " + escape_for_terminal(target->label());
    text += fmt::format("{:<10} {}\n", f.name + ":", value);
  }
  if (doc.spec().customer_document)
    if (auto contact = document_contact(store, doc)) {
      std::string email = contact->get("email");
      text += fmt::format("{:<10} {}{}\n", "contact:", escape_for_terminal(contact->get("name")),
                          email.empty() ? "" : " <" + escape_for_terminal(email) + ">");
    }

  const Value* lines = doc.find("lines");
  bool contract = has_releases(lines);
  std::vector<std::string> header = {"sku", "name", "qty", "unit_price", "discount", "net"};
  if (contract) header = {"sku", "name", "ordered", "released", "remaining", "unit_price", "net"};
  std::vector<std::vector<std::string>> rows;
  if (contract) {
    auto state = contract_state(doc);
    for (std::size_t i = 0; i < state.size(); ++i) {
      const Value& l = lines->items()[i];
      rows.push_back({state[i].sku, state[i].name, state[i].ordered, state[i].released,
                      state[i].remaining, l.get("unit_price"), l.get("net")});
    }
  } else if (lines && lines->is_sequence()) {
    for (const Value& l : lines->items())
      rows.push_back({l.get("sku"), l.get("name"), l.get("qty"), l.get("unit_price"),
                      l.get("discount") == "0" ? "" : l.get("discount") + "%", l.get("net")});
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) widths[i] = display_width(header[i]);
  for (auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      row[i] = escape_for_terminal(row[i]);
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  auto line = [&](const std::vector<std::string>& row) {
    std::string s;
    for (std::size_t i = 0; i < row.size(); ++i) {
      bool numeric = i >= 2;
      s += numeric ? pad_left(row[i], widths[i]) : pad_right(row[i], widths[i]);
      if (i + 1 < row.size()) s += "  ";
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  text += "\n" + line(header);
  for (const auto& row : rows) text += line(row);

  std::string currency = doc.get("currency");
  auto total_line = [&](const std::string& label, const std::string& amount) {
    text += fmt::format("{:>30}  {:>14} {}\n", label, amount, currency);
  };
  text += "\n";
  total_line("subtotal", doc.get("subtotal"));
  if (!doc.get("discount").empty() && doc.get("discount") != "0")
    total_line(fmt::format("net after {}% discount", doc.get("discount")), doc.get("net"));
  else
    total_line("net", doc.get("net"));
  total_line(fmt::format("tax {}%", doc.get("tax_rate").empty() ? "0" : doc.get("tax_rate")),
             doc.get("tax"));
  total_line("total", doc.get("total"));
  if (doc.spec().has_field("balance")) {
    if (const Value* payments = doc.find("payments"); payments && payments->is_sequence())
      for (const Value& p : payments->items())
        total_line(fmt::format("paid {}{}", p.get("date"),
                               p.get("ref").empty() ? "" : " (" + short_ref(p.get("ref")) + ")"),
                   "-" + p.get("amount"));
    total_line("balance", doc.get("balance"));
  }
  if (const Value* docs = doc.find("documents"); docs && docs->is_sequence()) {
    text += "\ndocuments:\n";
    for (const Value& d : docs->items())
      text += fmt::format("  {}{}\n", escape_for_terminal(d.get("path")),
                          d.get("title").empty() ? "" : "  " + escape_for_terminal(d.get("title")));
  }
  out.text(text);
}

}  // namespace crm::cli
