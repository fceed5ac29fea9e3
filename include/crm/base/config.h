// The settings in `crm.yaml`: deal stages and their playbooks, currency, payment terms, the
// service default rate, git and file permissions. crm never rewrites this file, so its
// comments survive.
#pragma once

#include <map>
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

// The seller, as documents for customers print it (`company:` in crm.yaml).
struct CompanyInfo {
  std::string name;
  std::string address;  // street and house, one or more lines
  std::string postal_code;
  std::string city;
  std::string country;
  std::string tax_id;
  std::string bank_name;
  std::string bank_account;  // IBAN or account number
  std::string email;
  std::string phone;
  std::string website;
};

// How documents for customers are rendered (`documents:`).
struct DocumentSettings {
  // The program that prints HTML to PDF, as an argument vector with {input} and {output}
  // placeholders; empty: headless Chromium found on PATH.
  std::vector<std::string> pdf_command;
  std::string language = "en";  // labels used when --lang is not given
  // Label tables by language code, each label key to its text (`documents.labels.pl`).
  std::map<std::string, std::map<std::string, std::string>> labels;
};

// Sending e-mail (`mail:`).
struct MailSettings {
  // A sendmail-compatible program reading the message with its headers on standard input.
  std::vector<std::string> sendmail = {"/usr/sbin/sendmail", "-t", "-oi"};
  std::string from;                   // the From: address; empty: the company's e-mail
  std::string attach_format = "pdf";  // pdf or html
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
  CompanyInfo company;
  DocumentSettings documents;
  MailSettings mail;
  // The program that dials a number (`calls.dialer`), with a {number} placeholder (and {uri}
  // for "tel:NUMBER"); empty: `crm call` only prints the number.
  std::vector<std::string> dialer;
  // How long a hook may run before it is killed (`hooks.timeout`, seconds).
  double hook_timeout_seconds = 30;

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
