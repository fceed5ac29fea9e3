// crm import vcard and crm export vcard.
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "commands.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/exchange/import_input.h"
#include "crm/exchange/vcard_import.h"
#include "crm/kinds/reference.h"
#include "crm/store/files.h"

namespace crm::cli {
namespace vcard_cmd {

// A phone's whole address book with photos is a few MB; this is room for a company's.
constexpr std::size_t k_max_vcard_bytes = std::size_t{256} << 20;

struct ExportOptions {
  std::vector<std::string> refs;
  std::string output;
};

std::string counted(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string skipped_text(const VcardImport& r) {
  std::vector<std::string> parts;
  for (const auto& [property, count] : r.binary_skipped)
    parts.push_back(fmt::format("{} {} (binary)", count, property));
  for (const auto& [property, count] : r.not_kept)
    parts.push_back(fmt::format("{} {}", count, property));
  return join(parts, ", ");
}

void run_import(Context& ctx, const std::vector<std::string>& paths) {
  std::vector<VcardInput> inputs;
  for (const std::string& path : paths)
    inputs.push_back({import_input_name(path), read_import_input(path, k_max_vcard_bytes)});
  VcardImport result;
  ctx.mutate([&](Session& s) {
    result = import_vcards(s, inputs);
    return result.changes;
  });
  for (const std::string& bad : result.bad) warn("bad card, not imported: " + bad);
  if (ctx.out().format() != Format::table) return;
  ctx.out().text(fmt::format("{}{} created, {} updated, {} unchanged; {} created; {}\n",
                             ctx.options.dry_run ? "dry run, nothing written: " : "",
                             counted(result.created, "contact", "contacts"), result.updated,
                             result.unchanged,
                             counted(result.accounts_created, "account", "accounts"),
                             counted(result.bad.size(), "bad card", "bad cards")));
  if (std::string skipped = skipped_text(result); !skipped.empty())
    ctx.out().text("not kept: " + skipped + "\n");
}

void run_export(Context& ctx, const ExportOptions& args) {
  const RecordStore& store = ctx.session().store;
  std::vector<Record> contacts;
  std::vector<LoadProblem> problems;
  if (args.refs.empty())
    contacts = store.load_all(Kind::contact, ctx.options.keep_going ? &problems : nullptr);
  for (const std::string& ref : args.refs) contacts.push_back(resolve(store, ref, {Kind::contact}));
  for (const LoadProblem& p : problems) warn(p.message + " (skipped)");
  std::string cards = export_vcards(store, contacts);
  if (args.output.empty() || args.output == "-")
    std::cout << cards;
  else
    write_file_atomic(std::filesystem::absolute(args.output), cards, store.config().file_mode);
}

}  // namespace vcard_cmd

void setup_import_vcard(CLI::App& import, CLI::App& export_, Context& ctx) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* in = import.add_subcommand("vcard", "Read contacts from vCard files (2.1, 3.0, 4.0)");
  in->add_option("FILE", *paths, "vCard files (.vcf) from a phone or mail client; - for stdin")
      ->required();
  in->footer(
      "Cards match contacts by e-mail (any of them), so importing again changes nothing.\n"
      "ORG finds or creates the account. Bad cards are reported and skipped; the rest is\n"
      "written in one commit. docs/import.md says where each property goes.\n"
      "Example: crm import vcard contacts.vcf --dry-run");
  in->callback([&ctx, paths] { vcard_cmd::run_import(ctx, *paths); });

  auto exp = std::make_shared<vcard_cmd::ExportOptions>();
  CLI::App* out = export_.add_subcommand("vcard", "Write contacts as vCard 4.0 (RFC 6350)");
  out->add_option("REF", exp->refs, "Contacts to write (ID, prefix, name or e-mail); default all");
  out->add_option("-o,--output", exp->output, "Write it to FILE (atomically) instead of stdout");
  out->footer(
      "Example: crm export vcard -o contacts.vcf ; crm export vcard ewa.nowak@acme.example");
  out->callback([&ctx, exp] { vcard_cmd::run_export(ctx, *exp); });
}

}  // namespace crm::cli
