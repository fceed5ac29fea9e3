#include <string_view>
#include <vector>

#include "crm/acting/document_render.h"

namespace crm {
namespace {

// A value as Markdown text: control characters become spaces, characters Markdown reads as
// emphasis, links, code, tables or HTML are backslash-escaped anywhere, and those that start a
// heading, list or quote only at the start.
std::string md(std::string_view text) {
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

std::string row(const std::vector<std::string>& cells) {
  std::string s = "|";
  for (const auto& c : cells) s += " " + c + " |";
  return s + "\n";
}

// A party's block: its name in bold, then one line each (Markdown's hard break).
std::string party_block(const std::string& heading, const DocumentParty& p,
                        const DocumentLabels& labels, bool seller) {
  std::vector<std::string> lines = {"**" + md(heading) + "**", md(p.name)};
  for (const auto& line : address_lines(p)) lines.push_back(md(line));
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty()) lines.push_back(md(labels(key)) + ": " + md(value));
  };
  add("tax_id", p.tax_id);
  if (!p.contact_name.empty())
    lines.push_back(md(labels("contact")) + ": " + md(p.contact_name) +
                    (p.contact_email.empty() ? "" : ", " + md(p.contact_email)));
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
  std::string out = "# " + md(labels(doc.kind)) + " " + md(doc.number) + "\n\n";
  if (!doc.seller.name.empty())
    out += party_block(labels("seller"), doc.seller, labels, true) + "\n";
  out += party_block(labels("customer"), doc.customer, labels, false) + "\n";

  std::vector<std::string> head = {md(labels("number"))}, values = {md(doc.number)};
  for (const auto& d : doc.dates) {
    head.push_back(md(labels(d.label)));
    values.push_back(d.date);
  }
  head.push_back(md(labels("currency")));
  values.push_back(md(doc.currency));
  out += row(head) + row(std::vector<std::string>(head.size(), "---")) + row(values) + "\n";

  if (!doc.effort.empty()) {
    out += "## " + md(labels("work")) + "\n\n";
    out += row({md(labels("effort")), md(labels("billable_hours")), md(labels("rate"))});
    out += row({"---:", "---:", "---:"});
    out += row({md(doc.effort), md(doc.billable_hours), md(doc.rate)}) + "\n";
    if (!doc.note.empty()) out += md(labels("note")) + ": " + md(doc.note) + "\n\n";
    if (!doc.lines.empty()) out += "## " + md(labels("parts_used")) + "\n\n";
  }
  if (!doc.lines.empty()) {
    out += row({md(labels("line_number")), md(labels("sku")), md(labels("description")),
                md(labels("qty")), md(labels("unit_price")), md(labels("discount")),
                md(labels("net"))});
    out += row({"---:", "---", "---", "---:", "---:", "---:", "---:"});
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      const DocumentLine& l = doc.lines[i];
      out += row({std::to_string(i + 1), md(l.sku), md(l.description), md(l.qty), md(l.unit_price),
                  l.discount == "0" ? "" : md(l.discount) + " %", md(l.net)});
    }
    out += "\n";
  }

  out += row({"", md(doc.currency)}) + row({"---", "---:"});
  for (const auto& t : doc.totals) {
    std::string label = md(labels(t.label)) + (t.detail.empty() ? "" : " " + md(t.detail));
    out += t.grand ? row({"**" + label + "**", "**" + md(t.amount) + "**"})
                   : row({label, md(t.amount)});
  }
  out += "\n";
  if (doc.taxes.empty()) out += md(labels("before_tax")) + "\n\n";

  if (!doc.taxes.empty()) {
    out += "## " + md(labels("tax_summary")) + "\n\n";
    out += row({md(labels("tax_rate")), md(labels("tax_base")), md(labels("tax"))});
    out += row({"---:", "---:", "---:"});
    for (const auto& t : doc.taxes) out += row({md(t.rate) + " %", md(t.base), md(t.tax)});
    out += "\n";
  }

  if (doc.has_payments && !doc.payments.empty()) {
    out += "## " + md(labels("payments")) + "\n\n";
    out += row({md(labels("payment_date")), md(labels("payment_ref")), md(labels("amount"))});
    out += row({"---", "---", "---:"});
    for (const auto& p : doc.payments) out += row({md(p.date), md(p.ref), md(p.amount)});
    out += "\n";
  }

  out += "## " + md(labels("payment_terms")) + "\n\n";
  out += md(payment_terms_text(doc, labels)) + "\n";
  if (!doc.seller.bank_account.empty())
    out += "\n" + md(labels("bank")) + ": " + md(doc.seller.bank_name) + "  \n" +
           md(labels("bank_account")) + ": " + md(doc.seller.bank_account) + "\n";
  out += "\n" + md(labels("thanks")) + "\n";
  return out;
}

}  // namespace crm
