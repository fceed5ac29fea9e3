#include "crm/exchange/csv_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "crm/base/email.h"
#include "crm/base/error.h"
#include "crm/base/ids.h"
#include "crm/base/text.h"
#include "crm/exchange/column_maps.h"
#include "crm/exchange/indexed_store.h"
#include "crm/kinds/fields.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/parties.h"
#include "crm/store/csv_reader.h"

namespace crm {
namespace csv_import {

// Pseudo-fields of the header tables (exchange/column_maps.h).
constexpr std::string_view k_first_name = "first_name";
constexpr std::string_view k_last_name = "last_name";
constexpr std::string_view k_close_date = "close_date";

// Fields an import never sets from a column: history and the other lists.
bool settable(const FieldSpec& f) {
  return !f.is_list();
}

// A row that cannot be imported: thrown inside one row's work, caught by the row loop.
struct RowError {
  std::string why;
  std::string hint = {};
};

// Where a column's values go.
struct Column {
  std::size_t index;
  std::string header;
  std::string field;  // a field of the kind, a pseudo-field, or a custom key
  int priority;       // 0: --map, 1: crm's own field name, 2: a tool's header
};

std::string lower(std::string_view s) {
  return fold_case(trim(s));
}

// The first of several values a tool packs into one cell ("a@x.com ::: b@y.com").
std::string first_of_many(const std::string& value) {
  auto cut = value.find(" ::: ");
  return cut == std::string::npos ? value : trim(value.substr(0, cut));
}

std::string label_of(const Record& r) {
  return r.fields().get(r.spec().label);
}

class Importer {
 public:
  Importer(Session& session, const CsvImportOptions& options)
      : m_session(session),
        m_options(options),
        m_spec(kind_spec(options.kind)),
        m_machine(m_spec.machine),
        m_index(session.store) {}

  CsvImportResult run(std::string_view text) {
    std::vector<CsvRow> rows = read_csv(text, {m_options.delimiter});
    if (rows.empty())
      throw UsageError("the file is empty: it has no header line",
                       "a CSV file starts with a line of column names");
    const CsvRow& header = rows.front();
    if (!header.problem.empty())
      throw UsageError(
          fmt::format("line {}: the header cannot be read: {}", header.line, header.problem));
    map_columns(header.fields);
    check_stage_maps();
    m_result.rows = rows.size() - 1;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      import_row(rows[i]);
      if (m_options.progress && (i % 250 == 0 || i + 1 == rows.size()))
        m_options.progress(i, rows.size() - 1);
    }
    finish();
    return std::move(m_result);
  }

 private:
  // --- columns -------------------------------------------------------------------------------

  // A tool's field name as the kind knows it: the company a lead names is its `company` text
  // (its `account` is set by convert); a field named like the kind itself is its label (an
  // account's own name).
  std::string kind_field(std::string field) const {
    if (field == "account" && m_spec.has_field("company")) return "company";
    if (field == m_spec.name && !m_spec.has_field(field)) return m_spec.label;
    return field;
  }

  void map_columns(const std::vector<std::string>& headers) {
    m_width = headers.size();
    std::set<std::string> used_maps;
    bool key_found = m_options.key_column.empty();
    for (std::size_t i = 0; i < headers.size(); ++i) {
      std::string header = trim(headers[i]);
      std::optional<Column> column;
      for (const auto& [from, to] : m_options.maps) {
        if (lower(from) != lower(header)) continue;
        used_maps.insert(lower(from));
        if (to.empty()) {
          column = Column{i, header, "", 0};  // left out on purpose
        } else {
          std::string field = snake_case(to);
          if (field.empty())
            throw UsageError(fmt::format("--map {}={}: '{}' is no field name", from, to, to));
          column = Column{i, header, field == m_spec.name ? kind_field(field) : field, 0};
        }
      }
      bool is_key = !m_options.key_column.empty() && lower(header) == lower(m_options.key_column);
      if (is_key) {
        m_key_index = i;
        key_found = true;
      }
      // crm's own field names as export writes them, then the tools' headers, then crm's
      // field names in any case, then custom fields as export writes them (snake_case).
      if (!column) {
        if (const FieldSpec* own = m_spec.field(header)) {
          column = Column{i, header, own->name, 1};
        } else if (auto match = match_header(header)) {
          bool weak = match->field.starts_with('?');
          column = Column{i, header, kind_field(match->field.substr(weak ? 1 : 0)), weak ? 3 : 2};
        } else if (const FieldSpec* any_case = m_spec.field(lower(header))) {
          column = Column{i, header, any_case->name, 2};
        } else if (!header.empty() && snake_case(header) == header) {
          column = Column{i, header, header, 2};
        }
      }
      if (column && !column->field.empty()) {
        const FieldSpec* f = m_spec.field(column->field);
        if (f && !settable(*f)) column.reset();
      }
      if (column && !column->field.empty()) {
        m_columns.push_back(*column);
        m_result.columns.emplace_back(header, column->field);
      } else if (!is_key) {
        m_result.unmapped.push_back(header.empty() ? fmt::format("(column {})", i + 1) : header);
      }
    }
    for (const auto& [from, to] : m_options.maps)
      if (!used_maps.count(lower(from)))
        throw UsageError(fmt::format("--map {}={}: the file has no column '{}'", from, to, from),
                         fmt::format("its columns are: {}", join(headers, ", ")));
    if (!key_found)
      throw UsageError(fmt::format("--key {}: the file has no column '{}'", m_options.key_column,
                                   m_options.key_column),
                       fmt::format("its columns are: {}", join(headers, ", ")));
    // A weak match gives way to any other column of the same field.
    std::vector<Column> kept;
    for (const Column& c : m_columns) {
      bool outranked = c.priority == 3 &&
                       std::any_of(m_columns.begin(), m_columns.end(), [&](const Column& other) {
                         return other.field == c.field && other.priority < 3;
                       });
      if (!outranked) {
        kept.push_back(c);
        continue;
      }
      m_result.unmapped.push_back(c.header);
      std::erase_if(m_result.columns, [&](const auto& hc) { return hc.first == c.header; });
    }
    m_columns = std::move(kept);
    // Higher priority first, then in column order.
    std::stable_sort(m_columns.begin(), m_columns.end(),
                     [](const Column& a, const Column& b) { return a.priority < b.priority; });
  }

  // The states and stages --map-stage may name.
  void check_stage_maps() {
    for (const auto& [from, to] : m_options.stage_maps) {
      bool stage = m_spec.has_field("stage") && lookup(stage_names(), to);
      bool state = m_machine && lookup(m_machine->states, to);
      if (!stage && !state) {
        std::vector<std::string> allowed;
        if (m_spec.has_field("stage")) allowed = stage_names();
        if (m_machine)
          for (const auto& s : m_machine->states) allowed.push_back(s);
        throw UsageError(fmt::format("--map-stage {}={}: '{}' is not a stage or state of {}", from,
                                     to, to, with_article(m_spec.name)),
                         allowed.empty() ? std::string("this kind has no stages or states")
                                         : fmt::format("use one of: {}", join(allowed, ", ")));
      }
    }
    for (const auto& [from, to] : m_options.source_maps)
      if (!lookup(m_session.store.config().lead_sources, to))
        throw UsageError(
            fmt::format("--map-source {}={}: '{}' is not one of crm.yaml's lead_sources", from, to,
                        to),
            fmt::format("use one of: {}", join(m_session.store.config().lead_sources, ", ")));
  }

  std::vector<std::string> stage_names() const { return m_session.store.config().stage_names(); }

  // The entry of `list` equal to `value` in any letter case.
  static std::optional<std::string> lookup(const std::vector<std::string>& list,
                                           std::string_view value) {
    for (const auto& item : list)
      if (lower(item) == lower(value)) return item;
    return std::nullopt;
  }
  static std::optional<std::string> mapped(
      const std::vector<std::pair<std::string, std::string>>& maps, std::string_view value) {
    for (const auto& [from, to] : maps)
      if (lower(from) == lower(value)) return to;
    return std::nullopt;
  }

  // --- one row -------------------------------------------------------------------------------

  // field -> the value it takes from this row (the first non-empty column of the highest
  // priority).
  std::map<std::string, std::string> values_of(const CsvRow& row) const {
    std::map<std::string, std::string> values;
    for (const Column& c : m_columns) {
      std::string value = row.fields[c.index];
      if (value.find('\n') == std::string::npos) value = trim(value);
      if (value.empty() || values.count(c.field)) continue;
      if (c.field == "email" || c.field == "phone") value = first_of_many(value);
      values[c.field] = value;
    }
    if (!values.count("name") && m_spec.has_field("name")) {
      std::string name =
          trim(values[std::string(k_first_name)] + " " + values[std::string(k_last_name)]);
      if (!name.empty()) values["name"] = name;
    }
    if (m_spec.has_field("name")) {
      values.erase(std::string(k_first_name));
      values.erase(std::string(k_last_name));
    }
    std::erase_if(values, [](const auto& v) { return v.second.empty(); });
    return values;
  }

  std::string note_for(int line) const {
    return fmt::format("imported from {} line {}", m_options.source, line);
  }

  // A state of the kind's machine that a stage or status value means, or a stage; else why not.
  struct StateOrStage {
    std::string state;
    std::string stage;
  };
  std::optional<StateOrStage> state_or_stage(const std::string& value, bool stage_column) const {
    std::string v = value;
    if (auto to = mapped(m_options.stage_maps, v)) v = *to;
    if (stage_column && m_spec.has_field("stage"))
      if (auto stage = lookup(stage_names(), v)) return StateOrStage{"", *stage};
    if (m_machine) {
      if (auto state = lookup(m_machine->states, v)) return StateOrStage{*state, ""};
      if (auto known = known_state(v); known && m_machine->has_state(*known))
        return StateOrStage{*known, ""};
    }
    return std::nullopt;
  }

  [[noreturn]] void unknown_state(const std::string& field, const std::string& value) const {
    std::vector<std::string> ours;
    if (field == "stage") ours = stage_names();
    if (m_machine)
      for (const auto& s : m_machine->states)
        if (s != m_machine->initial || field != "stage") ours.push_back(s);
    throw RowError{fmt::format("{} '{}' is not one of ours ({})", field, value, join(ours, ", ")),
                   fmt::format("add --map-stage '{}=...' naming one of them", value)};
  }

  // The record a row names, resolved in this import's view; accounts that do not exist are
  // made (and kept in `new_accounts` until the row is known to be good).
  std::string reference(const FieldSpec& f, const std::string& value, const std::string& owner,
                        std::vector<Record>& new_accounts) {
    try {
      return resolve(m_index, value, f.targets).id();
    } catch (const NotFoundError& e) {
      bool only_accounts = f.targets.size() == 1 && f.targets[0] == Kind::account;
      std::optional<std::string> id = normalize_id_input(value);
      bool looks_like_id = id && id_prefix(*id) && kind_by_prefix(*id_prefix(*id)) &&
                           is_valid_id(*id, *id_prefix(*id));
      bool ambiguous = std::string(e.what()).find("ambiguous") != std::string::npos;
      if (!only_accounts || looks_like_id || ambiguous)
        throw RowError{fmt::format("{}: {}", f.name, e.what()),
                       looks_like_id || !only_accounts
                           ? fmt::format("import the {} records first, or correct the column",
                                         f.targets.empty() ? std::string("referenced")
                                                           : kind_spec(f.targets[0]).name)
                           : e.hint()};
      for (const Record& a : new_accounts)
        if (a.get("name") == value) return a.id();
      Record account = make_account(m_session, {{"name", value}, {"owner", owner}});
      std::string account_id = account.id();
      new_accounts.push_back(std::move(account));
      return account_id;
    }
  }

  // The product a deal names: its sku when the catalogue has it (by sku, ID or exact name),
  // else the text as it is.
  std::string product(const std::string& value) {
    try {
      return resolve(m_index, value, {Kind::product}).get("sku");
    } catch (const NotFoundError&) {
    }
    auto by_name = m_index.find_by(Kind::product, "name", value);
    if (by_name.size() == 1) return by_name.front().get("sku");
    if (std::find(m_result.products_as_text.begin(), m_result.products_as_text.end(), value) ==
        m_result.products_as_text.end())
      m_result.products_as_text.push_back(value);
    return value;
  }

  // The existing (or earlier imported) record a row is about, if any.
  std::optional<Record> existing(const std::map<std::string, std::string>& values,
                                 const std::string& key) {
    auto one = [&](std::vector<Record> found, const std::string& what) -> std::optional<Record> {
      if (found.empty()) return std::nullopt;
      if (found.size() > 1) {
        std::vector<std::string> ids;
        for (const auto& r : found) ids.push_back(r.id());
        throw RowError{fmt::format("{} matches {} {} records: {}", what, found.size(), m_spec.name,
                                   join(ids, ", ")),
                       "pass --key with a column of unique IDs, or an `id` column"};
      }
      return std::move(found.front());
    };
    if (!key.empty())
      return one(m_index.find_by(m_spec.kind, "external_id", key),
                 fmt::format("external_id '{}'", key));
    if (auto id = values.find("id"); id != values.end()) {
      if (m_index.exists(m_spec.kind, id->second)) return m_index.load(m_spec.kind, id->second);
      return std::nullopt;
    }
    // The kind's natural key: its unique keys (sku), then e-mail, then name: the first one the
    // row has a value for.
    for (KeyMatch match : {KeyMatch::unique, KeyMatch::email, KeyMatch::name})
      for (const LookupKey& k : m_spec.keys)
        if (k.match == match)
          if (auto v = values.find(k.field); v != values.end())
            return one(m_index.find_by(m_spec.kind, k.field, v->second),
                       fmt::format("{} '{}'", k.field, v->second));
    // Kinds without keys (deals, activities): the same label under the same parent.
    if (m_spec.keys.empty() && !m_spec.parents.empty()) {
      auto label = values.find(m_spec.label);
      auto parent = values.find(m_spec.parents.front());
      if (label != values.end() && parent != values.end()) {
        std::vector<Record> found;
        for (Record& r : m_index.find_by(m_spec.kind, m_spec.label, label->second))
          if (r.get(m_spec.parents.front()) == parent->second) found.push_back(std::move(r));
        return one(std::move(found), fmt::format("{} '{}'", m_spec.label, label->second));
      }
    }
    return std::nullopt;
  }

  // A value converted for a field of the kind, by its type.
  std::string converted(const FieldSpec& f, const std::string& value, const std::string& currency) {
    ValueProblem problem;
    auto fail = [&]() -> RowError {
      return RowError{fmt::format("{}: {}", f.name, problem.why), problem.hint};
    };
    if (!f.vocabulary.empty()) {
      std::string v = value;
      if (f.name == "source")
        if (auto to = mapped(m_options.source_maps, v)) v = *to;
      std::vector<std::string> allowed = m_session.store.config().vocabulary(f.vocabulary);
      if (auto match = lookup(allowed, v)) return *match;
      throw RowError{fmt::format("{} '{}' is not one of crm.yaml's {} ({})", f.name, value,
                                 f.vocabulary, join(allowed, ", ")),
                     f.name == "source"
                         ? fmt::format("add --map-source '{}=...', or add it to crm.yaml", value)
                         : fmt::format("add it to crm.yaml's {}", f.vocabulary)};
    }
    switch (f.type) {
      case FieldType::date: {
        auto date = import_date(value, m_options.date_order, problem);
        if (!date) throw fail();
        return date->date.iso();
      }
      case FieldType::timestamp: {
        auto date = import_date(value, m_options.date_order, problem);
        if (!date) throw fail();
        return import_timestamp(*date, m_session.clock);
      }
      case FieldType::money: {
        Currency c;
        try {
          c = currency_for(currency);
        } catch (const Error& e) {
          throw RowError{fmt::format("currency: {}", e.what()), e.hint()};
        }
        auto amount = import_amount(value, c, problem);
        if (!amount) throw fail();
        return *amount;
      }
      case FieldType::choice:
        if (auto match = lookup(f.choices, value)) return *match;
        throw RowError{
            fmt::format("{} '{}' is not one of {}", f.name, value, join(f.choices, ", "))};
      case FieldType::boolean: {
        std::string v = lower(value);
        if (v == "true" || v == "yes" || v == "1" || v == "y") return "true";
        if (v == "false" || v == "no" || v == "0" || v == "n") return "false";
        throw RowError{fmt::format("{} '{}' is not true or false", f.name, value)};
      }
      case FieldType::email:
        if (!is_valid_email(value))
          throw RowError{fmt::format("email '{}' is not an e-mail address", value)};
        return value;
      default:
        if (auto why = field_value_problem(f, value)) throw RowError{*why};
        return value;
    }
  }

  void import_row(const CsvRow& row) {
    try {
      if (!row.problem.empty()) throw RowError{row.problem};
      if (row.fields.size() != m_width)
        throw RowError{fmt::format("the row has {} field{}, the header {}", row.fields.size(),
                                   row.fields.size() == 1 ? "" : "s", m_width),
                       "quote fields that hold the delimiter; check --delimiter"};
      build(row);
    } catch (const RowError& e) {
      m_result.bad.push_back({row.line, e.why, e.hint});
    } catch (const Error& e) {
      m_result.bad.push_back({row.line, e.what(), e.hint()});
    }
  }

  void build(const CsvRow& row) {
    std::map<std::string, std::string> values = values_of(row);
    std::string key;
    if (m_key_index) {
      key = trim(row.fields[*m_key_index]);
      if (key.empty())
        throw RowError{fmt::format("the key column '{}' is empty", m_options.key_column)};
    }
    if (auto id = values.find("id"); id != values.end()) {
      auto normalized = normalize_id_input(id->second);
      if (!normalized || !is_valid_id(*normalized, m_spec.prefix))
        throw RowError{
            fmt::format("id '{}' is not the ID of {}", id->second, with_article(m_spec.name)),
            "an `id` column holds crm's IDs; keep another tool's IDs with --key "
            "COLUMN, or leave the column out with --map id="};
      id->second = *normalized;
    }
    const Config& config = m_session.store.config();
    std::string owner = values.count("owner") ? values["owner"] : m_session.user;

    // References first: a deal is matched by its title under its account.
    std::vector<Record> new_accounts;
    for (auto& [field, value] : values) {
      const FieldSpec* f = m_spec.field(field);
      if (f && f->type == FieldType::reference) value = reference(*f, value, owner, new_accounts);
    }
    std::optional<Record> before = existing(values, key);
    Record record = before ? *before : fresh(values);
    bool created = !before;

    // The state the row says, from its status column, or from a stage column that names one.
    std::optional<std::string> state;
    if (auto status = values.find("status"); status != values.end() && m_machine) {
      auto s = state_or_stage(status->second, false);
      if (!s || s->state.empty()) unknown_state("status", status->second);
      state = s->state;
    }
    if (auto stage = values.find("stage"); stage != values.end() && m_spec.has_field("stage")) {
      auto s = state_or_stage(stage->second, true);
      if (!s) unknown_state("stage", stage->second);
      if (!s->stage.empty()) record.set_text("stage", s->stage);
      if (!s->state.empty() && !state) state = s->state;
    }

    std::string currency = values.count("currency") ? to_upper(values["currency"])
                           : !record.fields().get("currency").empty()
                               ? record.fields().get("currency")
                               : config.currency;
    for (const auto& [field, value] : values) {
      if (field == "status" || field == "stage" || field == "id") continue;
      const FieldSpec* f = m_spec.field(field);
      if (!f) {
        if (field == k_close_date) continue;               // once the state is known
        record.fields().set(field, Value::string(value));  // a custom field
        continue;
      }
      std::string text = value;
      if (f->type != FieldType::reference) {
        if (field == "currency") {
          try {
            text = currency_for(currency).code;
          } catch (const Error& e) {
            throw RowError{fmt::format("currency: {}", e.what()), e.hint()};
          }
        } else if (field == "product" && f->type == FieldType::text) {
          text = product(value);  // a sku where the catalogue has it, else the text
        } else {
          text = converted(*f, value, currency);
        }
      }
      if (field == "owner" && !created && !record.get("owner").empty() &&
          record.get("owner") != text)
        record.append_history(
            field_change_entry(m_session.actor(), "owner", record.get("owner"), text));
      record.set_text(field, text);
    }
    if (!key.empty()) record.set_text("external_id", key);
    if (created) {
      if (m_spec.has_field("owner") && !record.has("owner"))
        record.set_text("owner", m_session.user);
      if (m_spec.has_field("currency") && !record.has("currency") && !m_spec.amounts.empty())
        record.set_text("currency", config.currency);
      if (m_spec.has_field("currency") && !record.has("currency") && m_spec.has_field("price"))
        record.set_text("currency", config.currency);
      start_lifecycle(record);
    }

    // The lifecycle: the state the file says, reached by an import step in history.
    const Machine* machine = machine_for(record);
    if (state && machine && record.get(machine->field) != *state) {
      std::string from = record.get(machine->field);
      if (from.empty()) from = machine->initial;
      record.set_text(machine->field, *state);
      record.append_history(import_entry(m_session.actor(), from, *state, note_for(row.line)));
    }
    bool closed = machine && record.get(machine->field) != machine->initial;
    if (auto close = values.find(std::string(k_close_date)); close != values.end()) {
      std::string field = closed && m_spec.has_field("closed") ? "closed" : "close_by";
      if (m_spec.has_field(field))
        record.set_text(field, converted(*m_spec.field(field), close->second, currency));
      else
        record.fields().set(k_close_date, Value::string(close->second));
    }
    std::string said = values.count("status")  ? values["status"]
                       : values.count("stage") ? values["stage"]
                                               : std::string();
    fill_required(record, closed, said);

    if (auto problems = field_problems(record, config); !problems.empty()) {
      const FieldProblem& p = problems.front();
      throw RowError{p.message, p.message.starts_with("missing")
                                    ? "fill the column, or map one to it with --map COLUMN=FIELD"
                                    : p.hint};
    }

    // The row is good: keep what it made.
    for (Record& account : new_accounts) {
      m_result.accounts_created.emplace_back(account.id(), account.get("name"));
      keep(std::move(account), true);
    }
    std::string action = created                                         ? "created"
                         : before && before->fields() == record.fields() ? "unchanged"
                                                                         : "updated";
    m_result.records.push_back({row.line, record.id(), action, label_of(record)});
    if (action != "unchanged") keep(std::move(record), created);
  }

  // A new record: with the row's `id` when it has one (crm's own export), else a fresh one.
  Record fresh(const std::map<std::string, std::string>& values) {
    if (auto id = values.find("id"); id != values.end()) {
      Record record(m_spec.kind, Value::map());
      record.set_text("id", id->second);
      record.set_text("created", m_session.clock.now());
      start_lifecycle(record);
      return record;
    }
    return new_record(m_session, m_spec.kind);
  }

  // Values a state needs that a file rarely has: a deal's stage (the first of crm.yaml's while
  // open, the last once closed) and the reason a state needs.
  void fill_required(Record& record, bool closed, const std::string& said) {
    const Machine* machine = machine_for(record);
    std::string state = machine ? record.get(machine->field) : "";
    for (const FieldSpec& f : m_spec.fields) {
      if (record.has(f.name)) continue;
      bool needed = f.required || std::find(f.required_in.begin(), f.required_in.end(), state) !=
                                      f.required_in.end();
      if (!needed) continue;
      if (!f.vocabulary.empty()) {
        auto allowed = m_session.store.config().vocabulary(f.vocabulary);
        if (!allowed.empty()) record.set_text(f.name, closed ? allowed.back() : allowed.front());
      } else if (f.name == "reason" && !state.empty()) {
        record.set_text("reason", fmt::format("{} in {}, which gives no reason",
                                              said.empty() ? state : said, m_options.source));
      }
    }
  }

  void keep(Record record, bool created) {
    m_index.put(record);
    auto it = m_pending.find(record.id());
    if (it == m_pending.end()) {
      m_pending.emplace(record.id(), m_order.size());
      m_order.push_back({std::move(record), created});
    } else {
      m_order[it->second].record = std::move(record);
    }
  }

  void finish() {
    for (const auto& r : m_result.records) {
      if (r.action == "unchanged") ++m_result.unchanged;
      if (r.action == "created") ++m_result.created;
      if (r.action == "updated") ++m_result.updated;
    }
    std::vector<std::string> ids;
    for (auto& change : m_order) {
      ids.push_back(change.record.id());
      m_result.changes.changes.push_back(std::move(change));
    }
    std::string list = ids.size() <= 10
                           ? join(ids, ", ")
                           : fmt::format("{}, ... ({} in all)",
                                         join({ids.begin(), ids.begin() + 10}, ", "), ids.size());
    m_result.changes.summary =
        fmt::format("import csv {}: {} created, {} updated{}", m_spec.name, m_result.created,
                    m_result.updated, ids.empty() ? "" : " -> " + list);
  }

  Session& m_session;
  const CsvImportOptions& m_options;
  const KindSpec& m_spec;
  const Machine* m_machine;
  IndexedStore m_index;
  std::size_t m_width = 0;
  std::vector<Column> m_columns;
  std::optional<std::size_t> m_key_index;
  std::map<std::string, std::size_t> m_pending;  // ID -> its place in m_order
  std::vector<ChangeSet::Change> m_order;
  CsvImportResult m_result;
};

}  // namespace csv_import

std::vector<std::string> importable_kinds() {
  std::vector<std::string> out;
  for (const KindSpec& spec : all_kinds())
    if (spec.has_field("external_id")) out.push_back(spec.name);
  return out;
}

CsvImportResult import_csv(Session& session, std::string_view text,
                           const CsvImportOptions& options) {
  const KindSpec& spec = kind_spec(options.kind);
  if (!spec.has_field("external_id"))
    throw UsageError(fmt::format("{} records cannot be imported from CSV", spec.name),
                     fmt::format("--kind takes one of: {}", join(importable_kinds(), ", ")));
  return csv_import::Importer(session, options).run(text);
}

std::pair<std::string, std::string> split_mapping(std::string_view typed, std::string_view option) {
  auto eq = typed.rfind('=');
  if (eq == std::string_view::npos)
    throw UsageError(fmt::format("{} '{}' needs the form FROM=TO", option, typed),
                     fmt::format("e.g. {} \"Deal Stage=proposal\"", option));
  return {trim(typed.substr(0, eq)), trim(typed.substr(eq + 1))};
}

}  // namespace crm
