#include "document_view.h"

#include <fmt/format.h>

#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/sales/orders.h"

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

}  // namespace

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
  for (const FieldSpec& f : doc.spec().fields)
    if (in_header(f) && !doc.get(f.name).empty())
      text += fmt::format("{:<10} {}\n", f.name + ":", doc.get(f.name));

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
