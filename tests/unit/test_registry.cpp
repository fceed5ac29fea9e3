// The kind registry (every fact about a kind, said once) and Record, which reads and writes
// fields by the names the registry declares.
#include <catch2/catch.hpp>
#include <set>

#include "crm/base/error.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"
#include "crm/kinds/registry.h"
#include "crm/store/memory_store.h"
#include "crm/store/paths.h"
#include "helpers.h"

using namespace crm;
using crm_test::thrown;

namespace registry_tests {

// Every value of Kind, written out: a kind added to the enum but not to the registry fails.
constexpr Kind k_every_kind[] = {
    Kind::account,
    Kind::contact,
    Kind::lead,
    Kind::deal,
    Kind::activity,
    Kind::product,
    Kind::quote,
    Kind::order,
    Kind::contract,
    Kind::invoice,
    Kind::service_contract,
    Kind::service_request,
    Kind::service_order,
    Kind::confirmation,
    Kind::solution,
    Kind::campaign,
};

TEST_CASE("Each kind is found by its name, ID prefix and folder", "[registry]") {
  std::set<std::string> names, prefixes, folders, commands;
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    CHECK(&kind_spec(spec.kind) == &spec);
    CHECK(kind_by_name(spec.name) == spec.kind);
    CHECK(kind_by_prefix(spec.prefix) == spec.kind);
    CHECK(kind_by_folder(spec.folder) == spec.kind);
    CHECK(names.insert(spec.name).second);
    CHECK(prefixes.insert(spec.prefix).second);
    CHECK(folders.insert(spec.folder).second);
    CHECK(commands.insert(spec.command_line()).second);
    CHECK(spec.list_hint() == "list them with `" + spec.command_line() + " list`");
  }
  CHECK(all_kinds().size() == 16);
  CHECK(all_kinds().size() == std::size(k_every_kind));
  for (Kind kind : k_every_kind) {
    const KindSpec& spec = kind_spec(kind);
    INFO(spec.name);
    CHECK(spec.kind == kind);
    CHECK(kind_by_name(spec.name) == kind);
    CHECK(kind_by_prefix(spec.prefix) == kind);
    CHECK(kind_by_folder(spec.folder) == kind);
  }
  CHECK(kind_by_name("nonsense") == std::nullopt);
  CHECK_FALSE(kind_by_name("nothing"));
  CHECK(kind_by_prefix("X") == std::nullopt);
  CHECK_FALSE(kind_by_prefix("ZZ"));
  CHECK(kind_by_folder("deal") == std::nullopt);
  CHECK(kind_spec(Kind::service_order).command_line() == "crm service order");
  CHECK(kind_spec(Kind::solution).command_line() == "crm kb");
}

TEST_CASE("Every fact the registry states names fields the kind declares", "[registry]") {
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    std::set<std::string> seen;
    for (const FieldSpec& f : spec.fields) {
      INFO(f.name);
      CHECK(seen.insert(f.name).second);  // one field per name
      if (f.type == FieldType::choice) CHECK_FALSE(f.choices.empty());
      if (f.only_then) CHECK_FALSE(f.required_in.empty());
      // The states a field is required in are states of the kind's machine.
      for (const std::string& state : f.required_in) {
        REQUIRE(spec.machine);
        CHECK(spec.machine->has_state(state));
      }
      if (!f.vocabulary.empty())
        CHECK_FALSE(MemoryStore::default_config().vocabulary(f.vocabulary).empty());
    }
    for (const char* common : {"id", "created", "history", "documents"})
      CHECK(spec.has_field(common));
    CHECK(spec.field("id")->required);
    CHECK(spec.has_field(spec.label));
    for (const std::string& parent : spec.parents) {
      INFO(parent);
      REQUIRE(spec.has_field(parent));
      CHECK(spec.field(parent)->type == FieldType::reference);
    }
    for (const std::string& amount : spec.amounts) {
      INFO(amount);
      REQUIRE(spec.has_field(amount));
      CHECK(spec.field(amount)->type == FieldType::money);
    }
    for (const LookupKey& key : spec.keys) {
      INFO(key.field);
      REQUIRE(spec.has_field(key.field));
      if (key.match == KeyMatch::email) CHECK(spec.field(key.field)->type == FieldType::email);
    }
    REQUIRE(spec.has_field(spec.list_order));
    FieldType order = spec.field(spec.list_order)->type;
    CHECK((order == FieldType::date || order == FieldType::timestamp));
    CHECK(spec.number_prefix.empty() == !spec.has_field("number"));
    if (spec.machine) CHECK(spec.has_field(spec.machine->field));
    if (spec.machine_when) CHECK(spec.has_field(spec.machine_when->first));
    for (const std::string& path : spec.call_through) {
      INFO("call_through " << path);
      std::string field = path.substr(0, path.find('.'));
      REQUIRE(spec.has_field(field));
      CHECK(spec.field(field)->type == (field == path ? FieldType::reference : FieldType::entries));
    }
    if (!spec.stage_field.empty()) {
      INFO("stage_field " << spec.stage_field);
      CHECK(spec.machine);  // progress through a lifecycle
      CHECK(spec.has_field(spec.stage_field));
    }
    CHECK_FALSE(spec.command.empty());
    for (const DerivedField& d : spec.derived_fields) {
      INFO(d.name);
      CHECK_FALSE(spec.has_field(d.name));  // shown beside the fields, never stored
      CHECK(d.value);
    }
  }
  // Only a deal has a derived field so far.
  CHECK(kind_spec(Kind::deal).derived_fields.size() == 1);
  CHECK(kind_spec(Kind::deal).derived_fields[0].name == "probability");
  CHECK_FALSE(kind_spec(Kind::deal).has_field("probability"));  // never stored
}

TEST_CASE("A kind's status choices are its machine's states, and every machine is consistent",
          "[registry]") {
  std::set<const Machine*> used;
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    if (!spec.machine) {
      CHECK_FALSE(spec.has_field("status"));
      continue;
    }
    used.insert(spec.machine);
    const Machine& m = *spec.machine;
    const FieldSpec* status = spec.field(m.field);
    REQUIRE(status);
    CHECK(status->type == FieldType::choice);
    CHECK(status->choices == m.states);
    if (spec.machine_when) CHECK(spec.has_field(spec.machine_when->first));
  }
  CHECK(used.size() == all_machines().size());  // no machine without a kind
  for (const Machine& m : all_machines()) {
    INFO(m.kind);
    CHECK(m.has_state(m.initial));
    for (const std::string& s : m.terminal) CHECK(m.has_state(s));
    std::set<std::string> commands;
    for (const Transition& t : m.transitions) {
      INFO(t.command);
      CHECK(commands.insert(t.command).second);
      for (const std::string& from : t.from) CHECK(m.has_state(from));
      if (!t.keeps_state()) CHECK(m.has_state(t.to));
      if (t.is_creation()) CHECK(t.to == m.initial);
      for (const Guard& g : t.guards) {
        CHECK_FALSE(g.name.empty());
        CHECK_FALSE(g.description.empty());
        CHECK(g.check);
      }
      // A transition out of a terminal state would make it not final.
      for (const std::string& from : t.from)
        if (m.is_terminal(from)) CHECK(t.keeps_state());
    }
    for (const DerivedState& d : m.derived) {
      CHECK_FALSE(d.name.empty());
      CHECK(d.holds);
    }
  }
}

Record quote(const std::string& more = {}) {
  return crm_test::record_from_yaml(Kind::quote,
                                    "id: Q-7K3QZ9AB\nstatus: draft\ndeal: D-7K3QZ9AB\n" + more);
}

TEST_CASE("Record reads and writes declared fields, and custom() any key", "[registry]") {
  Record q = quote("number: Q-2026-0007\nmine: kept\n");
  CHECK(q.get("number") == "Q-2026-0007");
  CHECK(q.get("total").empty());
  CHECK(q.has("deal"));
  CHECK_FALSE(q.has("total"));
  CHECK(q.find("total") == nullptr);
  CHECK(q.custom("mine") == "kept");
  CHECK(q.custom("nothing").empty());
  q.set_text("notes", "hello");
  CHECK(q.get("notes") == "hello");
  q.set_text("notes", "");  // an empty text removes the key: no empty keys in files
  CHECK_FALSE(q.has("notes"));
  q.set("revision", Value::plain("2"));
  CHECK(q.find("revision")->style() == Value::Style::plain);
  q.erase("revision");
  CHECK_FALSE(q.has("revision"));
  Value& lines = q.list("lines");
  CHECK(lines.is_sequence());
  lines.push_back(Value::string("x"));
  CHECK(q.find("lines")->items().size() == 1);
  q.set_text("history", "not a list");
  q.append_history(Value::map());  // a broken history is replaced by a list
  CHECK(q.find("history")->items().size() == 1);
  CHECK(q.custom("mine") == "kept");

  // Names: a document by its number, other records by their ID; labels for people.
  CHECK(q.number_or_id() == "Q-2026-0007");
  CHECK(quote().number_or_id() == "Q-7K3QZ9AB");
  CHECK(q.label() == "Q-2026-0007");
  Record lead = crm_test::record_from_yaml(Kind::lead, "id: L-7K3QZ9AB\nnumber: X-1\nname: Jan\n");
  CHECK(lead.number_or_id() == "L-7K3QZ9AB");  // leads have no numbers
  CHECK(lead.label() == "Jan");
  CHECK(crm_test::record_from_yaml(Kind::lead, "id: L-7K3QZ9AB\n").label() == "L-7K3QZ9AB");
  CHECK(record_relative_path(lead) == "leads/L-7K3QZ9AB.yaml");
}

TEST_CASE("Record::view shows the fields in canonical order and the derived ones after",
          "[registry]") {
  Config config = MemoryStore::default_config();
  Record deal = crm_test::record_from_yaml(
      Kind::deal, "stage: proposal\nid: D-7K3QZ9AB\nmine: x\nstatus: open\ntitle: Pumps\n");
  Value view = deal.view(config);
  std::vector<std::string> keys;
  for (const auto& [key, value] : view.entries()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"id", "title", "status", "stage", "mine", "probability"});
  CHECK(view.get("probability") == "50");
  CHECK_FALSE(deal.fields().find("probability"));
  for (auto [status, expected] : std::vector<std::pair<std::string, std::string>>{
           {"won", "100"}, {"completed", "100"}, {"lost", "0"}, {"open", "50"}}) {
    INFO(status);
    deal.set_text("status", status);
    CHECK(deal.view(config).get("probability") == expected);
  }
}

#ifdef CRM_FIELD_CHECKS
// Debug and sanitizer builds check every field name used in code against the registry: a
// misspelt key is a bug that fails the tests, not a silent unknown field. custom() is the way
// to read a key on purpose.
TEST_CASE("Under CRM_FIELD_CHECKS an undeclared field name is a logic error", "[registry]") {
  Record deal = crm_test::record_from_yaml(Kind::deal, "id: D-7K3QZ9AB\ntitle: Pumps\ntitel: x\n");
  CHECK_THROWS_AS(deal.get("titel"), std::logic_error);
  CHECK_THROWS_WITH(deal.get("titel"), "bug: field 'titel' is not declared for kind deal");
  CHECK_THROWS_AS(deal.find("titel"), std::logic_error);
  CHECK_THROWS_AS(deal.set_text("titel", "y"), std::logic_error);
  CHECK_THROWS_AS(deal.set("titel", Value::string("y")), std::logic_error);
  CHECK_THROWS_AS(deal.erase("titel"), std::logic_error);
  CHECK_THROWS_AS(deal.list("titel"), std::logic_error);
  CHECK_THROWS_AS(deal.has("titel"), std::logic_error);
  CHECK_NOTHROW(deal.custom("titel"));
  CHECK(deal.custom("titel") == "x");
  CHECK(deal.get("title") == "Pumps");
}
#endif

}  // namespace registry_tests
