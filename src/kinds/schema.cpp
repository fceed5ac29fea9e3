#include "crm/kinds/schema.h"

#include <algorithm>

namespace crm {
namespace {

FieldSpec text(std::string name, std::string description = {}) {
  return FieldSpec{std::move(name), FieldType::text, {}, {}, false, {}, std::move(description)};
}
FieldSpec required(FieldSpec f) {
  f.required = true;
  return f;
}
FieldSpec required_in(FieldSpec f, std::vector<std::string> states) {
  f.required_in = std::move(states);
  return f;
}
// Required in these states and allowed in no other.
FieldSpec only_in(FieldSpec f, std::vector<std::string> states) {
  f = required_in(std::move(f), std::move(states));
  f.only_then = true;
  return f;
}
FieldSpec typed(std::string name, FieldType type, std::string description = {}) {
  return FieldSpec{std::move(name), type, {}, {}, false, {}, std::move(description)};
}
FieldSpec choice(std::string name, std::vector<std::string> choices, std::string description = {}) {
  return FieldSpec{std::move(name),       FieldType::choice, std::move(choices), {}, false, {},
                   std::move(description)};
}
FieldSpec reference(std::string name, std::vector<Kind> targets, std::string description = {}) {
  return FieldSpec{std::move(name),       FieldType::reference, {}, std::move(targets), false, {},
                   std::move(description)};
}

FieldSpec id_field() {
  return required(text("id", "the record's ID, equal to its file name"));
}
FieldSpec owner_field() {
  return text("owner", "the user responsible");
}
FieldSpec created_field() {
  return required(typed("created", FieldType::timestamp, "when the record was created"));
}
FieldSpec notes_field() {
  return text("notes", "free text; comments belong here, not in # lines");
}
FieldSpec number_field() {
  return required(text("number", "the human number, sequential per year: Q-2026-0001"));
}
FieldSpec lines_field() {
  return typed("lines", FieldType::entries, "{sku, name, qty, unit_price, discount, net}");
}
FieldSpec percent_field(std::string name, std::string description) {
  return typed(std::move(name), FieldType::decimal, std::move(description));
}
FieldSpec totals(std::string name) {
  return required(typed(std::move(name), FieldType::money, "derived from the lines"));
}
FieldSpec documents_field() {
  return typed("documents", FieldType::entries, "linked documents: {path, title, added}");
}
FieldSpec history_field() {
  return typed("history", FieldType::history, "state changes and hand-overs, oldest first");
}

std::vector<KindSpec> build_kinds() {
  std::vector<KindSpec> kinds;
  kinds.push_back(
      {Kind::account,
       "account",
       "accounts",
       "A",
       "name",
       {id_field(), required(text("name", "company or counterparty name")), text("email"),
        text("phone"), text("website"), text("industry"), text("address"), owner_field(),
        documents_field(), created_field(), notes_field(), history_field()}});
  kinds.push_back({Kind::contact,
                   "contact",
                   "contacts",
                   "C",
                   "name",
                   {id_field(), required(text("name", "the person's name")),
                    reference("account", {Kind::account}, "the company the person works for"),
                    text("title", "job title"), text("email"), text("phone"), owner_field(),
                    documents_field(), created_field(), notes_field(), history_field()}});
  kinds.push_back(
      {Kind::lead,
       "lead",
       "leads",
       "L",
       "name",
       {id_field(),
        required(choice("status", {"new", "contacted", "qualified", "converted", "disqualified"})),
        required(text("name", "the person or company the lead is about")), text("company"),
        text("email"), text("phone"), choice("source", lead_sources(), "where the lead came from"),
        owner_field(), documents_field(), created_field(),
        only_in(reference("account", {Kind::account}, "set by convert"), {"converted"}),
        only_in(reference("contact", {Kind::contact}, "set by convert"), {"converted"}),
        only_in(reference("deal", {Kind::deal}, "set by convert"), {"converted"}),
        only_in(text("reason", "why the lead was disqualified"), {"disqualified"}), notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::deal,
       "deal",
       "deals",
       "D",
       "title",
       {id_field(), required(text("title")),
        required(choice("status", {"open", "won", "lost", "completed"})),
        required(text("stage", "the sales stage, one of crm.yaml's stages")),
        required(reference("account", {Kind::account})), reference("contact", {Kind::contact}),
        reference("lead", {Kind::lead}, "the lead this deal was converted from"), owner_field(),
        typed("amount", FieldType::money, "expected value"), text("currency"),
        typed("close_by", FieldType::date, "expected close date"),
        typed("roles", FieldType::entries,
              "the buying centre: {contact, role, influence, attitude} per person"),
        documents_field(), created_field(),
        only_in(text("reason", "why the deal was lost"), {"lost"}), notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::activity,
       "activity",
       "activities",
       "T",
       "subject",
       {id_field(), required(choice("type", activity_types())),
        choice("status", {"open", "done", "cancelled"}, "tasks only"),
        required(reference("about", {}, "the record this activity belongs to")), text("subject"),
        text("body"), typed("at", FieldType::timestamp, "when it happened (tasks: when created)"),
        typed("due", FieldType::date, "tasks only: when it is due"), text("by", "who did it"),
        documents_field(), created_field(), history_field()}});
  // Kinds of later capabilities: their folders and prefixes are fixed now so that `crm init`
  // lays out the whole directory; their fields arrive with their commands.
  kinds.push_back(
      {Kind::product,
       "product",
       "products",
       "P",
       "name",
       {id_field(), required(text("sku", "stock-keeping unit: the product's unique short code")),
        required(text("name")),
        required(choice("kind", product_kinds(), "goods, a service, or a spare part")),
        text("unit", "unit of sale: pcs, h, kg..."),
        required(typed("price", FieldType::money, "unit price, net of tax")),
        required(text("currency", "ISO 4217 code of the price")), documents_field(),
        created_field(), notes_field(), history_field()}});
  kinds.push_back(
      {Kind::quote,
       "quote",
       "quotes",
       "Q",
       "number",
       {id_field(),
        number_field(),
        required(
            choice("status", {"draft", "sent", "accepted", "rejected", "expired", "superseded"})),
        required(reference("deal", {Kind::deal})),
        required(reference("account", {Kind::account})),
        required(
            typed("revision", FieldType::integer, "1 for the first quote, then +1 per revise")),
        reference("supersedes", {Kind::quote}, "the rejected or expired quote this revises"),
        only_in(reference("superseded_by", {Kind::quote}, "the revision that replaced it"),
                {"superseded"}),
        required(text("currency")),
        lines_field(),
        percent_field("discount", "quote discount, %"),
        percent_field("tax_rate", "tax rate, %"),
        totals("subtotal"),
        totals("net"),
        totals("tax"),
        totals("total"),
        required(typed("valid_until", FieldType::date, "the quote expires after this day")),
        required_in(text("reason", "why the customer rejected it"), {"rejected"}),
        documents_field(),
        created_field(),
        notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::order,
       "order",
       "orders",
       "O",
       "number",
       {id_field(),
        number_field(),
        required(choice("status", {"open", "delivered", "invoiced", "closed", "cancelled"})),
        reference("deal", {Kind::deal}),
        required(reference("account", {Kind::account})),
        reference("quote", {Kind::quote}, "the accepted quote it was made from"),
        reference("contract", {Kind::contract}, "the sales contract it was released from"),
        required(text("currency")),
        lines_field(),
        percent_field("discount", "order discount, %"),
        percent_field("tax_rate", "tax rate, %"),
        totals("subtotal"),
        totals("net"),
        totals("tax"),
        totals("total"),
        required_in(typed("delivered", FieldType::date, "when it was delivered"),
                    {"delivered", "invoiced", "closed"}),
        documents_field(),
        created_field(),
        notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::contract,
       "contract",
       "contracts",
       "K",
       "number",
       {id_field(),
        number_field(),
        required(choice("status", {"active", "fulfilled", "expired", "terminated"})),
        reference("deal", {Kind::deal}),
        required(reference("account", {Kind::account})),
        reference("quote", {Kind::quote}, "the accepted quote it was made from"),
        required(typed("from", FieldType::date, "first day releases are allowed")),
        required(typed("to", FieldType::date, "last day releases are allowed")),
        required(text("currency")),
        typed("lines", FieldType::entries,
              "{sku, name, qty, unit_price, discount, net, released}: qty is the contracted "
              "quantity, released what release orders took"),
        percent_field("discount", "contract discount, %"),
        percent_field("tax_rate", "tax rate, %"),
        totals("subtotal"),
        totals("net"),
        totals("tax"),
        totals("total"),
        only_in(text("reason", "why it was terminated"), {"terminated"}),
        documents_field(),
        created_field(),
        notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::invoice,
       "invoice",
       "invoices",
       "I",
       "number",
       {id_field(),
        number_field(),
        required(choice("status", {"issued", "partially-paid", "paid", "void"})),
        reference("deal", {Kind::deal}),
        required(reference("account", {Kind::account})),
        reference("order", {Kind::order}, "the sales order it bills"),
        reference("confirmation", {Kind::confirmation}, "the service confirmation it bills"),
        required(text("currency")),
        lines_field(),
        percent_field("discount", "discount, %"),
        percent_field("tax_rate", "tax rate, %"),
        totals("subtotal"),
        totals("net"),
        totals("tax"),
        totals("total"),
        required(typed("issued", FieldType::date)),
        required(typed("due", FieldType::date, "payment due date")),
        typed("payments", FieldType::entries, "{date, amount, ref} per payment"),
        required(typed("balance", FieldType::money, "total less payments")),
        only_in(text("reason", "why it was voided"), {"void"}),
        documents_field(),
        created_field(),
        notes_field(),
        history_field()}});
  kinds.push_back(
      {Kind::service_contract,
       "service-contract",
       "service-contracts",
       "SC",
       "number",
       {id_field(), number_field(), required(choice("status", {"active", "expired", "terminated"})),
        required(reference("account", {Kind::account})),
        typed("products", FieldType::list, "skus the contract covers; empty: everything"),
        required(typed("from", FieldType::date, "first day of cover")),
        typed("to", FieldType::date, "last day of cover; open-ended when absent"),
        required(text("currency")),
        required(typed("hourly_rate", FieldType::money, "rate for hours beyond the allowance")),
        required(typed("included_hours", FieldType::decimal, "hours included per period")),
        required(choice("period", {"month", "quarter", "year"}, "the allowance's period")),
        percent_field("parts_coverage", "percent of parts price the contract pays"),
        typed("response_hours", FieldType::integer, "hours to respond to a request"),
        choice("maintenance_every", {"1m", "3m", "6m", "1y"}, "planned maintenance interval"),
        only_in(text("reason", "why it was terminated"), {"terminated"}), documents_field(),
        created_field(), notes_field(), history_field()}});
  kinds.push_back(
      {Kind::service_request,
       "service-request",
       "service-requests",
       "SR",
       "number",
       {id_field(), number_field(),
        required(choice("status", {"open", "solved", "escalated", "closed"})),
        required(reference("account", {Kind::account})), reference("contact", {Kind::contact}),
        text("product", "the sku concerned"), required(text("summary")),
        required(choice("priority", {"low", "normal", "high"})),
        typed("complaint", FieldType::boolean, "true for a complaint, reported apart"),
        reference("contract", {Kind::service_contract}, "the active contract when it was opened"),
        typed("respond_by", FieldType::timestamp, "response deadline from the contract"),
        only_in(reference("solution", {Kind::solution}, "the knowledge-base solution"), {"solved"}),
        required_in(reference("service_order", {Kind::service_order}, "made by escalate"),
                    {"escalated", "closed"}),
        documents_field(), created_field(), notes_field(), history_field()}});
  kinds.push_back({Kind::service_order,
                   "service-order",
                   "service-orders",
                   "SV",
                   "number",
                   {id_field(), number_field(),
                    required(choice("status", {"open", "assigned", "in-progress", "completed",
                                               "billed", "cancelled"})),
                    required(choice("kind", {"repair", "maintenance"})),
                    required(reference("account", {Kind::account})),
                    reference("request", {Kind::service_request}, "the escalated request"),
                    reference("contract", {Kind::service_contract}),
                    text("product", "the sku concerned"), required(text("summary")),
                    required_in(text("assignee", "the technician"), {"assigned", "in-progress"}),
                    typed("scheduled", FieldType::date, "planned day of the work"),
                    typed("parts", FieldType::entries, "planned parts: {sku, qty}"),
                    documents_field(), created_field(), notes_field(), history_field()}});
  kinds.push_back(
      {Kind::confirmation,
       "confirmation",
       "confirmations",
       "CF",
       "id",
       {id_field(),
        required(choice("status", {"confirmed", "billed"})),
        required(reference("service_order", {Kind::service_order})),
        required(reference("account", {Kind::account})),
        reference("contract", {Kind::service_contract}, "the contract whose terms priced it"),
        required(typed("date", FieldType::date, "when the work was done")),
        required(text("currency")),
        required(typed("effort", FieldType::decimal, "hours worked")),
        typed("parts_used", FieldType::entries, "{sku, name, qty, unit_price, discount, net}"),
        required(typed("billable_hours", FieldType::decimal)),
        required(typed("rate", FieldType::money)),
        required(typed("labour", FieldType::money)),
        required(typed("parts", FieldType::money, "parts amount after coverage")),
        required(typed("amount", FieldType::money, "labour + parts, before tax")),
        typed("final", FieldType::boolean, "true when it completed the order"),
        typed("computation", FieldType::list, "the billing computation, line by line"),
        only_in(reference("invoice", {Kind::invoice}), {"billed"}),
        text("note"),
        documents_field(),
        created_field(),
        history_field()}});
  kinds.push_back({Kind::solution,
                   "solution",
                   "solutions",
                   "KB",
                   "title",
                   {id_field(), required(text("title")), required(text("symptoms")),
                    required(text("resolution")), text("product", "the sku it applies to"),
                    documents_field(), created_field(), notes_field(), history_field()}});
  return kinds;
}

}  // namespace

const FieldSpec* KindSpec::field(std::string_view wanted) const {
  for (const auto& f : fields)
    if (f.name == wanted) return &f;
  return nullptr;
}

const std::vector<std::string>& lead_sources() {
  static const std::vector<std::string> k_sources = {"referral", "business-card", "fair",
                                                     "campaign", "web",           "other"};
  return k_sources;
}

const std::vector<std::string>& activity_types() {
  static const std::vector<std::string> k_types = {"note", "call", "meeting", "email", "task"};
  return k_types;
}

const std::vector<std::string>& buying_roles() {
  static const std::vector<std::string> k_roles = {"decision-maker", "influencer", "user",
                                                   "gatekeeper", "champion"};
  return k_roles;
}

const std::vector<std::string>& influence_levels() {
  static const std::vector<std::string> k_levels = {"high", "medium", "low"};
  return k_levels;
}

const std::vector<std::string>& attitudes() {
  static const std::vector<std::string> k_attitudes = {"supportive", "neutral", "opposed"};
  return k_attitudes;
}

const std::vector<std::string>& product_kinds() {
  static const std::vector<std::string> k_kinds = {"goods", "service", "part"};
  return k_kinds;
}

const std::vector<KindSpec>& all_kinds() {
  static const std::vector<KindSpec> k_kinds = build_kinds();
  return k_kinds;
}

const KindSpec& kind_spec(Kind kind) {
  return all_kinds()[static_cast<std::size_t>(kind)];
}

std::optional<Kind> kind_by_name(std::string_view name) {
  for (const auto& k : all_kinds())
    if (k.name == name) return k.kind;
  return std::nullopt;
}

std::optional<Kind> kind_by_prefix(std::string_view prefix) {
  for (const auto& k : all_kinds())
    if (k.prefix == prefix) return k.kind;
  return std::nullopt;
}

std::optional<Kind> kind_by_folder(std::string_view folder) {
  for (const auto& k : all_kinds())
    if (k.folder == folder) return k.kind;
  return std::nullopt;
}

Value canonical_order(const KindSpec& spec, Value fields) {
  Value out = Value::map();
  out.set_line(fields.line());
  auto& entries = fields.entries();
  for (const FieldSpec& f : spec.fields) {
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const Value::Entry& e) { return e.first == f.name; });
    if (it == entries.end()) continue;
    Value value = std::move(it->second);
    entries.erase(it);
    bool is_plain_type = f.type == FieldType::boolean || f.type == FieldType::integer;
    if (value.is_scalar())
      value.set_style(is_plain_type ? Value::Style::plain : Value::Style::quoted);
    out.entries().emplace_back(f.name, std::move(value));
  }
  for (auto& entry : entries) out.entries().push_back(std::move(entry));
  return out;
}

}  // namespace crm
