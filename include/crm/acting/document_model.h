// What the paper a customer receives says: the facts of a quote, an invoice or a service
// confirmation gathered once from the record, the records it links to and crm.yaml, so that
// every renderer (Markdown, HTML) prints the same figures and none looks anything up itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

// The seller or the customer: who, where, and how to reach and pay them.
struct DocumentParty {
  std::string name;
  std::string address;  // street and number, possibly several lines
  std::string postal_code;
  std::string city;
  std::string country;
  std::string tax_id;
  std::string email;
  std::string phone;
  std::string website;
  std::string bank_name;     // the seller's only
  std::string bank_account;  // the seller's only
  std::string contact_name;  // the customer's contact person
  std::string contact_email;
  std::string id;  // the customer's account ID (A-...), for people who file by it
};

// A date the document states, under the key of its label ("date", "valid_until", "due_date").
struct DocumentDate {
  std::string label;
  std::string date;
};

struct DocumentLine {
  std::string sku;
  std::string description;
  std::string qty;
  std::string unit_price;
  std::string discount;  // percent; "0" for none
  std::string net;
};

// One row of the totals table: a label key, an optional detail printed after the label
// ("19 %"), and the amount. `grand` marks the total and the amount due.
struct DocumentAmount {
  std::string label;
  std::string detail;
  std::string amount;
  bool grand = false;
};

// One row of the tax summary: the rate, the net it applies to and the tax on it.
struct TaxRow {
  std::string rate;
  std::string base;
  std::string tax;
};

struct DocumentPayment {
  std::string date;
  std::string amount;
  std::string ref;
};

struct CustomerDocument {
  std::string kind;  // the kind's name, which is also the label key of the title
  std::string number;
  std::string id;
  std::string currency;
  DocumentParty seller;
  DocumentParty customer;
  std::vector<DocumentDate> dates;
  std::vector<DocumentLine> lines;
  std::vector<DocumentAmount> totals;
  std::vector<TaxRow> taxes;  // empty: amounts before tax (a confirmation)
  bool has_payments = false;  // an invoice: payments, paid and due are shown
  std::vector<DocumentPayment> payments;
  std::string paid;
  std::string amount_due;
  // Service work: hours worked and billed, at what rate.
  std::string effort;
  std::string billable_hours;
  std::string rate;
  // Payment terms: days from crm.yaml (quotes, confirmations) or from the invoice's own
  // dates, and the due date where there is one.
  std::string payment_days;
  std::string due_date;
  std::string valid_until;
  std::string note;
};

// The record an ID names (its kind from the prefix), if it exists.
std::optional<Record> referenced_record(const RecordStore& store, const std::string& id);

// The person a document is addressed to: the nearest `contact` (or first buying-centre role)
// along the record's parents in the registry (quote → deal; invoice → order → quote → deal;
// confirmation → service order → request), else the account's first contact. Erased people
// are skipped.
std::optional<Record> document_contact(const RecordStore& store, const Record& document);

// A party's postal address as a letter prints it: the street lines, "postal code city", the
// country; empty parts left out.
std::vector<std::string> address_lines(const DocumentParty& party);

// Whether the record's kind is one customers receive (the registry's `customer_document`).
bool is_customer_document(const Record& record);

// Gathers the document. Throws UsageError for a record that is no customer document.
CustomerDocument document_model(const RecordStore& store, const Record& document);

}  // namespace crm
