// The merge driver's field-by-field merge (store/merge.h) on record triples, and crm resolve.
#include <catch2/catch.hpp>

#include "crm/base/text.h"
#include "crm/check/check.h"
#include "crm/store/data_dir.h"
#include "crm/store/git.h"
#include "crm/store/merge.h"
#include "crm/store/yaml.h"
#include "helpers.h"

using namespace crm;
using namespace crm_test;

namespace merge_tests {

const char* const k_path = "deals/D-7K3QZ9AB.yaml";

const std::string k_base = R"(id: "D-7K3QZ9AB"
title: "Telematics, 40 trucks"
status: "open"
stage: "qualification"
account: "A-EY051BBB"
owner: "anna"
amount: "30000.00"
currency: "EUR"
roles:
  - contact: "C-J997693S"
    role: "decision-maker"
    influence: "high"
created: "2026-11-02T10:00:00+00:00"
notes: "Met at the fair."
history:
  - at: "2026-11-03T10:00:00+00:00"
    field: "owner"
    from: "bob"
    to: "anna"
    by: "bob"
)";

// The base with `from` replaced by `to`, once each pair.
std::string edited(std::string text, std::vector<std::pair<std::string, std::string>> edits) {
  for (const auto& [from, to] : edits) text = replaced(text, from, to, "the record");
  return text;
}

const std::string k_history_end = "    by: \"bob\"\n";

std::string with_history(std::string text, const std::string& at, const std::string& who) {
  return edited(text, {{k_history_end, k_history_end + "  - at: \"" + at +
                                           "\"\n    field: \"stage\"\n    from: \"a\"\n    to: "
                                           "\"b\"\n    by: \"" +
                                           who + "\"\n"}});
}

TextMerge merged(const std::string& base, const std::string& ours, const std::string& theirs) {
  TextMerge m = merge_record_texts(base, ours, theirs, k_path);
  INFO(m.why);
  REQUIRE(m.merged);
  return m;
}

Value fields_of(const TextMerge& m) {
  return parse_yaml(m.text, "merged");
}

}  // namespace merge_tests

using namespace merge_tests;

TEST_CASE("merge: a field changed on one side only is taken from that side", "[merge]") {
  std::string ours = edited(k_base, {{"\"qualification\"", "\"proposal\""}});
  std::string theirs = edited(k_base, {{"owner: \"anna\"", "owner: \"carl\""}});
  TextMerge m = merged(k_base, ours, theirs);
  CHECK(m.conflicts.empty());
  Value f = fields_of(m);
  CHECK(f.get("stage") == "proposal");
  CHECK(f.get("owner") == "carl");
  CHECK(f.find("conflicts") == nullptr);
  // The other way round gives the same record.
  CHECK(merged(k_base, theirs, ours).text == m.text);
}

TEST_CASE("merge: the same change on both sides is taken once", "[merge]") {
  std::string both = edited(k_base, {{"\"qualification\"", "\"proposal\""}});
  TextMerge m = merged(k_base, both, both);
  CHECK(m.conflicts.empty());
  CHECK(m.text == both);
}

TEST_CASE("merge: different changes of one field are a conflict the record keeps", "[merge]") {
  std::string ours = edited(k_base, {{"\"qualification\"", "\"proposal\""}});
  std::string theirs = edited(k_base, {{"\"qualification\"", "\"negotiation\""}});
  TextMerge m = merged(k_base, ours, theirs);
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0].field == "stage");
  CHECK(m.id == "D-7K3QZ9AB");
  Value f = fields_of(m);
  CHECK(f.get("stage") == "proposal");  // the field keeps ours
  const Value* conflicts = f.find("conflicts");
  REQUIRE(conflicts);
  REQUIRE(conflicts->items().size() == 1);
  const Value& entry = conflicts->items()[0];
  CHECK(entry.get("field") == "stage");
  CHECK(entry.get("base") == "qualification");
  CHECK(entry.get("ours") == "proposal");
  CHECK(entry.get("theirs") == "negotiation");
  // Last among the known keys, after history.
  CHECK(f.entries().back().first == "conflicts");
  // The exact canonical bytes.
  CHECK(m.text == ours + R"(conflicts:
  - field: "stage"
    base: "qualification"
    ours: "proposal"
    theirs: "negotiation"
)");
  // It loads as a record, and crm check names it.
  DataDir dir;
  dir.put(k_path, m.text);
  auto problems = check_store(dir.store, {"conflicts"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].check == "conflicts");
  CHECK_THAT(problems[0].message, Catch::Contains("D-7K3QZ9AB") && Catch::Contains("'stage'") &&
                                      Catch::Contains("ours \"proposal\"") &&
                                      Catch::Contains("theirs \"negotiation\""));
  CHECK_THAT(problems[0].hint, Catch::Contains("crm resolve D-7K3QZ9AB --field stage --take"));
}

TEST_CASE("merge: a removal on one side is kept when the other left the field alone", "[merge]") {
  std::string ours = edited(k_base, {{"amount: \"30000.00\"\n", ""}});
  std::string theirs = edited(k_base, {{"owner: \"anna\"", "owner: \"carl\""}});
  TextMerge m = merged(k_base, ours, theirs);
  CHECK(m.conflicts.empty());
  Value f = fields_of(m);
  CHECK(f.find("amount") == nullptr);
  CHECK(f.get("owner") == "carl");
  // Removed on one side and changed on the other: a conflict, the field as ours has it (gone).
  std::string changed = edited(k_base, {{"\"30000.00\"", "\"32000.00\""}});
  TextMerge c = merged(k_base, ours, changed);
  REQUIRE(c.conflicts.size() == 1);
  CHECK_FALSE(c.conflicts[0].ours.has_value());
  Value g = fields_of(c);
  CHECK(g.find("amount") == nullptr);
  const Value& entry = g.find("conflicts")->items().at(0);
  CHECK(entry.find("ours") == nullptr);
  CHECK(entry.get("theirs") == "32000.00");
}

TEST_CASE("merge: both sides' history entries are kept in time order, each once", "[merge]") {
  std::string ours = with_history(k_base, "2026-11-10T09:00:00+00:00", "anna");
  ours = with_history(ours, "2026-11-12T09:00:00+00:00", "anna");
  std::string theirs = with_history(k_base, "2026-11-11T09:00:00+00:00", "carl");
  theirs = with_history(theirs, "2026-11-10T09:00:00+00:00", "anna");  // one both have
  TextMerge m = merged(k_base, ours, theirs);
  CHECK(m.conflicts.empty());
  std::vector<std::string> at;
  Value f = fields_of(m);
  for (const Value& e : f.find("history")->items()) at.push_back(e.get("at"));
  CHECK(at == std::vector<std::string>{"2026-11-03T10:00:00+00:00", "2026-11-10T09:00:00+00:00",
                                       "2026-11-11T09:00:00+00:00", "2026-11-12T09:00:00+00:00"});
  // An offset other than UTC sorts by the moment, not the text.
  std::string east = with_history(k_base, "2026-11-10T10:30:00+02:00", "dora");  // 08:30 UTC
  TextMerge e = merged(k_base, ours, east);
  auto items = fields_of(e).find("history")->items();
  REQUIRE(items.size() == 4);
  CHECK(items[1].get("by") == "dora");
}

TEST_CASE("merge: notes both sides appended to and roles both sides added are united", "[merge]") {
  std::string ours =
      edited(k_base, {{"\"Met at the fair.\"", "\"Met at the fair.\\nWants a demo.\""},
                      {"    influence: \"high\"\n",
                       "    influence: \"high\"\n  - contact: \"C-4J53XE8V\"\n"
                       "    role: \"champion\"\n    influence: \"medium\"\n"}});
  std::string theirs =
      edited(k_base, {{"\"Met at the fair.\"", "\"Met at the fair.\\nBudget in Q1.\""},
                      {"    influence: \"high\"\n",
                       "    influence: \"high\"\n  - contact: \"C-HWMENW11\"\n"
                       "    role: \"gatekeeper\"\n    influence: \"low\"\n"}});
  TextMerge m = merged(k_base, ours, theirs);
  CHECK(m.conflicts.empty());
  Value f = fields_of(m);
  CHECK(f.get("notes") == "Met at the fair.\nWants a demo.\nBudget in Q1.");
  std::vector<std::string> contacts;
  for (const Value& r : f.find("roles")->items()) contacts.push_back(r.get("contact"));
  CHECK(contacts == std::vector<std::string>{"C-J997693S", "C-4J53XE8V", "C-HWMENW11"});

  // One contact's role changed differently on both sides: a conflict on roles, not two roles.
  std::string ours2 = edited(k_base, {{"\"decision-maker\"", "\"champion\""}});
  std::string theirs2 = edited(k_base, {{"\"decision-maker\"", "\"influencer\""}});
  TextMerge c = merged(k_base, ours2, theirs2);
  REQUIRE(c.conflicts.size() == 1);
  CHECK(c.conflicts[0].field == "roles");
  CHECK(fields_of(c).find("roles")->items().size() == 1);
  // Changed on one side and another role added on the other: both kept.
  TextMerge both = merged(k_base, ours2, theirs);
  CHECK(both.conflicts.empty());
  auto roles = fields_of(both).find("roles")->items();
  REQUIRE(roles.size() == 2);
  CHECK(roles[0].get("role") == "champion");
  // Notes rewritten (not appended to) on both sides: a conflict.
  std::string a = edited(k_base, {{"\"Met at the fair.\"", "\"Met online.\""}});
  std::string b = edited(k_base, {{"\"Met at the fair.\"", "\"Met by phone.\""}});
  TextMerge n = merged(k_base, a, b);
  REQUIRE(n.conflicts.size() == 1);
  CHECK(n.conflicts[0].field == "notes");
}

TEST_CASE("merge: keys crm does not know merge by the same rules and stay after the known ones",
          "[merge]") {
  std::string base = k_base + "region: \"north\"\n";
  std::string ours = base + "priority_code: \"7\"\n";
  std::string theirs = edited(base, {{"\"north\"", "\"south\""}});
  TextMerge m = merged(base, ours, theirs);
  CHECK(m.conflicts.empty());
  Value f = fields_of(m);
  CHECK(f.get("region") == "south");
  CHECK(f.get("priority_code") == "7");
  CHECK(f.entries()[f.entries().size() - 2].first == "region");
  std::string other = edited(base, {{"\"north\"", "\"east\""}});
  TextMerge c = merged(base, other, theirs);
  REQUIRE(c.conflicts.size() == 1);
  CHECK(c.conflicts[0].field == "region");
  // Known keys first, then the custom one, then... conflicts is last among the known keys, so
  // it comes before the custom keys.
  Value g = fields_of(c);
  CHECK(g.entries().back().first == "region");
}

TEST_CASE("merge: a record both sides added merges against an empty base", "[merge]") {
  std::string ours = edited(k_base, {{"\"qualification\"", "\"proposal\""}});
  TextMerge same = merged("", k_base, k_base);
  CHECK(same.text == k_base);
  TextMerge m = merged("", k_base, ours);
  REQUIRE(m.conflicts.size() == 1);
  CHECK(m.conflicts[0].field == "stage");
  CHECK_FALSE(m.conflicts[0].base.has_value());
  // History from both, once.
  TextMerge h = merged("", with_history(k_base, "2026-11-10T09:00:00+00:00", "anna"),
                       with_history(k_base, "2026-11-11T09:00:00+00:00", "carl"));
  CHECK(fields_of(h).find("history")->items().size() == 3);
}

TEST_CASE("merge: merging a record with itself gives its canonical bytes", "[merge]") {
  CHECK(merged(k_base, k_base, k_base).text == k_base);
  // A hand-written record comes out canonical.
  std::string hand = edited(k_base, {{"stage: \"qualification\"", "stage: qualification"}});
  CHECK(merged(hand, hand, hand).text == k_base);
  // And a merged record with conflicts merges with itself unchanged.
  std::string ours = edited(k_base, {{"\"qualification\"", "\"proposal\""}});
  std::string theirs = edited(k_base, {{"\"qualification\"", "\"negotiation\""}});
  std::string conflicted = merged(k_base, ours, theirs).text;
  TextMerge again = merged(conflicted, conflicted, conflicted);
  CHECK(again.text == conflicted);
  CHECK(again.conflicts.empty());
}

TEST_CASE("merge: input that is not a record is not merged, and says why", "[merge]") {
  auto refused = [](std::string_view base, std::string_view ours, std::string_view theirs,
                    std::string_view path = k_path) {
    TextMerge m = merge_record_texts(base, ours, theirs, path);
    CHECK_FALSE(m.merged);
    CHECK_FALSE(m.why.empty());
    CHECK(m.text.empty());
    return m.why;
  };
  CHECK_THAT(refused(k_base, "<<<<<<< ours\nid: x\n=======\n>>>>>>> theirs\n", k_base),
             Catch::Contains("ours"));
  refused(k_base, k_base, "a: &x [1]\nb: *x\n");                      // an alias
  refused(k_base, k_base, "- just\n- a list\n");                      // not a map
  refused(k_base, k_base, "id: \"D-00000000\"\n");                    // another id
  refused(k_base, edited(k_base, {{"\"open\"", "[1, 2]"}}), k_base);  // a malformed field
  refused(k_base, "", k_base);                                        // ours empty
  refused(k_base, k_base, k_base, "crm.yaml");                        // not a record path
  refused(k_base, k_base, k_base, "notes/D-7K3QZ9AB.yaml");           // no such folder
  refused(std::string(2 << 20, 'x'), k_base, k_base);                 // too large
  refused(k_base, k_base, std::string("id: \"\xff\"\n"));             // not UTF-8
  // The data directory may be a folder of the repository.
  CHECK(merge_record_texts(k_base, k_base, k_base, "sales/crm/deals/D-7K3QZ9AB.yaml").merged);
}

TEST_CASE("merge: merge_fields follows the registry's rule per field", "[merge]") {
  const KindSpec& deal = kind_spec(Kind::deal);
  CHECK(deal.field("history")->merge == MergeRule::entries);
  CHECK(deal.field("history")->merge_order == "at");
  CHECK(deal.field("roles")->merge_key == "contact");
  CHECK(deal.field("notes")->merge == MergeRule::appended);
  CHECK(deal.field("stage")->merge == MergeRule::whole);
  for (const KindSpec& spec : all_kinds()) {
    INFO(spec.name);
    REQUIRE(spec.field("conflicts"));
    CHECK(spec.fields.back().name == "conflicts");
  }
}

TEST_CASE("resolve: takes theirs, ours or a value, removes the entry and records it",
          "[merge][resolve]") {
  DataDir dir;
  std::string ours =
      edited(k_base, {{"\"qualification\"", "\"proposal\""}, {"\"30000.00\"", "\"31000.00\""}});
  std::string theirs =
      edited(k_base, {{"\"qualification\"", "\"negotiation\""}, {"\"30000.00\"", "\"29000.00\""}});
  dir.put(k_path, merged(k_base, ours, theirs).text);
  Record deal = dir.store.load(Kind::deal, "D-7K3QZ9AB");
  CHECK(conflicted_fields(deal) == std::vector<std::string>{"stage", "amount"});

  // A stage must be one of crm.yaml's.
  CHECK_THAT(thrown<UsageError>([&] {
               resolve_conflict(dir.session, deal, {"stage", "nowhere"});
             }).what(),
             Catch::Contains("stages"));
  Record after = dir.apply(resolve_conflict(dir.session, deal, {"stage", "theirs"}));
  CHECK(after.get("stage") == "negotiation");
  CHECK(conflicted_fields(after) == std::vector<std::string>{"amount"});
  Value last = history_of(after).back();
  CHECK(last.get("field") == "stage");
  CHECK(last.get("from") == "proposal");
  CHECK(last.get("to") == "negotiation");
  CHECK(last.get("by") == "tester");
  CHECK_THAT(last.get("note"), Catch::Contains("crm resolve: took theirs"));

  // A value of its own is validated as the field's type.
  auto bad = thrown<UsageError>([&] {
    resolve_conflict(dir.session, after, {"amount", "thirty thousand"});
  });
  CHECK_THAT(bad.what(), Catch::Contains("not a decimal"));
  // No such conflict: refused, naming the conflicted fields.
  auto none = thrown<RefusedError>([&] {
    resolve_conflict(dir.session, after, {"owner", "ours"});
  });
  CHECK_THAT(none.what(), Catch::Contains("no conflict in field 'owner'"));
  CHECK_THAT(none.hint(), Catch::Contains("amount"));

  Record done = dir.apply(resolve_conflict(dir.session, after, {"amount", "30500.00"}));
  CHECK(done.get("amount") == "30500.00");
  CHECK_FALSE(done.has("conflicts"));
  CHECK(check_store(dir.store, {"conflicts"}).empty());
  // Nothing left to resolve.
  auto nothing = thrown<RefusedError>([&] {
    resolve_conflict(dir.session, done, {"stage", "ours"});
  });
  CHECK_THAT(nothing.what(), Catch::Contains("no merge conflicts"));
  // The file is canonical: saving it again changes no byte.
  std::string text = dir.text_of(done);
  CHECK(record_to_yaml(dir.store.load(Kind::deal, "D-7K3QZ9AB")) == text);
}

TEST_CASE("resolve: ours keeps the merged value, and a list takes ours or theirs only",
          "[merge][resolve]") {
  DataDir dir;
  std::string ours = edited(k_base, {{"\"decision-maker\"", "\"champion\""}});
  std::string theirs = edited(k_base, {{"\"decision-maker\"", "\"influencer\""}});
  dir.put(k_path, merged(k_base, ours, theirs).text);
  Record deal = dir.store.load(Kind::deal, "D-7K3QZ9AB");
  CHECK_THAT(thrown<UsageError>([&] {
               resolve_conflict(dir.session, deal, {"roles", "x"});
             }).what(),
             Catch::Contains("list"));
  Record after = dir.apply(resolve_conflict(dir.session, deal, {"roles", "ours"}));
  CHECK(after.find("roles")->items().at(0).get("role") == "champion");
  CHECK_FALSE(after.has("conflicts"));
  Value last = history_of(after).back();
  CHECK(last.get("field") == "roles");
  CHECK(last.find("from") == nullptr);
}

TEST_CASE("init_data_dir with git registers the merge driver, and in a clone only that",
          "[merge][init]") {
  TempDir tmp;
  fs::path root = tmp.path() / "data";
  auto config = [&](const std::string& key) {
    GitResult r = run_git(root, {"config", "--local", "--get", key});
    return r.exit_code == 0 ? trim(r.output) : std::string("(unset)");
  };
  InitResult made = init_data_dir(root, true, false, "crm");
  CHECK_FALSE(made.existing);
  CHECK(made.missing_attributes.empty());
  CHECK(config("merge.crm.driver") == "crm merge-file %O %A %B %P");
  CHECK(config("merge.crm.name") != "(unset)");
  std::string attributes = read_text(root / ".gitattributes");
  CHECK_THAT(attributes, Catch::Contains("\n*.yaml text eol=lf\n"));
  for (const KindSpec& spec : all_kinds())
    CHECK_THAT(attributes, Catch::Contains("\n" + spec.folder + "/*.yaml merge=crm\n"));
  CHECK_THAT(attributes, !Catch::Contains("crm.yaml merge"));

  // A fresh clone: crm.yaml is there, the driver is not (git never clones configuration).
  run_git(root, {"config", "--local", "--unset", "merge.crm.driver"});
  std::string before = read_text(root / "crm.yaml") + attributes;
  auto names = names_in(root);
  InitResult dry = init_data_dir(root, true, true, "crm");
  CHECK(dry.existing);
  CHECK_FALSE(dry.driver_registered);
  CHECK(config("merge.crm.driver") == "(unset)");
  InitResult clone = init_data_dir(root, true, false, "'/opt/my crm/crm'");
  CHECK(clone.existing);
  CHECK(clone.written.empty());
  CHECK(clone.driver_registered);
  CHECK(config("merge.crm.driver") == "'/opt/my crm/crm' merge-file %O %A %B %P");
  CHECK(read_text(root / "crm.yaml") + read_text(root / ".gitattributes") == before);
  CHECK(names_in(root) == names);
  // Again: nothing to do.
  InitResult again = init_data_dir(root, true, false, "'/opt/my crm/crm'");
  CHECK(again.driver_already);
  CHECK_FALSE(again.driver_registered);
  // Without --git an existing crm.yaml is refused, with a word about --git in a clone.
  auto refused = thrown<RefusedError>([&] { init_data_dir(root, false); });
  CHECK_THAT(refused.hint(), Catch::Contains("crm init --git"));
  // A .gitattributes from before the driver: the lines it lacks are named, not written.
  write_text(root / ".gitattributes", "*.yaml text eol=lf\n");
  InitResult old = init_data_dir(root, true, false, "crm");
  CHECK(old.missing_attributes.size() == all_kinds().size());
  CHECK(read_text(root / ".gitattributes") == "*.yaml text eol=lf\n");
  // Not a git work tree: refused as before.
  fs::path plain = tmp.path() / "plain";
  init_data_dir(plain, false);
  CHECK(thrown<RefusedError>([&] { init_data_dir(plain, true); }).code() == ExitCode::refused);
}
