#include "crm/sales/pricing.h"

#include <regex>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/sales/products.h"

namespace crm {
namespace {

Decimal decimal_field(const Value& v, const char* key) {
  auto d = Decimal::parse(v.get(key));
  return d ? *d : Decimal();
}

Decimal percent_field(const Record& r, const char* key) {
  auto d = Decimal::parse(r.get(key));
  return d ? *d : Decimal();
}

}  // namespace

Decimal parse_percent(const std::string& text, const std::string& option) {
  auto d = Decimal::parse(text);
  if (!d || d->is_negative() || Decimal::from_int(100) < *d)
    throw UsageError(fmt::format("{} '{}' is not a percentage from 0 to 100", option, text),
                     "write it without the % sign, e.g. 12.5");
  return *d;
}

LineSpec parse_line_spec(const std::string& text) {
  static const std::regex k_line(
      R"(([^:\s]+):([0-9]+(?:\.[0-9]+)?)(?:@([0-9]+(?:\.[0-9]+)?))?(?:-([0-9]+(?:\.[0-9]+)?)%)?)");
  std::smatch m;
  if (!std::regex_match(text, m, k_line))
    throw UsageError(
        fmt::format("--line '{}' is not SKU:QTY[@PRICE][-DISC%]", escape_for_terminal(text)),
        "for example PUMP-200:3, PUMP-200:3@999.00 or PUMP-200:3@999.00-10%");
  auto quantity = Decimal::parse(m[2].str());
  if (!quantity || !(Decimal() < *quantity))
    throw UsageError(
        fmt::format("--line '{}': the quantity must be more than 0, with at most 6 "
                    "decimals and 13 digits before the point",
                    escape_for_terminal(text)));
  LineSpec spec{m[1].str(), *quantity, std::nullopt, Decimal()};
  if (m[3].matched) spec.unit_price = m[3].str();
  if (m[4].matched) spec.discount = parse_percent(m[4].str(), "--line discount");
  return spec;
}

Value price_line(const RecordStore& store, const LineSpec& spec, const Currency& currency) {
  auto product = find_product_by_sku(store, spec.sku);
  if (!product)
    throw NotFoundError(fmt::format("no product has sku '{}'", escape_for_terminal(spec.sku)),
                        "list them with `crm product list`, or add it with `crm product add`");
  Money price;
  if (spec.unit_price) {
    price = Money::parse(*spec.unit_price, currency, "--line price");
  } else {
    if (product->get("currency") != currency.code)
      throw UsageError(fmt::format("{} is priced in {}, the document in {}", spec.sku,
                                   product->get("currency"), currency.code),
                       "give the price in the line: SKU:QTY@PRICE");
    price = product_price(*product);
  }
  Value line = Value::map();
  line.set("sku", Value::string(spec.sku));
  line.set("name", Value::string(product->get("name")));
  line.set("qty", Value::string(spec.quantity.str()));
  line.set("unit_price", Value::string(price.str()));
  line.set("discount", Value::string(spec.discount.str()));
  line.set("net", Value::string(line_net(spec.quantity, price, spec.discount).str()));
  return line;
}

Money line_net_of(const Value& line, const Currency& currency) {
  Money price = Money::parse(line.get("unit_price"), currency, "unit_price");
  return line_net(decimal_field(line, "qty"), price, decimal_field(line, "discount"));
}

Totals compute_totals(const std::vector<Value>& lines, const Decimal& discount,
                      const Decimal& tax_rate, const Currency& currency) {
  Totals t{Money::zero(currency), Money::zero(currency), Money::zero(currency),
           Money::zero(currency)};
  for (const Value& line : lines) t.subtotal = t.subtotal + line_net_of(line, currency);
  t.net = less_percent(t.subtotal, discount);
  t.tax = percent_of(t.net, tax_rate);
  t.total = t.net + t.tax;
  return t;
}

void store_totals(Record& document) {
  Currency currency = currency_for(document.get("currency"));
  Value* lines = document.find("lines");
  std::vector<Value> empty;
  std::vector<Value>& items = lines && lines->is_sequence() ? lines->items() : empty;
  for (Value& line : items) line.set("net", Value::string(line_net_of(line, currency).str()));
  Totals t = compute_totals(items, percent_field(document, "discount"),
                            percent_field(document, "tax_rate"), currency);
  document.set_text("subtotal", t.subtotal.str());
  document.set_text("net", t.net.str());
  document.set_text("tax", t.tax.str());
  document.set_text("total", t.total.str());
}

std::vector<std::string> totals_problems(const Record& document) {
  std::vector<std::string> problems;
  try {
    Record recomputed = document;
    store_totals(recomputed);
    const Value* lines = document.find("lines");
    const Value* fresh = recomputed.find("lines");
    if (lines && fresh && lines->is_sequence())
      for (std::size_t i = 0; i < lines->items().size(); ++i)
        if (lines->items()[i].get("net") != fresh->items()[i].get("net"))
          problems.push_back(
              fmt::format("line {} ({}): net is {} but qty, unit_price and "
                          "discount give {}",
                          i + 1, lines->items()[i].get("sku"), lines->items()[i].get("net"),
                          fresh->items()[i].get("net")));
    for (const char* key : {"subtotal", "net", "tax", "total"})
      if (document.get(key) != recomputed.get(key))
        problems.push_back(fmt::format("{} is {} but the lines give {}", key, document.get(key),
                                       recomputed.get(key)));
  } catch (const Error& e) {
    problems.push_back(fmt::format("totals cannot be recomputed: {}", e.what()));
  }
  return problems;
}

}  // namespace crm
