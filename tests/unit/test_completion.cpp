// Shell completion: candidates read off the real command tree (nouns, verbs, options, choices)
// and references from the store (kinds/reference.h's reference_candidates).
#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "app.h"
#include "completion.h"
#include "context.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/leads.h"
#include "crm/relationship/parties.h"
#include "crm/sales/products.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;

namespace completion_tests {

// The CLI as users get it, and a data directory in memory for references.
struct Completion {
  CLI::App app;
  cli::Context ctx;
  DataDir d;
  bool has_data = true;
  Completion() { cli::configure_app(app, ctx); }

  std::vector<std::string> operator()(const std::vector<std::string>& words) {
    cli::StoreOpener open = [this](const std::optional<std::string>&) -> const RecordStore* {
      return has_data ? &d.store : nullptr;
    };
    std::vector<std::string> out;
    for (const cli::Candidate& c : cli::complete(app, words, open)) out.push_back(c.text);
    return out;
  }

  Record add(const ChangeSet& changes) {
    d.commit(changes);
    return changes.changes.at(0).record;
  }
};

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST_CASE("Completion offers the nouns, and hides the machinery's own commands", "[completion]") {
  Completion c;
  auto nouns = c({""});
  for (const char* noun : {"init", "lead", "contact", "deal", "report", "completion"}) {
    INFO(noun);
    CHECK(has(nouns, noun));
  }
  CHECK_FALSE(has(nouns, "__complete"));
  CHECK_FALSE(has(nouns, "__man"));
  CHECK(c({"le"}) == std::vector<std::string>{"lead"});
  CHECK(c({"zz"}).empty());
}

TEST_CASE("Completion offers a noun's verbs, after global options too", "[completion]") {
  Completion c;
  auto verbs = c({"lead", ""});
  for (const char* verb : {"add", "list", "show", "convert", "erase"}) {
    INFO(verb);
    CHECK(has(verbs, verb));
  }
  CHECK(c({"-C", "somewhere", "--json", "lead", "con"}) ==
        std::vector<std::string>{"contact", "convert"});
  CHECK(c({"service", "order", "as"}) == std::vector<std::string>{"assign"});
}

TEST_CASE("Completion offers a command's options and the global ones, long and short",
          "[completion]") {
  Completion c;
  auto options = c({"lead", "add", "--"});
  for (const char* option : {"--name", "--email", "--source", "--format", "--dry-run", "--help"}) {
    INFO(option);
    CHECK(has(options, option));
  }
  CHECK(c({"lead", "add", "--na"}) == std::vector<std::string>{"--name"});
  CHECK(c({"lead", "add", "--name", "Jan", "--na"}).empty());  // given once already
  auto shorts = c({"-"});
  CHECK(has(shorts, "-C"));
  CHECK(has(shorts, "-q"));
}

TEST_CASE("Completion offers the fixed choices the CLI and the registry declare", "[completion]") {
  Completion c;
  CHECK(c({"--format", ""}) ==
        std::vector<std::string>{"table", "json", "yaml", "csv", "md", "html", "pdf"});
  CHECK(c({"lead", "list", "--format=j"}) == std::vector<std::string>{"--format=json"});
  CHECK(c({"--color", "a"}) == std::vector<std::string>{"auto", "always"});
  CHECK(c({"completion", ""}) == std::vector<std::string>{"bash", "zsh", "fish"});
  CHECK(c({"deal", "role", "D-XXXX", "--role", ""}) == buying_roles());
  CHECK(c({"deal", "role", "D-XXXX", "--influence", "h"}) == std::vector<std::string>{"high"});
  CHECK(has(c({"report", "pipeline", "--by", ""}), "owner"));
  CHECK(has(c({"report", ""}), "pipeline"));
  // From the registry: a choice field, a lifecycle's states, a crm.yaml list.
  CHECK(c({"product", "add", "--kind", ""}) == product_kinds());
  CHECK(has(c({"lead", "list", "--status", ""}), "qualified"));
  CHECK(has(c({"deal", "stage", "D-XXXX", ""}), "proposal"));
  CHECK(has(c({"lead", "add", "--source", ""}), "fair"));
  // A value nobody declares is the user's to type.
  CHECK(c({"lead", "add", "--name", ""}).empty());
}

TEST_CASE("Completion offers records where a command takes one", "[completion]") {
  Completion c;
  Record acme = c.add(add_account(c.d.session, {{"name", "Acme"}}));
  Record ewa = c.add(add_contact(
      c.d.session, {{"name", "Ewa Nowak"}, {"account", acme.id()}, {"email", "ewa@acme.example"}}));
  Record lead = c.add(add_lead(c.d.session, {{"name", "Jan Kowalski"}}));

  // A REF of a kind's command: that kind's records, by ID, name and e-mail.
  auto leads = c({"lead", "show", ""});
  CHECK(has(leads, lead.id()));
  CHECK(has(leads, "Jan Kowalski"));
  CHECK_FALSE(has(leads, ewa.id()));
  CHECK(c({"contact", "show", "ewa@"}) == std::vector<std::string>{"ewa@acme.example"});
  // An ID prefix in any case.
  CHECK(c({"lead", "show", to_lower(lead.id().substr(0, 4))}) ==
        std::vector<std::string>{lead.id()});
  // An option named after a reference field, or after a kind.
  CHECK(c({"contact", "list", "--account", "Ac"}) == std::vector<std::string>{"Acme"});
  CHECK(c({"deal", "role", "D-XXXX", "--contact", "Ewa"}) ==
        std::vector<std::string>{"Ewa Nowak", "ewa@acme.example"});
  CHECK(c({"deal", "add", "--account=Ac"}) == std::vector<std::string>{"--account=Acme"});
  // A command that does not say takes any kind.
  auto any = c({"timeline", ""});
  CHECK(has(any, acme.id()));
  CHECK(has(any, ewa.id()));
  CHECK(has(any, lead.id()));
  auto about = c({"activity", "log", "Ew"});
  CHECK(has(about, "Ewa Nowak"));
  // No data directory: no references, and no error.
  c.has_data = false;
  CHECK(c({"lead", "show", ""}).empty());
}

TEST_CASE("reference_candidates lists IDs, numbers, skus, names and e-mails by prefix",
          "[completion][reference]") {
  DataDir d;
  ChangeSet product = add_product(
      d.session,
      {{"sku", "FL-200"}, {"name", "Forklift 200"}, {"kind", "goods"}, {"price", "100"}});
  d.commit(product);
  auto texts = [&](const std::vector<Kind>& kinds, std::string_view prefix) {
    std::vector<std::string> out;
    for (const ReferenceCandidate& c : reference_candidates(d.store, kinds, prefix))
      out.push_back(c.text);
    return out;
  };
  CHECK(texts({Kind::product}, "fl") == std::vector<std::string>{"FL-200"});
  CHECK(texts({}, "Fork").empty());  // a product is not named by its name
  std::string id = product.changes[0].record.id();
  CHECK(texts({Kind::product}, "p-") == std::vector<std::string>{id});
  CHECK(texts({Kind::lead}, "").empty());
  auto described = reference_candidates(d.store, {Kind::product}, "FL");
  REQUIRE(described.size() == 1);
  CHECK(described[0].description == "product Forklift 200");
}

TEST_CASE("A command's kind comes from the registry's command words", "[completion]") {
  Completion c;
  auto find = [&](std::vector<std::string> words) {
    CLI::App* at = &c.app;
    for (const std::string& w : words) at = at->get_subcommand(w);
    return cli::command_kind(*at);
  };
  CHECK(find({"service", "order", "assign"}) == Kind::service_order);
  CHECK(find({"deal", "quote"}) == Kind::deal);
  CHECK(find({"lead"}) == Kind::lead);
  CHECK_FALSE(find({"timeline"}).has_value());
}

TEST_CASE("The completion scripts call crm __complete", "[completion]") {
  for (const char* shell : {"bash", "zsh", "fish"}) {
    INFO(shell);
    CHECK_THAT(cli::completion_script(shell), Catch::Contains("__complete --"));
  }
  CHECK_THROWS_AS(cli::completion_script("tcsh"), UsageError);
}

}  // namespace completion_tests
