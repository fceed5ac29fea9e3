#include <string_view>
#include <vector>

#include "crm/acting/document_render.h"

namespace crm {
namespace {

// A value as Markdown text: control characters become spaces, characters Markdown reads as
// emphasis, links, code, tables or HTML are backslash-escaped anywhere, and those that start a
// heading, list or quote only at the start.
std::string md_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += ' ';
      continue;
    }
    bool syntax = std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos ||
                  (out.empty() && std::string_view("#+-=").find(c) != std::string_view::npos);
    if (syntax) out += '\\';
    out += c;
  }
  return out;
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string s = "|";
  for (const auto& c : cells) s += " " + c + " |";
  return s + "\n";
}

// A party's block: its name in bold, then one line each (Markdown's hard break).
std::string md_party(const std::string& heading, const DocumentParty& p,
                     const DocumentLabels& labels, bool seller) {
  std::vector<std::string> lines = {"**" + md_text(heading) + "**", md_text(p.name)};
  for (const auto& line : address_lines(p)) lines.push_back(md_text(line));
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) lines.push_back(md_text(labels(key)) + ": " + md_text(value));
  };
  add("tax_id", p.tax_id);
  if (!p.contact_name.empty())
    lines.push_back(md_text(labels("contact")) + ": " + md_text(p.contact_name) +
                    (p.contact_email.empty() ? "" : ", " + md_text(p.contact_email)));
  add("email", p.email);
  add("phone", p.phone);
  if (seller) add("website", p.website);
  if (!seller) add("customer_id", p.id);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += lines[i] + (i + 1 < lines.size() ? "  \n" : "\n");
  return out;
}

}  // namespace

std::string render_document_markdown(const CustomerDocument& doc, const DocumentLabels& labels) {
  std::string out = "# " + md_text(labels(doc.kind)) + " " + md_text(doc.number) + "\n\n";
  if (!doc.seller.name.empty()) out += md_party(labels("seller"), doc.seller, labels, true) + "\n";
  out += md_party(labels("customer"), doc.customer, labels, false) + "\n";

  std::vector<std::string> head = {md_text(labels("number"))}, values = {md_text(doc.number)};
  for (const auto& d : doc.dates) {
    head.push_back(md_text(labels(d.label)));
    values.push_back(d.date);
  }
  head.push_back(md_text(labels("currency")));
  values.push_back(md_text(doc.currency));
  out +=
      md_row(head) + md_row(std::vector<std::string>(head.size(), "---")) + md_row(values) + "\n";

  if (!doc.effort.empty()) {
    out += "## " + md_text(labels("work")) + "\n\n";
    out += md_row(
        {md_text(labels("effort")), md_text(labels("billable_hours")), md_text(labels("rate"))});
    out += md_row({"---:", "---:", "---:"});
    out += md_row({md_text(doc.effort), md_text(doc.billable_hours), md_text(doc.rate)}) + "\n";
    if (!doc.note.empty()) out += md_text(labels("note")) + ": " + md_text(doc.note) + "\n\n";
    if (!doc.lines.empty()) out += "## " + md_text(labels("parts_used")) + "\n\n";
  }
  if (!doc.lines.empty()) {
    out += md_row({md_text(labels("line_number")), md_text(labels("sku")),
                   md_text(labels("description")), md_text(labels("qty")),
                   md_text(labels("unit_price")), md_text(labels("discount")),
                   md_text(labels("net"))});
    out += md_row({"---:", "---", "---", "---:", "---:", "---:", "---:"});
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      const DocumentLine& l = doc.lines[i];
      out += md_row({std::to_string(i + 1), md_text(l.sku), md_text(l.description), md_text(l.qty),
                     md_text(l.unit_price), l.discount == "0" ? "" : md_text(l.discount) + " %",
                     md_text(l.net)});
    }
    out += "\n";
  }

  out += md_row({"", md_text(doc.currency)}) + md_row({"---", "---:"});
  for (const auto& t : doc.totals) {
    std::string label =
        md_text(labels(t.label)) + (t.detail.empty() ? "" : " " + md_text(t.detail));
    out += t.grand ? md_row({"**" + label + "**", "**" + md_text(t.amount) + "**"})
                   : md_row({label, md_text(t.amount)});
  }
  out += "\n";
  if (doc.taxes.empty()) out += md_text(labels("before_tax")) + "\n\n";

  if (!doc.taxes.empty()) {
    out += "## " + md_text(labels("tax_summary")) + "\n\n";
    out +=
        md_row({md_text(labels("tax_rate")), md_text(labels("tax_base")), md_text(labels("tax"))});
    out += md_row({"---:", "---:", "---:"});
    for (const auto& t : doc.taxes)
      out += md_row({md_text(t.rate) + " %", md_text(t.base), md_text(t.tax)});
    out += "\n";
  }

  if (doc.has_payments && !doc.payments.empty()) {
    out += "## " + md_text(labels("payments")) + "\n\n";
    out += md_row({md_text(labels("payment_date")), md_text(labels("payment_ref")),
                   md_text(labels("amount"))});
    out += md_row({"---", "---", "---:"});
    for (const auto& p : doc.payments)
      out += md_row({md_text(p.date), md_text(p.ref), md_text(p.amount)});
    out += "\n";
  }

  out += "## " + md_text(labels("payment_terms")) + "\n\n";
  out += md_text(payment_terms_text(doc, labels)) + "\n";
  if (!doc.seller.bank_account.empty())
    out += "\n" + md_text(labels("bank")) + ": " + md_text(doc.seller.bank_name) + "  \n" +
           md_text(labels("bank_account")) + ": " + md_text(doc.seller.bank_account) + "\n";
  out += "\n" + md_text(labels("thanks")) + "\n";
  return out;
}

}  // namespace crm
