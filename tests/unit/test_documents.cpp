// Documents for customers: the model's figures (a quote with a line discount, a quote discount
// and tax; an invoice with a partial payment; a service confirmation), the contact found along
// the record's parents, labels in another language with their English fallback and the usage
// error for a language without labels, hostile names escaped in HTML and Markdown, a page that
// fetches nothing, a Markdown golden, file names, and the error naming the PDF converter.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "crm/acting/document.h"
#include "crm/acting/document_labels.h"
#include "crm/acting/document_model.h"
#include "crm/acting/document_render.h"
#include "crm/acting/pdf_converter.h"
#include "crm/base/error.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace documents_tests {
namespace {

const char* const k_account = R"(id: "A-00000001"
name: "Kowalski & Syn Sp. z o.o."
email: "biuro@kowalski.example"
address: "ul. Piotrkowska 12"
postal_code: "90-001"
city: "Łódź"
country: "Polska"
tax_id: "PL7251234567"
created: "2026-10-01T09:00:00+00:00"
)";

const char* const k_contacts[] = {R"(id: "C-00000001"
name: "Jan Kowalski"
account: "A-00000001"
email: "jan@kowalski.example"
created: "2026-10-01T09:00:00+00:00"
)",
                                  R"(id: "C-00000002"
name: "Ewa Nowak"
account: "A-00000001"
email: "ewa@kowalski.example"
created: "2026-10-01T09:00:00+00:00"
)"};

const char* const k_deal = R"(id: "D-00000001"
title: "Pumps"
status: "open"
stage: "proposal"
account: "A-00000001"
contact: "C-00000002"
created: "2026-10-01T09:00:00+00:00"
)";

// 2 × 100.00 − 10 % = 180.00; 1 × 50.00 = 50.00; subtotal 230.00; − 5 % = 218.50;
// tax 23 % = 50.255 → 50.26; total 268.76.
const char* const k_quote = R"(id: "Q-00000001"
number: "Q-2026-0001"
status: "sent"
deal: "D-00000001"
account: "A-00000001"
revision: 1
currency: "EUR"
lines:
  - sku: "PUMP-200"
    name: "Pump 200"
    qty: "2"
    unit_price: "100.00"
    discount: "10"
    net: "180.00"
  - sku: "SVC"
    name: "Installation"
    qty: "1"
    unit_price: "50.00"
    discount: "0"
    net: "50.00"
discount: "5"
tax_rate: "23"
subtotal: "230.00"
net: "218.50"
tax: "50.26"
total: "268.76"
valid_until: "2026-11-30"
created: "2026-11-01T10:00:00+00:00"
)";

const char* const k_order = R"(id: "O-00000001"
number: "SO-2026-0001"
status: "invoiced"
account: "A-00000001"
quote: "Q-00000001"
currency: "EUR"
discount: "0"
tax_rate: "0"
subtotal: "0.00"
net: "0.00"
tax: "0.00"
total: "0.00"
delivered: "2026-11-05"
created: "2026-11-02T10:00:00+00:00"
)";

const char* const k_invoice = R"(id: "I-00000001"
number: "INV-2026-0001"
status: "partially-paid"
account: "A-00000001"
order: "O-00000001"
currency: "EUR"
lines:
  - sku: "PUMP-200"
    name: "Pump 200"
    qty: "2"
    unit_price: "100.00"
    discount: "10"
    net: "180.00"
  - sku: "SVC"
    name: "Installation"
    qty: "1"
    unit_price: "50.00"
    discount: "0"
    net: "50.00"
discount: "5"
tax_rate: "23"
subtotal: "230.00"
net: "218.50"
tax: "50.26"
total: "268.76"
issued: "2026-11-06"
due: "2026-11-20"
payments:
  - date: "2026-11-10"
    amount: "100.00"
    ref: "transfer 1"
balance: "168.76"
created: "2026-11-06T10:00:00+00:00"
)";

const char* const k_request = R"(id: "SR-00000001"
number: "SR-2026-0001"
status: "escalated"
account: "A-00000001"
contact: "C-00000001"
summary: "Pump leaks"
priority: "normal"
service_order: "SV-00000001"
created: "2026-11-10T08:00:00+00:00"
)";

const char* const k_service_order = R"(id: "SV-00000001"
number: "SV-2026-0001"
status: "completed"
kind: "repair"
account: "A-00000001"
request: "SR-00000001"
summary: "Pump leaks"
created: "2026-11-10T09:00:00+00:00"
)";

const char* const k_confirmation = R"(id: "CF-00000001"
status: "confirmed"
service_order: "SV-00000001"
account: "A-00000001"
date: "2026-11-12"
currency: "EUR"
effort: "3"
parts_used:
  - sku: "SEAL"
    name: "Seal kit"
    qty: "1"
    unit_price: "40.00"
    discount: "0"
    net: "40.00"
billable_hours: "2"
rate: "90.00"
labour: "180.00"
parts: "40.00"
amount: "220.00"
note: "Seal replaced"
created: "2026-11-12T15:00:00+00:00"
)";

void set_company(Config& c) {
  c.company.name = "Pompy Nord GmbH";
  c.company.address = "Am Hafen 1";
  c.company.postal_code = "20457";
  c.company.city = "Hamburg";
  c.company.country = "Germany";
  c.company.tax_id = "DE123456789";
  c.company.bank_name = "Hamburger Bank";
  c.company.bank_account = "DE02 2005 0550 1234 5678 90";
  c.company.email = "sales@pompy.example";
}

// A directory with the customer, two contacts, a deal, a quote, an order, an invoice and
// service work, written as files a user might have.
struct Documents : crm_test::DataDir {
  explicit Documents(const crm_test::ConfigEdit& edit = set_company)
      : crm_test::DataDir("2026-11-23", edit) {
    put("accounts/A-00000001.yaml", k_account);
    put("contacts/C-00000001.yaml", k_contacts[0]);
    put("contacts/C-00000002.yaml", k_contacts[1]);
    put("deals/D-00000001.yaml", k_deal);
    put("quotes/Q-00000001.yaml", k_quote);
    put("orders/O-00000001.yaml", k_order);
    put("invoices/I-00000001.yaml", k_invoice);
    put("service-requests/SR-00000001.yaml", k_request);
    put("service-orders/SV-00000001.yaml", k_service_order);
    put("confirmations/CF-00000001.yaml", k_confirmation);
  }
  Record quote() { return store.load(Kind::quote, "Q-00000001"); }
  Record invoice() { return store.load(Kind::invoice, "I-00000001"); }
  Record confirmation() { return store.load(Kind::confirmation, "CF-00000001"); }
  std::string render(const Record& r, DocumentFormat format, std::string lang = {}) {
    return render_document(store, r, {format, std::move(lang)},
                           Date::parse_iso("2026-11-23").value());
  }
};

// "label detail = amount" per totals row, to compare a whole table at once.
std::vector<std::string> totals_of(const CustomerDocument& doc) {
  std::vector<std::string> out;
  for (const auto& t : doc.totals)
    out.push_back(t.label + (t.detail.empty() ? "" : " " + t.detail) + " = " + t.amount +
                  (t.grand ? " !" : ""));
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("A quote's document has the seller, the customer, its contact and the stored figures",
          "[documents]") {
  Documents dir;
  CustomerDocument doc = document_model(dir.store, dir.quote());
  CHECK(doc.kind == "quote");
  CHECK(doc.number == "Q-2026-0001");
  CHECK(doc.seller.name == "Pompy Nord GmbH");
  CHECK(doc.seller.bank_account == "DE02 2005 0550 1234 5678 90");
  CHECK(doc.customer.name == "Kowalski & Syn Sp. z o.o.");
  CHECK(doc.customer.tax_id == "PL7251234567");
  CHECK(address_lines(doc.customer) ==
        std::vector<std::string>{"ul. Piotrkowska 12", "90-001 Łódź", "Polska"});
  // The deal's contact, not the account's first one.
  CHECK(doc.customer.contact_name == "Ewa Nowak");
  CHECK(doc.customer.contact_email == "ewa@kowalski.example");
  REQUIRE(doc.lines.size() == 2);
  CHECK(doc.lines[0].discount == "10");
  CHECK(doc.lines[0].net == "180.00");
  CHECK(totals_of(doc) ==
        std::vector<std::string>{"subtotal = 230.00", "document_discount 5 % = -11.50",
                                 "net_total = 218.50", "tax 23 % = 50.26", "total = 268.76 !"});
  REQUIRE(doc.taxes.size() == 1);
  CHECK(doc.taxes[0].rate == "23");
  CHECK(doc.taxes[0].base == "218.50");
  CHECK(doc.taxes[0].tax == "50.26");
  CHECK(doc.valid_until == "2026-11-30");
  CHECK(doc.payment_days == "30");
  CHECK_FALSE(doc.has_payments);
}

TEST_CASE(
    "An invoice's document shows what was paid and what is due, and its contact is found "
    "through order, quote and deal",
    "[documents]") {
  Documents dir;
  CustomerDocument doc = document_model(dir.store, dir.invoice());
  CHECK(doc.customer.contact_name == "Ewa Nowak");
  CHECK(doc.has_payments);
  CHECK(doc.paid == "100.00");
  CHECK(doc.amount_due == "168.76");
  CHECK(doc.due_date == "2026-11-20");
  CHECK(doc.payment_days == "14");  // the invoice's own dates, not crm.yaml's 30
  CHECK(totals_of(doc) ==
        std::vector<std::string>{"subtotal = 230.00", "document_discount 5 % = -11.50",
                                 "net_total = 218.50", "tax 23 % = 50.26", "total = 268.76 !",
                                 "paid = -100.00", "amount_due = 168.76 !"});
  DocumentLabels en = document_labels(dir.store.config().documents, "en");
  CHECK(payment_terms_text(doc, en) == "Please pay 168.76 EUR by 2026-11-20 (14 days).");
}

TEST_CASE(
    "A confirmation's document shows the hours, the parts and the amount before tax, "
    "addressed to the requester",
    "[documents]") {
  Documents dir;
  CustomerDocument doc = document_model(dir.store, dir.confirmation());
  CHECK(doc.kind == "confirmation");
  CHECK(doc.number == "CF-00000001");
  CHECK(doc.customer.contact_name == "Jan Kowalski");  // the service request's contact
  CHECK(doc.effort == "3");
  CHECK(doc.billable_hours == "2");
  CHECK(doc.rate == "90.00");
  REQUIRE(doc.lines.size() == 1);
  CHECK(doc.lines[0].description == "Seal kit");
  CHECK(totals_of(doc) ==
        std::vector<std::string>{"labour = 180.00", "parts = 40.00", "amount = 220.00 !"});
  CHECK(doc.taxes.empty());
  CHECK(doc.note == "Seal replaced");
}

TEST_CASE("Records that are no customer documents are refused as a usage error", "[documents]") {
  Documents dir;
  Record deal = dir.store.load(Kind::deal, "D-00000001");
  auto e = thrown<UsageError>([&] { document_model(dir.store, deal); });
  CHECK(contains(e.what(), "not a document for customers"));
  CHECK(contains(e.hint(), "quote, invoice, confirmation"));
  CHECK(is_customer_document(dir.quote()));
  CHECK_FALSE(is_customer_document(deal));
}

TEST_CASE(
    "Labels come from crm.yaml's table, fall back to English key by key, and an unknown "
    "language is a usage error naming those there are",
    "[documents]") {
  DocumentSettings settings;
  settings.labels["pl"] = {{"quote", "Oferta"}, {"total", "Razem"}};
  DocumentLabels pl = document_labels(settings, "pl");
  CHECK(pl("quote") == "Oferta");
  CHECK(pl("total") == "Razem");
  CHECK(pl("subtotal") == "Subtotal");  // not in the table: English
  CHECK(pl.language() == "pl");
  settings.language = "pl";
  CHECK(document_labels(settings, "")("quote") == "Oferta");  // documents.language
  CHECK(document_labels(settings, "en")("quote") == "Quote");
  auto e = thrown<UsageError>([&] { document_labels(settings, "de"); });
  CHECK(e.code() == ExitCode::usage);
  CHECK(contains(e.what(), "'de'"));
  CHECK(contains(e.hint(), "en, pl"));
  // Every key has English text, and keys are unique.
  std::set<std::string> keys;
  for (const auto& [key, text] : english_labels()) {
    CHECK_FALSE(text.empty());
    CHECK(keys.insert(key).second);
  }
  for (const KindSpec& spec : all_kinds())
    if (spec.customer_document) CHECK(keys.count(spec.name) == 1);
}

TEST_CASE("Polish labels from crm.yaml are used in the rendered document", "[documents]") {
  Documents dir([](Config& c) {
    set_company(c);
    c.documents.labels["pl"] = {{"invoice", "Faktura"}, {"amount_due", "Do zapłaty"}};
  });
  std::string html = dir.render(dir.invoice(), DocumentFormat::html, "pl");
  CHECK(contains(html, "<html lang=\"pl\">"));
  CHECK(contains(html, "Faktura"));
  CHECK(contains(html, "Do zapłaty"));
  CHECK(contains(html, "Subtotal"));
  auto e = thrown<UsageError>([&] { dir.render(dir.invoice(), DocumentFormat::markdown, "xx"); });
  CHECK(contains(e.hint(), "en, pl"));
}

TEST_CASE("The HTML page is self-contained and shows hostile names as text", "[documents]") {
  Documents dir([](Config& c) {
    set_company(c);
    c.company.name = "Seller \"<b>bold</b>\"";
  });
  dir.hand_edit(dir.store.load(Kind::account, "A-00000001"), "Kowalski & Syn Sp. z o.o.",
                "<script>alert(1)</script>");
  dir.hand_edit(dir.quote(), "Pump 200", "<img src=x onerror=alert(2)>");
  std::string html = dir.render(dir.quote(), DocumentFormat::html);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(contains(html, "<meta charset=\"utf-8\">"));
  CHECK(contains(html, "@page { size: A4;"));
  CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(html, "&lt;img src=x onerror=alert(2)&gt;"));
  CHECK(contains(html, "Seller &quot;&lt;b&gt;bold&lt;/b&gt;&quot;"));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "<link"));
  CHECK_FALSE(contains(html, "http"));
  CHECK_FALSE(contains(html, "src=\""));
  CHECK_FALSE(contains(html, "url("));
  CHECK(contains(html, "268.76 EUR"));

  std::string md = dir.render(dir.quote(), DocumentFormat::markdown);
  CHECK(contains(md, "\\<script\\>alert(1)\\</script\\>"));
  for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1))
    CHECK(md[at - 1] == '\\');  // every markup character escaped
}

TEST_CASE("A quote in Markdown", "[documents]") {
  Documents dir;
  CHECK(dir.render(dir.quote(), DocumentFormat::markdown) == R"(# Quote Q-2026-0001

**From**  
Pompy Nord GmbH  
Am Hafen 1  
20457 Hamburg  
Germany  
Tax ID: DE123456789  
E-mail: sales@pompy.example

**Customer**  
Kowalski & Syn Sp. z o.o.  
ul. Piotrkowska 12  
90-001 Łódź  
Polska  
Tax ID: PL7251234567  
Contact: Ewa Nowak, ewa@kowalski.example  
E-mail: biuro@kowalski.example  
Customer ID: A-00000001

| Number | Date | Valid until | Currency |
| --- | --- | --- | --- |
| Q-2026-0001 | 2026-11-01 | 2026-11-30 | EUR |

| \# | SKU | Description | Qty | Unit price | Discount | Net |
| ---: | --- | --- | ---: | ---: | ---: | ---: |
| 1 | PUMP-200 | Pump 200 | 2 | 100.00 | 10 % | 180.00 |
| 2 | SVC | Installation | 1 | 50.00 |  | 50.00 |

|  | EUR |
| --- | ---: |
| Subtotal | 230.00 |
| Discount 5 % | \-11.50 |
| Net amount | 218.50 |
| Tax 23 % | 50.26 |
| **Total** | **268.76** |

## Tax summary

| Rate | Net | Tax |
| ---: | ---: | ---: |
| 23 % | 218.50 | 50.26 |

## Payment terms

This quote is valid until 2026-11-30. Payment within 30 days of the invoice date.

Bank: Hamburger Bank  
Account: DE02 2005 0550 1234 5678 90

Thank you for your business.
)");
}

TEST_CASE("Document formats and file names", "[documents]") {
  CHECK(parse_document_format("md") == DocumentFormat::markdown);
  CHECK(parse_document_format("html") == DocumentFormat::html);
  CHECK(parse_document_format("pdf") == DocumentFormat::pdf);
  CHECK_FALSE(parse_document_format("table"));
  Documents dir;
  CHECK(document_file_name(dir.quote(), DocumentFormat::pdf) == "Q-2026-0001.pdf");
  CHECK(document_file_name(dir.invoice(), DocumentFormat::html) == "INV-2026-0001.html");
  CHECK(document_file_name(dir.confirmation(), DocumentFormat::markdown) == "CF-00000001.md");
}

TEST_CASE(
    "The PDF converter: pdf_command's placeholders filled inside each argument, and an "
    "error naming Debian's chromium package when there is none",
    "[documents]") {
  DocumentSettings settings;
  settings.pdf_command = {"weasyprint", "{input}", "--out={output}", "$(touch x);{input_uri}"};
  CHECK(pdf_converter_command(settings, "/tmp/d/a b.html", "/tmp/d/o.pdf") ==
        std::vector<std::string>{"weasyprint", "/tmp/d/a b.html", "--out=/tmp/d/o.pdf",
                                 "$(touch x);file:///tmp/d/a%20b.html"});
  crm_test::TempDir empty;
  crm_test::EnvVar path("PATH", empty.path().c_str());
  auto e = thrown<Error>(
      [] { pdf_converter_command(DocumentSettings{}, "/tmp/in.html", "/tmp/out.pdf"); });
  CHECK(e.code() == ExitCode::refused);
  CHECK(std::string(e.what()) ==
        "no PDF converter: install Debian's chromium package (apt install chromium) or set "
        "documents.pdf_command in crm.yaml");
}

}  // namespace documents_tests
