// Binds one --option per record field to a subcommand and hands back the ones given on the
// command line as FieldEdits (an empty value clears a field).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crm/kinds/fields.h"

namespace crm::cli {

class FieldOptions {
 public:
  // Adds --NAME (underscores become dashes) that sets `field`; returns it, to mark it required
  // where a new record must have the field.
  CLI::Option* bind(CLI::App* command, const std::string& field, const std::string& description);
  FieldEdits edits() const;

 private:
  struct Bound {
    std::string field;
    CLI::Option* option = nullptr;
    std::string value;
  };
  std::deque<Bound> m_bound;  // a deque keeps addresses stable for CLI11
};

// Adds a REF positional argument, required. `kinds` declares which records it takes (empty:
// any kind), for completion; without it, completion offers the records of the command's kind.
CLI::Option* add_reference(CLI::App* command, std::string& target, const std::string& what,
                           std::optional<std::vector<Kind>> kinds = std::nullopt);

}  // namespace crm::cli
