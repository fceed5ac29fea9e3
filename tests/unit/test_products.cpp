// Products: the catalogue that quotes price from. Defaults, normalized prices, unique and
// usable skus, amounts that fit the currency; edits under the same rules; document links.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/relationship/attachments.h"
#include "crm/sales/products.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace products_tests {

namespace {

Record added(DataDir& d, const FieldEdits& edits) {
  return d.apply(add_product(d.session, edits));
}

}  // namespace

TEST_CASE("add_product defaults to goods in crm.yaml's currency and normalizes the price",
          "[products]") {
  DataDir d;
  ChangeSet changes =
      add_product(d.session, {{"sku", "PUMP-200"}, {"name", "Pump 200"}, {"price", "999.9"}});
  REQUIRE(changes.changes.size() == 1);
  CHECK(changes.changes[0].created);
  const Record& p = changes.changes[0].record;
  CHECK(is_valid_id(p.id(), "P"));
  CHECK(changes.summary == "product add " + p.id());
  CHECK(d.commit(changes) == std::vector<std::string>{"products/" + p.id() + ".yaml"});
  CHECK(d.text_of(p) == "id: \"" + p.id() +
                            "\"\nsku: \"PUMP-200\"\nname: \"Pump 200\"\nkind: \"goods\"\n"
                            "price: \"999.90\"\ncurrency: \"EUR\"\n"
                            "created: \"2026-11-23T00:00:00+00:00\"\n");
  CHECK(product_price(d.reload(p)) == Money(99990, 2));
  REQUIRE(find_product_by_sku(d.store, "PUMP-200").has_value());
  CHECK(find_product_by_sku(d.store, "PUMP-200")->id() == p.id());
  CHECK_FALSE(find_product_by_sku(d.store, "pump-200").has_value());
  CHECK_FALSE(find_product_by_sku(d.store, "PUMP").has_value());
}

TEST_CASE("add_product takes kind, unit and currency, and crm.yaml's currency by default",
          "[products]") {
  DataDir pln("2026-11-23", [](Config& c) { c.currency = "PLN"; });
  CHECK(added(pln, {{"sku", "P1"}, {"name", "Pompa"}, {"price", "12"}}).get("currency") == "PLN");

  DataDir d;
  Record service = added(d, {{"sku", "SERVICE-H"},
                             {"name", "Service hour"},
                             {"price", "90"},
                             {"unit", "h"},
                             {"kind", "service"}});
  CHECK(service.get("kind") == "service");
  CHECK(service.get("unit") == "h");
  CHECK(service.get("price") == "90.00");
  Record part = added(d, {{"sku", "SEAL-1"}, {"name", "Seal"}, {"price", "0"}, {"kind", "part"}});
  CHECK(part.get("kind") == "part");
  CHECK(part.get("price") == "0.00");
  Record yen =
      added(d, {{"sku", "TOKYO-1"}, {"name", "Tokyo"}, {"price", "5000"}, {"currency", "JPY"}});
  CHECK(yen.get("price") == "5000");
  CHECK(product_price(yen) == Money(5000, 0));
  Record dinar =
      added(d, {{"sku", "KW-1"}, {"name", "Kuwait"}, {"price", "1.5"}, {"currency", "KWD"}});
  CHECK(dinar.get("price") == "1.500");
}

TEST_CASE("add_product refuses bad input and writes nothing", "[products]") {
  DataDir d;
  added(d, {{"sku", "PUMP-200"}, {"name", "Pump 200"}, {"price", "999.99"}});
  const std::string existing = d.store.ids(Kind::product).at(0);
  auto before = d.snapshot();

  auto dup = thrown<UsageError>([&] {
    add_product(d.session, {{"sku", "PUMP-200"}, {"name", "Other"}, {"price", "1"}});
  });
  CHECK(std::string(dup.what()) == "sku PUMP-200 is already used by " + existing);

  for (const std::string& sku : {std::string("PUMP 200"), std::string("A/B"), std::string("A\\B"),
                                 std::string("A:B"), std::string("A\tB"), std::string(65, 'X')}) {
    INFO(sku);
    auto e = thrown<UsageError>([&] {
      add_product(d.session, {{"sku", sku}, {"name", "X"}, {"price", "1"}});
    });
    CHECK_THAT(e.what(), Catch::Contains("is not a usable sku"));
  }
  CHECK(add_product(d.session, {{"sku", std::string(64, 'X')}, {"name", "X"}, {"price", "1"}})
            .changes.size() == 1);

  auto decimals = thrown<UsageError>([&] {
    add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "10.005"}});
  });
  CHECK_THAT(decimals.what(), Catch::Contains("'10.005' has more decimals than EUR allows (2)"));
  CHECK_THROWS_AS(
      add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "10.5"}, {"currency", "JPY"}}),
      UsageError);
  auto negative = thrown<UsageError>([&] {
    add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "-1"}});
  });
  CHECK(std::string(negative.what()) == "--price cannot be negative");
  CHECK_THROWS_AS(add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "ten"}}),
                  UsageError);
  CHECK_THROWS_AS(
      add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "1"}, {"kind", "tool"}}),
      UsageError);
  CHECK_THROWS_AS(
      add_product(d.session, {{"sku", "X"}, {"name", "X"}, {"price", "1"}, {"currency", "eur"}}),
      UsageError);
  for (const char* field : {"sku", "name", "price"}) {
    FieldEdits edits = {{"sku", "X"}, {"name", "X"}, {"price", "1"}};
    std::erase_if(edits, [&](const auto& e) { return e.first == field; });
    auto e = thrown<UsageError>([&] { add_product(d.session, edits); });
    CHECK(std::string(e.what()) == std::string("a product needs --") + field);
  }
  CHECK(d.snapshot() == before);
}

TEST_CASE("edit_product follows the same rules", "[products]") {
  DataDir d;
  Record pump = added(d, {{"sku", "PUMP-200"}, {"name", "Pump 200"}, {"price", "999.99"}});
  added(d, {{"sku", "VALVE-10"}, {"name", "Valve"}, {"price", "12.50"}});

  ChangeSet price = edit_product(d.session, pump, {{"price", "1049"}});
  CHECK(price.summary == "product edit " + pump.id());
  REQUIRE(price.changes.size() == 1);
  CHECK_FALSE(price.changes[0].created);
  Record edited = d.apply(price);
  CHECK(edited.get("price") == "1049.00");
  CHECK(edited.get("sku") == "PUMP-200");

  CHECK(edit_product(d.session, edited, {{"price", "1049.00"}}).changes.empty());
  CHECK(d.apply(edit_product(d.session, edited, {{"sku", "PUMP-210"}})).get("sku") == "PUMP-210");
  edited = d.reload(edited);

  auto before = d.snapshot();
  auto dup = thrown<UsageError>([&] { edit_product(d.session, edited, {{"sku", "VALVE-10"}}); });
  CHECK_THAT(dup.what(), Catch::Contains("sku VALVE-10 is already used by"));
  // The price is checked against the new currency: JPY has no minor digits.
  CHECK_THROWS_AS(edit_product(d.session, edited, {{"currency", "JPY"}, {"price", "1049.50"}}),
                  UsageError);
  CHECK_THROWS_AS(edit_product(d.session, edited, {{"price", "1.001"}}), UsageError);
  CHECK_THROWS_AS(edit_product(d.session, edited, {{"sku", "A B"}}), UsageError);
  CHECK_THROWS_AS(edit_product(d.session, edited, {{"price", ""}}), UsageError);
  CHECK_THROWS_AS(edit_product(d.session, edited, {{"status", "old"}}), UsageError);
  CHECK(d.snapshot() == before);

  Record yen = d.apply(edit_product(d.session, edited, {{"currency", "JPY"}, {"price", "150000"}}));
  CHECK(yen.get("currency") == "JPY");
  CHECK(yen.get("price") == "150000");
}

TEST_CASE("product_price refuses a hand-broken price as invalid data", "[products]") {
  DataDir d;
  d.put("products/P-00000001.yaml",
        "id: \"P-00000001\"\nsku: \"X\"\nname: \"X\"\nkind: \"goods\"\nprice: \"12.345\"\n"
        "currency: \"EUR\"\n");
  Record p = d.store.load(Kind::product, "P-00000001");
  auto e = thrown<DataError>([&] { product_price(p); });
  CHECK(e.code() == ExitCode::invalid_data);
  CHECK(e.file() == "products/P-00000001.yaml");
  CHECK_THAT(e.problem(), Catch::Contains("more decimals than EUR allows"));
}

TEST_CASE("Document links are added once to records that carry documents", "[products]") {
  DataDir d;
  Record pump = added(d, {{"sku", "PUMP-200"}, {"name", "Pump 200"}, {"price", "999.99"}});
  ChangeSet link = add_document_link(d.session, pump, " docs/pump-200.pdf ", " Data sheet ");
  CHECK(link.summary == "doc add " + pump.id());
  Record linked = d.apply(link);
  const Value* docs = linked.fields().find("documents");
  REQUIRE(docs != nullptr);
  REQUIRE(docs->items().size() == 1);
  CHECK(emit_yaml(docs->items()[0]) ==
        "path: \"docs/pump-200.pdf\"\ntitle: \"Data sheet\"\n"
        "added: \"2026-11-23T00:00:00+00:00\"\nby: \"tester\"\n");

  Record url = d.apply(add_document_link(d.session, linked, "https://example.com/p", ""));
  REQUIRE(url.fields().find("documents")->items().size() == 2);
  CHECK_FALSE(url.fields().find("documents")->items()[1].find("title"));

  CHECK_THROWS_AS(add_document_link(d.session, url, "docs/pump-200.pdf", "again"), RefusedError);
  CHECK_THROWS_AS(add_document_link(d.session, url, "  ", "blank"), UsageError);
  // Every kind carries documents now, knowledge-base solutions too.
  Record solution(Kind::solution, Value::map());
  solution.set_text("id", "KB-00000001");
  CHECK_NOTHROW(add_document_link(d.session, solution, "x.pdf", ""));
}

TEST_CASE("document_links lists a record's links, and remove_document_link takes one away",
          "[products][documents]") {
  DataDir d;
  Record pump = added(d, {{"sku", "PUMP-200"}, {"name", "Pump 200"}, {"price", "999.99"}});
  CHECK(document_links(pump).empty());
  pump = d.apply(add_document_link(d.session, pump, "docs/pump-200.pdf", "Data sheet"));
  Session anna = d.as("anna", "2026-11-24T08:00:00+00:00");
  pump = d.apply(add_document_link(anna, pump, "https://example.com/p", ""));
  auto links = document_links(pump);
  REQUIRE(links.size() == 2);
  CHECK(links[0].path == "docs/pump-200.pdf");
  CHECK(links[0].title == "Data sheet");
  CHECK(links[0].added == "2026-11-23T00:00:00+00:00");
  CHECK(links[0].by == "tester");
  CHECK(links[1].path == "https://example.com/p");
  CHECK(links[1].title.empty());
  CHECK(links[1].by == "anna");

  auto before = d.snapshot();
  auto missing =
      thrown<NotFoundError>([&] { remove_document_link(d.session, pump, "docs/other.pdf"); });
  CHECK(std::string(missing.what()) == pump.id() + " links no document 'docs/other.pdf'");
  CHECK(missing.hint() == "see its links with `crm doc list " + pump.id() + "`");
  CHECK(d.snapshot() == before);

  ChangeSet removed = remove_document_link(d.session, pump, "  docs/pump-200.pdf ");
  CHECK(removed.summary == "doc remove " + pump.id());
  REQUIRE(removed.changes.size() == 1);
  CHECK_FALSE(removed.changes[0].created);
  pump = d.apply(removed);
  REQUIRE(document_links(pump).size() == 1);
  CHECK(document_links(pump)[0].path == "https://example.com/p");
  // The last one leaves no empty list behind.
  pump = d.apply(remove_document_link(d.session, pump, "https://example.com/p"));
  CHECK_FALSE(pump.has("documents"));
  CHECK(document_links(pump).empty());
  CHECK_THROWS_AS(remove_document_link(d.session, pump, "https://example.com/p"), NotFoundError);
  // Any kind carries documents.
  Record note = crm_test::record_from_yaml(
      Kind::activity, "id: T-7K3QZ9AB\ntype: note\ndocuments:\n  - path: a.pdf\n");
  CHECK(document_links(note).size() == 1);
  CHECK(remove_document_link(d.session, note, "a.pdf")
            .changes.at(0)
            .record.fields()
            .find("documents") == nullptr);
}

}  // namespace products_tests
