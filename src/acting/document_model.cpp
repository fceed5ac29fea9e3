#include "crm/acting/document_model.h"

#include <deque>
#include <optional>
#include <set>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/sales/invoices.h"

namespace crm {
namespace {

bool usable_contact(const std::optional<Record>& contact) {
  return contact && contact->kind() == Kind::contact && contact->get("erased").empty();
}

}  // namespace

std::optional<Record> referenced_record(const RecordStore& store, const std::string& id) {
  std::size_t dash = id.find('-');
  if (dash == std::string::npos) return std::nullopt;
  std::optional<Kind> kind = kind_by_prefix(id.substr(0, dash));
  if (!kind || !store.exists(*kind, id)) return std::nullopt;
  return store.load(*kind, id);
}

std::optional<Record> document_contact(const RecordStore& store, const Record& document) {
  std::deque<Record> queue{document};
  std::set<std::string> seen{document.id()};
  while (!queue.empty() && seen.size() < 32) {
    Record r = std::move(queue.front());
    queue.pop_front();
    if (r.spec().has_field("contact") && !r.get("contact").empty()) {
      auto contact = referenced_record(store, r.get("contact"));
      if (usable_contact(contact)) return contact;
    }
    if (r.spec().has_field("roles"))
      if (const Value* roles = r.find("roles"); roles && roles->is_sequence())
        for (const Value& role : roles->items()) {
          auto contact = referenced_record(store, role.get("contact"));
          if (usable_contact(contact)) return contact;
        }
    for (const std::string& parent : r.spec().parents) {
      if (parent == "account") continue;  // the fallback below, once the chain is exhausted
      std::string id = r.get(parent);
      if (id.empty() || !seen.insert(id).second) continue;
      if (auto next = referenced_record(store, id)) queue.push_back(std::move(*next));
    }
  }
  for (const Record& contact : store.find_by(Kind::contact, "account", document.get("account")))
    if (contact.get("erased").empty()) return contact;
  return std::nullopt;
}

namespace {

DocumentParty seller_of(const CompanyInfo& company) {
  DocumentParty p;
  p.name = company.name;
  p.address = company.address;
  p.postal_code = company.postal_code;
  p.city = company.city;
  p.country = company.country;
  p.tax_id = company.tax_id;
  p.email = company.email;
  p.phone = company.phone;
  p.website = company.website;
  p.bank_name = company.bank_name;
  p.bank_account = company.bank_account;
  return p;
}

DocumentParty customer_of(const RecordStore& store, const Record& document) {
  DocumentParty p;
  p.id = document.get("account");
  Record account = store.load(Kind::account, p.id);
  p.name = account.get("name");
  p.address = account.get("address");
  p.postal_code = account.get("postal_code");
  p.city = account.get("city");
  p.country = account.get("country");
  p.tax_id = account.get("tax_id");
  p.email = account.get("email");
  p.phone = account.get("phone");
  p.website = account.get("website");
  if (auto contact = document_contact(store, document)) {
    p.contact_name = contact->get("name");
    p.contact_email = contact->get("email");
  }
  return p;
}

// The lines of a priced document, or the parts a confirmation used.
void add_document_lines(const Record& document, CustomerDocument& doc) {
  const char* field = document.spec().has_field("lines") ? "lines" : "parts_used";
  if (!document.spec().has_field(field)) return;
  if (const Value* lines = document.find(field); lines && lines->is_sequence())
    for (const Value& l : lines->items())
      doc.lines.push_back({l.get("sku"), l.get("name"), l.get("qty"), l.get("unit_price"),
                           l.get("discount").empty() ? "0" : l.get("discount"), l.get("net")});
}

bool is_zero_percent_text(const std::string& percent) {
  auto d = Decimal::parse(percent);
  return percent.empty() || (d && *d == Decimal::from_int(0));
}

// Subtotal, the document discount, net, tax and total, as stored; then for an invoice what
// was paid and what is due.
void add_priced_totals(const Record& document, CustomerDocument& doc) {
  std::string discount = document.get("discount");
  if (!is_zero_percent_text(discount)) {
    Currency currency = currency_for(doc.currency);
    Money subtotal = Money::parse(document.get("subtotal"), currency, "subtotal");
    Money net = Money::parse(document.get("net"), currency, "net");
    doc.totals.push_back({"subtotal", "", subtotal.str()});
    doc.totals.push_back({"document_discount", discount + " %", (net - subtotal).str()});
  }
  std::string rate = document.get("tax_rate").empty() ? "0" : document.get("tax_rate");
  doc.totals.push_back({"net_total", "", document.get("net")});
  doc.totals.push_back({"tax", rate + " %", document.get("tax")});
  doc.totals.push_back({"total", "", document.get("total"), true});
  doc.taxes.push_back({rate, document.get("net"), document.get("tax")});

  if (!document.spec().has_field("balance")) return;
  doc.has_payments = true;
  Currency currency = currency_for(doc.currency);
  Money paid = Money::zero(currency);
  for (const Payment& p : payments_of(document)) {
    doc.payments.push_back({p.date, p.amount, p.ref});
    paid = paid + Money::parse(p.amount, currency, "payment");
  }
  doc.paid = paid.str();
  doc.amount_due = document.get("balance");
  if (!doc.payments.empty())
    doc.totals.push_back({"paid", "", (Money::zero(currency) - paid).str()});
  doc.totals.push_back({"amount_due", "", doc.amount_due, true});
}

// A confirmation: the hours and their price, the parts after coverage, the amount before tax.
void add_service_totals(const Record& document, CustomerDocument& doc) {
  doc.effort = document.get("effort");
  doc.billable_hours = document.get("billable_hours");
  doc.rate = document.get("rate");
  doc.totals.push_back({"labour", "", document.get("labour")});
  doc.totals.push_back({"parts", "", document.get("parts")});
  doc.totals.push_back({"amount", "", document.get("amount"), true});
}

}  // namespace

std::vector<std::string> address_lines(const DocumentParty& party) {
  std::vector<std::string> lines;
  for (const std::string& line : split(party.address, '\n'))
    if (!trim(line).empty()) lines.push_back(trim(line));
  std::string place = trim(party.postal_code + " " + party.city);
  if (!place.empty()) lines.push_back(place);
  if (!party.country.empty()) lines.push_back(party.country);
  return lines;
}

bool is_customer_document(const Record& record) {
  return record.spec().customer_document;
}

CustomerDocument document_model(const RecordStore& store, const Record& document) {
  const KindSpec& spec = document.spec();
  if (!spec.customer_document) {
    std::vector<std::string> kinds;
    for (const KindSpec& k : all_kinds())
      if (k.customer_document) kinds.push_back(k.name);
    throw UsageError(document.number_or_id() + " is " + with_article(spec.name) +
                         ", not a document for customers",
                     "documents are made of these kinds: " + join(kinds, ", "));
  }
  CustomerDocument doc;
  doc.kind = spec.name;
  doc.number = document.number_or_id();
  doc.id = document.id();
  doc.currency = document.get("currency");
  doc.seller = seller_of(store.config().company);
  doc.customer = customer_of(store, document);

  // The day the document is dated: issued (invoices), the day of the work (confirmations),
  // else the day it was made.
  std::string issued = spec.has_field("issued") ? document.get("issued")
                       : spec.has_field("date") ? document.get("date")
                                                : document.get("created").substr(0, 10);
  doc.dates.push_back({"date", issued});
  if (spec.has_field("valid_until") && !document.get("valid_until").empty()) {
    doc.valid_until = document.get("valid_until");
    doc.dates.push_back({"valid_until", doc.valid_until});
  }
  doc.payment_days = store.config().payment_terms_days;
  if (spec.has_field("due") && !document.get("due").empty()) {
    doc.due_date = document.get("due");
    doc.dates.push_back({"due_date", doc.due_date});
    auto from = Date::parse_iso(issued);
    auto to = Date::parse_iso(doc.due_date);
    if (from && to) doc.payment_days = std::to_string(to->serial() - from->serial());
  }
  add_document_lines(document, doc);
  if (spec.has_field("total"))
    add_priced_totals(document, doc);
  else
    add_service_totals(document, doc);
  if (spec.has_field("note")) doc.note = document.get("note");
  return doc;
}

}  // namespace crm
