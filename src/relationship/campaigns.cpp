#include "crm/relationship/campaigns.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"

namespace crm {

ChangeSet add_campaign(Session& session, const CampaignInput& input) {
  const Config& config = session.store.config();
  if (input.name.empty()) throw UsageError("a campaign needs --name");
  if (input.channel.empty()) throw UsageError("a campaign needs --channel");
  Currency currency = currency_for(input.currency.empty() ? config.currency : input.currency);
  Money cost = Money::parse(input.cost, currency, "--cost");
  if (cost.is_negative()) throw UsageError("--cost may not be negative");
  Date from = parse_date(input.from.empty() ? "today" : input.from, session.clock, "--from");
  if (input.to.empty()) throw UsageError("a campaign needs --to, its last day");
  Date to = parse_date(input.to, session.clock, "--to");
  if (to < from)
    throw UsageError(fmt::format("--to {} comes before --from {}", to.iso(), from.iso()),
                     "a campaign runs from its first day to its last");

  Record campaign = new_record(session, Kind::campaign);
  apply_edits(campaign,
              {{"name", input.name},
               {"channel", input.channel},
               {"cost", cost.str()},
               {"currency", currency.code},
               {"from", from.iso()},
               {"to", to.iso()},
               {"owner", input.owner.empty() ? session.user : input.owner},
               {"notes", input.notes}},
              session.actor(), config);
  std::string summary = fmt::format("campaign add {}", campaign.id());
  return ChangeSet::of_created(std::move(campaign), summary);
}

}  // namespace crm
