#include "field_options.h"

#include <algorithm>

#include "completion.h"

namespace crm::cli {

CLI::Option* FieldOptions::bind(CLI::App* command, const std::string& field,
                                const std::string& description) {
  Bound& bound = m_bound.emplace_back();
  bound.field = field;
  std::string flag = field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  bound.option = command->add_option("--" + flag, bound.value, description);
  return bound.option;
}

FieldEdits FieldOptions::edits() const {
  FieldEdits out;
  for (const Bound& b : m_bound)
    if (b.option->count() > 0) out.emplace_back(b.field, b.value);
  return out;
}

CLI::Option* add_reference(CLI::App* command, std::string& target, const std::string& what,
                           std::optional<std::vector<Kind>> kinds) {
  CLI::Option* option =
      command->add_option("REF", target, what + ": an ID, unique ID prefix, name or email")
          ->required();
  if (kinds) option->check(takes_records(*kinds));
  return option;
}

}  // namespace crm::cli
