// crm account add|list|show|edit and crm contact add|list|show|edit|erase
#include <memory>

#include "commands.h"
#include "crm/relationship/parties.h"
#include "record_commands.h"

namespace crm::cli {
namespace {

// The postal address and tax ID that documents for customers print (docs/documents.md).
void bind_postal_fields(CLI::App* cmd, FieldOptions& fields, const std::string& address,
                        const std::string& tax_id) {
  fields.bind(cmd, "address", address);
  fields.bind(cmd, "postal_code", "Postal code");
  fields.bind(cmd, "city", "City");
  fields.bind(cmd, "country", "Country");
  fields.bind(cmd, "tax_id", tax_id);
}

// `adding`: what a new record must have is required by `add` (and optional for `edit`).
void bind_account_fields(CLI::App* cmd, FieldOptions& fields, bool adding) {
  CLI::Option* name = fields.bind(cmd, "name", "Company or counterparty name");
  if (adding) name->required();
  fields.bind(cmd, "email", "Email address");
  fields.bind(cmd, "phone", "Phone number");
  fields.bind(cmd, "website", "Web site");
  fields.bind(cmd, "industry", "Industry");
  bind_postal_fields(cmd, fields, "Street and number (or the whole postal address)",
                     "VAT or tax number, as documents print it");
  fields.bind(cmd, "owner", "Responsible user (default: the acting user)");
  fields.bind(cmd, "notes", "Free text");
}

void bind_contact_fields(CLI::App* cmd, FieldOptions& fields, bool adding) {
  CLI::Option* name = fields.bind(cmd, "name", "The person's name");
  if (adding) name->required();
  fields.bind(cmd, "account", "The account the person works for (ID, prefix, name or email)");
  fields.bind(cmd, "title", "Job title");
  fields.bind(cmd, "email", "Email address");
  fields.bind(cmd, "phone", "Phone number");
  bind_postal_fields(cmd, fields, "Postal address: street and number, or the whole address",
                     "A sole trader's VAT or tax number");
  fields.bind(cmd, "owner", "Responsible user (default: the acting user)");
  fields.bind(cmd, "notes", "Free text");
}

}  // namespace

void setup_account(CLI::App& app, Context& ctx) {
  CLI::App* account = app.add_subcommand("account", "Accounts: companies and counterparties");
  account->require_subcommand(1);
  auto fields = std::make_shared<FieldOptions>();
  CLI::App* add = account->add_subcommand("add", "Add an account");
  bind_account_fields(add, *fields, true);
  add->footer("Example: crm account add --name \"Acme Sp. z o.o.\" --phone \"+48 42 683 74 61\"");
  add->callback(
      [&ctx, fields] { ctx.mutate([&](Session& s) { return add_account(s, fields->edits()); }); });
  add_list_command(
      account, ctx,
      {Kind::account,
       {"id", "name", "email", "phone", "owner"},
       {{"owner", "Only accounts of this owner"}, {"industry", "Only accounts in this industry"}},
       "crm account list acme --json"});
  add_show_command(account, ctx, Kind::account, "crm account show \"Acme Sp. z o.o.\"");
  add_edit_command(
      account, ctx, Kind::account,
      [](CLI::App* cmd, FieldOptions& fields) { bind_account_fields(cmd, fields, false); },
      "crm account edit A-7K3Q --owner anna");
}

void setup_contact(CLI::App& app, Context& ctx) {
  CLI::App* contact = app.add_subcommand("contact", "Contacts: the people at accounts");
  contact->require_subcommand(1);
  auto fields = std::make_shared<FieldOptions>();
  CLI::App* add = contact->add_subcommand("add", "Add a contact");
  bind_contact_fields(add, *fields, true);
  add->footer("Example: crm contact add --name \"Ewa Nowak\" --account Acme --title CFO");
  add->callback(
      [&ctx, fields] { ctx.mutate([&](Session& s) { return add_contact(s, fields->edits()); }); });
  add_list_command(
      contact, ctx,
      {Kind::contact,
       {"id", "name", "account", "title", "email", "phone"},
       {{"account", "Only contacts of this account"}, {"owner", "Only contacts of this owner"}},
       "crm contact list --account \"Acme Sp. z o.o.\""});
  add_show_command(contact, ctx, Kind::contact, "crm contact show ewa.nowak@acme.example");
  add_edit_command(
      contact, ctx, Kind::contact,
      [](CLI::App* cmd, FieldOptions& fields) { bind_contact_fields(cmd, fields, false); },
      "crm contact edit C-7K3Q --title \"Head of Purchasing\"");
  add_erase_command(contact, ctx, Kind::contact, "crm contact erase ewa.nowak@acme.example");
}

}  // namespace crm::cli
