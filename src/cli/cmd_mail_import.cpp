// crm mail import FILE|MBOX|-: files received messages as email activities.
#include "commands.h"

namespace crm::cli {

void setup_mail_import(CLI::App* mail, Context& ctx) {
  (void)mail;
  (void)ctx;
}

}  // namespace crm::cli
