#include "crm/sales/quotes.h"

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/numbering.h"
#include "crm/relationship/parties.h"
#include "crm/sales/pricing.h"

namespace crm {
namespace {

constexpr int k_default_valid_days = 30;

Value priced_lines(const RecordStore& store, const std::vector<std::string>& specs,
                   const Currency& currency) {
  Value lines = Value::sequence();
  for (const std::string& spec : specs)
    lines.push_back(price_line(store, parse_line_spec(spec), currency));
  return lines;
}

void apply_terms(Session& session, Record& quote, const QuoteInput& input) {
  Currency currency = currency_for(quote.get("currency"));
  if (!input.lines.empty()) quote.set("lines", priced_lines(session.store, input.lines, currency));
  if (input.discount)
    quote.set_text("discount", parse_percent(*input.discount, "--discount").str());
  if (input.tax_rate) quote.set_text("tax_rate", parse_percent(*input.tax_rate, "--tax").str());
  if (input.valid_days) {
    if (*input.valid_days < 1 || *input.valid_days > 3650)
      throw UsageError("--valid-days must be from 1 to 3650");
    quote.set_text("valid_until", session.clock.today().plus_days(*input.valid_days).iso());
  }
  store_totals(quote);
}

}  // namespace

ChangeSet create_quote(Session& session, const Record& deal, const QuoteInput& input) {
  require_allowed(deal, "quote", session.guards());  // quotes are made for open deals
  if (input.lines.empty())
    throw UsageError("a quote needs at least one --line SKU:QTY[@PRICE][-DISC%]");
  Record quote = new_record(session, Kind::quote);
  quote.set_text("number", next_number(session.store, Kind::quote, session.clock.today()));
  quote.set_text("deal", deal.id());
  quote.set_text("account", deal.get("account"));
  quote.set("revision", Value::plain("1"));
  quote.set_text("currency", deal.get("currency").empty() ? session.store.config().currency
                                                          : deal.get("currency"));
  quote.set_text("discount", "0");
  quote.set_text("tax_rate", session.store.config().tax_rate);
  QuoteInput terms = input;
  if (!terms.valid_days) terms.valid_days = k_default_valid_days;
  apply_terms(session, quote, terms);
  std::string summary = fmt::format("deal quote {} -> {}", deal.id(), quote.id());
  return ChangeSet::of_created(std::move(quote), summary);
}

ChangeSet edit_quote(Session& session, Record quote, const QuoteInput& input) {
  require_allowed(quote, "edit", session.guards());  // only drafts are editable
  apply_terms(session, quote, input);
  std::string summary = fmt::format("quote edit {}", quote.id());
  return ChangeSet::of_updated(std::move(quote), summary);
}

ChangeSet revise_quote(Session& session, Record old) {
  fire(old, "revise", session.actor(), {}, session.guards());
  Record draft = new_record(session, Kind::quote);
  for (const char* key : {"deal", "account", "currency", "lines", "discount", "tax_rate"})
    if (const Value* v = old.find(key)) draft.set(key, *v);
  draft.set_text("number", next_number(session.store, Kind::quote, session.clock.today()));
  auto revision = Decimal::parse(old.get("revision"));
  draft.set("revision", Value::plain(std::to_string(revision ? revision->mantissa() + 1 : 2)));
  draft.set_text("supersedes", old.id());
  draft.set_text("valid_until", session.clock.today().plus_days(k_default_valid_days).iso());
  store_totals(draft);
  old.set_text("superseded_by", draft.id());
  ChangeSet changes;
  changes.summary = fmt::format("quote revise {} -> {}", old.id(), draft.id());
  changes.created(std::move(draft));
  changes.updated(std::move(old));
  return changes;
}

}  // namespace crm
