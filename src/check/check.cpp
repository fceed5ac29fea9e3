#include "crm/check/check.h"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/lifecycle.h"
#include "crm/sales/pricing.h"
#include "crm/service/billing.h"
#include "crm/store/merge.h"
#include "crm/store/paths.h"

namespace crm {
namespace {

const std::vector<CheckInfo> k_checks = {
    {"files",
     "every file in a record folder is a readable record of that kind named by its id; no temp "
     "file or journal is left by a crash"},
    {"fields",
     "known fields have the right shape and type, required ones are there, fields of other "
     "states are not, and values from crm.yaml's lists (stages, lead sources) are in them"},
    {"references", "every reference names a record that exists"},
    {"states",
     "each status is a state of its lifecycle, and its history is a path through the machine "
     "that ends there"},
    {"numbers", "no two records share an ID, a human number or a sku"},
    {"totals", "document lines, totals and invoice balances agree (DESIGN section 4)"},
    {"one-per-parent",
     "a deal has at most one accepted quote, and a quote became at most one order or contract"},
    {"service-billing",
     "confirmations' labour, parts and amount follow from their hours, rate and parts, the "
     "billable hours of each contract period from its allowance, and their invoices bill exactly "
     "the amount"},
    {"service-cover",
     "no two active service contracts of an account overlap in period and products"},
    {"conflicts",
     "no record holds a conflict that a git merge left (both sides changed one field "
     "differently): settle each with `crm resolve`"},
};

Decimal decimal_of(const std::string& text) {
  auto d = Decimal::parse(text);
  return d ? *d : Decimal();
}

int line_of(const Record& r, const char* field) {
  const Value* v = r.fields().find(field);
  return v ? v->line() : r.fields().line();
}

class Checker {
 public:
  Checker(const RecordStore& store, const std::vector<std::string>& only)
      : m_store(store), m_only(only) {}

  std::vector<Problem> run() {
    for (const KindSpec& spec : all_kinds()) scan_kind(spec);
    for (const StoredEntry& e : m_store.local_entries()) report_local(e);
    if (on("numbers")) report_duplicates();
    if (on("one-per-parent")) report_one_per_parent();
    if (on("service-billing")) report_service_periods();
    return std::move(m_problems);
  }

 private:
  bool on(const std::string& check) const {
    return m_only.empty() || std::find(m_only.begin(), m_only.end(), check) != m_only.end();
  }

  void add(const std::string& check, std::string file, int line, std::string message,
           std::string hint = {}) {
    m_problems.push_back({std::move(file), line, std::move(message), std::move(hint), check});
  }

  // --- files ----------------------------------------------------------------------------------

  void scan_kind(const KindSpec& spec) {
    std::vector<StoredEntry> entries;
    try {
      entries = m_store.entries(spec.kind);
    } catch (const DataError& e) {
      add("files", e.file(), e.line(), e.problem(), e.hint());
      return;
    }
    for (const StoredEntry& e : entries) check_entry(spec, e);
  }

  void check_entry(const KindSpec& spec, const StoredEntry& e) {
    using Type = StoredEntry::Type;
    if (e.type != Type::record) {
      m_seen[e.id].push_back(e.relative);
      if (!on("files")) return;
      if (e.type == Type::temp)
        add("files", e.relative, 0, "a temp file left by an interrupted write",
            "run any crm command that changes data to clean up, or delete it");
      else if (e.type == Type::other_kind)
        add("files", e.relative, 0,
            fmt::format("a {} file in the {} folder",
                        kind_spec(*kind_by_prefix(*id_prefix(e.id))).name, spec.folder),
            fmt::format("move it to {}/", kind_spec(*kind_by_prefix(*id_prefix(e.id))).folder));
      else
        add("files", e.relative, 0,
            fmt::format("not a {} record: the name is not {}-XXXXXXXX.yaml", spec.name,
                        spec.prefix),
            "crm ignores it; move it out of the data directory");
      return;
    }
    m_seen[e.id].push_back(e.relative);
    try {
      check_record(m_store.load_unchecked(spec.kind, e.id), e.relative);
    } catch (const DataError& err) {
      add("files", err.file().empty() ? e.relative : err.file(), err.line(), err.problem(),
          err.hint());
    } catch (const Error& err) {
      add("files", e.relative, 0, err.what(), err.hint());
    }
  }

  void report_local(const StoredEntry& e) {
    if (!on("files")) return;
    if (e.type == StoredEntry::Type::journal)
      add("files", e.relative, 0, "an interrupted command's journal that no command could finish",
          "run any crm command that changes data (with write access) to finish or undo it");
    else
      add("files", e.relative, 0, "a temp file left by an interrupted write",
          "run any crm command that changes data to clean up, or delete it");
  }

  // --- one record -----------------------------------------------------------------------------

  // The checks of one record: which check, the kinds it looks at (all when empty), and how
  // (beancount's validations filter entries by type the same way).
  struct RecordCheck {
    const char* name;
    std::vector<Kind> kinds;
    void (Checker::*run)(const Record&, const std::string&);
  };

  void check_record(const Record& r, const std::string& file) {
    static const std::vector<RecordCheck> k_record_checks = {
        {"fields", {}, &Checker::check_fields},
        {"references", {}, &Checker::check_references},
        {"states", {}, &Checker::check_states},
        {"totals", {}, &Checker::check_totals},
        {"service-billing", {Kind::confirmation}, &Checker::check_confirmation},
        {"service-cover", {Kind::service_contract}, &Checker::check_cover},
        {"one-per-parent", {Kind::quote}, &Checker::remember_accepted},
        {"conflicts", {}, &Checker::check_conflicts},
    };
    for (const RecordCheck& c : k_record_checks)
      if (on(c.name) &&
          (c.kinds.empty() || std::find(c.kinds.begin(), c.kinds.end(), r.kind()) != c.kinds.end()))
        (this->*c.run)(r, file);
    remember(r, file);
  }

  void check_fields(const Record& r, const std::string& file) {
    for (const FieldProblem& p : field_problems(r, m_store.config()))
      add("fields", file, p.at ? p.at->line() : 0, p.message, p.hint);
  }

  void check_references(const Record& r, const std::string& file) {
    for (const FieldSpec& f : r.spec().fields) {
      if (f.type != FieldType::reference) continue;
      const Value* v = r.fields().find(f.name);
      if (!v || !v->is_scalar() || v->text().empty() || field_value_problem(f, v->text()))
        continue;  // missing or malformed: the fields check says so
      auto kind = kind_by_prefix(*id_prefix(v->text()));
      if (!m_store.exists(*kind, v->text()))
        add("references", file, v->line(),
            fmt::format("{} refers to {}, which does not exist", f.name, v->text()),
            "restore the missing record with git, or correct the reference");
    }
  }

  // The history must be a path through the machine that ends in the current state.
  void check_states(const Record& r, const std::string& file) {
    const Machine* m = machine_for(r);
    if (!m) return;
    std::string status = r.fields().get(m->field);
    int status_line = line_of(r, m->field.c_str());
    // A missing or unknown state is a fields problem (status is a choice of the states).
    if (!m->has_state(status)) return;
    std::string state = m->initial;
    const Value* history = r.fields().find("history");
    if (history && history->is_sequence()) {
      for (const Value& entry : history->items()) {
        if (!entry.is_map()) {
          add("states", file, entry.line(),
              "a history entry must be a map {at, from, to, by, note}");
          continue;
        }
        if (!is_iso_timestamp(entry.get("at")))
          add("states", file, entry.line(), "history entry has no valid 'at' timestamp");
        if (entry.find("field")) continue;  // a hand-over, not a state change
        std::string from = entry.get("from"), to = entry.get("to");
        if (from != state)
          add("states", file, entry.line(),
              fmt::format("history says {} -> {}, but the {} was {} at that point", from, to,
                          m->kind, state));
        else if (!history_step_allowed(*m, entry))
          add("states", file, entry.line(),
              fmt::format("history says {} -> {}, which the {} lifecycle does not allow", from, to,
                          m->kind),
              fmt::format("see `crm lifecycle {}`", m->kind));
        state = to;
      }
    }
    if (state != status)
      add("states", file, status_line,
          fmt::format("{} is '{}' but its history ends in '{}'", m->field, status, state),
          "change state only with crm's commands, which record each change");
  }

  // --- conflicts ------------------------------------------------------------------------------

  // What `crm merge-file` could not settle: the field holds ours, `conflicts` both sides.
  void check_conflicts(const Record& r, const std::string& file) {
    const Value* conflicts = r.fields().find("conflicts");
    if (!conflicts || !conflicts->is_sequence()) return;  // a malformed one is a fields problem
    std::string fields = join(conflicted_fields(r), ", ");
    for (const Value& entry : conflicts->items()) {
      std::string field = entry.is_map() ? entry.get("field") : "";
      if (field.empty()) {
        add("conflicts", file, entry.line(),
            "a conflicts entry must be a map {field, base, ours, theirs} naming a field",
            "remove the entry by hand once the field holds the value you want");
        continue;
      }
      auto side = [&](const char* name) {
        const Value* v = entry.find(name);
        return conflict_value_text(v ? std::optional<Value>(*v) : std::nullopt);
      };
      add("conflicts", file, entry.line(),
          fmt::format("{}: merge conflict in '{}': ours {}, theirs {} (base {})", r.id(), field,
                      side("ours"), side("theirs"), side("base")),
          fmt::format("settle it with `crm resolve {} --field {} --take ours|theirs|VALUE` "
                      "(conflicted fields: {})",
                      r.id(), field, fields));
    }
  }

  // --- totals ---------------------------------------------------------------------------------

  void check_totals(const Record& r, const std::string& file) {
    const KindSpec& spec = r.spec();
    if (spec.has_field("lines") && spec.has_field("total"))
      for (const std::string& problem : totals_problems(r))
        add("totals", file, line_of(r, "total"), problem,
            "totals are derived from the lines; restore the file with git or fix the lines");
    if (spec.has_field("balance") && spec.has_field("payments")) check_balance(r, file);
  }

  // balance = total − Σ payments.
  void check_balance(const Record& invoice, const std::string& file) {
    try {
      Currency currency = currency_for(invoice.get("currency"));
      Money paid = Money::zero(currency);
      if (const Value* payments = invoice.find("payments"); payments && payments->is_sequence())
        for (const Value& p : payments->items())
          paid = paid + Money::parse(p.get("amount"), currency, "payment");
      Money expected = Money::parse(invoice.get("total"), currency, "total") - paid;
      if (expected.str() != invoice.get("balance"))
        add("totals", file, line_of(invoice, "balance"),
            fmt::format("balance is {} but total less payments is {}", invoice.get("balance"),
                        expected.str()),
            "record payments with `crm payment add`; restore the file with git");
    } catch (const Error& e) {
      add("totals", file, 0, e.what());
    }
  }

  // --- service --------------------------------------------------------------------------------

  // labour = round(billable_hours × rate); parts = Σ line nets after coverage; amount = both;
  // billable hours never exceed the effort.
  void check_confirmation(const Record& cf, const std::string& file) {
    auto fail = [&](const char* field, std::string message) {
      add("service-billing", file, line_of(cf, field), std::move(message),
          "amounts are derived (docs/money.md); restore the file with git");
    };
    try {
      Currency currency = currency_for(cf.get("currency"));
      Money rate = Money::parse(cf.get("rate"), currency, "rate");
      Decimal billable = decimal_of(cf.get("billable_hours"));
      if (decimal_of(cf.get("effort")) < billable)
        fail("billable_hours", fmt::format("billable_hours {} is more than the effort {}",
                                           billable.str(), cf.get("effort")));
      Money labour = times(billable, rate);
      if (labour.str() != cf.get("labour"))
        fail("labour", fmt::format("labour is {} but {} h at {} is {}", cf.get("labour"),
                                   billable.str(), rate.str(), labour.str()));
      Money parts = Money::zero(currency);
      if (const Value* used = cf.find("parts_used"); used && used->is_sequence())
        for (const Value& line : used->items()) parts = parts + line_net_of(line, currency);
      if (parts.str() != cf.get("parts"))
        fail("parts",
             fmt::format("parts is {} but its parts lines give {}", cf.get("parts"), parts.str()));
      Money amount = Money::parse(cf.get("labour"), currency, "labour") +
                     Money::parse(cf.get("parts"), currency, "parts");
      if (amount.str() != cf.get("amount"))
        fail("amount",
             fmt::format("amount is {} but labour + parts is {}", cf.get("amount"), amount.str()));
      check_confirmation_invoice(cf, file);
      if (!cf.get("contract").empty()) m_confirmations[cf.get("contract")].push_back(cf);
    } catch (const Error& e) {
      add("service-billing", file, 0, e.what());
    }
  }

  // The invoice of a confirmation bills exactly its amount (before tax).
  void check_confirmation_invoice(const Record& cf, const std::string& file) {
    std::string id = cf.get("invoice");
    if (id.empty() || !m_store.exists(Kind::invoice, id)) return;
    Record invoice = m_store.load_unchecked(Kind::invoice, id);
    if (invoice.get("subtotal") != cf.get("amount"))
      add("service-billing", file, line_of(cf, "invoice"),
          fmt::format("its invoice {} bills {} before tax, but the confirmation's amount is {}",
                      invoice.number_or_id(), invoice.get("subtotal"), cf.get("amount")),
          "restore the files with git");
  }

  // Per contract and period, the billable hours add up to the effort beyond the allowance:
  // Σ billable = max(0, Σ effort − included_hours), whatever order the confirmations came in.
  void report_service_periods() {
    for (const auto& [contract_id, confirmations] : m_confirmations) {
      if (!m_store.exists(Kind::service_contract, contract_id)) continue;
      Record contract = m_store.load_unchecked(Kind::service_contract, contract_id);
      std::map<std::string, std::vector<const Record*>> periods;
      for (const Record& cf : confirmations) {
        auto date = Date::parse_iso(cf.get("date"));
        if (!date) continue;
        try {
          periods[period_bounds(*date, contract.get("period")).first.iso()].push_back(&cf);
        } catch (const Error&) {
          return;  // an unknown period is a fields problem of the contract
        }
      }
      Decimal included = decimal_of(contract.get("included_hours"));
      for (const auto& [start, members] : periods) {
        Decimal effort, billable;
        for (const Record* cf : members) {
          effort = effort + decimal_of(cf->get("effort"));
          billable = billable + decimal_of(cf->get("billable_hours"));
        }
        Decimal beyond = effort - included;
        Decimal expected = beyond.is_negative() ? Decimal() : beyond;
        if (!(expected == billable))
          add("service-billing", record_relative_path(contract),
              line_of(contract, "included_hours"),
              fmt::format("in the {} from {}, confirmations bill {} h of {} h worked, but {} h "
                          "are included, so {} h are billable",
                          contract.get("period"), start, billable.str(), effort.str(),
                          included.str(), expected.str()),
              "billable hours are derived (docs/money.md); restore the files with git");
      }
    }
  }

  // The machine's own rule, run over what is on disk: an `add` of this contract would be
  // refused while another active contract overlaps it.
  void check_cover(const Record& contract, const std::string& file) {
    GuardContext context{&m_store, std::nullopt, nullptr};
    if (contract.status() != "active") return;
    try {
      require_allowed(contract, "add", context);
    } catch (const RefusedError& e) {
      add("service-cover", file, line_of(contract, "from"), e.what(), e.hint());
    }
  }

  // --- across records -------------------------------------------------------------------------

  void remember(const Record& r, const std::string& file) {
    if (!r.spec().number_prefix.empty() && !r.fields().get("number").empty())
      m_numbers[r.spec().name + " " + r.fields().get("number")].push_back(file);
    for (const LookupKey& key : r.spec().keys)
      if (key.match == KeyMatch::unique && key.field != "number" &&
          !r.fields().get(key.field).empty())
        m_numbers[r.spec().name + " " + key.field + " " + r.fields().get(key.field)].push_back(
            file);
    if (r.spec().has_field("quote") && !r.fields().get("quote").empty())
      m_quote_uses[r.fields().get("quote")].push_back(file);
  }

  void remember_accepted(const Record& quote, const std::string& file) {
    if (quote.status() == "accepted") m_accepted_quotes[quote.get("deal")].push_back(file);
  }

  void report_duplicates() {
    for (const auto& [id, files] : m_seen)
      if (files.size() > 1 && !id.empty())
        for (const auto& file : files)
          add("numbers", file, 0, fmt::format("ID {} is used by {} files", id, files.size()),
              "an ID names one record; remove or move the copies");
    for (const auto& [number, files] : m_numbers)
      if (files.size() > 1)
        for (const auto& file : files)
          add("numbers", file, 0,
              fmt::format("{} is used by {} records (after a merge?)", number, files.size()),
              number.starts_with("product sku ")
                  ? "give one of them another sku: crm product edit ID --sku NEW"
                  : "renumber the newer one: crm renumber ID");
  }

  void report_one_per_parent() {
    for (const auto& [deal, files] : m_accepted_quotes)
      if (files.size() > 1)
        for (const auto& file : files)
          add("one-per-parent", file, 0,
              fmt::format("deal {} has {} accepted quotes; it may have one", deal, files.size()),
              "restore the files with git; a second offer is a revision of the first");
    for (const auto& [quote, files] : m_quote_uses)
      if (files.size() > 1)
        for (const auto& file : files)
          add("one-per-parent", file, 0,
              fmt::format("quote {} became {} orders or contracts; it may become one", quote,
                          files.size()),
              "restore the files with git; for more, quote again");
  }

  const RecordStore& m_store;
  const std::vector<std::string>& m_only;
  std::vector<Problem> m_problems;
  std::map<std::string, std::vector<std::string>> m_seen;     // id -> files
  std::map<std::string, std::vector<std::string>> m_numbers;  // "quote Q-2026-0001" -> files
  std::map<std::string, std::vector<std::string>> m_accepted_quotes;  // deal -> files
  std::map<std::string, std::vector<std::string>> m_quote_uses;       // quote -> files
  std::map<std::string, std::vector<Record>> m_confirmations;         // contract -> records
};

}  // namespace

const std::vector<CheckInfo>& all_checks() {
  return k_checks;
}

std::vector<Problem> check_store(const RecordStore& store, const std::vector<std::string>& only) {
  for (const std::string& name : only)
    if (std::none_of(k_checks.begin(), k_checks.end(),
                     [&](const CheckInfo& c) { return c.name == name; })) {
      std::vector<std::string> names;
      for (const CheckInfo& c : k_checks) names.push_back(c.name);
      throw UsageError(fmt::format("there is no check named '{}'", name),
                       fmt::format("the checks are: {} (crm check --list)", join(names, ", ")));
    }
  return Checker(store, only).run();
}

std::string format_problem_location(const Problem& p) {
  if (p.file.empty()) return p.message;
  if (p.line > 0) return fmt::format("{}:{}: {}", p.file, p.line, p.message);
  return fmt::format("{}: {}", p.file, p.message);
}

}  // namespace crm
