// crm import json and crm export json.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "completion.h"
#include "crm/base/error.h"
#include "crm/exchange/import_input.h"
#include "crm/exchange/json_exchange.h"
#include "crm/store/files.h"

namespace crm::cli {
namespace json_cmd {

// An export of 100,000 records is about 80 MB.
constexpr std::size_t k_max_json_bytes = std::size_t{512} << 20;

struct ExportOptions {
  std::string kind;
  std::string output;
};

void run_export(Context& ctx, const ExportOptions& args) {
  std::optional<Kind> kind;
  if (!args.kind.empty()) {
    kind = kind_by_name(args.kind);
    if (!kind) {
      std::vector<std::string> names;
      for (const KindSpec& spec : all_kinds()) names.push_back(spec.name);
      throw UsageError(fmt::format("--kind {} is not a kind of record", args.kind),
                       fmt::format("use one of: {}", join(names, ", ")));
    }
  }
  const RecordStore& store = ctx.session().store;
  std::vector<LoadProblem> problems;
  std::string document = export_json(store, kind, ctx.options.keep_going ? &problems : nullptr);
  for (const LoadProblem& p : problems) warn(p.message + " (skipped)");
  if (args.output.empty() || args.output == "-")
    std::cout << document;
  else
    write_file_atomic(std::filesystem::absolute(args.output), document, store.config().file_mode);
}

void run_import(Context& ctx, const std::string& path) {
  std::string text = read_import_input(path, k_max_json_bytes);
  std::string name = import_input_name(path);
  std::size_t created = 0;
  std::size_t unchanged = 0;
  ctx.mutate([&](Session& s) {
    JsonImport result = import_json(s, text, name);
    created = result.changes.changes.size();
    unchanged = result.unchanged;
    return std::move(result.changes);
  });
  if (ctx.out().format() == Format::table)
    ctx.out().text(fmt::format("{}: {} {} {}, {} unchanged\n", name, created,
                               created == 1 ? "record" : "records",
                               ctx.options.dry_run ? "to create" : "created", unchanged));
}

}  // namespace json_cmd

void setup_import_json(CLI::App& import, CLI::App& export_, Context& ctx) {
  auto exp = std::make_shared<json_cmd::ExportOptions>();
  CLI::App* out = export_.add_subcommand("json", "Write every record as one JSON document");
  out->add_option("--kind", exp->kind, "Only the records of this kind (contact, deal, quote...)")
      ->check(choices(kind_names()));
  out->add_option("-o,--output", exp->output, "Write it to FILE (atomically) instead of stdout");
  out->footer(
      "The same data exported twice gives the same bytes; `crm import json` reads it back.\n"
      "Example: crm export json -o backup.json ; crm export json --kind contact | jq .");
  out->callback([&ctx, exp] { json_cmd::run_export(ctx, *exp); });

  auto path = std::make_shared<std::string>();
  CLI::App* in = import.add_subcommand("json", "Read records written by `crm export json`");
  in->add_option("FILE", *path, "The export document (- for standard input)")->required();
  in->footer(
      "Meant for a directory made with `crm init`: every record file comes back byte for byte.\n"
      "A record that exists identically is left alone; one that differs refuses the import\n"
      "(exit 1). Nothing is written unless all of it can be, in one commit.\n"
      "Example: crm init copy && crm -C copy import json backup.json");
  in->callback([&ctx, path] { json_cmd::run_import(ctx, *path); });
}

}  // namespace crm::cli
