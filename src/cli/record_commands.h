// The verbs every record noun shares (list, show, edit), built once from a description of
// the noun so that `crm lead list` and `crm account list` behave alike.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "context.h"
#include "field_options.h"

namespace crm::cli {

struct ListSpec {
  Kind kind;
  std::vector<std::string> columns;
  // Field filters offered as --FIELD options: (field, help).
  std::vector<std::pair<std::string, std::string>> filters;
  std::string example;
  // Filters always applied: `task list` is `activity list` for type task.
  std::vector<std::pair<std::string, std::string>> fixed = {};
  // What a table cell shows; by default the field's text. Activities show a summary.
  std::function<std::string(const Record&, const std::string& column)> cell = {};
  // The help line; default "List <kind> records, oldest first".
  std::string description = {};
  // The field to sort by; default the kind's list order.
  std::string order_by = {};
};

void add_list_command(CLI::App* parent, Context& ctx, const ListSpec& spec);
void add_show_command(CLI::App* parent, Context& ctx, Kind kind, const std::string& example);
// `bind` adds the editable field options.
void add_edit_command(CLI::App* parent, Context& ctx, Kind kind,
                      const std::function<void(CLI::App*, FieldOptions&)>& bind,
                      const std::string& example);

// `crm contact erase REF`, `crm lead erase REF`: erases a person's personal data (the library's
// erase_person), then prints on stderr how to purge it from git's history as well.
void add_erase_command(CLI::App* parent, Context& ctx, Kind kind, const std::string& example);

// A lifecycle verb on one record: `crm lead qualify REF`, `crm quote reject REF --reason R`.
// Whether it takes --reason (required) or --force with --reason is the machine's to say.
struct VerbSpec {
  std::string verb;
  std::string description;
  std::string example;
};
using TransitionFn =
    std::function<ChangeSet(Session&, Record, const std::string& verb, const Firing& firing)>;
// `transition` defaults to the library's plain `transition` (kinds/session.h).
void add_transition_command(CLI::App* parent, Context& ctx, Kind kind, const VerbSpec& spec,
                            TransitionFn transition = {});

}  // namespace crm::cli
