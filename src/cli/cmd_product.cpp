// crm product add|list|show|edit
#include <memory>

#include "commands.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/sales/products.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

// `adding`: what a new product must have is required by `add` (and optional for `edit`).
void bind_product_fields(CLI::App* cmd, FieldOptions& fields, bool adding) {
  std::vector<CLI::Option*> needed = {
      fields.bind(cmd, "sku", "Unique short code, e.g. PUMP-200"),
      fields.bind(cmd, "name", "Product name"),
      fields.bind(cmd, "price", "Unit price, net of tax, e.g. 1249.00"),
  };
  if (adding)
    for (CLI::Option* option : needed) option->required();
  fields.bind(cmd, "currency", "ISO 4217 code (default: crm.yaml's currency)");
  fields.bind(cmd, "unit", "Unit of sale: pcs, h, kg...");
  fields.bind(cmd, "kind", "One of: " + join(product_kinds(), ", "));
  fields.bind(cmd, "notes", "Free text");
}

}  // namespace

void setup_product(CLI::App& app, Context& ctx) {
  CLI::App* product = app.add_subcommand("product", "Products: catalogue, price list, spare parts");
  product->require_subcommand(1);
  auto fields = std::make_shared<FieldOptions>();
  CLI::App* add = product->add_subcommand("add", "Add a product to the catalogue");
  bind_product_fields(add, *fields, true);
  add->footer(
      "Example: crm product add --sku PUMP-200 --name \"Pump 200\" --price 1249.00 --unit pcs");
  add->callback(
      [&ctx, fields] { ctx.mutate([&](Session& s) { return add_product(s, fields->edits()); }); });
  add_list_command(product, ctx,
                   {Kind::product,
                    {"id", "sku", "name", "kind", "unit", "price", "currency"},
                    {{"kind", "Only this kind: goods, service, part"}},
                    "crm product list --kind part"});
  add_show_command(product, ctx, Kind::product, "crm product show PUMP-200");
  auto ref = std::make_shared<std::string>();
  auto edit_fields = std::make_shared<FieldOptions>();
  CLI::App* edit = product->add_subcommand("edit", "Change a product (price, name, ...)");
  add_reference(edit, *ref, "The product (sku or ID)");
  bind_product_fields(edit, *edit_fields, false);
  edit->footer("Example: crm product edit PUMP-200 --price 1299.00");
  edit->callback([&ctx, ref, edit_fields] {
    ctx.mutate([&](Session& s) {
      return edit_product(s, resolve(s.store, *ref, {Kind::product}), edit_fields->edits());
    });
  });
}

}  // namespace crm::cli
