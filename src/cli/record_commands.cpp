#include "record_commands.h"

#include <deque>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/query.h"
#include "crm/kinds/reference.h"
#include "crm/relationship/erasure.h"
#include "crm/relationship/parties.h"

namespace crm::cli {

void add_list_command(CLI::App* parent, Context& ctx, const ListSpec& spec) {
  struct Options {
    std::string text;
    std::deque<std::pair<std::string, std::string>> filters;  // field, value
    std::vector<CLI::Option*> filter_options;
  };
  auto o = std::make_shared<Options>();
  const std::string& noun = kind_spec(spec.kind).name;
  CLI::App* cmd = parent->add_subcommand("list", spec.description.empty()
                                                     ? "List " + noun + " records, oldest first"
                                                     : spec.description);
  cmd->add_option("TEXT", o->text, "Only records with this text in any field");
  for (const auto& [field, help] : spec.filters) {
    auto& slot = o->filters.emplace_back(field, "");
    std::string flag = field;
    std::replace(flag.begin(), flag.end(), '_', '-');
    o->filter_options.push_back(cmd->add_option("--" + flag, slot.second, help));
  }
  cmd->footer("Example: " + spec.example);
  Kind kind = spec.kind;
  std::vector<std::string> columns = spec.columns;
  auto fixed = spec.fixed;
  auto cell = spec.cell;
  auto order_by = spec.order_by;
  cmd->callback([&ctx, o, kind, columns, fixed, cell, order_by] {
    const RecordStore& store = ctx.session().store;
    std::vector<std::pair<std::string, std::string>> given;
    for (std::size_t i = 0; i < o->filters.size(); ++i)
      if (o->filter_options[i]->count()) given.push_back(o->filters[i]);
    ListSelection selection =
        list_selection(store, kind, given, fixed, o->text, ctx.session().clock.today());
    std::vector<LoadProblem> problems;
    auto records =
        query(store, kind, selection.filter, ctx.options.keep_going ? &problems : nullptr,
              selection.status ? &*selection.status : nullptr, order_by);
    ctx.out().warn_all(problems);
    ctx.out().records(records, store.config(), columns, cell);
  });
}

void add_show_command(CLI::App* parent, Context& ctx, Kind kind, const std::string& example) {
  auto ref = std::make_shared<std::string>();
  const std::string& noun = kind_spec(kind).name;
  CLI::App* cmd = parent->add_subcommand("show", "Show one " + noun + " with its history");
  add_reference(cmd, *ref, "The " + noun, {{kind}});
  cmd->footer("Example: " + example);
  cmd->callback([&ctx, ref, kind] {
    const RecordStore& store = ctx.session().store;
    ctx.out().record(resolve(store, *ref, {kind}), store.config());
  });
}

void add_edit_command(CLI::App* parent, Context& ctx, Kind kind,
                      const std::function<void(CLI::App*, FieldOptions&)>& bind,
                      const std::string& example) {
  auto ref = std::make_shared<std::string>();
  auto fields = std::make_shared<FieldOptions>();
  const std::string& noun = kind_spec(kind).name;
  CLI::App* cmd = parent->add_subcommand(
      "edit", "Change a " + noun + "'s fields (an empty value clears one); --owner hands it over");
  add_reference(cmd, *ref, "The " + noun, {{kind}});
  bind(cmd, *fields);
  cmd->footer("Example: " + example);
  cmd->callback([&ctx, ref, fields, kind] {
    ctx.mutate([&](Session& s) {
      return edit_record(s, resolve(s.store, *ref, {kind}), fields->edits());
    });
  });
}

void add_erase_command(CLI::App* parent, Context& ctx, Kind kind, const std::string& example) {
  auto ref = std::make_shared<std::string>();
  const std::string& noun = kind_spec(kind).name;
  CLI::App* cmd = parent->add_subcommand(
      "erase", "Erase a person's personal data from this " + noun +
                   " (kept as a tombstone) and from every record that mentions it");
  add_reference(cmd, *ref, "The " + noun, {{kind}});
  cmd->footer("Example: " + example +
              "\nThen prints the git commands that would purge it from history too (never run "
              "by crm). See docs/privacy.md.");
  cmd->callback([&ctx, ref, kind] {
    std::string id;
    PersonalData erased;
    ctx.mutate([&](Session& s) {
      Erasure erasure = erase_person(s, resolve(s.store, *ref, {kind}));
      id = erasure.changes.changes.front().record.id();
      erased = std::move(erasure.erased);
      return std::move(erasure.changes);
    });
    // Advice for a person, on stderr: stdout keeps the IDs (or JSON) scripts read.
    std::cout.flush();
    if (!ctx.options.quiet && !erased.empty())
      std::cerr << '\n'
                << history_purge_instructions(id, erased, ctx.options.dry_run) << std::flush;
  });
}

void add_transition_command(CLI::App* parent, Context& ctx, Kind kind, const VerbSpec& spec,
                            TransitionFn transition) {
  struct Options {
    std::string ref, reason;
    bool force = false;
  };
  const Machine* machine = kind_spec(kind).machine;
  const Transition* t = machine ? machine->find(spec.verb) : nullptr;
  if (!t) throw std::logic_error("no transition " + spec.verb + " for " + kind_spec(kind).name);
  auto o = std::make_shared<Options>();
  CLI::App* cmd = parent->add_subcommand(spec.verb, spec.description);
  add_reference(cmd, o->ref, "The " + kind_spec(kind).name, {{kind}});
  if (t->needs_reason) cmd->add_option("--reason", o->reason, "Why (required)")->required();
  if (t->forcible) {
    auto* force = cmd->add_flag(
        "--force", o->force, "Override the rules that refuse it (needs --reason; kept in history)");
    cmd->add_option("--reason", o->reason, "Why it is forced")->needs(force);
  }
  cmd->footer("Example: " + spec.example);
  std::string verb = spec.verb;
  if (!transition)
    transition = [](Session& s, Record r, const std::string& v, const Firing& f) {
      return crm::transition(s, std::move(r), v, f);
    };
  cmd->callback([&ctx, o, kind, verb, transition] {
    ctx.mutate([&](Session& s) {
      return transition(s, resolve(s.store, o->ref, {kind}), verb, Firing{o->reason, o->force});
    });
  });
}

}  // namespace crm::cli
