#include "crm/check/check.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "crm/base/dates.h"
#include "crm/base/error.h"
#include "crm/base/money.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/lifecycle.h"
#include "crm/sales/pricing.h"
#include "crm/store/files.h"

namespace crm {
namespace {

class Checker {
 public:
  explicit Checker(const Store& store) : m_store(store) {}

  std::vector<Problem> run() {
    for (const KindSpec& spec : all_kinds()) scan_folder(spec);
    report_duplicate_ids();
    report_duplicate_numbers();
    report_one_per_parent();
    return std::move(m_problems);
  }

 private:
  void add(std::string file, int line, std::string message, std::string hint = {}) {
    m_problems.push_back({std::move(file), line, std::move(message), std::move(hint)});
  }

  void scan_folder(const KindSpec& spec) {
    fs::path dir = m_store.root() / spec.folder;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) return;  // a fresh clone may lack empty folders
    if (S_ISLNK(st.st_mode)) {
      add(spec.folder, 0, "the folder is a symbolic link; crm does not follow links",
          "replace the link with a real folder");
      return;
    }
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) check_file(spec, name);
  }

  void check_file(const KindSpec& spec, const std::string& name) {
    std::string relative = spec.folder + "/" + name;
    if (is_temp_file_name(name)) {
      add(relative, 0, "a temp file left by an interrupted write",
          "run any crm command that changes data to clean up, or delete it");
      return;
    }
    std::string id = name.ends_with(".yaml") ? name.substr(0, name.size() - 5) : "";
    if (!is_valid_id(id, spec.prefix)) {
      auto prefix = id_prefix(id);
      auto other = prefix ? kind_by_prefix(*prefix) : std::nullopt;
      if (other && is_valid_id(id, kind_spec(*other).prefix))
        add(relative, 0,
            fmt::format("a {} file in the {} folder", kind_spec(*other).name, spec.folder),
            fmt::format("move it to {}/", kind_spec(*other).folder));
      else
        add(relative, 0,
            fmt::format("not a {} record: the name is not {}-XXXXXXXX.yaml", spec.name,
                        spec.prefix),
            "crm ignores it; move it out of the data directory");
      m_seen[id].push_back(relative);
      return;
    }
    m_seen[id].push_back(relative);
    try {
      check_record(read_record_file(spec.kind, m_store.root() / relative, relative, false),
                   relative);
    } catch (const DataError& e) {
      add(e.file().empty() ? relative : e.file(), e.line(), e.problem(), e.hint());
    } catch (const Error& e) {
      add(relative, 0, e.what(), e.hint());
    }
  }

  void check_record(const Record& r, const std::string& file) {
    const Machine* machine = machine_for(r);
    std::string status = r.status();
    for (const FieldSpec& f : r.spec().fields) check_field(r, f, file, status);
    if (r.kind() == Kind::activity) check_activity(r, file);
    if (r.kind() == Kind::deal) check_deal(r, file);
    if (r.spec().field("lines") && r.spec().field("total")) {
      for (const std::string& problem : totals_problems(r))
        add(file, r.fields().find("total") ? r.fields().find("total")->line() : 0, problem,
            "totals are derived from the lines; restore the file with git or fix the lines");
    }
    if (r.kind() == Kind::invoice) check_balance(r, file);
    if (r.kind() == Kind::quote && r.status() == "accepted")
      m_accepted_quotes[r.get("deal")].push_back(file);
    if ((r.kind() == Kind::order || r.kind() == Kind::contract) && !r.get("quote").empty())
      m_quote_uses[r.get("quote")].push_back(file);
    if (!r.get("number").empty()) m_numbers[r.spec().name + " " + r.get("number")].push_back(file);
    if (r.kind() == Kind::product && !r.get("sku").empty())
      m_numbers["product sku " + r.get("sku")].push_back(file);
    if (machine) check_history(r, *machine, file);
  }

  void check_field(const Record& r, const FieldSpec& f, const std::string& file,
                   const std::string& status) {
    const Value* v = r.fields().find(f.name);
    bool required = f.required || std::find(f.required_in.begin(), f.required_in.end(), status) !=
                                      f.required_in.end();
    if (!v || v->is_null() || (v->is_scalar() && v->text().empty())) {
      if (required)
        add(file, r.fields().line(),
            status.empty() || f.required ? fmt::format("missing required field '{}'", f.name)
                                         : fmt::format("missing field '{}', required when {} is {}",
                                                       f.name, r.spec().name, status),
            "add it by hand, or restore the file with git");
      return;
    }
    if (f.only_then && !required)
      add(file, v->line(),
          fmt::format("'{}' belongs to {} that is {}, not {}", f.name, with_article(r.spec().name),
                      fmt::join(f.required_in, " or "), status),
          "remove the field, or restore the file with git");
    bool is_list =
        f.type == FieldType::history || f.type == FieldType::list || f.type == FieldType::entries;
    if (is_list) {
      if (!v->is_sequence()) add(file, v->line(), fmt::format("'{}' must be a list", f.name));
      return;
    }
    if (!v->is_scalar()) {
      add(file, v->line(), fmt::format("'{}' must be a single value", f.name));
      return;
    }
    if (auto problem = field_value_problem(f, v->text())) {
      add(file, v->line(), fmt::format("{}: {}", f.name, *problem));
      return;
    }
    if (f.type == FieldType::reference) check_reference(v->text(), f.name, file, v->line());
    if (f.type == FieldType::money) check_money(r, v->text(), f.name, file, v->line());
  }

  void check_reference(const std::string& id, const std::string& field, const std::string& file,
                       int line) {
    auto kind = kind_by_prefix(*id_prefix(id));
    if (!m_store.exists(*kind, id))
      add(file, line, fmt::format("{} refers to {}, which does not exist", field, id),
          "restore the missing record with git, or correct the reference");
  }

  // An amount must not have more decimals than the record's currency.
  void check_money(const Record& r, const std::string& amount, const std::string& field,
                   const std::string& file, int line) {
    try {
      Currency currency =
          currency_for(r.get("currency").empty() ? m_store.config().currency : r.get("currency"));
      Money::parse(amount, currency, field);
    } catch (const UsageError& e) {
      add(file, line, e.what(), e.hint());
    }
  }

  void check_activity(const Record& r, const std::string& file) {
    bool task = r.get("type") == "task";
    if (task) {
      for (const char* field : {"status", "due", "subject"})
        if (r.get(field).empty())
          add(file, r.fields().line(), fmt::format("a task needs '{}'", field));
    } else {
      for (const char* field : {"status", "due"})
        if (const Value* v = r.fields().find(field))
          add(file, v->line(),
              fmt::format("'{}' belongs to tasks only, not to a {}", field, r.get("type")),
              "remove the field, or make the activity a task");
      if (r.get("at").empty()) add(file, r.fields().line(), "an activity needs 'at'");
    }
  }

  void check_deal(const Record& r, const std::string& file) {
    std::string stage = r.get("stage");
    if (!stage.empty() && !m_store.config().stage(stage)) {
      std::vector<std::string> names;
      for (const auto& s : m_store.config().stages) names.push_back(s.name);
      add(file, r.fields().find("stage")->line(),
          fmt::format("stage '{}' is not one of crm.yaml's stages", stage),
          fmt::format("use one of: {}", fmt::join(names, ", ")));
    }
  }

  // The history must be a path through the machine that ends in the current state.
  void check_history(const Record& r, const Machine& m, const std::string& file) {
    std::string status = r.get(m.field);
    const Value* status_value = r.fields().find(m.field);
    int status_line = status_value ? status_value->line() : r.fields().line();
    if (!m.has_state(status)) {
      const FieldSpec* field = r.spec().field(m.field);
      if (field && field->type == FieldType::choice) return;  // reported with the field
      add(file, status_line,
          fmt::format("{} '{}' is not a state of the {} lifecycle", m.field, status, m.kind),
          fmt::format("states are: {}", fmt::join(m.states, ", ")));
      return;
    }
    std::string state = m.initial;
    const Value* history = r.fields().find("history");
    if (history && history->is_sequence()) {
      for (const Value& entry : history->items()) {
        if (!entry.is_map()) {
          add(file, entry.line(), "a history entry must be a map {at, from, to, by, note}");
          continue;
        }
        if (!is_iso_timestamp(entry.get("at")))
          add(file, entry.line(), fmt::format("history entry has no valid 'at' timestamp"));
        if (entry.find("field")) continue;  // a hand-over, not a state change
        std::string from = entry.get("from"), to = entry.get("to");
        if (from != state)
          add(file, entry.line(),
              fmt::format("history says {} -> {}, but the {} was {} at that point", from, to,
                          m.kind, state));
        else if (!m.allows(from, to))
          add(file, entry.line(),
              fmt::format("history says {} -> {}, which the {} lifecycle does not allow", from, to,
                          m.kind),
              fmt::format("see `crm lifecycle {}`", m.kind));
        state = to;
      }
    }
    if (state != status)
      add(file, status_line,
          fmt::format("{} is '{}' but its history ends in '{}'", m.field, status, state),
          "change state only with crm's commands, which record each change");
  }

  // balance = total − Σ payments.
  void check_balance(const Record& invoice, const std::string& file) {
    try {
      Currency currency = currency_for(invoice.get("currency"));
      Money paid = Money::zero(currency);
      if (const Value* payments = invoice.fields().find("payments");
          payments && payments->is_sequence())
        for (const Value& p : payments->items())
          paid = paid + Money::parse(p.get("amount"), currency, "payment");
      Money expected = Money::parse(invoice.get("total"), currency, "total") - paid;
      if (expected.str() != invoice.get("balance"))
        add(file, invoice.fields().find("balance") ? invoice.fields().find("balance")->line() : 0,
            fmt::format("balance is {} but total less payments is {}", invoice.get("balance"),
                        expected.str()),
            "record payments with `crm payment add`; restore the file with git");
    } catch (const Error& e) {
      add(file, 0, e.what());
    }
  }

  // A deal has at most one accepted quote; a quote becomes at most one order or contract.
  void report_one_per_parent() {
    for (const auto& [deal, files] : m_accepted_quotes)
      if (files.size() > 1)
        for (const auto& file : files)
          add(file, 0,
              fmt::format("deal {} has {} accepted quotes; it may have one", deal, files.size()),
              "restore the files with git; a second offer is a revision of the first");
    for (const auto& [quote, files] : m_quote_uses)
      if (files.size() > 1)
        for (const auto& file : files)
          add(file, 0,
              fmt::format("quote {} became {} orders or contracts; it may become one", quote,
                          files.size()),
              "restore the files with git; for more, quote again");
  }

  void report_duplicate_numbers() {
    for (const auto& [number, files] : m_numbers)
      if (files.size() > 1)
        for (const auto& file : files)
          add(file, 0,
              fmt::format("{} is used by {} records (after a merge?)", number, files.size()),
              number.starts_with("product sku ")
                  ? "give one of them another sku: crm product edit ID --sku NEW"
                  : "renumber the newer one: crm renumber ID");
  }

  void report_duplicate_ids() {
    for (const auto& [id, files] : m_seen)
      if (files.size() > 1 && !id.empty())
        for (const auto& file : files)
          add(file, 0, fmt::format("ID {} is used by {} files", id, files.size()),
              "an ID names one record; remove or move the copies");
  }

  const Store& m_store;
  std::vector<Problem> m_problems;
  std::map<std::string, std::vector<std::string>> m_seen;
  std::map<std::string, std::vector<std::string>> m_numbers;
  std::map<std::string, std::vector<std::string>> m_accepted_quotes;  // deal -> files
  std::map<std::string, std::vector<std::string>>
      m_quote_uses;  // quote -> files  // "quote Q-2026-0001" -> files
};

}  // namespace

std::vector<Problem> check_store(const Store& store) {
  return Checker(store).run();
}

std::string format_problem_location(const Problem& p) {
  if (p.file.empty()) return p.message;
  if (p.line > 0) return fmt::format("{}:{}: {}", p.file, p.line, p.message);
  return fmt::format("{}: {}", p.file, p.message);
}

}  // namespace crm
