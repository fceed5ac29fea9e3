// crm import csv and crm export csv.
#include "commands.h"

namespace crm::cli {

void setup_import_csv(CLI::App& /*import*/, CLI::App& /*export_*/, Context& /*ctx*/) {}

}  // namespace crm::cli
