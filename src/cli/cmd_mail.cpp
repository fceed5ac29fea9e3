// crm mail REF: compose and send a message to a record's contact (crm mail import is in
// cmd_mail_import.cpp).
#include "commands.h"

namespace crm::cli {

void setup_mail(CLI::App& app, Context& ctx) {
  CLI::App* mail =
      app.add_subcommand("mail", "Send e-mail to a record's contact, and file the mail received");
  setup_mail_import(mail, ctx);
}

}  // namespace crm::cli
