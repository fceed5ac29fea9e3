// crm import csv and crm export csv.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/exchange/csv_export.h"
#include "crm/exchange/csv_import.h"
#include "crm/exchange/import_input.h"
#include "crm/kinds/query.h"
#include "crm/kinds/reference.h"
#include "crm/store/csv_reader.h"
#include "crm/store/yaml.h"

namespace crm::cli {
namespace import_csv_cmd {

// The largest file an import reads: ten times a large export, and far from any memory limit.
constexpr std::size_t k_max_import_bytes = 256u * 1024 * 1024;

Kind kind_named(const std::string& name) {
  auto kind = kind_by_name(name);
  if (!kind)
    throw UsageError(fmt::format("--kind '{}' is not a kind of record", name),
                     fmt::format("use one of: {}", join(importable_kinds(), ", ")));
  return *kind;
}

// A bar on a terminal's stderr for large files: "importing  4200/10000 rows [########    ]".
std::function<void(std::size_t, std::size_t)> progress_bar() {
  if (::isatty(STDERR_FILENO) != 1) return {};
  return [](std::size_t done, std::size_t total) {
    if (total <= 1000) return;
    constexpr std::size_t width = 30;
    std::size_t filled = total ? done * width / total : width;
    std::cerr << fmt::format("\rimporting {:>{}}/{} rows [{}{}]", done,
                             std::to_string(total).size(), total, std::string(filled, '#'),
                             std::string(width - filled, ' '));
    if (done == total)
      std::cerr << "\r" << std::string(60 + 2 * std::to_string(total).size(), ' ') << "\r";
    std::cerr.flush();
  };
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

Value summary_json(const CsvImportResult& r, const std::string& kind, const std::string& file,
                   bool dry_run) {
  auto number = [](std::size_t n) { return Value::plain(std::to_string(n)); };
  Value out = Value::map();
  out.set("file", Value::string(file));
  out.set("kind", Value::string(kind));
  out.set("dry_run", Value::boolean(dry_run));
  out.set("rows", number(r.rows));
  out.set("created", number(r.created));
  out.set("updated", number(r.updated));
  out.set("unchanged", number(r.unchanged));
  out.set("bad", number(r.bad.size()));
  Value records = Value::sequence();
  for (const auto& rec : r.records) {
    Value v = Value::map();
    v.set("line", number(static_cast<std::size_t>(rec.line)));
    v.set("id", Value::string(rec.id));
    v.set("action", Value::string(rec.action));
    records.push_back(std::move(v));
  }
  out.set("records", std::move(records));
  Value bad = Value::sequence();
  for (const auto& b : r.bad) {
    Value v = Value::map();
    v.set("line", number(static_cast<std::size_t>(b.line)));
    v.set("error", Value::string(b.why));
    if (!b.hint.empty()) v.set("hint", Value::string(b.hint));
    bad.push_back(std::move(v));
  }
  out.set("bad_rows", std::move(bad));
  Value accounts = Value::sequence();
  for (const auto& [id, name] : r.accounts_created) {
    Value v = Value::map();
    v.set("id", Value::string(id));
    v.set("name", Value::string(name));
    accounts.push_back(std::move(v));
  }
  out.set("accounts_created", std::move(accounts));
  Value products = Value::sequence();
  for (const auto& p : r.products_as_text) products.push_back(Value::string(p));
  out.set("products_kept_as_text", std::move(products));
  Value columns = Value::map();
  for (const auto& [header, field] : r.columns) columns.set(header, Value::string(field));
  out.set("columns", std::move(columns));
  Value unmapped = Value::sequence();
  for (const auto& u : r.unmapped) unmapped.push_back(Value::string(u));
  out.set("unmapped_columns", std::move(unmapped));
  return out;
}

void print_summary(const CsvImportResult& r, const std::string& kind, const std::string& file,
                   bool dry_run) {
  std::string would = dry_run ? "would be " : "";
  for (const auto& rec : r.records) {
    if (rec.action == "unchanged") continue;
    std::string verb = rec.action == "created" ? "create" : "update";
    std::cout << fmt::format("{} {}  line {}  {}\n", dry_run ? "would " + verb : rec.action, rec.id,
                             rec.line, escape_for_terminal(rec.label));
  }
  for (const auto& [id, name] : r.accounts_created)
    std::cout << fmt::format("{}account {}  {}\n", dry_run ? "would create " : "created ", id,
                             escape_for_terminal(name));
  std::cout << fmt::format(
      "{} {}: {} {}created, {} {}updated, {} unchanged, {}\n",
      dry_run ? "would import" : "imported",
      plural(r.rows, "row", "rows") + " of " + kind + " records from " + escape_for_terminal(file),
      r.created, would, r.updated, would, r.unchanged, plural(r.bad.size(), "bad row", "bad rows"));
  if (!r.accounts_created.empty())
    std::cout << fmt::format("accounts {}created: {}\n", would, r.accounts_created.size());
  if (!r.products_as_text.empty()) {
    std::vector<std::string> shown;
    for (const auto& p : r.products_as_text) shown.push_back(escape_for_terminal(p));
    std::cout << fmt::format("products kept as text (no product has this sku or name): {}\n",
                             join(shown, ", "));
  }
  if (!r.unmapped.empty()) {
    std::vector<std::string> shown;
    for (const auto& u : r.unmapped) shown.push_back(escape_for_terminal(u));
    std::cout << fmt::format("columns not imported: {}\n", join(shown, ", "));
  }
}

void print_bad_rows(const CsvImportResult& r, const std::string& file) {
  for (const BadRow& b : r.bad) {
    std::cerr << "crm: error: " << escape_for_terminal(file) << ":" << b.line << ": "
              << escape_for_terminal(b.why) << '\n';
    if (!b.hint.empty()) std::cerr << "hint: " << escape_for_terminal(b.hint) << '\n';
  }
}

void setup_import(CLI::App& import, Context& ctx) {
  struct Options {
    std::string kind, file, key, delimiter = ",", date_format;
    std::vector<std::string> maps, stage_maps, source_maps;
    bool all_or_nothing = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = import.add_subcommand(
      "csv",
      "Records of one kind from a CSV file (Google, Outlook, HubSpot, Pipedrive, "
      "Salesforce exports, or crm's own)");
  cmd->add_option("--kind", o->kind, "lead, account, contact, deal, product or activity")
      ->required()
      ->check(choices(importable_kinds()));
  cmd->add_option("FILE", o->file, "The CSV file, or - for standard input")->required();
  cmd->add_option("--map", o->maps,
                  "COLUMN=FIELD: put the column in this field (FIELD empty: leave it out); "
                  "repeatable");
  cmd->add_option("--key", o->key,
                  "The column of the other tool's IDs: kept as external_id, so that importing "
                  "again updates instead of duplicating");
  cmd->add_option("--map-stage", o->stage_maps,
                  "FROM=TO: the file's stage or status FROM is crm.yaml's stage TO, or won, "
                  "lost, ...; repeatable");
  cmd->add_option("--map-source", o->source_maps,
                  "FROM=TO: the file's lead source FROM is crm.yaml's lead source TO; repeatable");
  cmd->add_flag("--all-or-nothing", o->all_or_nothing,
                "Import nothing when any row is bad (exit 1)");
  cmd->add_option("--delimiter", o->delimiter, "The field delimiter: , (default), ; | or tab");
  cmd->add_option("--date-format", o->date_format,
                  "How to read 03/04/2026: M/D/YYYY, D/M/YYYY (or D.M.YYYY), or ISO for "
                  "ISO dates only");
  cmd->footer(
      "Example: crm import csv --kind deal hubspot-deals.csv --key \"Record ID\" "
      "--map-stage \"Appointment scheduled=qualification\"\n"
      "Exit status: 0 every row imported; 1 some rows were bad (each is on stderr with its "
      "line; the good ones were imported, or none with --all-or-nothing); 2 the file cannot be "
      "read or an option is wrong (nothing imported).");
  cmd->callback([&ctx, o] {
    CsvImportOptions options;
    options.kind = import_csv_cmd::kind_named(o->kind);
    std::string file = o->file == "-" ? "standard input" : o->file;
    options.source =
        o->file == "-" ? "standard input" : std::filesystem::path(o->file).filename().string();
    for (const auto& m : o->maps) options.maps.push_back(split_mapping(m, "--map"));
    for (const auto& m : o->stage_maps)
      options.stage_maps.push_back(split_mapping(m, "--map-stage"));
    for (const auto& m : o->source_maps)
      options.source_maps.push_back(split_mapping(m, "--map-source"));
    options.key_column = o->key;
    options.delimiter = csv_delimiter(o->delimiter);
    if (!o->date_format.empty()) options.date_order = date_order(o->date_format);
    options.progress = progress_bar();
    std::string text = read_import_input(o->file, k_max_import_bytes);
    auto result = std::make_shared<CsvImportResult>();
    bool json = ctx.format_name() == "json";
    ctx.mutate(
        [&](Session& s) {
          *result = import_csv(s, text, options);
          print_bad_rows(*result, file);
          if (o->all_or_nothing && !result->bad.empty())
            throw RefusedError(
                fmt::format("{} of {} rows are bad: nothing was imported (--all-or-nothing)",
                            result->bad.size(), result->rows),
                "correct the rows named above and import again");
          return std::move(result->changes);
        },
        [&](const ChangeSet&, bool dry_run) {
          if (json)
            std::cout << emit_json(
                             summary_json(*result, kind_spec(options.kind).name, file, dry_run))
                      << '\n';
          else if (!ctx.options.quiet)
            print_summary(*result, kind_spec(options.kind).name, file, dry_run);
        });
    if (!result->bad.empty()) ctx.exit_code = static_cast<int>(ExitCode::refused);
  });
}

void setup_export(CLI::App& export_, Context& ctx) {
  struct Options {
    std::string kind, output;
    std::vector<std::string> refs;
    std::deque<std::pair<std::string, std::string>> filters;
    std::vector<CLI::Option*> filter_options;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = export_.add_subcommand(
      "csv", "Records of one kind as CSV with crm's field names (crm import csv reads it back)");
  cmd->add_option("--kind", o->kind, "The kind of record (default: the kind of the REFs)")
      ->check(choices(kind_names()));
  cmd->add_option("REF", o->refs, "Only these records");
  cmd->add_option("-o,--output", o->output, "Write to this file instead of standard output");
  for (const auto& [field, help] : std::vector<std::pair<std::string, std::string>>{
           {"status", "Only records in this state"},
           {"owner", "Only records of this owner"},
           {"stage", "Only deals in this stage"},
           {"source", "Only leads from this source"},
           {"account", "Only records of this account"},
           {"campaign", "Only records of this campaign"},
           {"type", "Only activities of this type"}}) {
    auto& slot = o->filters.emplace_back(field, "");
    o->filter_options.push_back(cmd->add_option("--" + field, slot.second, help));
  }
  cmd->footer(
      "Example: crm export csv --kind deal --status won -o won-deals.csv\n"
      "Lists (history, documents, a deal's roles) are left out; custom fields follow the "
      "declared ones.");
  cmd->callback([&ctx, o] {
    Session& s = ctx.session();
    const RecordStore& store = s.store;
    std::vector<Record> picked;
    for (const auto& ref : o->refs) {
      std::vector<Kind> kinds;
      if (!o->kind.empty()) kinds.push_back(import_csv_cmd::kind_named(o->kind));
      picked.push_back(resolve(store, ref, kinds));
    }
    if (o->kind.empty() && picked.empty())
      throw UsageError("export csv needs --kind or the records to export",
                       "e.g. crm export csv --kind contact");
    Kind kind = o->kind.empty() ? picked.front().kind() : import_csv_cmd::kind_named(o->kind);
    for (const Record& r : picked)
      if (r.kind() != kind)
        throw UsageError(
            fmt::format("{} is {}, not {}: a CSV file holds one kind", r.id(),
                        with_article(r.spec().name), with_article(kind_spec(kind).name)),
            "export each kind to its own file");
    std::vector<std::pair<std::string, std::string>> given;
    for (std::size_t i = 0; i < o->filters.size(); ++i) {
      if (!o->filter_options[i]->count()) continue;
      const auto& [field, value] = o->filters[i];
      if (!kind_spec(kind).has_field(field))
        throw UsageError(
            fmt::format("--{}: {} records have no {}", field, kind_spec(kind).name, field));
      given.push_back(o->filters[i]);
    }
    ListSelection selection = list_selection(store, kind, given, {}, "", s.clock.today());
    std::vector<LoadProblem> problems;
    std::vector<Record> records;
    if (picked.empty()) {
      records = query(store, kind, selection.filter, ctx.options.keep_going ? &problems : nullptr,
                      selection.status ? &*selection.status : nullptr);
    } else {
      for (Record& r : picked)
        if (matches(r, selection.filter) &&
            (!selection.status || matches_status(r, *selection.status)))
          records.push_back(std::move(r));
    }
    ctx.out().warn_all(problems);
    if (o->output.empty()) {
      std::cout << export_csv(kind, records, ::isatty(STDOUT_FILENO) == 1);
      return;
    }
    std::ofstream out(o->output, std::ios::binary | std::ios::trunc);
    if (!out) throw UsageError(fmt::format("cannot write {}: {}", o->output, std::strerror(errno)));
    out << export_csv(kind, records);
    out.close();
    if (!out) throw UsageError(fmt::format("cannot write {}: {}", o->output, std::strerror(errno)));
  });
}

}  // namespace import_csv_cmd

void setup_import_csv(CLI::App& import, CLI::App& export_, Context& ctx) {
  import_csv_cmd::setup_import(import, ctx);
  import_csv_cmd::setup_export(export_, ctx);
}

}  // namespace crm::cli
