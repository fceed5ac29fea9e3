// crm import vcard and crm export vcard.
#include "commands.h"

namespace crm::cli {

void setup_import_vcard(CLI::App& /*import*/, CLI::App& /*export_*/, Context& /*ctx*/) {}

}  // namespace crm::cli
