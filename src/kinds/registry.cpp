#include "crm/kinds/registry.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/record.h"

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
FieldSpec email_field() {
  return typed("email", FieldType::email, "an e-mail address");
}
// The lifecycle state; its choices are the machine's states, filled in by build_registry().
FieldSpec status_field(std::string description = {}) {
  return typed("status", FieldType::choice, std::move(description));
}
FieldSpec from_config(std::string name, std::string vocabulary, std::string description) {
  FieldSpec f = text(std::move(name), std::move(description));
  f.vocabulary = std::move(vocabulary);
  return f;
}
FieldSpec reference(std::string name, std::vector<Kind> targets, std::string description = {}) {
  return FieldSpec{std::move(name),       FieldType::reference, {}, std::move(targets), false, {},
                   std::move(description)};
}

// A person's personal data: erasing the person removes it (relationship/erasure.h).
FieldSpec identifies(FieldSpec f, std::string entry_key = {}) {
  f.personal = Personal::identifies;
  f.personal_key = std::move(entry_key);
  return f;
}
FieldSpec about_person(FieldSpec f) {
  f.personal = Personal::about;
  return f;
}
FieldSpec erased_field() {
  return typed("erased", FieldType::date,
               "the day the person's personal data was erased (crm contact|lead erase)");
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
// Several rules below tell `crm merge-file` how to merge a field both sides changed.
FieldSpec merged_as(FieldSpec f, MergeRule rule, std::string key = {}, std::string order = {}) {
  f.merge = rule;
  f.merge_key = std::move(key);
  f.merge_order = std::move(order);
  return f;
}
FieldSpec notes_field() {
  return merged_as(text("notes", "free text; comments belong here, not in # lines"),
                   MergeRule::appended);
}
FieldSpec number_field() {
  return required(text("number", "the human number, sequential per year: Q-2026-0001"));
}
FieldSpec percent_field(std::string name, std::string description) {
  return typed(std::move(name), FieldType::decimal, std::move(description));
}
FieldSpec totals(std::string name) {
  return required(typed(std::move(name), FieldType::money, "derived from the lines"));
}
FieldSpec documents_field() {
  return merged_as(typed("documents", FieldType::entries, "linked documents: {path, title, added}"),
                   MergeRule::entries, "path", "added");
}
// The record's ID in the tool it was imported from (`crm import csv --key COLUMN`), so that
// importing the same file again finds it.
FieldSpec external_id_field() {
  return text("external_id", "its ID in the tool it was imported from (crm import csv --key)");
}
FieldSpec history_field() {
  return merged_as(
      typed("history", FieldType::history, "state changes and hand-overs, oldest first"),
      MergeRule::entries, "", "at");
}
// What a git merge could not settle: written by `crm merge-file`, reported by `crm check`,
// settled by `crm resolve`. Every kind has it, last among the known keys.
FieldSpec conflicts_field() {
  return merged_as(typed("conflicts", FieldType::entries,
                         "unsettled merge conflicts: {field, base, ours, theirs} per field; the "
                         "field holds ours until `crm resolve` settles it"),
                   MergeRule::entries, "field");
}

// Document kinds share their sales terms: lines, discount, tax and totals.
std::vector<FieldSpec> priced_terms(std::string lines_description) {
  return {required(text("currency")),
          typed("lines", FieldType::entries, std::move(lines_description)),
          percent_field("discount", "document discount, %"),
          percent_field("tax_rate", "tax rate, %"),
          totals("subtotal"),
          totals("net"),
          totals("tax"),
          totals("total")};
}

std::vector<FieldSpec> concat(std::vector<std::vector<FieldSpec>> parts) {
  std::vector<FieldSpec> out;
  for (auto& part : parts)
    for (auto& f : part) out.push_back(std::move(f));
  return out;
}

const std::vector<std::string> k_document_amounts = {"subtotal", "net", "tax", "total"};
const std::vector<LookupKey> k_by_number = {{"number", KeyMatch::unique}};
const std::vector<LookupKey> k_by_name_and_email = {{"name", KeyMatch::name},
                                                    {"email", KeyMatch::email}};

// A deal's chance of being won, in percent.
std::string deal_probability(const Record& deal, const Config& config) {
  std::string status = deal.fields().get("status");
  if (status == "won" || status == "completed") return "100";
  if (status == "lost") return "0";
  const Stage* stage = config.stage(deal.fields().get("stage"));
  return stage ? stage->probability : "";
}

const Machine* machine(const char* name) {
  const Machine* m = machine_named(name);
  if (!m) throw std::logic_error(std::string("the registry names an unknown machine ") + name);
  return m;
}

std::vector<KindSpec> build_kinds() {
  std::vector<KindSpec> kinds;
  kinds.push_back(
      {Kind::account,
       "account",
       "accounts",
       "A",
       "",
       "name",
       {id_field(), required(text("name", "company or counterparty name")), email_field(),
        text("phone"), text("website"), text("industry"),
        text("address", "street and number, as a letter shows it; may hold several lines"),
        text("postal_code"), text("city"), text("country"),
        text("tax_id", "VAT or tax number, as documents print it"), owner_field(),
        documents_field(), external_id_field(), created_field(), notes_field(), history_field()},
       nullptr,
       std::nullopt,
       {},
       {},
       k_by_name_and_email,
       {"account"}});
  kinds.push_back(
      {Kind::contact,
       "contact",
       "contacts",
       "C",
       "",
       "name",
       {id_field(), identifies(required(text("name", "the person's name"))),
        reference("account", {Kind::account}, "the company the person works for"),
        about_person(text("title", "job title")), identifies(email_field()),
        identifies(text("phone")),
        // What an address book holds beyond one address and one number (crm
        // import vcard): the other e-mails and phones with their kinds, and a
        // postal address.
        identifies(
            typed("emails", FieldType::entries, "more e-mail addresses: {address, type} each"),
            "address"),
        identifies(typed("phones", FieldType::entries, "more phone numbers: {number, type} each"),
                   "number"),
        about_person(text("address", "postal address: street and number, or the whole address")),
        about_person(text("postal_code")), about_person(text("city")),
        about_person(text("country")),
        about_person(text("tax_id", "a sole trader's VAT or tax number")), owner_field(),
        about_person(documents_field()), external_id_field(), created_field(),
        about_person(notes_field()), erased_field(), history_field()},
       nullptr,
       std::nullopt,
       {"account"},
       {},
       k_by_name_and_email,
       {"contact"}});
  kinds.push_back(
      {Kind::lead,
       "lead",
       "leads",
       "L",
       "",
       "name",
       {id_field(), required(status_field()),
        identifies(required(text("name", "the person or company the lead is about"))),
        text("company"), identifies(email_field()), identifies(text("phone")),
        from_config("source", "lead_sources", "where the lead came from (crm.yaml's lead_sources)"),
        reference("campaign", {Kind::campaign}, "the marketing campaign that brought it in"),
        owner_field(), about_person(documents_field()), external_id_field(), created_field(),
        only_in(reference("account", {Kind::account}, "set by convert"), {"converted"}),
        only_in(reference("contact", {Kind::contact}, "set by convert"), {"converted"}),
        only_in(reference("deal", {Kind::deal}, "set by convert"), {"converted"}),
        only_in(text("reason", "why the lead was disqualified"), {"disqualified"}),
        about_person(notes_field()), erased_field(), history_field()},
       machine("lead"),
       std::nullopt,
       {"account", "contact", "deal", "campaign"},
       {},
       k_by_name_and_email,
       {"lead"}});
  kinds.push_back(
      {Kind::deal,
       "deal",
       "deals",
       "D",
       "",
       "title",
       {id_field(), required(text("title")), required(status_field()),
        required(from_config("stage", "stages", "the sales stage, one of crm.yaml's stages")),
        required(reference("account", {Kind::account})), reference("contact", {Kind::contact}),
        reference("lead", {Kind::lead}, "the lead this deal was converted from"),
        reference("campaign", {Kind::campaign}, "the campaign of its lead, set by convert"),
        owner_field(), typed("amount", FieldType::money, "expected value"), text("currency"),
        typed("close_by", FieldType::date, "expected close date"),
        text("product",
             "what it sells when no quote says so (imports): a product's sku, or text when the "
             "catalogue has no such product"),
        // Optional even when won or lost: deals closed before the field existed have the day
        // in their history only.
        typed("closed", FieldType::date, "the day it was won or lost"),
        merged_as(typed("roles", FieldType::entries,
                        "the buying centre: {contact, role, influence, attitude} per person"),
                  MergeRule::entries, "contact"),
        documents_field(), external_id_field(), created_field(),
        only_in(text("reason", "why the deal was lost"), {"lost"}), notes_field(), history_field()},
       machine("deal"),
       std::nullopt,
       {"account", "contact", "lead", "campaign"},
       {"amount"},
       {},
       {"deal"},
       "created",
       {{"probability", "percent: 100 once won, 0 when lost, else the stage's from crm.yaml",
         deal_probability}},
       false,
       false,
       "stage",
       {"contact", "roles.contact", "account"}});
  kinds.push_back(
      {Kind::activity,
       "activity",
       "activities",
       "T",
       "",
       "subject",
       {id_field(), required(choice("type", activity_types())), status_field("tasks only"),
        required(reference("about", {}, "the record this activity belongs to")),
        required_in(text("subject"), {"open", "done", "cancelled"}), text("body"),
        required(typed("at", FieldType::timestamp, "when it happened (tasks: when created)")),
        only_in(typed("due", FieldType::date, "tasks only: when it is due"),
                {"open", "done", "cancelled"}),
        text("by", "who did it"),
        // Calls and e-mails (crm call, crm mail, crm mail import). Their addresses and numbers
        // are not a person's own record: erasing the person scrubs them where they mention her.
        choice("direction", {"in", "out"}, "calls and e-mails: received (in) or made (out)"),
        text("from", "e-mail: the sender's address"),
        typed("to", FieldType::list, "e-mail: the recipients' addresses"),
        typed("cc", FieldType::list, "e-mail: the copied addresses"),
        text("message_id", "e-mail: its Message-ID, without the angle brackets"),
        reference("in_reply_to", {Kind::activity},
                  "e-mail: the activity of the message it answers"),
        typed("attachments", FieldType::list, "e-mail: the names of the files attached"),
        text("phone", "call: the number dialled or calling"),
        typed("ended", FieldType::timestamp, "call: when it ended (crm call end)"),
        text("duration", "call: how long it lasted, ISO 8601 (PT4M32S)"),
        choice("outcome", {"reached", "voicemail", "no-answer", "busy"}, "call: how it went"),
        documents_field(), external_id_field(), created_field(), history_field()},
       machine("task"),
       std::pair<std::string, std::string>{"type", "task"},
       {"about"},
       {},
       {},
       {"activity"},
       "at",
       {},
       true});
  kinds.push_back(
      {Kind::product,
       "product",
       "products",
       "P",
       "",
       "name",
       {id_field(), required(text("sku", "stock-keeping unit: the product's unique short code")),
        required(text("name")),
        required(choice("kind", product_kinds(), "goods, a service, or a spare part")),
        text("unit", "unit of sale: pcs, h, kg..."),
        required(typed("price", FieldType::money, "unit price, net of tax")),
        required(text("currency", "ISO 4217 code of the price")), documents_field(),
        external_id_field(), created_field(), notes_field(), history_field()},
       nullptr,
       std::nullopt,
       {},
       {},
       {{"sku", KeyMatch::unique}},
       {"product"}});
  kinds.push_back(
      {Kind::quote,
       "quote",
       "quotes",
       "Q",
       "Q",
       "number",
       concat(
           {{id_field(), number_field(), required(status_field()),
             required(reference("deal", {Kind::deal})),
             required(reference("account", {Kind::account})),
             required(typed("revision", FieldType::integer,
                            "1 for the first quote, then +1 per revise")),
             reference("supersedes", {Kind::quote}, "the rejected or expired quote this revises"),
             only_in(reference("superseded_by", {Kind::quote}, "the revision that replaced it"),
                     {"superseded"})},
            priced_terms("{sku, name, qty, unit_price, discount, net}"),
            {required(typed("valid_until", FieldType::date, "the quote expires after this day")),
             required_in(text("reason", "why the customer rejected it"), {"rejected"}),
             documents_field(), created_field(), notes_field(), history_field()}}),
       machine("quote"),
       std::nullopt,
       {"deal", "account"},
       k_document_amounts,
       k_by_number,
       {"quote"},
       "created",
       {},
       false,
       true});
  kinds.push_back(
      {Kind::order,
       "order",
       "orders",
       "O",
       "SO",
       "number",
       concat({{id_field(), number_field(), required(status_field()),
                reference("deal", {Kind::deal}), required(reference("account", {Kind::account})),
                reference("quote", {Kind::quote}, "the accepted quote it was made from"),
                reference("contract", {Kind::contract}, "the sales contract it was released from")},
               priced_terms("{sku, name, qty, unit_price, discount, net}"),
               {required_in(typed("delivered", FieldType::date, "when it was delivered"),
                            {"delivered", "invoiced", "closed"}),
                documents_field(), created_field(), notes_field(), history_field()}}),
       machine("order"),
       std::nullopt,
       {"deal", "account", "quote", "contract"},
       k_document_amounts,
       k_by_number,
       {"order"}});
  kinds.push_back(
      {Kind::contract,
       "contract",
       "contracts",
       "K",
       "SK",
       "number",
       concat({{id_field(), number_field(), required(status_field()),
                reference("deal", {Kind::deal}), required(reference("account", {Kind::account})),
                reference("quote", {Kind::quote}, "the accepted quote it was made from"),
                required(typed("from", FieldType::date, "first day releases are allowed")),
                required(typed("to", FieldType::date, "last day releases are allowed"))},
               priced_terms("{sku, name, qty, unit_price, discount, net, released}: qty is the "
                            "contracted quantity, released what release orders took"),
               {only_in(text("reason", "why it was terminated"), {"terminated"}), documents_field(),
                created_field(), notes_field(), history_field()}}),
       machine("contract"),
       std::nullopt,
       {"deal", "account", "quote"},
       k_document_amounts,
       k_by_number,
       {"contract"}});
  kinds.push_back(
      {Kind::invoice,
       "invoice",
       "invoices",
       "I",
       "INV",
       "number",
       concat(
           {{id_field(), number_field(), required(status_field()), reference("deal", {Kind::deal}),
             required(reference("account", {Kind::account})),
             reference("order", {Kind::order}, "the sales order it bills"),
             reference("confirmation", {Kind::confirmation}, "the service confirmation it bills")},
            priced_terms("{sku, name, qty, unit_price, discount, net}"),
            {required(typed("issued", FieldType::date)),
             required(typed("due", FieldType::date, "payment due date")),
             typed("payments", FieldType::entries, "{date, amount, ref} per payment"),
             required(typed("balance", FieldType::money, "total less payments")),
             only_in(text("reason", "why it was voided"), {"void"}), documents_field(),
             created_field(), notes_field(), history_field()}}),
       machine("invoice"),
       std::nullopt,
       {"deal", "account", "order", "confirmation"},
       {"subtotal", "net", "tax", "total", "balance"},
       k_by_number,
       {"invoice"},
       "created",
       {},
       false,
       true});
  kinds.push_back(
      {Kind::service_contract,
       "service-contract",
       "service-contracts",
       "SC",
       "SC",
       "number",
       {id_field(), number_field(), required(status_field()),
        required(reference("account", {Kind::account})),
        typed("products", FieldType::list, "skus the contract covers; empty: everything"),
        required(typed("from", FieldType::date, "first day of cover")),
        typed("to", FieldType::date, "last day of cover; open-ended when absent"),
        required(text("currency")),
        required(typed("hourly_rate", FieldType::money, "rate for hours beyond the allowance")),
        required(typed("included_hours", FieldType::decimal, "hours included per period")),
        required(choice("period", service_periods(), "the allowance's period")),
        percent_field("parts_coverage", "percent of parts price the contract pays"),
        typed("response_hours", FieldType::decimal, "hours to respond to a request"),
        choice("maintenance_every", maintenance_intervals(), "planned maintenance interval"),
        only_in(text("reason", "why it was terminated"), {"terminated"}), documents_field(),
        created_field(), notes_field(), history_field()},
       machine("service-contract"),
       std::nullopt,
       {"account"},
       {},
       k_by_number,
       {"service", "contract"}});
  kinds.push_back(
      {Kind::service_request,
       "service-request",
       "service-requests",
       "SR",
       "SR",
       "number",
       {id_field(), number_field(), required(status_field()),
        required(reference("account", {Kind::account})), reference("contact", {Kind::contact}),
        text("product", "the sku concerned"), required(text("summary")),
        required(choice("priority", priorities())),
        typed("complaint", FieldType::boolean, "true for a complaint, reported apart"),
        reference("contract", {Kind::service_contract}, "the active contract when it was opened"),
        typed("respond_by", FieldType::timestamp, "response deadline from the contract"),
        only_in(reference("solution", {Kind::solution}, "the knowledge-base solution"), {"solved"}),
        required_in(reference("service_order", {Kind::service_order}, "made by escalate"),
                    {"escalated", "closed"}),
        documents_field(), created_field(), notes_field(), history_field()},
       machine("service-request"),
       std::nullopt,
       {"account", "contact", "contract"},
       {},
       k_by_number,
       {"service", "request"}});
  kinds.push_back({Kind::service_order,
                   "service-order",
                   "service-orders",
                   "SV",
                   "SV",
                   "number",
                   {id_field(), number_field(), required(status_field()),
                    required(choice("kind", {"repair", "maintenance"})),
                    required(reference("account", {Kind::account})),
                    reference("request", {Kind::service_request}, "the escalated request"),
                    reference("contract", {Kind::service_contract}),
                    text("product", "the sku concerned"), required(text("summary")),
                    required_in(text("assignee", "the technician"), {"assigned", "in-progress"}),
                    typed("scheduled", FieldType::date, "planned day of the work"),
                    typed("parts", FieldType::entries, "planned parts: {sku, qty}"),
                    documents_field(), created_field(), notes_field(), history_field()},
                   machine("service-order"),
                   std::nullopt,
                   {"account", "request", "contract"},
                   {},
                   k_by_number,
                   {"service", "order"}});
  kinds.push_back(
      {Kind::confirmation,
       "confirmation",
       "confirmations",
       "CF",
       "",
       "id",
       {id_field(),
        required(status_field()),
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
        history_field()},
       machine("confirmation"),
       std::nullopt,
       {"service_order", "account", "contract"},
       {"labour", "parts", "amount"},
       {},
       {"service", "confirmation"},
       "created",
       {},
       false,
       true});
  kinds.push_back({Kind::solution,
                   "solution",
                   "solutions",
                   "KB",
                   "",
                   "title",
                   {id_field(), required(text("title")), required(text("symptoms")),
                    required(text("resolution")), text("product", "the sku it applies to"),
                    documents_field(), created_field(), notes_field(), history_field()},
                   nullptr,
                   std::nullopt,
                   {},
                   {},
                   {},
                   {"kb"}});
  kinds.push_back(
      {Kind::campaign,
       "campaign",
       "campaigns",
       "M",
       "",
       "name",
       {id_field(), required(text("name", "what the campaign is called")), required(status_field()),
        required(choice("channel", campaign_channels(), "how it reaches people")),
        required(typed("cost", FieldType::money, "what it cost, in its currency")),
        required(text("currency")), required(typed("from", FieldType::date, "first day it runs")),
        required(typed("to", FieldType::date, "last day it runs")), owner_field(),
        documents_field(), created_field(), notes_field(), history_field()},
       machine("campaign"),
       std::nullopt,
       {},
       {"cost"},
       {{"name", KeyMatch::name}},
       {"campaign"}});
  return kinds;
}

// The status choices are the machine's states: written once, in the machine.
std::vector<KindSpec> build_registry() {
  std::vector<KindSpec> kinds = build_kinds();
  for (KindSpec& spec : kinds) {
    spec.fields.push_back(conflicts_field());
    if (!spec.machine) continue;
    for (FieldSpec& f : spec.fields)
      if (f.name == spec.machine->field) f.choices = spec.machine->states;
  }
  return kinds;
}

// kind_spec() finds a kind by its value, whatever the enum's order: an index built once.
constexpr std::size_t k_kind_count = static_cast<std::size_t>(Kind::campaign) + 1;

const std::array<const KindSpec*, k_kind_count>& kind_index() {
  static const std::array<const KindSpec*, k_kind_count> k_index = [] {
    std::array<const KindSpec*, k_kind_count> index{};
    for (const KindSpec& spec : all_kinds()) {
      auto at = static_cast<std::size_t>(spec.kind);
      if (at >= k_kind_count || index[at])
        throw std::logic_error("the kind registry lists " + spec.name + " twice or out of range");
      index[at] = &spec;
    }
    return index;
  }();
  return k_index;
}

}  // namespace

const FieldSpec* KindSpec::field(std::string_view wanted) const {
  for (const auto& f : fields)
    if (f.name == wanted) return &f;
  return nullptr;
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

const std::vector<std::string>& service_periods() {
  static const std::vector<std::string> k_periods = {"month", "quarter", "year"};
  return k_periods;
}

const std::vector<std::string>& maintenance_intervals() {
  static const std::vector<std::string> k_intervals = {"1m", "3m", "6m", "1y"};
  return k_intervals;
}

const std::vector<std::string>& priorities() {
  static const std::vector<std::string> k_priorities = {"low", "normal", "high"};
  return k_priorities;
}

const std::vector<std::string>& campaign_channels() {
  static const std::vector<std::string> k_channels = {"fair", "web",      "mail",
                                                      "ads",  "referral", "other"};
  return k_channels;
}

const std::vector<KindSpec>& all_kinds() {
  static const std::vector<KindSpec> k_kinds = build_registry();
  return k_kinds;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (const KindSpec& spec : all_kinds()) names.push_back(spec.name);
  return names;
}

const KindSpec& kind_spec(Kind kind) {
  auto at = static_cast<std::size_t>(kind);
  const KindSpec* spec = at < k_kind_count ? kind_index()[at] : nullptr;
  if (!spec) throw std::logic_error("a kind is missing from the registry");
  return *spec;
}

std::string KindSpec::command_line() const {
  return "crm " + join(command, " ");
}

std::string KindSpec::list_hint() const {
  return "list them with `" + command_line() + " list`";
}

const Machine* machine_of(const KindSpec& spec, const Value& fields) {
  if (!spec.machine) return nullptr;
  if (spec.machine_when && fields.get(spec.machine_when->first) != spec.machine_when->second)
    return nullptr;
  return spec.machine;
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
