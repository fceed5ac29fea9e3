// crm import json and crm export json.
#include "commands.h"

namespace crm::cli {

void setup_import_json(CLI::App& /*import*/, CLI::App& /*export_*/, Context& /*ctx*/) {}

}  // namespace crm::cli
