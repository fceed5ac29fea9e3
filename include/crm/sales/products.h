// Products: the catalogue and price list (goods, services, spare parts) that quotes and
// service confirmations price from.
#pragma once

#include <optional>

#include "crm/base/money.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/session.h"

namespace crm {

// A new product. `sku`, `name` and `price` are required; `kind` defaults to goods and
// `currency` to crm.yaml's. The sku must be unique, the price must fit the currency.
ChangeSet add_product(Session& session, const FieldEdits& edits);

// Edits a product with the same rules.
ChangeSet edit_product(Session& session, Record product, const FieldEdits& edits);

// The product with this exact sku, if any.
std::optional<Record> find_product_by_sku(const RecordStore& store, const std::string& sku);

// The product's unit price as money in its currency. Throws DataError for a broken file.
Money product_price(const Record& product);

}  // namespace crm
