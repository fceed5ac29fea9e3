// Generates a realistic crm data directory of any size for the benchmarks in bench/run.
//
//   crm-bench-generate DIR RECORDS [SEED]
//
// The mix follows a sales team's directory after a few years: per 100 records about 8
// accounts, 14 contacts, 24 leads (a third converted, each with its deal), 8 deals and 46
// activities (notes, calls, meetings, emails, tasks). Files are written directly, without
// fsync: generation is not what we measure.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

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

class Generator {
 public:
  Generator(crm::fs::path root, std::uint64_t seed)
      : m_root(std::move(root)), m_rng(seed), m_ids(seed) {}

  void run(long total) {
    long accounts = std::max(1L, total * 8 / 100);
    for (long i = 0; i < accounts; ++i) account(i);
    long contacts = total * 14 / 100;
    for (long i = 0; i < contacts; ++i) contact();
    long leads = total * 24 / 100;
    for (long i = 0; i < leads; ++i) lead(i);
    long written = accounts + contacts + m_written_leads_and_deals;
    while (written < total) {
      activity();
      ++written;
    }
  }

 private:
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(m_rng)];
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }

  std::string timestamp() {
    return fmt::format("2026-{:02}-{:02}T{:02}:{:02}:00+00:00", between(1, 11), between(1, 28),
                       between(8, 17), between(0, 59));
  }
  std::string person() { return pick(k_first) + " " + pick(k_last); }

  crm::Record start(crm::Kind kind) {
    crm::Record r(kind, crm::Value::map());
    r.set_text("id", m_ids.next(crm::kind_spec(kind).prefix));
    r.set_text("created", timestamp());
    r.set_text("owner", pick(k_owners));
    return r;
  }

  void save(const crm::Record& r) {
    std::ofstream out(m_root / crm::record_relative_path(r), std::ios::binary);
    out << crm::record_to_yaml(r);
    m_all.push_back(r.id());
  }

  void account(long i) {
    crm::Record r = start(crm::Kind::account);
    r.set_text("name", fmt::format("{} {} {}", pick(k_last), pick(k_company), i));
    r.set_text("phone", fmt::format("+48 42 {:03} {:02} {:02}", between(100, 999), between(10, 99),
                                    between(10, 99)));
    m_accounts.push_back(r.id());
    save(r);
  }

  void contact() {
    crm::Record r = start(crm::Kind::contact);
    std::string name = person();
    r.set_text("name", name);
    r.set_text("account", pick(m_accounts));
    r.set_text("email", fmt::format("{}{}@example.com", name.substr(0, 3), between(1, 99999)));
    save(r);
  }

  void lead(long i) {
    crm::Record r = start(crm::Kind::lead);
    r.set_text("name", person());
    r.set_text("company", fmt::format("{} {}", pick(k_last), pick(k_company)));
    r.set_text("source", pick(std::vector<std::string>{"referral", "fair", "web", "campaign"}));
    ++m_written_leads_and_deals;
    if (i % 3 != 0) {
      r.set_text("status", pick(std::vector<std::string>{"new", "contacted", "qualified"}));
      if (r.status() != "new")
        history(r, "new", r.status() == "qualified" ? "qualified" : "contacted");
      save(r);
      return;
    }
    crm::Record deal = start(crm::Kind::deal);
    deal.set_text("title", r.get("company") + " deal");
    deal.set_text("status", "open");
    deal.set_text("stage", "qualification");
    deal.set_text("account", pick(m_accounts));
    deal.set_text("lead", r.id());
    deal.set_text("currency", "EUR");
    r.set_text("status", "converted");
    r.set_text("account", deal.get("account"));
    r.set_text("deal", deal.id());
    std::string contact_id = m_ids.next("C");
    crm::Record c = start(crm::Kind::contact);
    c.set_text("id", contact_id);
    c.set_text("name", r.get("name"));
    c.set_text("account", deal.get("account"));
    r.set_text("contact", contact_id);
    deal.set_text("contact", contact_id);
    history(r, "new", "converted");
    save(c);
    save(deal);
    save(r);
    m_written_leads_and_deals += 2;
  }

  void history(crm::Record& r, const std::string& from, const std::string& to) {
    crm::Value entry = crm::Value::map();
    entry.set("at", crm::Value::string(r.get("created")));
    entry.set("from", crm::Value::string(from));
    entry.set("to", crm::Value::string(to));
    entry.set("by", crm::Value::string(r.get("owner")));
    r.append_history(std::move(entry));
  }

  void activity() {
    crm::Record r = start(crm::Kind::activity);
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
  long m_written_leads_and_deals = 0;
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
