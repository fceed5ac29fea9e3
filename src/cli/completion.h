// Shell completion read off the command tree itself: what may follow the words typed so far
// (nouns, verbs, options, an option's fixed choices, record references), and the bash, zsh and
// fish scripts that ask `crm __complete` for it. There is no second list of commands to drift.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crm/kinds/record_store.h"

namespace crm::cli {

struct Candidate {
  std::string text;
  std::string description;  // may be empty
};

// Opens the data directory named by -C (or found as usual) for reading, or gives nullptr when
// there is none; called only when references are wanted.
using StoreOpener = std::function<const RecordStore*(const std::optional<std::string>& dir)>;

// The candidates for the last of `words` (the words after `crm`, the last one being typed, ""
// for a new word), walking `app`'s subcommands and options as CLI11 would parse them.
//
// Choices come from the option's validators (CLI::IsMember, CheckedTransformer, or `choices()`
// below) or, for an option named after a field of the command's kind, from the kind registry
// (choice fields, lifecycle states, crm.yaml vocabularies). References are offered for a REF or
// ID positional (records of the command's kind, or of any kind when it has none), a positional
// named after a kind (INVOICE), and an option named after a reference field of the command's
// kind (`--account`) or after a kind (`--quote`).
std::vector<Candidate> complete(CLI::App& app, const std::vector<std::string>& words,
                                const StoreOpener& open_store);

// Declares the fixed set of values an option takes, for help, completion and the man page,
// without validating: the library checks the value and says why it is refused.
CLI::Validator choices(const std::vector<std::string>& values);

// Declares which records an option or positional takes (empty: any kind), for completion,
// without validating (the command resolves the reference). Shown nowhere in help.
CLI::Validator takes_records(const std::vector<Kind>& kinds);

// The values an option's validators declare ("{table,json}" descriptions), in order.
std::vector<std::string> declared_choices(CLI::Option& option);

// The kind a command works on, from the kind registry's command words (`crm service order
// assign` works on service orders), or nullopt (`crm timeline`, `crm note add`).
std::optional<Kind> command_kind(const CLI::App& command);

// `crm __complete WORDS...`: prints the candidates, one per line ("TEXT<TAB>DESCRIPTION"), for
// the words after `__complete` (a leading "--" is dropped). Opens the data directory read-only
// (-C among the words, $CRM_DIR, or the working directory), takes no lock, prints no error and
// returns 0 whatever happens.
int run_complete(CLI::App& app, std::vector<std::string> words);

// The completion script for "bash", "zsh" or "fish". Throws UsageError for another shell.
std::string completion_script(const std::string& shell);

}  // namespace crm::cli
