// Generates a realistic crm data directory of any size for the benchmarks in bench/run.
//
//   crm-bench-generate DIR RECORDS [SEED]
//
// The mix follows a sales team's directory after a year: per 100 records about 8 accounts,
// 12 contacts, 21 leads (a third converted, each with its contact and deal, two in five from a
// campaign), 7 deals, 4 quotes, 2 orders, 2 invoices, a campaign per 500 records, the six
// products of a small catalogue, and the rest, about 37, activities (notes, calls, meetings,
// emails, tasks): the largest kind. Deals are open in every stage of the default crm.yaml (45%),
// won (25%: an accepted quote, an order delivered and invoiced, the invoice paid, partly paid
// or unpaid, some past due) or lost (30%, with a reason; some after a rejected quote). Every
// record carries the history entries crm would have written, so `crm check` is clean.
// Deterministic for a seed. Files are written directly, without fsync: generation is not what
// we measure.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/ids.h"
#include "crm/kinds/record.h"
#include "crm/store/file_store.h"
#include "crm/store/paths.h"
#include "crm/store/record_codec.h"

namespace {

const std::vector<std::string> k_first = {"Anna", "Jan",   "Maria", "Lukas", "Sofia", "Piotr",
                                          "Emma", "Mateo", "Ines",  "Oskar", "Lea",   "Tomasz"};
const std::vector<std::string> k_last = {"Kowalski", "Lopez",  "Schmidt", "Rossi",   "Nowak",
                                         "Dubois",   "Jensen", "Novak",   "Fischer", "Silva"};
const std::vector<std::string> k_company = {"Logistik", "Foods",   "Systems", "Energy",
                                            "Textiles", "Medical", "Motors",  "Print"};
const std::vector<std::string> k_owners = {"anna", "ben", "chloe", "dawid"};
// The stages of the default crm.yaml, in order.
const std::vector<std::string> k_stages = {"qualification", "needs-analysis", "proposal",
                                           "negotiation"};
const std::vector<std::string> k_channels = {"fair", "web", "mail", "ads", "referral", "other"};
const std::vector<std::string> k_lost_reasons = {"Chose a competitor's cheaper offer",
                                                 "No budget this year", "Project cancelled",
                                                 "Went quiet after the quote", "Built it in-house"};

struct Product {
  std::string sku, name, kind, unit;
  long cents;  // unit price
};
const std::vector<Product> k_catalogue = {
    {"TLM-400", "Telematics unit TLM-400", "goods", "pcs", 48900},
    {"SENSOR-T2", "Trailer temperature probe T2", "goods", "pcs", 6490},
    {"GH-SENSOR", "Greenhouse climate sensor H2", "goods", "pcs", 12900},
    {"GW-200", "Site gateway GW-200", "goods", "pcs", 115000},
    {"SVC-INSTALL", "Installation and commissioning", "service", "h", 8500},
    {"SP-ANT-01", "Spare GPS antenna", "part", "pcs", 2450}};

std::string money(long cents) {
  return fmt::format("{}.{:02}", cents / 100, cents % 100);
}
// round(a / b), half up, for a >= 0 and b > 0.
long divide_half_up(long long a, long long b) {
  return static_cast<long>((2 * a + b) / (2 * b));
}

// Lines and totals of a quote, and of the order and invoice made from it (DESIGN section 4).
struct Priced {
  crm::Value lines = crm::Value::sequence();
  int discount = 0, tax_rate = 0;
  long subtotal = 0, net = 0, tax = 0, total = 0;

  void set_on(crm::Record& r) const {
    r.set_text("currency", "EUR");
    r.set("lines", lines);
    r.set_text("discount", std::to_string(discount));
    r.set_text("tax_rate", std::to_string(tax_rate));
    r.set_text("subtotal", money(subtotal));
    r.set_text("net", money(net));
    r.set_text("tax", money(tax));
    r.set_text("total", money(total));
  }
};

class Generator {
 public:
  Generator(crm::fs::path root, std::uint64_t seed)
      : m_root(std::move(root)), m_rng(seed), m_ids(seed) {}

  void run(long total) {
    for (const Product& p : k_catalogue) product(p);
    long accounts = std::max(1L, total * 8 / 100);
    for (long i = 0; i < accounts; ++i) account(i);
    long contacts = total * 12 / 100;
    for (long i = 0; i < contacts; ++i) contact();
    long campaigns = std::max(1L, total / 500);
    for (long i = 0; i < campaigns; ++i) campaign(i);
    long leads = total * 21 / 100;
    for (long i = 0; i < leads; ++i) lead(i);
    while (static_cast<long>(m_all.size()) < total) activity();
  }

 private:
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(m_rng)];
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
  bool chance(int percent) { return between(0, 99) < percent; }

  // A day of 2026 up to `last` days after 2 January, and a moment on that day in office hours.
  // Leads start by mid-August, so that what follows them (conversion, stages, a win, delivery,
  // payment) still falls in 2026, the year of the documents' numbers.
  crm::Date day(int last = 310) { return crm::Date(2026, 1, 2).plus_days(between(0, last)); }
  std::string moment(const crm::Date& d) {
    return fmt::format("{}T{:02}:{:02}:00+00:00", d.iso(), between(8, 17), between(0, 59));
  }
  std::string person() { return pick(k_first) + " " + pick(k_last); }

  crm::Record start(crm::Kind kind, const crm::Date& created) {
    crm::Record r(kind, crm::Value::map());
    r.set_text("id", m_ids.next(crm::kind_spec(kind).prefix));
    r.set_text("created", moment(created));
    r.set_text("owner", pick(k_owners));
    return r;
  }
  // Documents (quotes, orders, invoices) and products have no owner.
  crm::Record document(crm::Kind kind, const crm::Date& created, const std::string& prefix,
                       long& counter) {
    crm::Record r = start(kind, created);
    r.erase("owner");
    r.set_text("number", fmt::format("{}-2026-{:04}", prefix, ++counter));
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

  void product(const Product& p) {
    crm::Record r = start(crm::Kind::product, crm::Date(2026, 1, 2));
    r.erase("owner");
    r.set_text("sku", p.sku);
    r.set_text("name", p.name);
    r.set_text("kind", p.kind);
    r.set_text("unit", p.unit);
    r.set_text("price", money(p.cents));
    r.set_text("currency", "EUR");
    save(r);
  }

  void account(long i) {
    crm::Record r = start(crm::Kind::account, day());
    r.set_text("name", fmt::format("{} {} {}", pick(k_last), pick(k_company), i));
    r.set_text("phone", fmt::format("+48 42 {:03} {:02} {:02}", between(100, 999), between(10, 99),
                                    between(10, 99)));
    m_accounts.push_back(r.id());
    save(r);
  }

  void contact() {
    crm::Record r = start(crm::Kind::contact, day());
    std::string name = person();
    r.set_text("name", name);
    r.set_text("account", pick(m_accounts));
    r.set_text("email", fmt::format("{}{}@example.com", name.substr(0, 3), between(1, 99999)));
    save(r);
  }

  void campaign(long i) {
    crm::Date from = day();
    crm::Record r = start(crm::Kind::campaign, from.plus_days(-between(1, 20)));
    std::string channel = pick(k_channels);
    r.set_text("name", fmt::format("Campaign {} ({})", i + 1, channel));
    r.set_text("channel", channel);
    r.set_text("cost", money(between(2, 120) * 5000L));
    r.set_text("currency", "EUR");
    r.set_text("from", from.iso());
    crm::Date to = from.plus_days(channel == "fair" ? between(2, 4) : between(14, 90));
    r.set_text("to", to.iso());
    if (chance(60)) {
      r.set_text("status", "closed");
      history(r, moment(to.plus_days(between(7, 30))), "active", "closed", r.get("owner"));
    } else {
      r.set_text("status", "active");
    }
    m_campaigns.push_back({r.id(), channel});
    save(r);
  }

  void lead(long i) {
    crm::Date created = day(225);
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
    if (i % 3 != 0) {
      r.set_text("status",
                 pick(std::vector<std::string>{"new", "contacted", "qualified", "disqualified"}));
      if (r.status() == "contacted" || r.status() == "qualified")
        history(r, moment(created.plus_days(2)), "new", "contacted", by);
      if (r.status() == "qualified")
        history(r, moment(created.plus_days(9)), "contacted", "qualified", by);
      if (r.status() == "disqualified") {
        r.set_text("reason", "No need for telematics");
        history(r, moment(created.plus_days(5)), "new", "disqualified", by,
                "No need for telematics");
      }
      save(r);
      return;
    }
    crm::Date converted = created.plus_days(between(3, 20));
    crm::Record deal = start(crm::Kind::deal, converted);
    deal.set_text("owner", by);
    deal.set_text("title", r.get("company") + " deal");
    deal.set_text("account", pick(m_accounts));
    deal.set_text("lead", r.id());
    if (!r.get("campaign").empty()) deal.set_text("campaign", r.get("campaign"));
    deal.set_text("currency", "EUR");
    r.set_text("status", "converted");
    r.set_text("account", deal.get("account"));
    r.set_text("deal", deal.id());
    crm::Record c = start(crm::Kind::contact, converted);
    c.set_text("name", r.get("name"));
    c.set_text("account", deal.get("account"));
    r.set_text("contact", c.id());
    deal.set_text("contact", c.id());
    history(r, moment(converted), "new", "converted", by);
    save(c);
    save(r);
    deal_story(deal, converted);
  }

  // Stages, quote, outcome and what follows a win, in the order crm would have written them.
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

    std::optional<crm::Record> quote;
    if (stage >= 2) {
      quote = make_quote(deal, d);
      deal.set_text("amount", quote->get("net"));
    } else {
      deal.set_text("amount", money(between(20, 600) * 10000L));
    }
    crm::Date end = d.plus_days(between(5, 25));
    if (won) {
      history(*quote, moment(end), "sent", "accepted", by);
      quote->set_text("status", "accepted");
      deal.set_text("status", "won");
      deal.set_text("closed", end.iso());
      history(deal, moment(end), "open", "won", by);
    } else if (lost) {
      std::string reason = pick(k_lost_reasons);
      if (!quote && reason == "Went quiet after the quote") reason = "No budget this year";
      if (quote) {
        quote->set_text("status", "rejected");
        quote->set_text("reason", "Price too high");
        history(*quote, moment(end), "sent", "rejected", by, "Price too high");
      }
      deal.set_text("status", "lost");
      deal.set_text("closed", end.iso());
      deal.set_text("reason", reason);
      history(deal, moment(end), "open", "lost", by, reason);
    } else {
      deal.set_text("status", "open");
    }
    save(deal);
    if (quote) save(*quote);
    if (won) sale(deal, *quote, end, by);
  }

  crm::Record make_quote(const crm::Record& deal, const crm::Date& on) {
    Priced p;
    int count = between(1, 3);
    std::size_t first = static_cast<std::size_t>(between(0, 5));
    for (int l = 0; l < count; ++l) {
      const Product& product = k_catalogue[(first + static_cast<std::size_t>(l)) % 6];
      int qty = between(1, 40), discount = pick(std::vector<int>{0, 0, 0, 5, 10});
      long net =
          divide_half_up(static_cast<long long>(qty) * product.cents * (100 - discount), 100);
      crm::Value line = crm::Value::map();
      line.set("sku", crm::Value::string(product.sku));
      line.set("name", crm::Value::string(product.name));
      line.set("qty", crm::Value::string(std::to_string(qty)));
      line.set("unit_price", crm::Value::string(money(product.cents)));
      line.set("discount", crm::Value::string(std::to_string(discount)));
      line.set("net", crm::Value::string(money(net)));
      p.lines.push_back(std::move(line));
      p.subtotal += net;
    }
    p.discount = pick(std::vector<int>{0, 0, 2, 3});
    p.tax_rate = pick(std::vector<int>{0, 19, 21});
    p.net = divide_half_up(static_cast<long long>(p.subtotal) * (100 - p.discount), 100);
    p.tax = divide_half_up(static_cast<long long>(p.net) * p.tax_rate, 100);
    p.total = p.net + p.tax;
    m_priced = p;

    crm::Record q = document(crm::Kind::quote, on, "Q", m_quotes);
    q.set_text("status", "sent");
    q.set_text("deal", deal.id());
    q.set_text("account", deal.get("account"));
    q.set("revision", crm::Value::plain("1"));
    p.set_on(q);
    q.set_text("valid_until", on.plus_days(30).iso());
    history(q, moment(on), "draft", "sent", deal.get("owner"));
    return q;
  }

  // A won deal's order, delivered and invoiced, and the invoice's payments.
  void sale(const crm::Record& deal, const crm::Record& quote, const crm::Date& won,
            const std::string& by) {
    crm::Date delivered = won.plus_days(between(3, 14));
    crm::Record order = document(crm::Kind::order, won, "SO", m_orders);
    order.set_text("deal", deal.id());
    order.set_text("account", deal.get("account"));
    order.set_text("quote", quote.id());
    m_priced.set_on(order);
    order.set_text("delivered", delivered.iso());
    history(order, moment(delivered), "open", "delivered", by);
    history(order, moment(delivered), "delivered", "invoiced", by);

    crm::Record invoice = document(crm::Kind::invoice, delivered, "INV", m_invoices);
    invoice.set_text("deal", deal.id());
    invoice.set_text("account", deal.get("account"));
    invoice.set_text("order", order.id());
    m_priced.set_on(invoice);
    invoice.set_text("issued", delivered.iso());
    invoice.set_text("due", delivered.plus_days(30).iso());
    int paid = between(0, 99);  // < 55 paid in full, < 75 partly, else unpaid (overdue if old)
    long balance = m_priced.total;
    crm::Value payments = crm::Value::sequence();
    auto pay = [&](long cents, const crm::Date& on) {
      crm::Value p = crm::Value::map();
      p.set("date", crm::Value::string(on.iso()));
      p.set("amount", crm::Value::string(money(cents)));
      p.set("ref", crm::Value::string(fmt::format("Transfer {}", between(10000, 99999))));
      payments.push_back(std::move(p));
      balance -= cents;
    };
    crm::Date paid_on = delivered.plus_days(between(7, 30));
    if (paid < 55 && m_priced.total > 0) {
      pay(m_priced.total, paid_on);
      invoice.set_text("status", "paid");
      history(invoice, moment(paid_on), "issued", "paid", by);
      history(order, moment(paid_on), "invoiced", "closed", by);
      order.set_text("status", "closed");
    } else if (paid < 75 && m_priced.total > 1) {
      pay(m_priced.total / 2, paid_on);
      invoice.set_text("status", "partially-paid");
      history(invoice, moment(paid_on), "issued", "partially-paid", by);
      order.set_text("status", "invoiced");
    } else {
      invoice.set_text("status", "issued");
      order.set_text("status", "invoiced");
    }
    if (!payments.items().empty()) invoice.set("payments", std::move(payments));
    invoice.set_text("balance", money(balance));
    save(order);
    save(invoice);
  }

  void activity() {
    crm::Record r = start(crm::Kind::activity, day());
    std::string type = pick(std::vector<std::string>{"note", "call", "meeting", "email", "task"});
    r.erase("owner");
    r.set_text("type", type);
    r.set_text("about", pick(m_all));
    r.set_text("at", r.get("created"));
    r.set_text("by", pick(k_owners));
    if (type == "note") {
      r.set_text("body",
                 "Discussed delivery dates and the service package.\nFollow up next week.\n");
    } else {
      r.set_text("subject", "Follow-up on the proposal");
    }
    if (type == "task") {
      r.set_text("status", "open");
      r.set_text("due", fmt::format("2026-12-{:02}", between(1, 28)));
    }
    save(r);
  }

  crm::fs::path m_root;
  std::mt19937_64 m_rng;
  crm::IdGenerator m_ids;
  std::vector<std::string> m_accounts, m_all;
  std::vector<std::pair<std::string, std::string>> m_campaigns;  // id, channel
  long m_quotes = 0, m_orders = 0, m_invoices = 0;
  Priced m_priced;  // the last quote's terms, copied to its order and invoice
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: crm-bench-generate DIR RECORDS [SEED]\n";
    return 2;
  }
  try {
    crm::fs::path root = argv[1];
    crm::init_data_dir(root, false);
    Generator(root, argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1).run(std::atol(argv[2]));
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-generate: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
