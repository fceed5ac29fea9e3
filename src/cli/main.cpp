// crm: a command-line CRM over a directory of YAML records. The program is the library in
// crm_cli (app.h); this file only starts it.
#include "app.h"

int main(int argc, char** argv) {
  return crm::cli::run(argc, argv);
}
