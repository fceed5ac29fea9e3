// crm merge-file BASE OURS THEIRS PATH (git's merge driver) and crm resolve.
#include "commands.h"

namespace crm::cli {

void setup_merge(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace crm::cli
