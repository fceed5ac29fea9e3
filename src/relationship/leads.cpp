#include "crm/relationship/leads.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/parties.h"

namespace crm {

ChangeSet add_lead(Session& session, FieldEdits edits) {
  resolve_reference_edits(session.store, Kind::lead, edits);
  Record lead = new_record(session, Kind::lead);
  apply_edits(lead, edits, session.actor(), session.store.config());
  if (lead.get("name").empty()) throw UsageError("a lead needs --name");
  if (!lead.has("owner")) lead.set_text("owner", session.user);
  ChangeSet changes;
  changes.summary = fmt::format("lead add {}", lead.id());
  changes.created(std::move(lead));
  return changes;
}

ChangeSet convert_lead(Session& session, Record lead, const ConvertOptions& options) {
  // Fire first: a refused conversion must not have created anything.
  Value input = Value::map();
  if (options.account) input.set("account", Value::string(*options.account));
  fire(lead, "convert", session.actor(), {}, session.guards(input));
  ChangeSet changes;

  std::string company = lead.get("company");
  std::string account_name = company.empty() ? lead.get("name") : company;
  std::optional<Record> account;
  bool account_is_new = false;
  if (options.account) {
    account = resolve(session.store, *options.account, {Kind::account});
  } else if (auto same_name = find_by_key(session.store, Kind::account, "name", account_name)) {
    account = std::move(*same_name);  // the one account of that exact name (a guard says one)
  } else {
    account_is_new = true;
    account = make_account(session, {{"name", account_name}, {"owner", lead.get("owner")}});
    if (company.empty()) {
      // A person buying for themselves: their details belong on the account too.
      apply_edits(*account, {{"email", lead.get("email")}, {"phone", lead.get("phone")}},
                  session.actor(), session.store.config());
    }
  }

  // The account may be new and unwritten, so it is set by ID rather than resolved.
  Record contact = make_contact(session, {{"name", lead.get("name")},
                                          {"email", lead.get("email")},
                                          {"phone", lead.get("phone")},
                                          {"owner", lead.get("owner")}});
  contact.set_text("account", account->id());

  const Stage& first_stage = session.store.config().stages.front();
  Record deal = new_record(session, Kind::deal);
  std::string title = options.title
                          ? *options.title
                          : fmt::format("{} deal", company.empty() ? lead.get("name") : company);
  apply_edits(deal,
              {{"title", title},
               {"stage", first_stage.name},
               {"account", account->id()},
               {"contact", contact.id()},
               {"lead", lead.id()},
               {"campaign", lead.get("campaign")},
               {"owner", lead.get("owner")},
               {"currency", session.store.config().currency}},
              session.actor(), session.store.config());

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
