#include "man_page.h"

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <vector>

#include <CLI/CLI.hpp>

#include "completion.h"
#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/registry.h"

namespace crm::cli {
namespace man_page_impl {

// The lines of a text, each escaped; a roff text line may not start with '.' or '\''.
std::string paragraph(const std::string& text, bool code = false) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? end : end - start);
    out += line.empty() ? ".sp\n" : roff_escape(line, code) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool shown(const CLI::App* command) {
  return !command->get_group().empty() && !command->get_name().starts_with("__");
}

std::string command_path(const CLI::App* command) {
  std::vector<std::string> words;
  for (const CLI::App* at = command; at; at = at->get_parent()) {
    if (!at->get_parent()) break;
    words.insert(words.begin(), at->get_name());
  }
  return "crm " + join(words, " ");
}

// "TEXT" from "TEXT:{a,b}" (the choices are listed in words).
std::string value_name(const CLI::Option* option) {
  std::string type = option->get_type_name();
  type = type.substr(0, type.find(':'));
  return type.empty() ? "VALUE" : type;
}

std::string option_entry(CLI::Option* option) {
  std::ostringstream out;
  out << ".TP\n";
  if (option->get_positional() && !option->nonpositional()) {
    out << "\\fI" << roff_escape(option->get_name(), true) << "\\fR";
  } else {
    std::vector<std::string> names;
    for (const std::string& name : option->get_snames())
      names.push_back("\\fB" + roff_escape("-" + name, true) + "\\fR");
    for (const std::string& name : option->get_lnames())
      names.push_back("\\fB" + roff_escape("--" + name, true) + "\\fR");
    out << join(names, ", ");
    if (option->get_items_expected_max() > 0)
      out << " \\fI" << roff_escape(value_name(option), true) << "\\fR";
  }
  out << "\n";
  std::string description = option->get_description();
  std::vector<std::string> values = declared_choices(*option);
  if (!values.empty()) description += " (one of: " + join(values, ", ") + ")";
  if (option->get_required() && description.find("(required)") == std::string::npos)
    description += " (required)";
  if (option->get_expected_max() > 1) description += " (may be repeated)";
  out << paragraph(description);
  return out.str();
}

// The options and positionals users see, positionals first.
std::vector<CLI::Option*> visible_options(CLI::App* command, bool positional) {
  std::vector<CLI::Option*> out;
  for (CLI::Option* option : command->get_options()) {
    if (option->get_group().empty()) continue;
    bool is_positional = option->get_positional() && !option->nonpositional();
    if (is_positional == positional) out.push_back(option);
  }
  return out;
}

void describe_command(CLI::App* command, std::ostringstream& out) {
  out << ".SS " << roff_escape(command_path(command), true) << "\n";
  out << paragraph(command->get_description());
  std::vector<CLI::App*> verbs;
  for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; }))
    if (shown(sub)) verbs.push_back(sub);
  if (!verbs.empty()) {
    std::vector<std::string> names;
    for (const CLI::App* verb : verbs) names.push_back(verb->get_name());
    out << ".PP\n" << paragraph("Commands: " + join(names, ", ") + ".");
  }
  std::vector<CLI::Option*> options = visible_options(command, true);
  for (CLI::Option* option : visible_options(command, false))
    if (option->get_name() != "--help" && !option->check_lname("help")) options.push_back(option);
  if (!options.empty()) {
    out << ".RS\n";
    for (CLI::Option* option : options) out << option_entry(option);
    out << ".RE\n";
  }
  if (!command->get_footer().empty()) {
    out << ".PP\n.nf\n" << paragraph(command->get_footer(), true) << ".fi\n";
  }
  for (CLI::App* verb : verbs) describe_command(verb, out);
}

struct Named {
  const char* name;
  const char* meaning;
};

const Named k_environment[] = {
    {"CRM_DIR", "The data directory, when neither -C nor --dir is given."},
    {"CRM_USER", "The acting user, when --as is not given (then git's user.name, then USER)."},
    {"USER", "The login name, the last choice for the acting user."},
    {"CRM_TODAY", "Pins today's date (YYYY-MM-DD), like --today: for scripts and tests."},
    {"NO_COLOR", "When set and not empty, output has no colour (--color auto)."},
    {"TERM", "A dumb terminal gets no colour."},
    {"LC_ALL, LC_CTYPE, LANG", "A UTF-8 locale lets reports draw bars with block characters."},
    {"CRM_ID_SEED", "Makes new IDs reproducible (tests and documentation only)."},
};

const Named k_files[] = {
    {"crm.yaml", "The data directory's settings: stages, lead sources, currency, git."},
    {".crm/", "Local state, never committed: the lock and the journal of a write."},
    {".gitattributes", "Names crm's merge driver for record files (crm init --git)."},
};

// One record per file, in the folders the kind registry names.
std::string record_files() {
  std::vector<std::string> folders;
  for (const KindSpec& spec : all_kinds())
    folders.push_back(spec.folder + "/ (" + spec.name + ", " + spec.prefix + "-)");
  return "One record per file, named by its ID: " + join(folders, ", ") + ".";
}

}  // namespace man_page_impl

std::string roff_escape(const std::string& text, bool code) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && code) {
      out += "\\-";
    } else if (c < 0x80) {
      if ((c == '.' || c == '\'') && out.empty()) out += "\\&";
      if (c >= 0x20 || c == '\t') out += static_cast<char>(c);
    } else {
      // A UTF-8 sequence as \[uXXXX], so that groff needs no preprocessor.
      int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      std::uint32_t code_point = length == 4 ? c & 0x07 : length == 3 ? c & 0x0F : c & 0x1F;
      if (length == 1 || i + length > text.size()) continue;  // not UTF-8: dropped
      for (int k = 1; k < length; ++k)
        code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      i += length - 1;
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\[u%04X]", static_cast<unsigned>(code_point));
      out += buffer;
    }
  }
  return out;
}

std::string man_page(CLI::App& app) {
  using namespace man_page_impl;
  std::ostringstream out;
  out << ".\\\" crm.1: generated by `crm __man` from crm's command definitions; do not edit.\n";
  out << ".TH CRM 1 \"\" \"crm " CRM_VERSION "\" \"User Commands\"\n";
  // Options and commands are not words to hyphenate, nor lines to stretch.
  out << ".nh\n.ad l\n";
  std::string description = app.get_description();
  std::string summary = description.substr(0, description.find('\n'));
  if (summary.starts_with("crm: ")) summary = summary.substr(5);
  out << ".SH NAME\ncrm \\- " << roff_escape(summary) << "\n";
  out << ".SH SYNOPSIS\n.B crm\n[\\fIGLOBAL OPTIONS\\fR] \\fINOUN\\fR [\\fIVERB\\fR] "
         "[\\fIARGUMENTS\\fR]\n";
  out << ".SH DESCRIPTION\n"
      << paragraph(
             "crm keeps the whole customer lifecycle (leads, accounts, contacts, deals, quotes, "
             "orders, contracts, invoices, service and campaigns) in a directory of YAML "
             "records, one file per record, that teams share through git. Every command below "
             "takes --help. Global options may come before or after the command words.")
      << ".PP\n.nf\n"
      << paragraph(description.substr(description.find('\n') + 1), true) << ".fi\n";
  out << ".SH GLOBAL OPTIONS\n";
  for (CLI::Option* option : visible_options(&app, false)) out << option_entry(option);
  out << ".SH COMMANDS\n";
  for (CLI::App* noun : app.get_subcommands([](CLI::App*) { return true; }))
    if (shown(noun)) describe_command(noun, out);
  out << ".SH EXIT STATUS\n";
  for (const auto& [code, meaning] : k_exit_codes)
    out << ".TP\n.B " << static_cast<int>(code) << "\n" << paragraph(std::string(meaning));
  out << ".SH ENVIRONMENT\n";
  for (const Named& e : k_environment)
    out << ".TP\n.B " << roff_escape(e.name) << "\n" << paragraph(e.meaning);
  out << ".SH FILES\n";
  for (const Named& f : k_files)
    out << ".TP\n.I " << roff_escape(f.name) << "\n" << paragraph(f.meaning);
  out << ".TP\n.I <folder>/<ID>.yaml\n" << paragraph(record_files());
  out << ".SH SEE ALSO\n"
      << ".BR git (1),\n.BR git\\-filter\\-repo (1)\n.PP\n"
      << paragraph(
             "The documentation in the source tree: docs/user-guide.md, docs/data-format.md, "
             "docs/lifecycles.md, docs/exit-codes.md, docs/shell.md and docs/privacy.md.");
  return out.str();
}

}  // namespace crm::cli
