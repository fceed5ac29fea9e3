// crm call REF, crm call end: a phone call through the configured dialer, logged as it starts.
#include "commands.h"

namespace crm::cli {

void setup_call(CLI::App& app, Context& ctx) {
  (void)app;
  (void)ctx;
}

}  // namespace crm::cli
