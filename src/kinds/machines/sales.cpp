// The deal, quote, sales order, sales contract and invoice lifecycles, with the rules that can
// refuse each step (DESIGN section 3).
#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/money.h"
#include "machines.h"

namespace crm {
namespace {

using guards::and_list;
using guards::name_of;
using guards::referencing;
using guards::today_of;

bool quote_past_validity(const Record& quote, const Date& today) {
  return quote.status() == "sent" && guards::date_passed(quote, "valid_until", today);
}

bool live_contract_past_end(const Record& contract, const Date& today) {
  return contract.status() == "active" && guards::date_passed(contract, "to", today);
}

Decimal decimal_of(const Value& v, const char* key) {
  auto d = Decimal::parse(v.get(key));
  return d ? *d : Decimal();
}

// ---------------------------------------------------------------------------------------------
// deal

Guard deal_has_accepted_quote() {
  return Guard{"deal-accepted-quote", "needs an accepted quote",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (!ctx.store) return std::nullopt;
                 for (const Record& q : referencing(ctx, Kind::quote, "deal", deal.id()))
                   if (q.status() == "accepted") return std::nullopt;
                 return std::string("it has no accepted quote");
               },
               "accept a quote first: crm quote accept Q-..."};
}

Guard deal_has_no_pending_quote() {
  return Guard{"deal-no-pending-quote", "refused while a sent quote awaits an answer",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 for (const Record& q : referencing(ctx, Kind::quote, "deal", deal.id()))
                   if (q.status() == "sent" && !quote_past_validity(q, today_of(ctx)))
                     return fmt::format("quote {} is sent and awaits an answer", name_of(q));
                 return std::nullopt;
               },
               "record the customer's answer first: crm quote reject Q-... --reason ..."};
}

// Completion is the act that closes the deal: everything sold is delivered, billed and paid.
Guard deal_has_an_order() {
  return Guard{"deal-ordered", "needs an order or a sales contract",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (!ctx.store) return std::nullopt;
                 for (Kind kind : {Kind::order, Kind::contract})
                   for (const Record& r : referencing(ctx, kind, "deal", deal.id()))
                     if (r.status() != "cancelled") return std::nullopt;
                 return std::string("it has no order and no sales contract");
               },
               "make an order from the accepted quote: crm order create --quote Q-..."};
}

Guard deal_orders_delivered_and_invoiced() {
  return Guard{"deal-orders-invoiced", "every order not cancelled is delivered and invoiced",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 std::vector<std::string> open;
                 for (const Record& o : referencing(ctx, Kind::order, "deal", deal.id())) {
                   if (o.status() == "open")
                     open.push_back(fmt::format("order {} is not delivered", name_of(o)));
                   else if (o.status() == "delivered")
                     open.push_back(fmt::format("order {} is not invoiced", name_of(o)));
                 }
                 if (open.empty()) return std::nullopt;
                 return and_list(open);
               },
               "deliver with `crm order deliver SO-...`, bill with `crm invoice create --order "
               "SO-...`"};
}

Guard deal_invoices_paid() {
  return Guard{"deal-invoices-paid", "every invoice not voided is paid",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 std::vector<std::string> open;
                 for (const Record& i : referencing(ctx, Kind::invoice, "deal", deal.id()))
                   if (i.status() == "issued" || i.status() == "partially-paid")
                     open.push_back(fmt::format("invoice {} has {} {} due", name_of(i),
                                                i.get("balance"), i.get("currency")));
                 if (open.empty()) return std::nullopt;
                 return and_list(open);
               },
               "record the payments: crm payment add INV-... AMOUNT"};
}

Guard deal_contracts_closed() {
  return Guard{"deal-contracts-closed", "every sales contract is fulfilled, terminated or expired",
               [](const Record& deal, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 std::vector<std::string> open;
                 for (const Record& c : referencing(ctx, Kind::contract, "deal", deal.id())) {
                   if (c.status() != "active" || live_contract_past_end(c, today_of(ctx))) continue;
                   std::vector<std::string> left;
                   if (const Value* lines = c.find("lines"))
                     for (const Value& l : lines->items())
                       if (Decimal remaining = decimal_of(l, "qty") - decimal_of(l, "released");
                           Decimal() < remaining)
                         left.push_back(fmt::format("{} {}", remaining.str(), l.get("sku")));
                   open.push_back(fmt::format("contract {} has {} unreleased", name_of(c),
                                              left.empty() ? "nothing" : and_list(left)));
                 }
                 if (open.empty()) return std::nullopt;
                 return and_list(open);
               },
               "release the rest (crm contract release SK-...) or end it (crm contract terminate "
               "SK-... --reason ...)"};
}

// ---------------------------------------------------------------------------------------------
// quote

Guard quote_still_valid() {
  return Guard{"quote-valid", "the quote is still valid (today is not after valid_until)",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (guards::date_passed(quote, "valid_until", today_of(ctx)))
                   return fmt::format("it expired after {}", quote.get("valid_until"));
                 return std::nullopt;
               },
               "a draft: crm quote edit --valid-days N; a sent quote: crm quote revise"};
}

// A rule about the deal a quote belongs to, checked when the quote moves.
Guard quote_deal_open() {
  return Guard{"quote-deal-open", "its deal is open",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (!ctx.store) return std::nullopt;
                 std::string deal_id = quote.get("deal");
                 if (!ctx.store->exists(Kind::deal, deal_id))
                   return std::nullopt;  // a broken reference is crm check's to report
                 Record deal = ctx.store->load(Kind::deal, deal_id);
                 if (deal.status() != "open")
                   return fmt::format("its deal {} is {}", deal_id, deal.status());
                 return std::nullopt;
               },
               "quotes belong to open deals; open a new deal with `crm deal add`"};
}

Guard one_accepted_quote_per_deal() {
  return Guard{"quote-one-accepted", "no other quote of the deal is accepted",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 for (const Record& q : referencing(ctx, Kind::quote, "deal", quote.get("deal")))
                   if (q.id() != quote.id() && q.status() == "accepted")
                     return fmt::format("the deal already has an accepted quote, {}", name_of(q));
                 return std::nullopt;
               },
               "a deal has at most one accepted quote; reject this one instead"};
}

Guard quote_revisable() {
  return Guard{"quote-answered", "a sent quote only once it has expired",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (quote.status() == "sent" && !quote_past_validity(quote, today_of(ctx)))
                   return fmt::format("it is valid until {}", quote.get("valid_until"));
                 return std::nullopt;
               },
               "record the customer's answer first: crm quote reject Q-... --reason ..."};
}

Guard quote_unused() {
  return Guard{"quote-unused", "the quote has not yet become an order or a sales contract",
               [](const Record& quote, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 for (Kind kind : {Kind::order, Kind::contract})
                   for (const Record& r : referencing(ctx, kind, "quote", quote.id()))
                     return fmt::format("it already became {}", name_of(r));
                 return std::nullopt;
               },
               "one order or contract per quote; for more, quote again"};
}

// ---------------------------------------------------------------------------------------------
// order, contract, invoice

Guard order_not_billed() {
  return Guard{"order-unbilled", "no invoice that is not void bills the order",
               [](const Record& order, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 for (const Record& i : referencing(ctx, Kind::invoice, "order", order.id()))
                   if (i.status() != "void")
                     return fmt::format("it is already billed by {}", name_of(i));
                 return std::nullopt;
               },
               "one invoice per order; void that invoice first to bill again"};
}

Guard contract_in_period() {
  return Guard{"contract-period", "today lies within the contract's from..to period",
               [](const Record& contract, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 Date today = today_of(ctx);
                 auto from = Date::parse_iso(contract.get("from"));
                 if (from && today < *from)
                   return fmt::format("it runs from {}, after today", contract.get("from"));
                 if (guards::date_passed(contract, "to", today))
                   return fmt::format("it expired after {}", contract.get("to"));
                 return std::nullopt;
               },
               "release within the contract period, or agree a new contract"};
}

// The release asked for (input `lines`: {sku, qty}, a sku possibly more than once) fits what
// remains of every line.
Guard release_within_remaining() {
  return Guard{"contract-remaining", "a release takes at most the remaining quantity of each line",
               [](const Record& contract, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 const Value* wanted = ctx.input ? ctx.input->find("lines") : nullptr;
                 const Value* lines = contract.find("lines");
                 if (!wanted || !lines) return std::nullopt;
                 std::vector<std::pair<std::string, Decimal>> asked;  // per sku, in order
                 for (const Value& w : wanted->items()) {
                   auto it = std::find_if(asked.begin(), asked.end(),
                                          [&](const auto& a) { return a.first == w.get("sku"); });
                   if (it == asked.end()) it = asked.insert(asked.end(), {w.get("sku"), Decimal()});
                   it->second = it->second + decimal_of(w, "qty");
                 }
                 std::vector<std::string> over, at_most;
                 for (const auto& [sku, qty] : asked) {
                   auto line = std::find_if(lines->items().begin(), lines->items().end(),
                                            [&](const Value& l) { return l.get("sku") == sku; });
                   if (line == lines->items().end()) continue;  // an unknown sku is a usage error
                   Decimal remaining = decimal_of(*line, "qty") - decimal_of(*line, "released");
                   if (remaining < qty) {
                     over.push_back(fmt::format("{} {} wanted, only {} remain", qty.str(), sku,
                                                remaining.str()));
                     at_most.push_back(fmt::format("{} {}", remaining.str(), sku));
                   }
                 }
                 if (over.empty()) return std::nullopt;
                 return GuardRefusal{and_list(over), "release at most " + and_list(at_most)};
               },
               "release at most the remaining quantity (see `crm contract show SK-...`)"};
}

Guard invoice_has_no_payments() {
  return Guard{"invoice-unpaid", "only without payments",
               [](const Record& invoice, const GuardContext&) -> std::optional<GuardRefusal> {
                 const Value* payments = invoice.find("payments");
                 if (payments && !payments->items().empty()) return std::string("it has payments");
                 return std::nullopt;
               },
               "issue a credit note instead (not supported yet), or void before any payment"};
}

// The payment asked for (input `amount`) is no more than the balance.
Guard payment_within_balance() {
  return Guard{"payment-within-balance", "a payment never exceeds the balance",
               [](const Record& invoice, const GuardContext& ctx) -> std::optional<GuardRefusal> {
                 if (!ctx.input || ctx.input->get("amount").empty()) return std::nullopt;
                 Currency currency = currency_for(invoice.get("currency"));
                 Money amount = Money::parse(ctx.input->get("amount"), currency, "AMOUNT");
                 Money balance = Money::parse(invoice.get("balance"), currency, "balance");
                 if (amount <= balance) return std::nullopt;
                 return GuardRefusal{
                     fmt::format("{} {} is more than the balance of {}", amount.str(),
                                 currency.code, balance.str()),
                     fmt::format("record at most {}; an overpayment is not a payment "
                                 "of this invoice",
                                 balance.str())};
               },
               "record at most the balance; an overpayment is not a payment of this invoice"};
}

}  // namespace

Machine deal_machine() {
  Machine m;
  m.kind = "deal";
  m.command = {"deal"};
  m.initial = "open";
  m.states = {"open", "won", "lost", "completed"};
  m.terminal = {"lost", "completed"};
  m.transitions = {
      {"stage", {"open"}, ""},
      {"quote", {"open"}, ""},
      {"win", {"open"}, "won", false, {deal_has_accepted_quote()}},
      {"lose", {"open"}, "lost", true, {deal_has_no_pending_quote()}},
      {"complete",
       {"won"},
       "completed",
       false,
       {deal_has_an_order(), deal_orders_delivered_and_invoiced(), deal_invoices_paid(),
        deal_contracts_closed()},
       {},
       {},
       true},
  };
  return m;
}

Machine quote_machine() {
  Machine m;
  m.kind = "quote";
  m.command = {"quote"};
  m.initial = "draft";
  m.states = {"draft", "sent", "accepted", "rejected", "expired", "superseded"};
  m.terminal = {"accepted", "superseded"};
  m.transitions = {
      {"edit", {"draft"}, ""},
      {"send", {"draft"}, "sent", false, {quote_still_valid(), quote_deal_open()}},
      {"accept",
       {"sent"},
       "accepted",
       false,
       {quote_still_valid(), quote_deal_open(), one_accepted_quote_per_deal()}},
      {"reject", {"sent"}, "rejected", true},
      {"expire", {"sent"}, "expired", false, {}, "derived: a sent quote past valid_until"},
      {"revise",
       {"rejected", "expired", "sent"},
       "superseded",
       false,
       {quote_revisable(), quote_deal_open()}},
      {"order", {"accepted"}, "", false, {quote_unused()}, {}, "crm order create --quote ID"},
      {"contract",
       {"accepted"},
       "",
       false,
       {quote_unused()},
       {},
       "crm contract create --quote ID --from DATE --to DATE"},
  };
  m.derived = {{"expired", "a sent quote past its valid_until", quote_past_validity}};
  return m;
}

Machine order_machine() {
  Machine m;
  m.kind = "order";
  m.command = {"order"};
  m.initial = "open";
  m.states = {"open", "delivered", "invoiced", "closed", "cancelled"};
  m.terminal = {"closed", "cancelled"};
  m.transitions = {
      {"deliver", {"open"}, "delivered"},
      {"cancel", {"open"}, "cancelled"},
      {"invoice",
       {"delivered"},
       "invoiced",
       false,
       {order_not_billed()},
       {},
       "crm invoice create --order ID"},
      {"close", {"invoiced"}, "closed", false, {}, "its invoice is paid in full"},
      {"reopen", {"invoiced"}, "delivered", false, {}, "its invoice is voided"},
  };
  return m;
}

Machine contract_machine() {
  Machine m;
  m.kind = "contract";
  m.command = {"contract"};
  m.initial = "active";
  m.states = {"active", "fulfilled", "expired", "terminated"};
  m.terminal = {"expired", "terminated"};
  m.transitions = {
      {"release", {"active"}, "", false, {contract_in_period(), release_within_remaining()}},
      {"fulfil", {"active"}, "fulfilled", false, {}, "a release takes the last quantity"},
      {"reopen", {"fulfilled"}, "active", false, {}, "a release order is cancelled"},
      {"expire", {"active"}, "expired", false, {}, "derived: past the contract's `to` date"},
      {"terminate", {"active"}, "terminated", true},
  };
  m.derived = {{"expired", "an active contract past its `to` date", live_contract_past_end}};
  return m;
}

Machine invoice_machine() {
  Machine m;
  m.kind = "invoice";
  m.command = {"invoice"};
  m.initial = "issued";
  m.states = {"issued", "partially-paid", "paid", "void"};
  m.terminal = {"paid", "void"};
  m.transitions = {
      {"pay",
       {"issued", "partially-paid"},
       "partially-paid",
       false,
       {payment_within_balance()},
       {},
       "crm payment add ID AMOUNT"},
      {"settle",
       {"issued", "partially-paid"},
       "paid",
       false,
       {payment_within_balance()},
       {},
       "crm payment add ID AMOUNT"},
      {"void", {"issued"}, "void", true, {invoice_has_no_payments()}},
  };
  m.derived = {{"overdue", "an issued or partly paid invoice past its due date",
                [](const Record& invoice, const Date& today) {
                  return (invoice.status() == "issued" || invoice.status() == "partially-paid") &&
                         guards::date_passed(invoice, "due", today);
                }}};
  return m;
}

}  // namespace crm
