// Campaigns: adding (and what a campaign must have), the lifecycle with its derived `ended`,
// and leads that name their campaign, which conversion carries to the deal.
#include <catch2/catch.hpp>

#include "crm/base/error.h"
#include "crm/relationship/campaigns.h"
#include "crm/relationship/leads.h"
#include "helpers.h"

using namespace crm;
using crm_test::DataDir;
using crm_test::thrown;

namespace campaigns_tests {
namespace {

CampaignInput fair() {
  CampaignInput in;
  in.name = "Hannover Messe 2026";
  in.channel = "fair";
  in.cost = "4500";
  in.from = "2026-04-20";
  in.to = "2026-04-24";
  return in;
}

}  // namespace

TEST_CASE("add_campaign writes an active campaign in crm.yaml's currency", "[campaigns]") {
  DataDir d;
  Record c = d.apply(add_campaign(d.session, fair()));
  CHECK(c.id().rfind("M-", 0) == 0);
  CHECK(c.status() == "active");
  CHECK(c.get("cost") == "4500.00");
  CHECK(c.get("currency") == "EUR");
  CHECK(c.get("from") == "2026-04-20");
  CHECK(c.get("to") == "2026-04-24");
  CHECK(c.get("owner") == "tester");
  // Past its last day (today is 2026-11-23) an active campaign shows as ended, until closed.
  CHECK(effective_status(c, Date(2026, 11, 23)) == "ended");
  CHECK(effective_status(c, Date(2026, 4, 24)) == "active");
  Record closed = d.apply(transition(d.session, c, "close"));
  CHECK(effective_status(closed, Date(2026, 11, 23)) == "closed");
  CHECK_THROWS_AS(transition(d.session, closed, "close"), RefusedError);
}

TEST_CASE("add_campaign refuses what a campaign cannot be, and writes nothing", "[campaigns]") {
  DataDir d;
  auto refused = [&](CampaignInput in, const std::string& says) {
    auto e = thrown<UsageError>([&] { add_campaign(d.session, in); });
    CHECK_THAT(std::string(e.what()), Catch::Contains(says));
    CHECK(d.count(Kind::campaign) == 0);
  };
  CampaignInput in = fair();
  in.channel = "tv";
  refused(in, "tv");
  in = fair();
  in.cost = "-1";
  refused(in, "negative");
  in = fair();
  in.cost = "10.005";
  refused(in, "--cost");
  in = fair();
  in.to = "2026-04-19";
  refused(in, "comes before");
  in = fair();
  in.to = "";
  refused(in, "--to");
  in = fair();
  in.name = "";
  refused(in, "--name");
  in = fair();
  in.from = "2026-02-30";
  refused(in, "--from");
  // JPY has no minor digits: 4500 is written as 4500.
  in = fair();
  in.currency = "JPY";
  CHECK(d.apply(add_campaign(d.session, in)).get("cost") == "4500");
}

TEST_CASE("A lead names its campaign by any reference, and conversion carries it to the deal",
          "[campaigns][leads]") {
  DataDir d;
  Record c = d.apply(add_campaign(d.session, fair()));
  Record lead =
      d.apply(add_lead(d.session, {{"name", "Jan Kowalski"}, {"campaign", "Hannover Messe 2026"}}));
  CHECK(lead.get("campaign") == c.id());
  CHECK_THROWS_AS(add_lead(d.session, {{"name", "Ewa"}, {"campaign", "No such fair"}}),
                  NotFoundError);
  ChangeSet converted = convert_lead(d.session, lead, {});
  d.commit(converted);
  bool found_deal = false;
  for (const auto& change : converted.changes)
    if (change.record.kind() == Kind::deal) {
      CHECK(change.record.get("campaign") == c.id());
      found_deal = true;
    }
  CHECK(found_deal);
}

}  // namespace campaigns_tests
