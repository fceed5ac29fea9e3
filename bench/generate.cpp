// Generates a realistic crm data directory of any size for the benchmarks in bench/run.
//
//   crm-bench-generate DIR RECORDS [SEED]        (bench/generate DIR N [--seed S] wraps it)
//
// Every kind of the registry, over four years (January 2023 to November 2026), as a sales and
// service team's directory holds them. Per 100 records about 6 accounts, 16 contacts, 18 leads
// (in every status; a third converted, each with its contact and deal, two in five from a
// campaign), 6 deals, 5 quotes, 3 orders, 3 invoices, a service contract, 3 service requests,
// 3 service orders, a confirmation, a campaign per 500 records, a knowledge-base solution per
// 1,000, the seven products of a small catalogue, and the rest, about 35, activities (notes,
// calls, meetings, e-mails, tasks): the largest kind.
//
// Sales: deals are open in every stage of the default crm.yaml (45%), won (25%) or lost (30%,
// with a reason); some have a buying centre (roles). Deals from the proposal stage on have a
// quote; a quarter of those were rejected first and revised (the first superseded, the second
// revision 2). A won deal's accepted quote became a sales order (three in four: delivered,
// invoiced, the invoice paid, partly paid or unpaid, some past due; paid ones' deals sometimes
// completed) or a sales contract with one to three release orders (fulfilled, active or
// terminated). Service: contracts with their terms (rate, hours included per month, quarter or
// year, parts coverage, response time, maintenance); requests solved from a knowledge-base
// solution, escalated to a repair order or still open, some complaints; repair and maintenance
// orders assigned to a technician with planned parts, started, completed with a confirmation
// priced from the contract's terms (crm's own compute_billing), most billed on an invoice.
//
// Every record carries what crm would have written: history entries along its lifecycle,
// document totals from crm's store_totals, confirmations from compute_billing, invoice
// balances, so `crm check` is clean. Deterministic for a seed. Files are written directly,
// without fsync: generation is not what we measure.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/ids.h"
#include "crm/base/money.h"
#include "crm/kinds/record.h"
#include "crm/kinds/registry.h"
#include "crm/sales/pricing.h"
#include "crm/service/billing.h"
#include "crm/service/service_contracts.h"
#include "crm/store/file_store.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"

namespace bench_generate {

const std::vector<std::string> k_first = {"Anna", "Jan",   "Maria", "Lukas", "Sofia", "Piotr",
                                          "Emma", "Mateo", "Ines",  "Oskar", "Lea",   "Tomasz"};
const std::vector<std::string> k_last = {"Kowalski", "Lopez",  "Schmidt", "Rossi",   "Nowak",
                                         "Dubois",   "Jensen", "Novak",   "Fischer", "Silva"};
const std::vector<std::string> k_company = {"Logistik", "Foods",   "Systems", "Energy",
                                            "Textiles", "Medical", "Motors",  "Print"};
const std::vector<std::string> k_owners = {"anna", "ben", "chloe", "dawid"};
const std::vector<std::string> k_technicians = {"tom", "ola", "marek"};
// The stages of the default crm.yaml, in order.
const std::vector<std::string> k_stages = {"qualification", "needs-analysis", "proposal",
                                           "negotiation"};
const std::vector<std::string> k_channels = {"fair", "web", "mail", "ads", "referral", "other"};
const std::vector<std::string> k_lost_reasons = {"Chose a competitor's cheaper offer",
                                                 "No budget this year", "Project cancelled",
                                                 "Went quiet after the quote", "Built it in-house"};

struct Product {
  std::string sku, name, kind, unit, price;
};
const std::vector<Product> k_catalogue = {
    {"TLM-400", "Telematics unit TLM-400", "goods", "pcs", "489.00"},
    {"SENSOR-T2", "Trailer temperature probe T2", "goods", "pcs", "64.90"},
    {"GH-SENSOR", "Greenhouse climate sensor H2", "goods", "pcs", "129.00"},
    {"GW-200", "Site gateway GW-200", "goods", "pcs", "1150.00"},
    {"SVC-INSTALL", "Installation and commissioning", "service", "h", "85.00"},
    {"SP-ANT-01", "Spare GPS antenna", "part", "pcs", "24.50"},
    {"SP-PSU-12", "Power supply 12 V for GW-200", "part", "pcs", "79.00"}};
constexpr std::size_t k_sellable = 5;  // the first five are sold; the last two are spare parts

struct Solution {
  std::string title, symptoms, resolution, sku;
};
const std::vector<Solution> k_solutions = {
    {"TLM-400 loses its GPS fix", "No position reported; GPS LED blinks",
     "Check the antenna cable; replace the GPS antenna SP-ANT-01", "TLM-400"},
    {"Gateway offline after a power cut", "GW-200 does not come back online; power LED off",
     "Replace the 12 V power supply SP-PSU-12", "GW-200"},
    {"Probe reports 40 °C in a cold room", "SENSOR-T2 reads far too high after a defrost",
     "Dry the connector, recalibrate from the portal", "SENSOR-T2"},
    {"Climate sensor drifts", "GH-SENSOR humidity off by 10% or more",
     "Replace the filter cap; recalibrate", "GH-SENSOR"},
    {"Unit does not start after installation", "TLM-400 dark after wiring",
     "Check the fuse and the ignition line", "TLM-400"},
    {"Portal shows duplicate trucks", "One vehicle appears twice after a unit swap",
     "Retire the old unit's serial in the portal", "TLM-400"}};

const crm::Currency& eur() {
  static const crm::Currency k_eur = crm::currency_for("EUR");
  return k_eur;
}
crm::Money euros(const std::string& text) {
  return crm::Money::parse(text, eur(), "amount");
}

// The first day of the generated history, and the last day anything happens on: bench/run and
// the tests run after it, so nothing lies in their future.
const crm::Date k_first_day(2023, 1, 2);
const crm::Date k_last_day(2026, 11, 20);
const long k_span = k_last_day.serial() - k_first_day.serial();

class Generator {
 public:
  Generator(crm::fs::path root, std::uint64_t seed)
      : m_root(std::move(root)), m_rng(seed), m_ids(seed) {}

  void run(long total) {
    for (const Product& p : k_catalogue) product(p);
    long solutions = std::max(4L, total / 1000);
    for (long i = 0; i < solutions; ++i) solution(i);
    long accounts = std::max(4L, total * 6 / 100);
    for (long i = 0; i < accounts; ++i) account(i);
    long contacts = total * 10 / 100;
    for (long i = 0; i < contacts; ++i) contact();
    long campaigns = std::max(1L, total / 500);
    for (long i = 0; i < campaigns; ++i) campaign(i);
    long leads = total * 18 / 100;
    for (long i = 0; i < leads; ++i) lead(i);
    // Service contracts for distinct accounts (one active contract per account and period).
    long contracts = std::min(accounts, std::max(2L, total / 200));
    std::vector<std::size_t> order(static_cast<std::size_t>(accounts));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), m_rng);
    for (long i = 0; i < contracts; ++i) service_contract(order[static_cast<std::size_t>(i)]);
    long requests = total * 3 / 100;
    for (long i = 0; i < requests; ++i) service_request();
    while (static_cast<long>(m_all.size()) < total) activity();
  }

 private:
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(m_rng)];
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  bool chance(int percent) { return between(0, 99) < percent; }

  // A day from 2 January 2023 up to `last` days later, and a moment on that day in office
  // hours. Leads start by early July 2026, so that what follows them (conversion, stages, a
  // win, delivery, payment) has happened by late November 2026.
  crm::Date day(long last = k_span) {
    return k_first_day.plus_days(between(0, static_cast<int>(last)));
  }
  crm::Date day_between(const crm::Date& from, const crm::Date& to) {
    return from.plus_days(between(0, static_cast<int>(std::max(0L, to.serial() - from.serial()))));
  }
  std::string moment(const crm::Date& d, int hour = -1) {
    return fmt::format("{}T{:02}:{:02}:00+00:00", d.iso(), hour >= 0 ? hour : between(8, 17),
                       between(0, 59));
  }
  std::string person() { return pick(k_first) + " " + pick(k_last); }

  crm::Record start(crm::Kind kind, const crm::Date& created) {
    crm::Record r(kind, crm::Value::map());
    r.set_text("id", m_ids.next(crm::kind_spec(kind).prefix));
    r.set_text("created", moment(created));
    std::string owner = pick(k_owners);  // drawn for every kind, so a seed's output stays put
    if (crm::kind_spec(kind).has_field("owner")) r.set_text("owner", owner);
    return r;
  }
  // A numbered record: quotes, orders, contracts, invoices, service contracts, requests and
  // orders, numbered per year of their creation as crm numbers them (Q-2026-0001).
  crm::Record numbered(crm::Kind kind, const crm::Date& created) {
    crm::Record r = start(kind, created);
    const std::string& prefix = crm::kind_spec(kind).number_prefix;
    long n = ++m_counters[fmt::format("{}-{}", prefix, created.year())];
    r.set_text("number", fmt::format("{}-{}-{:04}", prefix, created.year(), n));
    return r;
  }

  void save(const crm::Record& r) {
    std::ofstream out(m_root / crm::record_relative_path(r), std::ios::binary);
    out << crm::record_to_yaml(r);
    m_all.push_back(r.id());
  }

  // A status change as crm records it; `field` is set for a stage change of a deal.
  void history(crm::Record& r, const std::string& at, const std::string& from,
               const std::string& to, const std::string& by, const std::string& note = {},
               const std::string& field = {}) {
    crm::Value entry = crm::Value::map();
    entry.set("at", crm::Value::string(at));
    if (!field.empty()) entry.set("field", crm::Value::string(field));
    entry.set("from", crm::Value::string(from));
    entry.set("to", crm::Value::string(to));
    entry.set("by", crm::Value::string(by));
    if (!note.empty()) entry.set("note", crm::Value::string(note));
    r.append_history(std::move(entry));
  }
  void set_status(crm::Record& r, const std::string& at, const std::string& to,
                  const std::string& by, const std::string& note = {}) {
    std::string from = r.status().empty() ? crm::kind_spec(r.kind()).machine->initial : r.status();
    history(r, at, from, to, by, note);
    r.set_text("status", to);
  }

  // A linked document (`crm doc add`): a URL, its title, when and by whom.
  void attach(crm::Record& r, const std::string& path, const std::string& title,
              const std::string& at, const std::string& by) {
    crm::Value doc = crm::Value::map();
    doc.set("path", crm::Value::string(path));
    doc.set("title", crm::Value::string(title));
    doc.set("added", crm::Value::string(at));
    doc.set("by", crm::Value::string(by));
    crm::Value docs = crm::Value::sequence();
    docs.push_back(std::move(doc));
    r.set("documents", std::move(docs));
  }

  static crm::Value line(const Product& p, const std::string& qty, const std::string& discount) {
    crm::Value l = crm::Value::map();
    l.set("sku", crm::Value::string(p.sku));
    l.set("name", crm::Value::string(p.name));
    l.set("qty", crm::Value::string(qty));
    l.set("unit_price", crm::Value::string(p.price));
    l.set("discount", crm::Value::string(discount));
    l.set("net", crm::Value::string("0.00"));  // store_totals writes it
    return l;
  }
  // Lines, discount and tax rate of a priced document; crm's store_totals derives the rest.
  static void price(crm::Record& r, crm::Value lines, const std::string& discount,
                    const std::string& tax_rate) {
    r.set_text("currency", "EUR");
    r.set("lines", std::move(lines));
    r.set_text("discount", discount);
    r.set_text("tax_rate", tax_rate);
    crm::store_totals(r);
  }
  static void copy_terms(const crm::Record& from, crm::Record& to) {
    price(to, *from.find("lines"), from.get("discount"), from.get("tax_rate"));
  }

  // --- catalogue, accounts, contacts, campaigns, knowledge base --------------------------------

  void product(const Product& p) {
    crm::Record r = start(crm::Kind::product, k_first_day);
    r.set_text("sku", p.sku);
    r.set_text("name", p.name);
    r.set_text("kind", p.kind);
    r.set_text("unit", p.unit);
    r.set_text("price", p.price);
    r.set_text("currency", "EUR");
    if (p.kind == "goods")
      attach(r, fmt::format("https://docs.example/{}/datasheet.pdf", p.sku),
             fmt::format("Datasheet {}", p.sku), moment(k_first_day), "carla");
    save(r);
  }

  void solution(long i) {
    const Solution& s = k_solutions[static_cast<std::size_t>(i) % k_solutions.size()];
    crm::Record r = start(crm::Kind::solution, day(300));
    long round = i / static_cast<long>(k_solutions.size());
    r.set_text("title", round == 0 ? s.title : fmt::format("{} (case {})", s.title, round + 1));
    r.set_text("symptoms", s.symptoms);
    r.set_text("resolution", s.resolution);
    r.set_text("product", s.sku);
    m_solutions.push_back({r.id(), s.sku});
    save(r);
  }

  void account(long i) {
    crm::Record r = start(crm::Kind::account, day(k_span - 200));
    r.set_text("name", fmt::format("{} {} {}", pick(k_last), pick(k_company), i));
    r.set_text("phone", fmt::format("+48 42 {:03} {:02} {:02}", between(100, 999), between(10, 99),
                                    between(10, 99)));
    r.set_text("city", pick(std::vector<std::string>{"Łódź", "Hamburg", "Kiel", "Lyon", "Porto"}));
    m_accounts.push_back(r.id());
    m_contacts_of.emplace_back();
    save(r);
  }

  std::string contact(std::optional<std::size_t> account = {},
                      std::optional<crm::Date> created = {}, std::string name = {}) {
    std::size_t a = account ? *account : between(0, static_cast<int>(m_accounts.size()) - 1);
    crm::Record r = start(crm::Kind::contact, created ? *created : day());
    if (name.empty()) name = person();
    r.set_text("name", name);
    r.set_text("account", m_accounts[a]);
    r.set_text("title", pick(std::vector<std::string>{"Head of Fleet Operations", "CFO",
                                                      "Purchasing", "IT lead", "Site manager"}));
    r.set_text("email", fmt::format("{}{}@example.com", name.substr(0, 3), between(1, 99999)));
    m_contacts_of[a].push_back(r.id());
    save(r);
    return r.id();
  }

  void campaign(long i) {
    crm::Date from = day(k_span - 120);
    crm::Record r = start(crm::Kind::campaign, from.plus_days(-between(1, 20)));
    std::string channel = pick(k_channels);
    r.set_text("name", fmt::format("Campaign {} ({})", i + 1, channel));
    r.set_text("channel", channel);
    r.set_text("cost", euros(std::to_string(between(2, 120) * 50)).str());
    r.set_text("currency", "EUR");
    r.set_text("from", from.iso());
    crm::Date to = from.plus_days(channel == "fair" ? between(2, 4) : between(14, 90));
    r.set_text("to", to.iso());
    r.set_text("status", "active");
    if (chance(70)) set_status(r, moment(to.plus_days(between(7, 30))), "closed", r.get("owner"));
    m_campaigns.push_back({r.id(), channel});
    save(r);
  }

  // --- leads and deals -------------------------------------------------------------------------

  void lead(long i) {
    crm::Date created = day(k_span - 140);
    crm::Record r = start(crm::Kind::lead, created);
    r.set_text("name", person());
    r.set_text("company", fmt::format("{} {}", pick(k_last), pick(k_company)));
    if (chance(40)) {
      const auto& [id, channel] = pick(m_campaigns);
      r.set_text("campaign", id);
      r.set_text("source", channel == "fair"                      ? "fair"
                           : channel == "web" || channel == "ads" ? "web"
                           : channel == "referral"                ? "referral"
                           : channel == "other"                   ? "other"
                                                                  : "campaign");
    } else {
      r.set_text("source", pick(std::vector<std::string>{"referral", "fair", "web", "campaign"}));
    }
    std::string by = r.get("owner");
    r.set_text("status", "new");
    bool convert = i % 3 == 0;
    // new, contacted, qualified, disqualified, or converted from any of the first three.
    int path = between(0, 3);
    if (path >= 1 && path <= 2) set_status(r, moment(created.plus_days(2)), "contacted", by);
    if (path == 2) set_status(r, moment(created.plus_days(3)), "qualified", by);
    if (!convert) {
      if (path == 3) {
        r.set_text("reason", "No need for telematics");
        set_status(r, moment(created.plus_days(5)), "disqualified", by, "No need for telematics");
      }
      save(r);
      return;
    }
    crm::Date converted = created.plus_days(between(4, 20));
    std::size_t a = static_cast<std::size_t>(between(0, static_cast<int>(m_accounts.size()) - 1));
    crm::Record deal = start(crm::Kind::deal, converted);
    deal.set_text("owner", by);
    deal.set_text("title", r.get("company") + " deal");
    deal.set_text("account", m_accounts[a]);
    deal.set_text("lead", r.id());
    if (!r.get("campaign").empty()) deal.set_text("campaign", r.get("campaign"));
    deal.set_text("currency", "EUR");
    std::string c = contact(a, converted, r.get("name"));
    r.set_text("account", m_accounts[a]);
    r.set_text("contact", c);
    r.set_text("deal", deal.id());
    deal.set_text("contact", c);
    set_status(r, moment(converted, 8), "converted", by);
    save(r);
    if (m_contacts_of[a].size() > 1 && chance(50)) roles(deal, a);
    deal_story(deal, converted);
  }

  // The buying centre: up to three people of the account with their role.
  void roles(crm::Record& deal, std::size_t account) {
    crm::Value roles = crm::Value::sequence();
    std::vector<std::string> people = m_contacts_of[account];
    std::shuffle(people.begin(), people.end(), m_rng);
    people.resize(std::min<std::size_t>(people.size(), static_cast<std::size_t>(between(1, 3))));
    for (const std::string& c : people) {
      crm::Value role = crm::Value::map();
      role.set("contact", crm::Value::string(c));
      role.set("role", crm::Value::string(pick(crm::buying_roles())));
      role.set("influence", crm::Value::string(pick(crm::influence_levels())));
      role.set("attitude", crm::Value::string(pick(crm::attitudes())));
      roles.push_back(std::move(role));
    }
    deal.set("roles", std::move(roles));
  }

  // Stages, quotes, outcome and what follows a win, in the order crm would have written them.
  void deal_story(crm::Record& deal, const crm::Date& converted) {
    std::string by = deal.get("owner");
    int outcome = between(0, 99);  // < 45 open, < 70 won, else lost
    bool won = outcome >= 45 && outcome < 70, lost = outcome >= 70;
    std::size_t stage =
        won ? static_cast<std::size_t>(between(2, 3)) : static_cast<std::size_t>(between(0, 3));
    crm::Date d = converted;
    for (std::size_t s = 1; s <= stage; ++s) {
      d = d.plus_days(between(3, 12));
      history(deal, moment(d), k_stages[s - 1], k_stages[s], by, {}, "stage");
    }
    deal.set_text("stage", k_stages[stage]);
    deal.set_text("close_by", converted.plus_days(between(30, 150)).iso());
    deal.set_text("status", "open");

    std::optional<crm::Record> quote;
    if (stage >= 2) {
      quote = make_quote(deal, d, 1);
      if (chance(25)) {  // rejected, then revised: the first is superseded by revision 2
        crm::Date rejected = d.plus_days(between(3, 8));
        quote->set_text("reason", "Above budget; asks for a volume discount");
        set_status(*quote, moment(rejected, 10), "rejected", by,
                   "Above budget; asks for a volume discount");
        crm::Record second = make_quote(deal, rejected, 2, &*quote);
        quote->set_text("superseded_by", second.id());
        set_status(*quote, moment(rejected, 11), "superseded", by);
        save(*quote);
        quote = std::move(second);
        d = rejected;
      }
      deal.set_text("amount", quote->get("net"));
    } else {
      deal.set_text("amount", euros(std::to_string(between(20, 600) * 100)).str());
    }
    if (chance(10))
      attach(deal, fmt::format("deals/{}-requirements.pdf", deal.id()), "Customer's requirements",
             moment(converted), by);
    crm::Date end = d.plus_days(between(5, 25));
    if (won) {
      set_status(*quote, moment(end, 9), "accepted", by);
      deal.set_text("closed", end.iso());
      set_status(deal, moment(end, 10), "won", by);
    } else if (lost) {
      std::string reason = pick(k_lost_reasons);
      if (!quote && reason == "Went quiet after the quote") reason = "No budget this year";
      if (quote) {
        quote->set_text("reason", "Price too high");
        set_status(*quote, moment(end, 9), "rejected", by, "Price too high");
      }
      deal.set_text("closed", end.iso());
      deal.set_text("reason", reason);
      set_status(deal, moment(end, 10), "lost", by, reason);
    }
    if (quote) save(*quote);
    if (!won) {
      save(deal);
      return;
    }
    bool paid = chance(75) ? sale(deal, *quote, end, by) : sales_contract(deal, *quote, end, by);
    if (paid && chance(50))
      set_status(deal, moment(std::min(end.plus_days(60), k_last_day), 18), "completed", by);
    save(deal);
  }

  crm::Record make_quote(const crm::Record& deal, const crm::Date& on, int revision,
                         const crm::Record* supersedes = nullptr) {
    crm::Record q = numbered(crm::Kind::quote, on);
    q.set_text("status", "draft");
    q.set_text("deal", deal.id());
    q.set_text("account", deal.get("account"));
    q.set("revision", crm::Value::plain(std::to_string(revision)));
    if (supersedes) q.set_text("supersedes", supersedes->id());
    crm::Value lines = crm::Value::sequence();
    if (supersedes) {  // the same quantities, with a volume discount
      for (const crm::Value& l : supersedes->find("lines")->items()) {
        crm::Value copy = l;
        copy.set("discount", crm::Value::string(pick(std::vector<std::string>{"5", "7.5", "10"})));
        lines.push_back(std::move(copy));
      }
    } else {
      int count = between(1, 3);
      std::size_t first = static_cast<std::size_t>(between(0, static_cast<int>(k_sellable) - 1));
      for (int l = 0; l < count; ++l)
        lines.push_back(line(k_catalogue[(first + static_cast<std::size_t>(l)) % k_sellable],
                             std::to_string(between(1, 40)),
                             pick(std::vector<std::string>{"0", "0", "0", "5", "10"})));
    }
    price(
        q, std::move(lines), pick(std::vector<std::string>{"0", "0", "2", "3"}),
        supersedes ? supersedes->get("tax_rate") : pick(std::vector<std::string>{"0", "19", "21"}));
    q.set_text("valid_until", on.plus_days(30).iso());
    set_status(q, moment(on, 16), "sent", deal.get("owner"));
    return q;
  }

  // A won deal's order, delivered and invoiced, and the invoice's payments. True when paid.
  bool sale(const crm::Record& deal, const crm::Record& quote, const crm::Date& won,
            const std::string& by) {
    crm::Record order = numbered(crm::Kind::order, won);
    order.set_text("status", "open");
    order.set_text("deal", deal.id());
    order.set_text("account", deal.get("account"));
    order.set_text("quote", quote.id());
    copy_terms(quote, order);
    return deliver_and_bill(order, won.plus_days(between(3, 14)), by);
  }

  bool deliver_and_bill(crm::Record& order, const crm::Date& delivered, const std::string& by) {
    order.set_text("delivered", delivered.iso());
    set_status(order, moment(delivered, 15), "delivered", by);
    set_status(order, moment(delivered, 16), "invoiced", by);
    crm::Record invoice = numbered(crm::Kind::invoice, delivered);
    if (!order.get("deal").empty()) invoice.set_text("deal", order.get("deal"));
    invoice.set_text("account", order.get("account"));
    invoice.set_text("order", order.id());
    copy_terms(order, invoice);
    std::string paid_at = payments(invoice, delivered, by);
    if (!paid_at.empty()) set_status(order, paid_at, "closed", by);
    save(order);
    save(invoice);
    return !paid_at.empty();
  }

  // Issued on `issued`, due 30 days later; paid in full, in part, or not (yet). Old invoices
  // are mostly paid; the unpaid ones past their due day are what `report receivables` shows.
  // The moment it was paid in full, or empty.
  std::string payments(crm::Record& invoice, const crm::Date& issued, const std::string& by) {
    invoice.set_text("issued", issued.iso());
    invoice.set_text("due", issued.plus_days(30).iso());
    invoice.set_text("status", "issued");
    crm::Money total = euros(invoice.get("total")), balance = total;
    bool old = issued.plus_days(150) < k_last_day;
    int paid = between(0, 99);  // paid in full, partly, or not at all
    int full = old ? 88 : 55, part = old ? 94 : 75;
    crm::Value entries = crm::Value::sequence();
    crm::Date paid_on = std::min(issued.plus_days(between(7, 40)), k_last_day);
    auto pay = [&](const crm::Money& amount) {
      crm::Value p = crm::Value::map();
      p.set("date", crm::Value::string(paid_on.iso()));
      p.set("amount", crm::Value::string(amount.str()));
      p.set("ref", crm::Value::string(fmt::format("Transfer {}", between(10000, 99999))));
      entries.push_back(std::move(p));
      balance = balance - amount;
    };
    std::string paid_at;
    if (paid < full && !total.is_zero()) {
      pay(total);
      paid_at = moment(paid_on, 12);
      set_status(invoice, paid_at, "paid", by);
    } else if (paid < part && total.minor() > 1) {
      pay(crm::Money(total.minor() / 2, total.digits()));
      set_status(invoice, moment(paid_on, 12), "partially-paid", by);
    }
    if (!entries.items().empty()) invoice.set("payments", std::move(entries));
    invoice.set_text("balance", balance.str());
    return paid_at;
  }

  // A sales contract over the accepted quote's quantities and one to three release orders;
  // fulfilled when they took everything. True when every release is paid and it is fulfilled.
  bool sales_contract(const crm::Record& deal, const crm::Record& quote, const crm::Date& won,
                      const std::string& by) {
    crm::Date from = won.plus_days(between(1, 7));
    crm::Record k = numbered(crm::Kind::contract, won);
    k.set_text("status", "active");
    k.set_text("deal", deal.id());
    k.set_text("account", deal.get("account"));
    k.set_text("quote", quote.id());
    k.set_text("from", from.iso());
    k.set_text("to", from.plus_days(180).iso());
    copy_terms(quote, k);
    attach(k, fmt::format("contracts/{}-signed.pdf", k.get("number")),
           "Sales contract, signed by both parties", moment(won, 17), by);
    int releases = between(1, 3);
    bool fulfil = chance(50), all_paid = true;
    std::vector<crm::Value>& lines = k.find("lines")->items();
    std::vector<long> released(lines.size(), 0);
    crm::Date on = from;
    for (int n = 1; n <= releases; ++n) {
      on = on.plus_days(between(10, 40));
      if (on.plus_days(20) > k_last_day) break;
      crm::Value order_lines = crm::Value::sequence();
      for (std::size_t i = 0; i < lines.size(); ++i) {
        long qty = std::atol(lines[i].get("qty").c_str());
        long take = fulfil && n == releases ? qty - released[i] : qty / (releases + 1);
        if (take <= 0) continue;
        released[i] += take;
        crm::Value l = lines[i];
        l.set("qty", crm::Value::string(std::to_string(take)));
        order_lines.push_back(std::move(l));
      }
      if (order_lines.items().empty()) continue;
      crm::Record order = numbered(crm::Kind::order, on);
      order.set_text("status", "open");
      order.set_text("deal", deal.id());
      order.set_text("account", deal.get("account"));
      order.set_text("contract", k.id());
      price(order, std::move(order_lines), k.get("discount"), k.get("tax_rate"));
      all_paid = deliver_and_bill(order, on.plus_days(between(2, 10)), by) && all_paid;
    }
    bool fulfilled = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      lines[i].set("released", crm::Value::string(std::to_string(released[i])));
      fulfilled = fulfilled && released[i] == std::atol(lines[i].get("qty").c_str());
    }
    if (fulfilled)
      set_status(k, moment(on, 17), "fulfilled", by);
    else if (chance(20)) {
      k.set_text("reason", "Customer reorganised its fleet");
      set_status(k, moment(std::min(on.plus_days(30), k_last_day), 17), "terminated", by,
                 "Customer reorganised its fleet");
    }
    save(k);
    return fulfilled && all_paid;
  }

  // --- service ---------------------------------------------------------------------------------

  struct ServiceContract {
    std::string id, number;
    std::size_t account;
    crm::Date from, to;
    crm::ServiceTerms terms;
    std::string response_hours;
  };

  void service_contract(std::size_t a) {
    crm::Date from = day(k_span - 120);
    crm::Record r = numbered(crm::Kind::service_contract, from.plus_days(-between(1, 10)));
    r.set_text("status", "active");
    r.set_text("account", m_accounts[a]);
    r.set_text("from", from.iso());
    crm::Date to = from.plus_days(365 * between(1, 3) - 1);
    bool open_ended = chance(20);
    if (!open_ended) r.set_text("to", to.iso());
    r.set_text("currency", "EUR");
    r.set_text("hourly_rate", pick(std::vector<std::string>{"85.00", "90.00", "95.00"}));
    r.set_text("included_hours", pick(std::vector<std::string>{"0", "2", "4", "12"}));
    r.set_text("period", pick(crm::service_periods()));
    r.set_text("parts_coverage", pick(std::vector<std::string>{"0", "50", "100"}));
    r.set_text("response_hours", pick(std::vector<std::string>{"8", "24", "72"}));
    r.set_text("maintenance_every", pick(std::vector<std::string>{"3m", "6m", "1y", "1y"}));
    std::string by = pick(k_owners);
    crm::Date last = open_ended || to > k_last_day ? k_last_day : to;
    // The last day planned maintenance is owed: its `to`, or 90 days ahead while it runs.
    crm::Date end = open_ended ? k_last_day.plus_days(90) : std::min(to, k_last_day.plus_days(90));
    if (chance(10) && last.serial() - from.serial() > 60) {  // terminated early
      last = day_between(from.plus_days(30), last);
      end = last;
      r.set_text("reason", "Fleet sold");
      set_status(r, moment(last, 17), "terminated", by, "Fleet sold");
    }
    ServiceContract c{r.id(),           r.get("number"),        a, from, last,
                      crm::terms_of(r), r.get("response_hours")};
    save(r);
    if (r.status() == "active") m_service_contracts.push_back(c);
    // Planned maintenance: the visits done so far, and the next one still open.
    int months = r.get("maintenance_every") == "3m"   ? 3
                 : r.get("maintenance_every") == "6m" ? 6
                                                      : 12;
    for (crm::Date due = from.plus_months(months); due <= end; due = due.plus_months(months)) {
      crm::Record sv = numbered(crm::Kind::service_order, std::min(due.plus_days(-14), k_last_day));
      sv.set_text("status", "open");
      sv.set_text("kind", "maintenance");
      sv.set_text("account", m_accounts[a]);
      sv.set_text("contract", c.id);
      sv.set_text("summary", fmt::format("Planned maintenance ({} {})", c.number, due.iso()));
      sv.set_text("scheduled", due.iso());
      if (due <= k_last_day.plus_days(-3))
        service_work(sv, &c, due, false);
      else
        save(sv);
    }
  }

  void service_request() {
    const ServiceContract* c = nullptr;
    std::size_t a;
    crm::Date created;
    if (!m_service_contracts.empty() && chance(70)) {
      c = &pick(m_service_contracts);
      a = c->account;
      created = day_between(c->from, c->to.plus_days(-3));
    } else {
      a = static_cast<std::size_t>(between(0, static_cast<int>(m_accounts.size()) - 1));
      created = day(k_span - 3);
    }
    crm::Record r = numbered(crm::Kind::service_request, created);
    r.set_text("status", "open");
    r.set_text("account", m_accounts[a]);
    if (!m_contacts_of[a].empty()) r.set_text("contact", pick(m_contacts_of[a]));
    bool complaint = chance(8);
    const auto& [solution, sku] = pick(m_solutions);
    if (complaint) {
      r.set_text("summary", "Technician arrived two hours late");
      r.set("complaint", crm::Value::boolean(true));
    } else {
      r.set_text("product", sku);
      r.set_text("summary", fmt::format("{}: {}", sku,
                                        pick(std::vector<std::string>{
                                            "no position reported", "offline since the morning",
                                            "wrong readings", "does not start"})));
    }
    r.set_text("priority", pick(crm::priorities()));
    std::string tech = pick(k_technicians);
    int minute = between(0, 59);
    r.set_text("created", fmt::format("{}T09:{:02}:00+00:00", created.iso(), minute));
    if (c) {  // created + the contract's response hours
      int hours = std::atoi(c->response_hours.c_str());
      r.set_text("contract", c->id);
      r.set_text("respond_by",
                 fmt::format("{}T{:02}:{:02}:00+00:00", created.plus_days(hours / 24).iso(),
                             9 + hours % 24, minute));
    }
    int outcome = between(0, 99);  // < 35 solved, < 80 escalated, else open
    if (complaint || outcome >= 80 || created.plus_days(3) > k_last_day) {
      save(r);
      return;
    }
    if (outcome < 35) {
      r.set_text("solution", solution);
      set_status(r, moment(created, 11), "solved", tech, solution);
      save(r);
      return;
    }
    crm::Record sv = numbered(crm::Kind::service_order, created);
    r.set_text("service_order", sv.id());
    set_status(r, moment(created, 10), "escalated", tech);
    sv.set_text("status", "open");
    sv.set_text("kind", "repair");
    sv.set_text("account", m_accounts[a]);
    sv.set_text("request", r.id());
    if (c) sv.set_text("contract", c->id);
    sv.set_text("product", sku);
    sv.set_text("summary", r.get("summary"));
    crm::Date scheduled = std::min(created.plus_days(between(0, 3)), k_last_day);
    sv.set_text("scheduled", scheduled.iso());
    bool closed = service_work(sv, c, scheduled, true);
    if (closed && chance(60)) set_status(r, moment(scheduled, 18), "closed", tech);
    save(r);
  }

  // A service order's life: assigned (with planned parts), started, completed with a
  // confirmation billed from the contract's terms, and invoiced; or stopped on the way.
  // True when it was completed.
  bool service_work(crm::Record& sv, const ServiceContract* c, const crm::Date& on, bool repair) {
    std::string tech = pick(k_technicians), office = pick(k_owners);
    int outcome = between(0, 99);  // < 5 cancelled, < 12 assigned, < 18 started, else done
    if (outcome < 5) {
      set_status(sv, moment(on, 8), "cancelled", office);
      save(sv);
      return false;
    }
    sv.set_text("assignee", tech);
    set_status(sv, moment(on, 8), "assigned", office, tech);
    std::vector<crm::PartUse> parts;
    if (repair && chance(60)) {
      const Product& part = k_catalogue[static_cast<std::size_t>(between(5, 6))];
      parts.push_back({part.sku, crm::Decimal::from_int(between(1, 3)), euros(part.price)});
      crm::Value planned = crm::Value::sequence();
      crm::Value p = crm::Value::map();
      p.set("sku", crm::Value::string(part.sku));
      p.set("qty", crm::Value::string(parts.back().quantity.str()));
      planned.push_back(std::move(p));
      sv.set("parts", std::move(planned));
    }
    if (outcome < 12) {
      save(sv);
      return false;
    }
    set_status(sv, moment(on, 9), "in-progress", tech);
    if (outcome < 18) {
      save(sv);
      return false;
    }
    set_status(sv, moment(on, 15), "completed", tech);

    crm::Record cf = start(crm::Kind::confirmation, on);
    cf.set_text("status", "confirmed");
    cf.set_text("service_order", sv.id());
    cf.set_text("account", sv.get("account"));
    if (c) cf.set_text("contract", c->id);
    cf.set_text("date", on.iso());
    cf.set_text("currency", "EUR");
    crm::Decimal effort(between(1, 12) * 5, 1);  // 0.5 to 6 hours
    crm::BillingInput in{effort, crm::Decimal(), std::nullopt, euros("90.00"), parts};
    std::string period_key;
    if (c) {
      in.terms = c->terms;
      period_key = c->id + crm::period_bounds(on, c->terms.period).first.iso();
      in.used_in_period = m_hours_used[period_key];
    }
    crm::Billing b = crm::compute_billing(in);
    if (c) m_hours_used[period_key] = m_hours_used[period_key] + effort;
    cf.set_text("effort", effort.str());
    if (!parts.empty()) {
      crm::Value used = crm::Value::sequence();
      crm::Decimal coverage = c ? c->terms.parts_coverage : crm::Decimal();
      for (const crm::PartUse& p : parts) {
        const Product& product = *std::find_if(k_catalogue.begin(), k_catalogue.end(),
                                               [&](const Product& x) { return x.sku == p.sku; });
        crm::Value l = line(product, p.quantity.str(), coverage.str());
        l.set("net", crm::Value::string(crm::line_net(p.quantity, p.unit_price, coverage).str()));
        used.push_back(std::move(l));
      }
      cf.set("parts_used", std::move(used));
    }
    cf.set_text("billable_hours", b.billable_hours.str());
    cf.set_text("rate", b.rate.str());
    cf.set_text("labour", b.labour.str());
    cf.set_text("parts", b.parts.str());
    cf.set_text("amount", b.amount.str());
    cf.set("final", crm::Value::boolean(true));
    crm::Value steps = crm::Value::sequence();
    for (const std::string& step : b.steps) steps.push_back(crm::Value::string(step));
    cf.set("computation", std::move(steps));
    cf.set_text("note", repair ? "Repaired on site" : "Maintenance done, all units checked");

    crm::Date billed = on.plus_days(between(1, 5));
    if (b.amount.is_zero() || billed > k_last_day || chance(15)) {
      save(sv);
      save(cf);
      return true;
    }
    crm::Value lines = crm::Value::sequence();
    crm::Value labour = crm::Value::map();
    labour.set("sku", crm::Value::string("LABOUR"));
    labour.set("name", crm::Value::string("Service labour"));
    labour.set("qty", crm::Value::string(b.billable_hours.str()));
    labour.set("unit_price", crm::Value::string(b.rate.str()));
    labour.set("discount", crm::Value::string("0"));
    labour.set("net", crm::Value::string(b.labour.str()));
    lines.push_back(std::move(labour));
    if (const crm::Value* used = cf.find("parts_used"))
      for (const crm::Value& p : used->items()) lines.push_back(p);
    crm::Record invoice = numbered(crm::Kind::invoice, billed);
    invoice.set_text("account", sv.get("account"));
    invoice.set_text("confirmation", cf.id());
    price(invoice, std::move(lines), "0", "19");
    payments(invoice, billed, office);
    cf.set_text("invoice", invoice.id());
    set_status(cf, moment(billed, 9), "billed", office);
    set_status(sv, moment(billed, 9), "billed", office);
    save(sv);
    save(cf);
    save(invoice);
    return true;
  }

  // --- activities ------------------------------------------------------------------------------

  void activity() {
    crm::Record r = start(crm::Kind::activity, day());
    std::string type = pick(crm::activity_types());
    std::string by = pick(k_owners);
    r.set_text("type", type);
    r.set_text("about", pick(m_all));
    r.set_text("at", r.get("created"));
    r.set_text("by", by);
    if (type == "note") {
      r.set_text("body",
                 "Discussed delivery dates and the service package.\nFollow up next week.\n");
    } else {
      r.set_text("subject",
                 pick(std::vector<std::string>{"Follow-up on the proposal", "Delivery dates",
                                               "Service visit", "Invoice question", "Renewal"}));
    }
    if (type == "call") {
      r.set_text("direction", pick(std::vector<std::string>{"in", "out"}));
      r.set_text("outcome", pick(std::vector<std::string>{"reached", "reached", "voicemail",
                                                          "no-answer", "busy"}));
      if (r.get("outcome") == "reached")
        r.set_text("duration", fmt::format("PT{}M{}S", between(1, 25), between(0, 59)));
    }
    if (type == "email") {
      r.set_text("direction", pick(std::vector<std::string>{"in", "out"}));
      r.set_text("message_id", fmt::format("{}@mail.example", r.id()));
    }
    if (type == "task") {
      crm::Date created = *crm::Date::parse_iso(r.get("created").substr(0, 10));
      crm::Date due = created.plus_days(between(1, 30));
      r.set_text("due", due.iso());
      r.set_text("status", "open");
      // Old tasks are mostly done; recent ones mostly open.
      if (due.plus_days(30) < k_last_day && chance(85)) {
        crm::Date done = std::min(due.plus_days(between(-3, 5)), k_last_day);
        if (chance(90))
          set_status(r, moment(std::max(done, created), 17), "done", by);
        else
          set_status(r, moment(std::max(done, created), 17), "cancelled", by);
      }
    }
    save(r);
  }

  crm::fs::path m_root;
  std::mt19937_64 m_rng;
  crm::IdGenerator m_ids;
  std::vector<std::string> m_accounts, m_all;
  std::vector<std::vector<std::string>> m_contacts_of;           // per account
  std::vector<std::pair<std::string, std::string>> m_campaigns;  // id, channel
  std::vector<std::pair<std::string, std::string>> m_solutions;  // id, sku
  std::vector<ServiceContract> m_service_contracts;              // the active ones
  std::map<std::string, long> m_counters;                        // "Q-2026" -> last number
  std::map<std::string, crm::Decimal> m_hours_used;              // contract+period -> hours
};

}  // namespace bench_generate

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: crm-bench-generate DIR RECORDS [SEED]\n";
    return 2;
  }
  try {
    crm::fs::path root = argv[1];
    crm::init_data_dir(root, false);
    bench_generate::Generator(root, argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1)
        .run(std::atol(argv[2]));
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-generate: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
