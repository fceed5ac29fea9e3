// crm import csv|vcard|json ... and crm export csv|vcard|json ...: the two nouns; each format
// adds its verbs from its own cmd_import_<format>.cpp.
#include "commands.h"

namespace crm::cli {

void setup_import(CLI::App& app, Context& ctx) {
  CLI::App* import =
      app.add_subcommand("import", "Read records from other tools (CSV, vCard, JSON)");
  CLI::App* export_ =
      app.add_subcommand("export", "Write records for other tools (CSV, vCard, JSON)");
  import->require_subcommand(1);
  export_->require_subcommand(1);
  setup_import_csv(*import, *export_, ctx);
  setup_import_vcard(*import, *export_, ctx);
  setup_import_json(*import, *export_, ctx);
}

}  // namespace crm::cli
