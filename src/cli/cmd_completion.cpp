// crm completion bash|zsh|fish and the hidden crm __complete.
#include "commands.h"

namespace crm::cli {

void setup_completion(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace crm::cli
