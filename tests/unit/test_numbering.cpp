// Human numbers of business documents: a prefix per kind, sequential per kind and year, one
// more than the highest number in use (so a gap or a hand-written number is respected).
#include <catch2/catch.hpp>

#include "crm/kinds/numbering.h"
#include "sales_helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace numbering_tests {

namespace {

const Date k_2026(2026, 11, 23);

// A minimal hand-written document of `kind` with this number.
void put_numbered(DataDir& d, Kind kind, const std::string& id, const std::string& number) {
  const KindSpec& spec = kind_spec(kind);
  d.put(spec.folder + "/" + id + ".yaml", "id: \"" + id + "\"\nnumber: \"" + number + "\"\n");
}

}  // namespace

TEST_CASE("The kind registry names each numbered kind's prefix", "[numbering]") {
  auto number_prefix = [](Kind kind) { return kind_spec(kind).number_prefix; };
  CHECK(number_prefix(Kind::quote) == "Q");
  CHECK(number_prefix(Kind::order) == "SO");
  CHECK(number_prefix(Kind::contract) == "SK");
  CHECK(number_prefix(Kind::invoice) == "INV");
  CHECK(number_prefix(Kind::service_contract) == "SC");
  CHECK(number_prefix(Kind::service_request) == "SR");
  CHECK(number_prefix(Kind::service_order) == "SV");
  for (Kind kind : {Kind::account, Kind::contact, Kind::lead, Kind::deal, Kind::activity,
                    Kind::product, Kind::confirmation, Kind::solution})
    CHECK(number_prefix(kind).empty());
  // Every numbered kind is found by its number.
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    bool by_number = std::any_of(spec.keys.begin(), spec.keys.end(), [](const LookupKey& k) {
      return k.field == "number" && k.match == KeyMatch::unique;
    });
    CHECK(by_number == !spec.number_prefix.empty());
  }
}

TEST_CASE("next_number starts at 0001 for each kind and year", "[numbering]") {
  DataDir d;
  CHECK(next_number(d.store, Kind::quote, k_2026) == "Q-2026-0001");
  CHECK(next_number(d.store, Kind::order, k_2026) == "SO-2026-0001");
  CHECK(next_number(d.store, Kind::contract, k_2026) == "SK-2026-0001");
  CHECK(next_number(d.store, Kind::invoice, k_2026) == "INV-2026-0001");
  CHECK(next_number(d.store, Kind::quote, Date(2027, 1, 1)) == "Q-2027-0001");
}

TEST_CASE("next_number is one more than the highest of the kind in that year", "[numbering]") {
  DataDir d;
  put_numbered(d, Kind::quote, "Q-00000001", "Q-2026-0001");
  put_numbered(d, Kind::quote, "Q-00000002", "Q-2026-0007");  // a gap is kept, not filled
  put_numbered(d, Kind::quote, "Q-00000003", "Q-2026-0003");
  put_numbered(d, Kind::quote, "Q-00000004", "Q-2025-0042");
  put_numbered(d, Kind::quote, "Q-00000005", "Q-2026-abcd");     // not a number: ignored
  put_numbered(d, Kind::quote, "Q-00000006", "SO-2026-0100");    // another prefix: ignored
  put_numbered(d, Kind::quote, "Q-00000007", "Q-2026-1234567");  // 7 digits: ignored
  put_numbered(d, Kind::order, "O-00000001", "SO-2026-0050");

  CHECK(next_number(d.store, Kind::quote, k_2026) == "Q-2026-0008");
  CHECK(next_number(d.store, Kind::quote, Date(2025, 6, 1)) == "Q-2025-0043");
  // A new year restarts at 0001.
  CHECK(next_number(d.store, Kind::quote, Date(2027, 1, 4)) == "Q-2027-0001");
  // Kinds count separately.
  CHECK(next_number(d.store, Kind::order, k_2026) == "SO-2026-0051");
  CHECK(next_number(d.store, Kind::invoice, k_2026) == "INV-2026-0001");
}

TEST_CASE("next_number goes past 9999 without losing digits", "[numbering]") {
  DataDir d;
  put_numbered(d, Kind::invoice, "I-00000001", "INV-2026-9999");
  CHECK(next_number(d.store, Kind::invoice, k_2026) == "INV-2026-10000");
  put_numbered(d, Kind::invoice, "I-00000002", "INV-2026-10000");
  CHECK(next_number(d.store, Kind::invoice, k_2026) == "INV-2026-10001");
}

TEST_CASE("Quotes, orders, contracts and invoices made by crm are numbered in sequence",
          "[numbering]") {
  crm_test::Sale s;
  Record q1 = s.quote({"PUMP-200:1"});
  Record q2 = s.accepted({"PUMP-200:2"});
  Record valves = s.new_deal("Valves for Acme");  // a deal has at most one accepted quote
  Record q3 = s.accept(s.send(s.quote({"VALVE-10:10"}, {}, {}, valves)));
  CHECK(q1.get("number") == "Q-2026-0001");
  CHECK(q2.get("number") == "Q-2026-0002");
  CHECK(q3.get("number") == "Q-2026-0003");
  Record o1 = s.deliver(s.order(q2));
  Record k1 = s.contract(q3, "2026-11-01", "2026-12-31");
  CHECK(o1.get("number") == "SO-2026-0001");
  CHECK(k1.get("number") == "SK-2026-0001");
  ChangeSet release = release_from_contract(s.session, k1, {"VALVE-10:3"});
  CHECK(release.changes.at(0).record.get("number") == "SO-2026-0002");
  CHECK(s.invoice(o1).get("number") == "INV-2026-0001");

  Session next_year = s.on("2027-01-04");
  ChangeSet q4 = create_quote(next_year, s.reload(s.deal), {{"PUMP-200:1"}, {}, {}, {}});
  CHECK(q4.changes.at(0).record.get("number") == "Q-2027-0001");
}

}  // namespace numbering_tests
