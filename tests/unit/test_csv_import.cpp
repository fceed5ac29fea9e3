// CSV import and export: the RFC 4180 reader (and hostile input), the header tables, dates and
// amounts as other tools write them, stage mapping, references by name, and the round trip.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/check/check.h"
#include "crm/exchange/column_maps.h"
#include "crm/exchange/csv_export.h"
#include "crm/exchange/csv_import.h"
#include "crm/exchange/import_values.h"
#include "crm/kinds/query.h"
#include "crm/relationship/parties.h"
#include "crm/sales/products.h"
#include "crm/store/csv_reader.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace csv_import_tests {

namespace {

std::vector<std::vector<std::string>> fields_of(const std::vector<CsvRow>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& r : rows) out.push_back(r.fields);
  return out;
}

CsvImportResult imported(DataDir& d, Kind kind, std::string_view text,
                         CsvImportOptions options = {}) {
  options.kind = kind;
  options.source = "test.csv";
  CsvImportResult result = import_csv(d.session, text, options);
  d.commit(result.changes);
  return result;
}

std::string date_read(std::string_view text, DateOrder order = DateOrder::unknown) {
  ValueProblem problem;
  auto date = import_date(text, order, problem);
  return date ? date->date.iso() : "problem: " + problem.why;
}

std::string amount_read(std::string_view text, std::string currency = "EUR") {
  ValueProblem problem;
  auto amount = import_amount(text, currency_for(currency), problem);
  return amount ? *amount : "problem: " + problem.why;
}

}  // namespace

// --- the reader ------------------------------------------------------------------------------

TEST_CASE("read_csv reads quoted fields with delimiters, quotes and line breaks", "[csv]") {
  auto rows = read_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n");
  REQUIRE(rows.size() == 3);
  CHECK(fields_of(rows)[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"});
  CHECK(fields_of(rows)[2] == std::vector<std::string>{"last", "", ""});
  CHECK(rows[0].line == 1);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].line == 4);  // the row before it spans two lines
}

TEST_CASE("read_csv takes LF, CRLF and lone CR line ends, skips blank lines and a BOM", "[csv]") {
  auto rows = read_csv("\xEF\xBB\xBFname,email\n\nAnna,a@x.example\r\nBen,b@x.example\rCy,c\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].fields[0] == "name");  // no BOM left in the first header
  CHECK(rows[1].line == 3);
  CHECK(rows[2].line == 4);
  CHECK(rows[3].line == 5);
  CHECK(rows[3].fields == std::vector<std::string>{"Cy", "c"});
}

TEST_CASE("read_csv reads semicolon and tab delimited files", "[csv]") {
  CHECK(fields_of(read_csv("a;b\n\"1;2\";3\n", {';'}))[1] == std::vector<std::string>{"1;2", "3"});
  CHECK(fields_of(read_csv("a\tb\nx y\tz\n", {'\t'}))[1] == std::vector<std::string>{"x y", "z"});
  CHECK(csv_delimiter("\\t") == '\t');
  CHECK(csv_delimiter("tab") == '\t');
  CHECK(csv_delimiter(";") == ';');
  CHECK(thrown<UsageError>([] { csv_delimiter("::"); }).code() == ExitCode::usage);
}

TEST_CASE("read_csv reports an unterminated quote on the line it opened", "[csv]") {
  auto rows = read_csv("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].problem.empty());
  CHECK(rows[2].line == 3);
  CHECK(rows[2].problem == "the quoted field opened on line 3 is never closed");
}

TEST_CASE("read_csv reports text after a closing quote and keeps a stray quote", "[csv]") {
  auto rows = read_csv("a,b\n\"x\"y,2\nab\"c,3\n");
  CHECK(rows[1].problem == "text after the closing quote of field 1");
  CHECK(rows[2].problem.empty());
  CHECK(rows[2].fields[0] == "ab\"c");
}

TEST_CASE("read_csv refuses a NUL byte and invalid UTF-8, naming the line", "[csv]") {
  using namespace std::string_literals;
  auto nul = thrown<UsageError>([] { read_csv("a,b\nx,y\n1,\0\n"s); });
  CHECK(std::string(nul.what()) == "line 3: the file holds a NUL byte; it is not a CSV text file");
  auto latin1 = thrown<UsageError>([] { read_csv("name\nAnna\nJos\xE9\n"); });
  CHECK(std::string(latin1.what()) == "line 3: the file is not UTF-8 text");
}

TEST_CASE("read_csv refuses a huge field as a bad row without keeping it", "[csv]") {
  std::string huge(k_max_csv_field_bytes + 10, 'x');
  auto rows = read_csv("a,b\n" + huge + ",2\nok,3\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].problem == "field 1 is longer than 64 KiB");
  CHECK(rows[1].fields[0].size() == k_max_csv_field_bytes);
  CHECK(rows[2].problem.empty());
}

// --- header tables ---------------------------------------------------------------------------

TEST_CASE("header tables map the usual exports in any letter case", "[csv]") {
  CHECK(match_header("E-mail 1 - Value")->field == "email");
  CHECK(match_header("e-mail 1 - value")->tool == "Google Contacts");
  CHECK(match_header("Organization 1 - Name")->field == "account");
  CHECK(match_header("Business Phone")->field == "phone");
  CHECK(match_header("Deal - Expected close date")->field == "close_by");
  CHECK(match_header("Opportunity Name")->field == "title");
  CHECK(match_header("Lead Status")->field == "status");
  CHECK(match_header("  Given Name ")->field == "first_name");
  CHECK_FALSE(match_header("Favourite Colour"));
  CHECK(snake_case("Favourite Colour") == "favourite_colour");
  CHECK(snake_case("E-mail 1 - Label") == "e_mail_1_label");
  CHECK(known_state("Closed Won") == "won");
  CHECK(known_state("closedlost") == "lost");
  CHECK(known_state("Open - Not Contacted") == "new");
  CHECK_FALSE(known_state("Appointment scheduled"));
  for (const HeaderTable& table : header_tables())
    for (const auto& [header, field] : table.columns) CHECK(!field.empty());
}

// --- values ----------------------------------------------------------------------------------

TEST_CASE("import_date reads ISO, M/D/YYYY, D/M/YYYY and D.M.YYYY", "[csv]") {
  CHECK(date_read("2026-03-04") == "2026-03-04");
  CHECK(date_read("2026-03-04 10:14") == "2026-03-04");
  CHECK(date_read("2026-03-04T10:14:00Z") == "2026-03-04");
  CHECK(date_read("4.3.2026") == "2026-03-04");
  CHECK(date_read("12/31/2026") == "2026-12-31");
  CHECK(date_read("31/12/2026") == "2026-12-31");
  CHECK(date_read("3/3/2026") == "2026-03-03");
  CHECK(date_read("03/04/2026") == "problem: '03/04/2026' is ambiguous: March 4 or 3 April");
  CHECK(date_read("03/04/2026", DateOrder::month_first) == "2026-03-04");
  CHECK(date_read("03/04/2026", DateOrder::day_first) == "2026-04-03");
  CHECK(date_read("03/04/2026", DateOrder::iso).starts_with("problem: '03/04/2026' is not an ISO"));
  CHECK(date_read("3/4/26").starts_with("problem: '3/4/26' has no four-digit year"));
  CHECK(date_read("2/30/2026") == "problem: '2/30/2026' is not a date");
  CHECK(date_read("soon") == "problem: 'soon' is not a date");
  CHECK(date_order("m/d/yyyy") == DateOrder::month_first);
  CHECK(date_order("D.M.YYYY") == DateOrder::day_first);
  CHECK(thrown<UsageError>([] { date_order("YMD"); }).code() == ExitCode::usage);
}

TEST_CASE("import_date keeps the time of day for timestamps", "[csv]") {
  ValueProblem problem;
  Clock clock = Clock::pinned("2026-11-23");
  auto pm = import_date("9/30/2026 4:05 PM", DateOrder::unknown, problem);
  REQUIRE(pm);
  CHECK(import_timestamp(*pm, clock) == "2026-09-30T16:05:00+00:00");
  auto iso = import_date("2026-09-30T16:05:00+02:00", DateOrder::unknown, problem);
  CHECK(import_timestamp(*iso, clock) == "2026-09-30T16:05:00+02:00");
  auto day = import_date("30.09.2026", DateOrder::unknown, problem);
  CHECK(import_timestamp(*day, clock) == "2026-09-30T00:00:00+00:00");
}

TEST_CASE("import_amount reads grouping, decimal commas and currency signs", "[csv]") {
  CHECK(amount_read("1234.5") == "1234.50");
  CHECK(amount_read("1,234.50") == "1234.50");
  CHECK(amount_read("€1.234,50") == "1234.50");
  CHECK(amount_read("EUR 1 234,50") == "1234.50");
  CHECK(amount_read("1'234.50") == "1234.50");
  CHECK(amount_read("$12,500", "USD") == "12500.00");
  CHECK(amount_read("1,234") == "1234.00");
  CHECK(amount_read("12,5") == "12.50");
  CHECK(amount_read("1.234.567") == "1234567.00");
  CHECK(amount_read("1500", "JPY") == "1500");
  CHECK(amount_read("-5").starts_with("problem: '-5' is negative"));
  CHECK(amount_read("1,23,4") == "problem: '1,23,4' is not an amount");
  CHECK(amount_read("ten") == "problem: 'ten' is not an amount");
  CHECK(amount_read("1.234").starts_with("problem: "));  // three decimals in euros
}

// --- importing -------------------------------------------------------------------------------

TEST_CASE("import_csv maps Google headers, combines names and creates accounts", "[csv]") {
  DataDir d;
  auto r = imported(d, Kind::contact,
                    "Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Labels\n"
                    "Hanna,Berg,hanna@fjord.example ::: h@x.example,Fjordfrakt AS,x\n"
                    "Jonas,Weber,jonas@fjord.example,Fjordfrakt AS,y\n");
  CHECK(r.created == 2);
  CHECK(r.bad.empty());
  REQUIRE(r.accounts_created.size() == 1);
  CHECK(r.accounts_created[0].second == "Fjordfrakt AS");
  CHECK(r.unmapped == std::vector<std::string>{"Labels"});
  Record hanna = d.store.find_by(Kind::contact, "name", "Hanna Berg").at(0);
  CHECK(hanna.get("email") == "hanna@fjord.example");
  CHECK(hanna.get("account") == r.accounts_created[0].first);
  CHECK(d.store.find_by(Kind::contact, "name", "Jonas Weber").at(0).get("account") ==
        r.accounts_created[0].first);
}

TEST_CASE("import_csv reports bad rows with their lines and imports the good ones", "[csv]") {
  DataDir d;
  auto r = imported(d, Kind::contact,
                    "name,email\n"
                    "Anna,anna@x.example\n"
                    "Ben,not-an-address\n"
                    "\"Cy\n Two\",cy@x.example,extra\n"
                    ",nobody@x.example\n");
  CHECK(r.created == 1);
  REQUIRE(r.bad.size() == 3);
  CHECK(r.bad[0].line == 3);
  CHECK(r.bad[0].why == "email 'not-an-address' is not an e-mail address");
  CHECK(r.bad[1].line == 4);
  CHECK(r.bad[1].why == "the row has 3 fields, the header 2");
  CHECK(r.bad[2].line == 6);
  CHECK(r.bad[2].why == "missing required field 'name'");
  CHECK(d.count(Kind::contact) == 1);
}

TEST_CASE("import_csv refuses what makes the whole file unusable", "[csv]") {
  DataDir d;
  CsvImportOptions o;
  o.kind = Kind::contact;
  CHECK(thrown<UsageError>([&] { import_csv(d.session, "", o); }).code() == ExitCode::usage);
  o.maps = {{"Nope", "name"}};
  CHECK(std::string(thrown<UsageError>([&] { import_csv(d.session, "name\nA\n", o); }).what()) ==
        "--map Nope=name: the file has no column 'Nope'");
  o.maps = {};
  o.key_column = "ID";
  CHECK(std::string(thrown<UsageError>([&] { import_csv(d.session, "name\nA\n", o); }).what()) ==
        "--key ID: the file has no column 'ID'");
  o.key_column = {};
  o.kind = Kind::quote;
  CHECK(thrown<UsageError>([&] { import_csv(d.session, "name\nA\n", o); }).code() ==
        ExitCode::usage);
  o.kind = Kind::deal;
  o.stage_maps = {{"Hot", "burning"}};
  CHECK(thrown<UsageError>([&] { import_csv(d.session, "title\nA\n", o); }).code() ==
        ExitCode::usage);
}

TEST_CASE("import_csv maps stages and states, and a won deal keeps its close date", "[csv]") {
  DataDir d;
  CsvImportOptions o;
  o.stage_maps = {{"Contract sent", "negotiation"}};
  o.key_column = "Record ID";
  std::string text =
      "Record ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company\n"
      "1,Alpha,Contract sent,\"1,000.00\",2026-12-01,Acme\n"
      "2,Beta,Closed Won,500,2026-10-30,Acme\n"
      "3,Gamma,Appointment scheduled,100,2026-12-01,Acme\n"
      "4,Delta,Closed Lost,100,10/03/2026,Acme\n";
  auto r = imported(d, Kind::deal, text, o);
  CHECK(r.created == 2);
  REQUIRE(r.bad.size() == 2);
  CHECK(r.bad[0].line == 4);
  CHECK(r.bad[0].why.starts_with("stage 'Appointment scheduled' is not one of ours"));
  CHECK(r.bad[0].hint == "add --map-stage 'Appointment scheduled=...' naming one of them");
  CHECK(r.bad[1].why == "closed: '10/03/2026' is ambiguous: October 3 or 10 March");
  Record alpha = d.store.find_by(Kind::deal, "title", "Alpha").at(0);
  CHECK(alpha.status() == "open");
  CHECK(alpha.get("stage") == "negotiation");
  CHECK(alpha.get("close_by") == "2026-12-01");
  CHECK(alpha.get("amount") == "1000.00");
  CHECK(alpha.get("external_id") == "1");
  Record beta = d.store.find_by(Kind::deal, "title", "Beta").at(0);
  CHECK(beta.status() == "won");
  CHECK(beta.get("closed") == "2026-10-30");
  CHECK_FALSE(beta.has("close_by"));
  const Value& entry = beta.find("history")->items().at(0);
  CHECK(entry.get("from") == "open");
  CHECK(entry.get("to") == "won");
  CHECK(entry.get("action") == "import");
  CHECK(entry.get("note") == "imported from test.csv line 3");
  // A won deal with no quote here is legitimate: crm check accepts the import step.
  CHECK(check_store(d.store, {}).empty());
}

TEST_CASE("import_csv again changes nothing, and a changed row updates its record", "[csv]") {
  DataDir d;
  CsvImportOptions o;
  o.key_column = "Lead ID";
  std::string text =
      "Lead ID,First Name,Last Name,Company,Lead Status\n"
      "L1,Lukas,Meier,Alpen AG,Open - Not Contacted\n";
  imported(d, Kind::lead, text, o);
  int writes = d.store.writes();
  auto again = imported(d, Kind::lead, text, o);
  CHECK(again.unchanged == 1);
  CHECK(again.changes.empty());
  CHECK(d.store.writes() == writes);
  auto changed = imported(d, Kind::lead,
                          "Lead ID,First Name,Last Name,Company,Lead Status\n"
                          "L1,Lukas,Meier,Alpen Transport AG,Working - Contacted\n",
                          o);
  CHECK(changed.updated == 1);
  Record lead = d.store.find_by(Kind::lead, "external_id", "L1").at(0);
  CHECK(lead.get("company") == "Alpen Transport AG");
  CHECK(lead.status() == "contacted");
  CHECK(lead.find("history")->items().at(0).get("action") == "import");
  CHECK(check_store(d.store, {}).empty());
}

TEST_CASE("import_csv resolves products by sku or name and keeps others as text", "[csv]") {
  DataDir d;
  d.commit(
      add_product(d.session, {{"sku", "TLM-400"}, {"name", "Telematics unit"}, {"price", "10"}}));
  auto r = imported(d, Kind::deal,
                    "title,account,product,status\n"
                    "A,Acme,TLM-400,won\n"
                    "B,Acme,Telematics unit,won\n"
                    "C,Acme,Widget,won\n");
  CHECK(r.bad.empty());
  CHECK(r.products_as_text == std::vector<std::string>{"Widget"});
  CHECK(d.store.find_by(Kind::deal, "title", "B").at(0).get("product") == "TLM-400");
  CHECK(d.store.find_by(Kind::deal, "title", "C").at(0).get("product") == "Widget");
  // An account that does not exist is created once, and matched by name afterwards.
  CHECK(r.accounts_created.size() == 1);
}

TEST_CASE("import_csv refuses a missing contact and an account ID that does not exist", "[csv]") {
  DataDir d;
  auto r = imported(d, Kind::deal,
                    "title,account,contact\n"
                    "A,Acme,Nobody Known\n"
                    "B,A-7K3QZ9AB,\n");
  REQUIRE(r.bad.size() == 2);
  CHECK(r.bad[0].why == "contact: no contact matches 'Nobody Known'");
  CHECK(r.bad[1].why == "account: no account matches 'A-7K3QZ9AB'");
  CHECK(d.count(Kind::account) == 0);  // the bad row's account was not kept
}

TEST_CASE("import_csv keeps mapped fields the kind lacks as custom fields", "[csv]") {
  DataDir d;
  CsvImportOptions o;
  o.maps = {{"Favourite Colour", "Favourite Colour"}, {"Skip", ""}};
  auto r = imported(d, Kind::contact, "name,Favourite Colour,Skip,region\nAnna,green,x,north\n", o);
  Record anna = d.store.find_by(Kind::contact, "name", "Anna").at(0);
  CHECK(anna.custom("favourite_colour") == "green");
  CHECK(anna.custom("region") == "north");
  CHECK(anna.custom("skip").empty());
  CHECK(r.unmapped == std::vector<std::string>{"Skip"});
}

TEST_CASE("import_csv matches contacts by e-mail and accounts by name without a key", "[csv]") {
  DataDir d;
  imported(d, Kind::contact, "name,email,phone\nAnna,anna@x.example,1\n");
  auto r = imported(d, Kind::contact, "name,email,phone\nAnna S.,ANNA@x.example,2\n");
  CHECK(r.updated == 1);
  CHECK(d.count(Kind::contact) == 1);
  CHECK(d.store.find_by(Kind::contact, "email", "anna@x.example").at(0).get("phone") == "2");
  imported(d, Kind::account, "name\nAcme\n");
  auto again = imported(d, Kind::account, "Company Name,industry\nAcme,logistics\n");
  CHECK(again.updated == 1);
  CHECK(d.count(Kind::account) == 1);
}

TEST_CASE("export_csv and import_csv round trip a kind byte for byte", "[csv]") {
  DataDir d;
  imported(d, Kind::account, "name,industry,region\nAcme,\"logistics, rail\",north\nBeta,,\n");
  imported(d, Kind::deal,
           "title,account,amount,status,Close Date,notes\n"
           "Won one,Acme,12.50,won,2026-10-01,\"two\nlines\"\n"
           "Open one,Beta,,open,2026-12-01,\n");
  auto accounts = query(d.store, Kind::account, {});
  auto deals = query(d.store, Kind::deal, {});
  std::string account_csv = export_csv(Kind::account, accounts);
  std::string deal_csv = export_csv(Kind::deal, deals);
  CHECK(
      account_csv.starts_with("id,name,email,phone,website,industry,address,postal_code,city,"
                              "country,tax_id,owner,external_id,"
                              "created,notes,region\r\n"));

  DataDir fresh;
  imported(fresh, Kind::account, account_csv);
  auto r = imported(fresh, Kind::deal, deal_csv);
  CHECK(r.bad.empty());
  CHECK(export_csv(Kind::account, query(fresh.store, Kind::account, {})) == account_csv);
  CHECK(export_csv(Kind::deal, query(fresh.store, Kind::deal, {})) == deal_csv);

  // Back into the directory it came from: nothing changes.
  auto back = imported(d, Kind::deal, deal_csv);
  CHECK(back.unchanged == 2);
  CHECK(back.changes.empty());
}

}  // namespace csv_import_tests
