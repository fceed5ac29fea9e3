#include "crm/sales/products.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

void validate_sku(const std::string& sku) {
  if (sku.empty() || sku.size() > 64 || sku.find_first_of(" \t\n/\\:") != std::string::npos)
    throw UsageError(fmt::format("--sku '{}' is not a usable sku", escape_for_terminal(sku)),
                     "use up to 64 characters without spaces, slashes or colons, e.g. PUMP-200");
}

// Checks the rules that span fields: price fits the currency, sku is unique.
void validate_product(const RecordStore& store, Record& product) {
  validate_sku(product.get("sku"));
  if (auto other = find_product_by_sku(store, product.get("sku"));
      other && other->id() != product.id())
    throw UsageError(fmt::format("sku {} is already used by {}", product.get("sku"), other->id()),
                     "choose another sku, or edit the existing product");
  Currency currency = currency_for(product.get("currency"));
  Money price = Money::parse(product.get("price"), currency, "--price");
  if (price.is_negative()) throw UsageError("--price cannot be negative");
  product.set_text("price", price.str());
}

}  // namespace

std::optional<Record> find_product_by_sku(const RecordStore& store, const std::string& sku) {
  return find_by_key(store, Kind::product, "sku", sku);
}

Money product_price(const Record& product) {
  try {
    return Money::parse(product.get("price"), currency_for(product.get("currency")), "price");
  } catch (const UsageError& e) {
    throw DataError(record_relative_path(product), 0, e.what(),
                    "fix the product's price or currency");
  }
}

ChangeSet add_product(Session& session, const FieldEdits& edits) {
  Record product = new_record(session, Kind::product);
  product.set_text("kind", "goods");
  product.set_text("currency", session.store.config().currency);
  apply_edits(product, edits, session.actor(), session.store.config());
  for (const char* field : {"sku", "name", "price"})
    if (product.get(field).empty()) throw UsageError(fmt::format("a product needs --{}", field));
  validate_product(session.store, product);
  ChangeSet changes;
  changes.summary = fmt::format("product add {}", product.id());
  changes.created(std::move(product));
  return changes;
}

ChangeSet edit_product(Session& session, Record product, const FieldEdits& edits) {
  ChangeSet changes;
  if (!apply_edits(product, edits, session.actor(), session.store.config())) return changes;
  validate_product(session.store, product);
  changes.summary = fmt::format("product edit {}", product.id());
  changes.updated(std::move(product));
  return changes;
}

}  // namespace crm
