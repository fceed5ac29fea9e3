// Pricing of business documents (DESIGN section 4): line specs typed on the command line,
// priced lines, and the totals of a quote, order or invoice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crm/base/money.h"
#include "crm/kinds/record.h"
#include "crm/kinds/record_store.h"

namespace crm {

// What `--line SKU:QTY[@PRICE][-DISC%]` says.
struct LineSpec {
  std::string sku;
  Decimal quantity;
  std::optional<std::string> unit_price;  // as typed; the product's price when absent
  Decimal discount;                       // percent, 0 when absent
};

// Parses one --line. Throws UsageError with the expected shape on anything else, including a
// quantity that is not positive or a discount outside 0..100.
LineSpec parse_line_spec(const std::string& text);

// A priced line {sku, name, qty, unit_price, discount, net} for the product `sku` names.
// Throws NotFoundError for an unknown sku, UsageError for a price that does not fit the
// currency or a product in another currency.
Value price_line(const RecordStore& store, const LineSpec& spec, const Currency& currency);

// A line's net from its own fields: round(qty × unit_price × (1 − discount%)).
Money line_net_of(const Value& line, const Currency& currency);

struct Totals {
  Money subtotal, net, tax, total;
};

// subtotal = Σ line net; net = round(subtotal × (1 − discount%)); tax = round(net × rate%);
// total = net + tax.
Totals compute_totals(const std::vector<Value>& lines, const Decimal& discount,
                      const Decimal& tax_rate, const Currency& currency);

// Recomputes a document's totals from its lines and writes subtotal, net, tax and total.
void store_totals(Record& document);

// What disagrees between a document's stored totals and its lines, for `crm check`.
std::vector<std::string> totals_problems(const Record& document);

// A percentage option (--discount, --tax): a decimal from 0 to 100. Throws UsageError.
Decimal parse_percent(const std::string& text, const std::string& option);

}  // namespace crm
