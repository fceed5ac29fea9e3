#include <string_view>
#include <vector>

#include "crm/acting/document_render.h"
#include "crm/base/text.h"

namespace crm {
namespace {

// A value as HTML text: markup characters become entities, control characters spaces, so
// that a customer named "<script>" is shown, never run.
std::string html_text(std::string_view text) {
  std::string plain;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    plain += (u < 0x20 && c != '\n') || u == 0x7f ? ' ' : c;
  }
  return escape_html(plain);
}

// Print-ready on A4: the margins are the page's, the colours survive printing, and nothing
// outside this page is fetched.
constexpr std::string_view k_document_style = R"(
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
       font-size: 10pt; color: #1f2328; margin: 0; line-height: 1.4; }
.page { max-width: 178mm; margin: 0 auto; }
header { display: flex; justify-content: space-between; align-items: flex-start;
         border-bottom: 2px solid #1d4e89; padding-bottom: 4mm; margin-bottom: 6mm; }
.seller .name { font-size: 15pt; font-weight: bold; color: #1d4e89; }
.doc-title { text-align: right; }
.doc-title h1 { font-size: 20pt; margin: 0 0 2mm 0; color: #1d4e89; letter-spacing: 0.5px;
                text-transform: uppercase; }
.doc-title table td { padding: 0.4mm 0 0.4mm 4mm; }
.doc-title table td:first-child { color: #57606a; }
.parties { display: flex; justify-content: space-between; margin-bottom: 8mm; }
.block h2 { font-size: 8pt; text-transform: uppercase; letter-spacing: 1px; color: #57606a;
            margin: 0 0 1mm 0; font-weight: normal; }
.block .name { font-weight: bold; font-size: 11pt; }
.muted { color: #57606a; }
table { border-collapse: collapse; }
table.lines, table.summary { width: 100%; margin-bottom: 5mm; }
table.lines th, table.summary th { background: #eef2f7; color: #1d4e89; font-size: 8.5pt;
  text-transform: uppercase; letter-spacing: 0.5px; text-align: left; padding: 2mm;
  border-bottom: 1px solid #1d4e89; }
table.lines td, table.summary td { padding: 1.6mm 2mm; border-bottom: 1px solid #d8dee4;
  vertical-align: top; }
table.lines tr { page-break-inside: avoid; }
.num { text-align: right !important; white-space: nowrap; }
.sku { color: #57606a; font-size: 8.5pt; }
.totals-wrap { display: flex; justify-content: flex-end; }
table.totals { min-width: 80mm; margin-bottom: 6mm; }
table.totals td { padding: 1.2mm 2mm; }
table.totals tr.grand td { font-weight: bold; font-size: 12pt; border-top: 2px solid #1d4e89;
                           padding-top: 2mm; }
h3 { font-size: 10pt; color: #1d4e89; margin: 5mm 0 2mm 0; text-transform: uppercase;
     letter-spacing: 0.5px; }
.terms { border-left: 3px solid #1d4e89; padding: 2mm 4mm; background: #f6f8fa;
         margin: 4mm 0; page-break-inside: avoid; }
footer { margin-top: 10mm; padding-top: 3mm; border-top: 1px solid #d8dee4; font-size: 8pt;
         color: #57606a; display: flex; justify-content: space-between; flex-wrap: wrap; }
)";

std::string html_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "<div>" + html_text(l) + "</div>";
  return out;
}

std::string html_party(const std::string& heading, const DocumentParty& p,
                       const DocumentLabels& labels, bool seller) {
  std::string out = "<div class=\"block " + std::string(seller ? "seller" : "customer") + "\">";
  if (!heading.empty()) out += "<h2>" + html_text(heading) + "</h2>";
  out += "<div class=\"name\">" + html_text(p.name) + "</div>" + html_lines(address_lines(p));
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty())
      out += "<div><span class=\"muted\">" + html_text(labels(key)) + ":</span> " +
             html_text(value) + "</div>";
  };
  add("tax_id", p.tax_id);
  if (!p.contact_name.empty())
    add("contact", p.contact_name + (p.contact_email.empty() ? "" : ", " + p.contact_email));
  add("email", p.email);
  add("phone", p.phone);
  if (seller) add("website", p.website);
  if (!seller) add("customer_id", p.id);
  return out + "</div>";
}

std::string html_th(const std::string& text, bool num = false) {
  return std::string(num ? "<th class=\"num\">" : "<th>") + html_text(text) + "</th>";
}
std::string html_td(const std::string& html, bool num = false) {
  return std::string(num ? "<td class=\"num\">" : "<td>") + html + "</td>";
}

}  // namespace

std::string render_document_html(const CustomerDocument& doc, const DocumentLabels& labels) {
  std::string title = labels(doc.kind) + " " + doc.number;
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_text(labels.language()) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_text(title) +
                    "</title>\n<style>" + std::string(k_document_style) +
                    "</style>\n</head>\n<body>\n" + "<div class=\"page\">\n<header>\n";
  out += doc.seller.name.empty() ? "<div></div>" : html_party("", doc.seller, labels, true);
  out += "\n<div class=\"doc-title\"><h1>" + html_text(labels(doc.kind)) + "</h1><table>";
  out += "<tr><td>" + html_text(labels("number")) + "</td><td class=\"num\"><strong>" +
         html_text(doc.number) + "</strong></td></tr>";
  for (const auto& d : doc.dates)
    out += "<tr><td>" + html_text(labels(d.label)) + "</td><td class=\"num\">" + html_text(d.date) +
           "</td></tr>";
  out += "<tr><td>" + html_text(labels("currency")) + "</td><td class=\"num\">" +
         html_text(doc.currency) + "</td></tr></table></div>\n</header>\n";

  out += "<section class=\"parties\">" +
         html_party(labels("customer"), doc.customer, labels, false) + "</section>\n";

  if (!doc.effort.empty()) {
    out += "<h3>" + html_text(labels("work")) + "</h3>\n<table class=\"summary\"><tr>" +
           html_th(labels("effort"), true) + html_th(labels("billable_hours"), true) +
           html_th(labels("rate"), true) + "</tr><tr>" + html_td(html_text(doc.effort), true) +
           html_td(html_text(doc.billable_hours), true) + html_td(html_text(doc.rate), true) +
           "</tr></table>\n";
    if (!doc.note.empty())
      out += "<p><span class=\"muted\">" + html_text(labels("note")) + ":</span> " +
             html_text(doc.note) + "</p>\n";
    if (!doc.lines.empty()) out += "<h3>" + html_text(labels("parts_used")) + "</h3>\n";
  }
  if (!doc.lines.empty()) {
    out += "<table class=\"lines\"><thead><tr>" + html_th(labels("line_number"), true) +
           html_th(labels("description")) + html_th(labels("qty"), true) +
           html_th(labels("unit_price"), true) + html_th(labels("discount"), true) +
           html_th(labels("net"), true) + "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      const DocumentLine& l = doc.lines[i];
      std::string description = html_text(l.description);
      if (!l.sku.empty()) description += "<div class=\"sku\">" + html_text(l.sku) + "</div>";
      out += "<tr>" + html_td(std::to_string(i + 1), true) + html_td(description) +
             html_td(html_text(l.qty), true) + html_td(html_text(l.unit_price), true) +
             html_td(l.discount == "0" ? "" : html_text(l.discount) + " %", true) +
             html_td(html_text(l.net), true) + "</tr>\n";
    }
    out += "</tbody></table>\n";
  }

  out += "<div class=\"totals-wrap\"><table class=\"totals\">";
  for (const auto& t : doc.totals) {
    std::string label = labels(t.label) + (t.detail.empty() ? "" : " " + t.detail);
    out += std::string(t.grand ? "<tr class=\"grand\">" : "<tr>") + html_td(html_text(label)) +
           html_td(html_text(t.amount) + " " + html_text(doc.currency), true) + "</tr>";
  }
  out += "</table></div>\n";
  if (doc.taxes.empty()) out += "<p class=\"muted\">" + html_text(labels("before_tax")) + "</p>\n";

  if (!doc.taxes.empty()) {
    out += "<h3>" + html_text(labels("tax_summary")) + "</h3>\n<table class=\"summary\"><tr>" +
           html_th(labels("tax_rate"), true) + html_th(labels("tax_base"), true) +
           html_th(labels("tax"), true) + "</tr>";
    for (const auto& t : doc.taxes)
      out += "<tr>" + html_td(html_text(t.rate) + " %", true) + html_td(html_text(t.base), true) +
             html_td(html_text(t.tax), true) + "</tr>";
    out += "</table>\n";
  }
  if (doc.has_payments && !doc.payments.empty()) {
    out += "<h3>" + html_text(labels("payments")) + "</h3>\n<table class=\"summary\"><tr>" +
           html_th(labels("payment_date")) + html_th(labels("payment_ref")) +
           html_th(labels("amount"), true) + "</tr>";
    for (const auto& p : doc.payments)
      out += "<tr>" + html_td(html_text(p.date)) + html_td(html_text(p.ref)) +
             html_td(html_text(p.amount), true) + "</tr>";
    out += "</table>\n";
  }

  out += "<div class=\"terms\"><strong>" + html_text(labels("payment_terms")) + "</strong><div>" +
         html_text(payment_terms_text(doc, labels)) + "</div>";
  if (!doc.seller.bank_account.empty())
    out += "<div>" + html_text(labels("bank")) + ": " + html_text(doc.seller.bank_name) + " · " +
           html_text(labels("bank_account")) + ": <strong>" + html_text(doc.seller.bank_account) +
           "</strong></div>";
  out += "</div>\n<p>" + html_text(labels("thanks")) + "</p>\n";

  out += "<footer><span>" + html_text(doc.seller.name) + "</span><span>" + html_text(title) +
         "</span>";
  std::vector<std::string> reach;
  for (const auto* v : {&doc.seller.email, &doc.seller.phone, &doc.seller.website})
    if (!v->empty()) reach.push_back(html_text(*v));
  std::string joined;
  for (std::size_t i = 0; i < reach.size(); ++i) joined += (i ? " · " : "") + reach[i];
  out += "<span>" + joined + "</span></footer>\n</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace crm
