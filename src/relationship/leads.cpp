#include "crm/relationship/leads.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/parties.h"

namespace crm {

ChangeSet add_lead(Session& session, const FieldEdits& edits) {
  Record lead = new_record(session, Kind::lead, "new");
  apply_edits(lead, edits, session.actor());
  if (lead.get("name").empty()) throw UsageError("a lead needs --name");
  if (!lead.has("owner")) lead.set_text("owner", session.user);
  ChangeSet changes;
  changes.summary = fmt::format("lead add {}", lead.id());
  changes.created(std::move(lead));
  return changes;
}

ChangeSet transition_lead(Session& session, Record lead, const std::string& command,
                          const std::string& reason) {
  fire(lead, command, session.actor(), reason, session.guards());
  if (command == "disqualify") lead.set_text("reason", reason);
  ChangeSet changes;
  changes.summary = fmt::format("lead {} {}", command, lead.id());
  changes.updated(std::move(lead));
  return changes;
}

ChangeSet convert_lead(Session& session, Record lead, const ConvertOptions& options) {
  // Fire first: a refused conversion must not have created anything.
  fire(lead, "convert", session.actor(), {}, session.guards());
  ChangeSet changes;

  std::string company = lead.get("company");
  std::optional<Record> account;
  std::string account_name = company.empty() ? lead.get("name") : company;
  std::vector<Record> same_name;
  if (!options.account)
    session.store.for_each(Kind::account, [&](const Record& a) {
      if (a.get("name") == account_name) same_name.push_back(a);
    });
  if (same_name.size() > 1)
    throw RefusedError(fmt::format("lead convert refused for lead {}: {} accounts are named '{}'",
                                   lead.id(), same_name.size(), account_name),
                       "name the one to link: crm lead convert " + lead.id() + " --account A-...");
  bool account_is_new = false;
  if (options.account) {
    account = resolve(session.store, *options.account, {Kind::account});
  } else if (same_name.size() == 1) {
    account = same_name.front();  // an account of that exact name exists: link it
  } else {
    account_is_new = true;
    account = make_account(session, {{"name", company.empty() ? lead.get("name") : company},
                                     {"owner", lead.get("owner")}});
    if (company.empty()) {
      // A person buying for themselves: their details belong on the account too.
      apply_edits(*account, {{"email", lead.get("email")}, {"phone", lead.get("phone")}},
                  session.actor());
    }
  }

  // The account may be new and unwritten, so it is set by ID rather than resolved.
  Record contact = make_contact(session, {{"name", lead.get("name")},
                                          {"email", lead.get("email")},
                                          {"phone", lead.get("phone")},
                                          {"owner", lead.get("owner")}});
  contact.set_text("account", account->id());

  const Stage& first_stage = session.store.config().stages.front();
  Record deal = new_record(session, Kind::deal, "open");
  std::string title = options.title
                          ? *options.title
                          : fmt::format("{} deal", company.empty() ? lead.get("name") : company);
  apply_edits(deal,
              {{"title", title},
               {"stage", first_stage.name},
               {"account", account->id()},
               {"contact", contact.id()},
               {"lead", lead.id()},
               {"owner", lead.get("owner")},
               {"currency", session.store.config().currency}},
              session.actor());

  lead.set_text("account", account->id());
  lead.set_text("contact", contact.id());
  lead.set_text("deal", deal.id());

  changes.summary = fmt::format("lead convert {} -> {}, {}, {}", lead.id(), account->id(),
                                contact.id(), deal.id());
  if (account_is_new) changes.created(std::move(*account));
  changes.created(std::move(contact));
  changes.created(std::move(deal));
  changes.updated(std::move(lead));
  return changes;
}

}  // namespace crm
