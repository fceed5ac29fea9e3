// Campaigns: the marketing that brings leads in (a fair, a web form, a mailing), with what it
// cost, so that reports can weigh the leads and deals it brought against its cost.
#pragma once

#include <string>

#include "crm/kinds/fields.h"
#include "crm/kinds/session.h"

namespace crm {

struct CampaignInput {
  std::string name;
  std::string channel;   // campaign_channels()
  std::string cost;      // an amount in `currency`
  std::string currency;  // default crm.yaml's
  std::string from, to;  // date words; `to` may not come before `from`
  std::string owner;     // default the acting user
  std::string notes;
};

// A new active campaign. UsageError for a missing or bad value.
ChangeSet add_campaign(Session& session, const CampaignInput& input);

}  // namespace crm
