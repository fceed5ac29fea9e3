#include "crm/exchange/column_maps.h"

#include "crm/base/text.h"

namespace crm {

const std::vector<HeaderTable>& header_tables() {
  static const std::vector<HeaderTable> k_tables = {
      {"Google Contacts",
       {{"Name", "name"},
        {"Given Name", "first_name"},
        {"Family Name", "last_name"},
        {"First Name", "first_name"},
        {"Last Name", "last_name"},
        {"E-mail 1 - Value", "email"},
        {"Phone 1 - Value", "phone"},
        {"Organization 1 - Name", "account"},
        {"Organization 1 - Title", "title"},
        {"Organization Name", "account"},
        {"Organization Title", "title"},
        {"Website 1 - Value", "website"},
        {"Address 1 - Formatted", "address"},
        {"Notes", "notes"}}},
      {"Outlook",
       {{"First Name", "first_name"},
        {"Last Name", "last_name"},
        {"E-mail Address", "email"},
        {"Business Phone", "phone"},
        {"Mobile Phone", "phone"},
        {"Home Phone", "phone"},
        {"Company", "account"},
        {"Job Title", "title"},
        {"Web Page", "website"},
        {"Notes", "notes"}}},
      {"HubSpot",
       {{"First Name", "first_name"},
        {"Last Name", "last_name"},
        {"Email", "email"},
        {"Phone Number", "phone"},
        {"Mobile Phone Number", "phone"},
        {"Company Name", "account"},
        {"Associated Company", "account"},
        {"Job Title", "title"},
        {"Lifecycle Stage", "lifecycle_stage"},
        {"Lead Status", "status"},
        {"Contact owner", "owner"},
        {"Deal Name", "title"},
        {"Amount", "amount"},
        {"Deal Stage", "stage"},
        {"Close Date", "close_date"},
        {"Deal owner", "owner"},
        {"Create Date", "created"},
        {"Pipeline", "pipeline"},
        {"Closed Lost Reason", "reason"},
        {"Deal Description", "notes"},
        {"Website URL", "website"},
        {"Industry", "industry"}}},
      {"Pipedrive",
       {{"Deal - Title", "title"},
        {"Deal - Value", "amount"},
        {"Deal - Currency", "currency"},
        {"Deal - Stage", "stage"},
        {"Deal - Status", "status"},
        {"Deal - Owner", "owner"},
        {"Deal - Organization", "account"},
        {"Deal - Contact person", "contact"},
        {"Deal - Expected close date", "close_by"},
        {"Deal - Won time", "closed"},
        {"Deal - Lost time", "closed"},
        {"Deal - Lost reason", "reason"},
        {"Deal - Deal created", "created"},
        {"Deal - Product", "product"},
        {"Deal - Pipeline", "pipeline"},
        {"Person - Name", "name"},
        {"Person - Email", "email"},
        {"Person - Phone", "phone"},
        {"Person - Organization", "account"},
        {"Person - Owner", "owner"},
        {"Person - Job title", "title"},
        {"Organization - Name", "account"},
        {"Organization - Address", "address"}}},
      {"Salesforce",
       {{"Opportunity Name", "title"},
        {"Account Name", "account"},
        {"Amount", "amount"},
        {"Amount Currency", "currency"},
        {"Opportunity Currency", "currency"},
        {"Stage", "stage"},
        {"Close Date", "close_date"},
        {"Opportunity Owner", "owner"},
        {"Created Date", "created"},
        {"Lead Source", "source"},
        {"Product Name", "product"},
        {"Loss Reason", "reason"},
        {"Description", "notes"},
        {"First Name", "first_name"},
        {"Last Name", "last_name"},
        {"Company", "account"},
        {"Title", "?title"},
        {"Email", "email"},
        {"Phone", "phone"},
        {"Mobile", "phone"},
        {"Lead Status", "status"},
        {"Lead Owner", "owner"},
        {"Industry", "industry"},
        {"Website", "website"}}},
      {"Other exports",
       {{"Full Name", "name"},
        {"E-mail", "email"},
        {"Email Address", "email"},
        {"Telephone", "phone"},
        {"Organization", "account"},
        {"Organisation", "account"},
        {"Product", "product"},
        {"SKU", "sku"},
        {"Owner", "owner"}}},
  };
  return k_tables;
}

std::optional<HeaderMatch> match_header(std::string_view header) {
  std::string wanted = fold_case(trim(header));
  for (const HeaderTable& table : header_tables())
    for (const auto& [name, field] : table.columns)
      if (fold_case(name) == wanted) return HeaderMatch{field, table.tool};
  return std::nullopt;
}

const std::vector<StateTable>& state_tables() {
  static const std::vector<StateTable> k_tables = {
      {"HubSpot",
       {{"closedwon", "won"},
        {"Closed Won", "won"},
        {"closedlost", "lost"},
        {"Closed Lost", "lost"},
        {"NEW", "new"},
        {"OPEN", "contacted"},
        {"IN_PROGRESS", "contacted"},
        {"ATTEMPTED_TO_CONTACT", "contacted"},
        {"CONNECTED", "contacted"},
        {"OPEN_DEAL", "qualified"},
        {"UNQUALIFIED", "disqualified"},
        {"BAD_TIMING", "disqualified"}}},
      {"Pipedrive", {{"open", "open"}, {"won", "won"}, {"lost", "lost"}}},
      {"Salesforce",
       {{"Closed Won", "won"},
        {"Closed Lost", "lost"},
        {"Open - Not Contacted", "new"},
        {"Working - Contacted", "contacted"},
        {"Closed - Not Converted", "disqualified"}}},
  };
  return k_tables;
}

std::optional<std::string> known_state(std::string_view value) {
  std::string wanted = fold_case(trim(value));
  for (const StateTable& table : state_tables())
    for (const auto& [name, state] : table.values)
      if (fold_case(name) == wanted) return state;
  return std::nullopt;
}

std::string snake_case(std::string_view header) {
  std::string out;
  bool gap = false;
  for (char c : fold_case(trim(header))) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
    if (!word) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += '_';
    gap = false;
    out += c;
  }
  return out;
}

}  // namespace crm
