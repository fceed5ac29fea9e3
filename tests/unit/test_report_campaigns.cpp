// The campaigns report: what each campaign cost and brought, worked out by hand.
#include <catch2/catch.hpp>

#include "report_helpers.h"

using namespace crm;
using crm_test::ReportDir;
using crm_test::rows_of;

namespace report_campaigns_tests {
namespace {

// Today is 2026-11-23.
struct Campaigns : ReportDir {
  Campaigns() {
    fair = campaign("Fair 2026", "fair", "active", "EUR", "1000.00", "2026-03-01", "2026-03-03",
                    "anna");  // past its last day: ended
    web =
        campaign("Web spring", "web", "closed", "EUR", "300.00", "2026-04-01", "2026-06-30", "ben");
    ads = campaign("US ads", "ads", "active", "USD", "500.00", "2026-10-01", "2026-12-31", "anna");
    zero = campaign("Zero", "mail", "closed", "EUR", "0.00", "2026-09-01", "2026-09-30", "ben");
    // The fair: 4 leads, 2 converted; d1 (won 5000.00) names the campaign, d2 (lost) only its lead.
    std::string l1 = lead(fair, "converted"), l2 = lead(fair, "converted");
    lead(fair, "new");
    lead(fair, "disqualified");
    deal(l1, fair, "won", "EUR", "5000.00");
    deal(l2, "", "lost", "EUR", "2000.00");
    // The web campaign: 2 leads, both converted and won: 1200.00 EUR and 700.00 USD.
    std::string l5 = lead(web, "converted"), l6 = lead(web, "converted");
    deal(l5, web, "won", "EUR", "1200.00");
    deal(l6, web, "completed", "USD", "700.00");
    // The ads: 1 lead, not converted; a deal that names the campaign without a lead, won.
    lead(ads, "qualified");
    deal("", ads, "won", "USD", "2000.00");
    deal("", "", "won", "EUR", "99.00");  // no campaign
  }
  std::string campaign(const std::string& name, const std::string& channel,
                       const std::string& status, const std::string& currency,
                       const std::string& cost, const std::string& from, const std::string& to,
                       const std::string& owner) {
    return put_record(Kind::campaign,
                      {f("name", name), f("status", status), f("channel", channel), f("cost", cost),
                       f("currency", currency), f("from", from), f("to", to), f("owner", owner)})
        .id();
  }
  std::string lead(const std::string& campaign_id, const std::string& status) {
    return put_record(Kind::lead,
                      {f("name", "someone"), f("status", status), f("campaign", campaign_id)})
        .id();
  }
  void deal(const std::string& lead_id, const std::string& campaign_id, const std::string& status,
            const std::string& currency, const std::string& amount) {
    Fields fields = {f("title", "a deal"),       f("status", status),     f("stage", "negotiation"),
                     f("account", "A-00000000"), f("currency", currency), f("amount", amount)};
    if (!lead_id.empty()) fields.push_back(f("lead", lead_id));
    if (!campaign_id.empty()) fields.push_back(f("campaign", campaign_id));
    put_record(Kind::deal, fields);
  }
  std::string fair, web, ads, zero;
};

}  // namespace

TEST_CASE("Campaigns: cost, leads, deals, won value and return per campaign",
          "[report][campaigns]") {
  Campaigns c;
  Report r = c.report("campaigns");
  // Fair: 1000.00 / 4 leads = 250.00; / 1 won = 1000.00; (5000.00 - 1000.00) / 1000.00 = 400.0.
  // Web: 300.00 / 2 = 150.00 per lead and per won; (1200.00 - 300.00) / 300.00 = 300.0; its
  // USD deal stays out of won_value. Zero: nothing to divide. Ads: 500.00 / 1;
  // (2000.00 - 500.00) / 500.00 = 300.0. In the order of their first day.
  CHECK(rows_of(r, "campaigns") ==
        std::vector<std::string>{
            c.fair + " Fair 2026 fair ended 2026-03-01 2026-03-03 EUR 1000.00 4 2 2 1 5000.00 "
                     "250.00 1000.00 400.0",
            c.web + " Web spring web closed 2026-04-01 2026-06-30 EUR 300.00 2 2 2 2 1200.00 "
                    "150.00 150.00 300.0",
            c.zero + " Zero mail closed 2026-09-01 2026-09-30 EUR 0.00 0 0 0 0 0.00 - - -",
            c.ads + " US ads ads active 2026-10-01 2026-12-31 USD 500.00 1 0 1 1 2000.00 500.00 "
                    "500.00 300.0",
        });
  // EUR: cost 1000.00 + 300.00 + 0.00 = 1300.00; leads 6; converted 4; deals 4; won 3;
  // won 5000.00 + 1200.00 = 6200.00; 1300.00 / 6 = 216.666 -> 216.67; / 3 = 433.333 -> 433.33;
  // (6200.00 - 1300.00) / 1300.00 = 376.92 -> 376.9.
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"EUR 3 1300.00 6 4 4 3 6200.00 216.67 433.33 376.9",
                                 "USD 1 500.00 1 0 1 1 2000.00 500.00 500.00 300.0"});
  CHECK(r.notes == std::vector<std::string>{"Web spring (" + c.web +
                                            ") also won 700.00 USD in deals of another currency, "
                                            "not in its won_value"});
}

TEST_CASE("Campaigns: by channel, an owner, a currency, a period", "[report][campaigns]") {
  Campaigns c;
  ReportOptions by_channel;
  by_channel.by = "channel";
  // Channels in the vocabulary's order: fair, web, mail, ads.
  CHECK(rows_of(c.report("campaigns", by_channel), "campaigns") ==
        std::vector<std::string>{"fair EUR 1 1000.00 4 2 2 1 5000.00 250.00 1000.00 400.0",
                                 "web EUR 1 300.00 2 2 2 2 1200.00 150.00 150.00 300.0",
                                 "mail EUR 1 0.00 0 0 0 0 0.00 - - -",
                                 "ads USD 1 500.00 1 0 1 1 2000.00 500.00 500.00 300.0"});
  ReportOptions anna;
  anna.owner = "anna";
  CHECK(rows_of(c.report("campaigns", anna), "totals") ==
        std::vector<std::string>{"EUR 1 1000.00 4 2 2 1 5000.00 250.00 1000.00 400.0",
                                 "USD 1 500.00 1 0 1 1 2000.00 500.00 500.00 300.0"});
  ReportOptions dollars;
  dollars.currency = "USD";
  CHECK(rows_of(c.report("campaigns", dollars), "totals") ==
        std::vector<std::string>{"USD 1 500.00 1 0 1 1 2000.00 500.00 500.00 300.0"});
  // 2026-06-01..2026-09-15 overlaps the web campaign (to 06-30) and Zero (from 09-01).
  ReportOptions summer;
  summer.from = Date(2026, 6, 1);
  summer.to = Date(2026, 9, 15);
  Report s = c.report("campaigns", summer);
  CHECK(rows_of(s, "totals") ==
        std::vector<std::string>{"EUR 2 300.00 2 2 2 2 1200.00 150.00 150.00 300.0"});
  CHECK(s.notes.size() == 2);
}

TEST_CASE("Campaigns: a won deal without an amount counts as 0, and says so",
          "[report][campaigns]") {
  Campaigns c;
  std::string l = c.lead(c.ads, "converted");
  Campaigns::Fields fields = {Campaigns::f("title", "no amount"),
                              Campaigns::f("status", "won"),
                              Campaigns::f("stage", "negotiation"),
                              Campaigns::f("account", "A-00000000"),
                              Campaigns::f("lead", l),
                              Campaigns::f("currency", "USD")};
  c.put_record(Kind::deal, fields);
  ReportOptions dollars;
  dollars.currency = "USD";
  Report r = c.report("campaigns", dollars);
  // Ads: leads 2, converted 1, deals 2, won 2, won_value 2000.00 + 0; 500.00 / 2 = 250.00.
  CHECK(rows_of(r, "totals") ==
        std::vector<std::string>{"USD 1 500.00 2 1 2 2 2000.00 250.00 250.00 300.0"});
  CHECK(r.notes == std::vector<std::string>{"1 won deal without an amount counts as 0"});
}

TEST_CASE("Campaigns: an empty directory", "[report][campaigns]") {
  ReportDir empty;
  Report r = empty.report("campaigns");
  CHECK(rows_of(r, "campaigns").empty());
  CHECK(rows_of(r, "totals").empty());
}

}  // namespace report_campaigns_tests
