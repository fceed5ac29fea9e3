#include "crm/sales/sales_rules.h"

#include <fmt/format.h>

#include "crm/base/ids.h"
#include "crm/base/money.h"
#include "crm/sales/deal_rules.h"
#include "crm/store/store.h"

namespace crm {
namespace {

Date today_of(const GuardContext& ctx) {
  return ctx.today.value_or(Date(1970, 1, 1));
}

}  // namespace

bool contract_is_expired(const Record& contract, const Date& today) {
  if (contract.status() != "active") return contract.status() == "expired";
  auto to = Date::parse_iso(contract.get("to"));
  return to && *to < today;
}

bool invoice_is_overdue(const Record& invoice, const Date& today) {
  if (invoice.status() != "issued" && invoice.status() != "partially-paid") return false;
  auto due = Date::parse_iso(invoice.get("due"));
  return due && *due < today;
}

std::string effective_status(const Record& record, const Date& today) {
  switch (record.kind()) {
    case Kind::quote:
      return record.status() == "sent" && quote_is_expired(record, today) ? "expired"
                                                                          : record.status();
    case Kind::contract:
    case Kind::service_contract:
      return contract_is_expired(record, today) ? "expired" : record.status();
    case Kind::invoice:
      return invoice_is_overdue(record, today) ? "overdue" : record.status();
    default:
      return record.status();
  }
}

Guard quote_not_expired() {
  return Guard{"the quote is still valid (today is not after valid_until)",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<std::string> {
                 auto valid_until = Date::parse_iso(quote.get("valid_until"));
                 if (valid_until && *valid_until < today_of(ctx))
                   return fmt::format("it expired after {}", quote.get("valid_until"));
                 return std::nullopt;
               },
               "a draft: crm quote edit --valid-days N; a sent quote: crm quote revise"};
}

Guard quote_deal_open() {
  return Guard{
      "its deal is open",
      [](const Record& quote, const GuardContext& ctx) -> std::optional<std::string> {
        if (!ctx.store) return std::nullopt;
        std::string deal_id = quote.get("deal");
        auto prefix = id_prefix(deal_id);
        if (!prefix || !is_valid_id(deal_id, "D") || !ctx.store->exists(Kind::deal, deal_id))
          return std::nullopt;  // a broken reference is crm check's to report
        Record deal = ctx.store->load(Kind::deal, deal_id);
        if (deal.status() != "open")
          return fmt::format("its deal {} is {}", deal_id, deal.status());
        return std::nullopt;
      },
      "quotes belong to open deals; open a new deal with `crm deal add`"};
}

Guard deal_has_no_accepted_quote() {
  return Guard{"no other quote of the deal is accepted",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<std::string> {
                 if (!ctx.store) return std::nullopt;
                 for (const Record& q : quotes_of_deal(*ctx.store, quote.get("deal")))
                   if (q.id() != quote.id() && q.status() == "accepted")
                     return fmt::format("the deal already has an accepted quote, {}",
                                        q.get("number"));
                 return std::nullopt;
               },
               "a deal has at most one accepted quote; reject this one instead"};
}

Guard quote_revisable() {
  return Guard{"a sent quote only once it has expired",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<std::string> {
                 if (quote.status() == "sent" && !quote_is_expired(quote, today_of(ctx)))
                   return fmt::format("it is sent and valid until {}", quote.get("valid_until"));
                 return std::nullopt;
               },
               "record the customer's answer first: crm quote reject Q-... --reason ..."};
}

Guard contract_in_period() {
  return Guard{"today lies within the contract's from..to period",
               [](const Record& contract, const GuardContext& ctx) -> std::optional<std::string> {
                 Date today = today_of(ctx);
                 auto from = Date::parse_iso(contract.get("from"));
                 auto to = Date::parse_iso(contract.get("to"));
                 if (from && today < *from)
                   return fmt::format("it runs from {}, after today", contract.get("from"));
                 if (to && *to < today)
                   return fmt::format("it expired after {}", contract.get("to"));
                 return std::nullopt;
               },
               "release within the contract period, or agree a new contract"};
}

Guard invoice_has_no_payments() {
  return Guard{"only without payments",
               [](const Record& invoice, const GuardContext&) -> std::optional<std::string> {
                 const Value* payments = invoice.fields().find("payments");
                 if (payments && payments->is_sequence() && !payments->items().empty())
                   return std::string("it has payments");
                 return std::nullopt;
               },
               "issue a credit note instead (not supported yet), or void before any payment"};
}

}  // namespace crm
