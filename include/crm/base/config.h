// The settings in `crm.yaml`: deal stages and their playbooks, currency, payment terms, the
// service default rate, git and file permissions. crm never rewrites this file, so its
// comments survive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crm/base/value.h"

namespace crm {

struct Stage {
  std::string name;
  std::string probability;            // percent, a decimal string
  std::vector<std::string> playbook;  // what the sales assistant suggests in this stage
};

struct Config {
  std::string currency = "EUR";
  std::vector<Stage> stages;
  // Where leads come from; `lead add --source` takes one of these.
  std::vector<std::string> lead_sources = default_lead_sources();
  std::string payment_terms_days = "30";
  std::string tax_rate = "0";  // percent applied to new quotes unless --tax
  std::string service_default_rate = "90.00";
  bool git_autocommit = false;
  unsigned file_mode = 0600;
  unsigned folder_mode = 0700;

  const Stage* stage(const std::string& name) const;
  std::vector<std::string> stage_names() const;
  // A list of crm.yaml that field values come from, by the name the kind registry gives it
  // ("stages", "lead_sources"); empty for an unknown name.
  std::vector<std::string> vocabulary(std::string_view name) const;

  static std::vector<std::string> default_lead_sources();
};

// The defaults `crm init` writes, as commented YAML.
std::string default_config_text(bool git_autocommit);

// Reads crm.yaml's tree; missing keys take their defaults. Throws DataError naming `source`
// for values of the wrong shape.
Config config_from_yaml(const Value& root, const std::string& source);

}  // namespace crm
