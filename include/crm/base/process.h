// Running another program (a hook, sendmail, a dialer, the PDF converter, $EDITOR): always
// with an argument vector, never through a shell, so that no value from a record or an
// argument is ever read as shell syntax. The one place, besides git, that spawns processes.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crm {

struct ProcessRequest {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no slash
  std::string input;              // written to the program's standard input, then closed
  // Seconds before the program (and its process group) is killed; 0 waits for ever.
  double timeout_seconds = 0;
  std::optional<std::filesystem::path> working_dir;
  // Added to (or replacing in) the inherited environment.
  std::map<std::string, std::string> environment;
  // Inherit the terminal instead of capturing: standard input, output and error are ours
  // ($EDITOR). `input` is ignored then, and output and errors stay empty.
  bool interactive = false;
};

struct ProcessResult {
  bool started = false;    // false when the program could not be run (see `error`)
  int exit_code = -1;      // the exit status; 128+N when killed by signal N
  bool timed_out = false;  // killed because it ran past the timeout
  std::string output;      // its standard output
  std::string errors;      // its standard error
  std::string error;       // why it could not be started ("No such file or directory")

  bool succeeded() const { return started && !timed_out && exit_code == 0; }
};

// Runs the program to its end (or its timeout). Never throws for the program's own failure.
ProcessResult run_process(const ProcessRequest& request);

// Starts the program and does not wait for it (a softphone that stays open): its standard
// streams are /dev/null, and it is reaped by init. Returns why it could not start, if it could not.
std::optional<std::string> start_detached(const std::vector<std::string>& argv);

// The full path of `program` as PATH finds it (or itself when it holds a slash and is
// executable); nullopt when there is none.
std::optional<std::filesystem::path> find_program(const std::string& program);

}  // namespace crm
