#include "crm/sales/deal_rules.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/store/store.h"

namespace crm {
namespace {

std::vector<Record> records_of_deal(const Store& store, Kind kind, const std::string& deal_id) {
  std::vector<Record> out;
  store.for_each(kind, [&](const Record& r) {
    if (r.get("deal") == deal_id) out.push_back(r);
  });
  return out;
}

}  // namespace

std::vector<Record> quotes_of_deal(const Store& store, const std::string& deal_id) {
  return records_of_deal(store, Kind::quote, deal_id);
}

std::vector<Record> orders_of_deal(const Store& store, const std::string& deal_id) {
  return records_of_deal(store, Kind::order, deal_id);
}

bool quote_is_expired(const Record& quote, const Date& today) {
  if (quote.status() != "sent") return quote.status() == "expired";
  auto valid_until = Date::parse_iso(quote.get("valid_until"));
  return valid_until && *valid_until < today;
}

Guard deal_needs_accepted_quote() {
  return Guard{"needs an accepted quote",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<std::string> {
                 if (!ctx.store) return std::nullopt;
                 auto quotes = quotes_of_deal(*ctx.store, deal.id());
                 bool accepted = std::any_of(quotes.begin(), quotes.end(), [](const Record& q) {
                   return q.status() == "accepted";
                 });
                 if (accepted) return std::nullopt;
                 return std::string("it has no accepted quote");
               },
               "accept a quote first: crm quote accept Q-..."};
}

Guard deal_has_no_pending_quote() {
  return Guard{"refused while a sent quote awaits an answer",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<std::string> {
                 if (!ctx.store) return std::nullopt;
                 Date today = ctx.today.value_or(Date(1970, 1, 1));
                 for (const Record& q : quotes_of_deal(*ctx.store, deal.id()))
                   if (q.status() == "sent" && !quote_is_expired(q, today))
                     return fmt::format("quote {} is sent and awaits an answer",
                                        q.get("number").empty() ? q.id() : q.get("number"));
                 return std::nullopt;
               },
               "record the customer's answer first: crm quote reject Q-... --reason ..."};
}

Guard deal_orders_delivered() {
  return Guard{"needs every order of the deal delivered",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<std::string> {
                 if (!ctx.store) return std::nullopt;
                 auto orders = orders_of_deal(*ctx.store, deal.id());
                 int live = 0;
                 for (const Record& o : orders) {
                   if (o.status() == "cancelled") continue;
                   ++live;
                   if (o.status() == "open")
                     return fmt::format("order {} is not delivered yet",
                                        o.get("number").empty() ? o.id() : o.get("number"));
                 }
                 if (live == 0) return std::string("it has no order");
                 return std::nullopt;
               },
               "deliver the orders first: crm order deliver SO-..."};
}

}  // namespace crm
