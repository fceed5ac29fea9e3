// The crm command line as one CLI11 application: global options, the registration list of
// commands, and the one place where every error is turned into a message and an exit code.
#pragma once

namespace CLI {
class App;
}

namespace crm::cli {

class Context;

// Builds the whole command tree on `app`, bound to `ctx` (tests walk it without running it).
void configure_app(CLI::App& app, Context& ctx);

// Parses argv, runs the command, prints any error once; returns the exit code.
int run(int argc, char** argv);

}  // namespace crm::cli
