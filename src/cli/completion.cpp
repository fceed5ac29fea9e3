#include "completion.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/reference.h"
#include "crm/kinds/registry.h"

namespace crm::cli {
namespace completion_impl {

bool is_option_word(const std::string& word) {
  return word.size() > 1 && word[0] == '-' && !std::isdigit(static_cast<unsigned char>(word[1]));
}

// A command or option users are meant to see: CLI11 hides those of the empty group, and the
// machinery's own commands start with "__".
bool visible(const CLI::App* command) {
  return !command->get_group().empty() && !command->get_name().starts_with("__");
}
bool visible(const CLI::Option* option) {
  return !option->get_group().empty();
}

bool takes_value(const CLI::Option* option) {
  return option->get_items_expected_max() > 0;
}

// The option of the command chain (deepest first: a verb's --format before the global one)
// that `name` ("--account", "-C") names.
CLI::Option* find_option(const std::vector<CLI::App*>& chain, const std::string& name) {
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (CLI::Option* option : (*it)->get_options())
      if (option->nonpositional() && option->check_name(name)) return option;
  return nullptr;
}

CLI::App* find_subcommand(CLI::App* command, const std::string& word) {
  for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; }))
    if (sub->check_name(word)) return sub;
  return nullptr;
}

// "--format" -> "format", "--close-by" -> "close_by": the field an option is named after.
std::string field_name(const CLI::Option* option) {
  std::string name;
  if (!option->get_lnames().empty())
    name = option->get_lnames().front();
  else if (option->get_positional())
    name = to_lower(option->get_name());
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

struct Walk {
  std::vector<CLI::App*> chain;  // crm, then the nouns and verbs typed
  std::vector<const CLI::Option*> given;
  std::size_t positionals = 0;  // positional words given to the deepest command
  std::optional<std::string> dir;
  CLI::Option* pending = nullptr;  // the option whose value is being typed
};

bool is_dir_option(const CLI::Option* option) {
  return option->check_lname("dir");
}

Walk walk(CLI::App& app, const std::vector<std::string>& words) {
  Walk w;
  w.chain.push_back(&app);
  bool only_positionals = false;
  const std::size_t typed = words.empty() ? 0 : words.size() - 1;
  for (std::size_t i = 0; i < typed; ++i) {
    const std::string& word = words[i];
    if (!only_positionals && word == "--") {
      only_positionals = true;
      continue;
    }
    if (!only_positionals && is_option_word(word)) {
      std::size_t equals = word.find('=');
      CLI::Option* option = find_option(w.chain, word.substr(0, equals));
      if (!option) continue;
      w.given.push_back(option);
      if (!takes_value(option)) continue;
      std::optional<std::string> value;
      if (equals != std::string::npos)
        value = word.substr(equals + 1);
      else if (i + 1 < typed)
        value = words[++i];
      else
        w.pending = option;
      if (value && is_dir_option(option)) w.dir = *value;
      continue;
    }
    if (!only_positionals) {
      if (CLI::App* sub = find_subcommand(w.chain.back(), word)) {
        w.chain.push_back(sub);
        w.positionals = 0;
        continue;
      }
    }
    ++w.positionals;
  }
  return w;
}

// The positional argument that the next positional word fills, or nullptr.
CLI::Option* next_positional(CLI::App* command, std::size_t given) {
  std::size_t taken = 0;
  for (CLI::Option* option : command->get_options()) {
    if (!option->get_positional() || option->nonpositional()) continue;
    int items = option->get_items_expected_max();
    if (items <= 0) continue;
    taken += static_cast<std::size_t>(items);
    if (given < taken) return option;
  }
  return nullptr;
}

// The command of the chain that declares `option`.
const CLI::App* owner(const std::vector<CLI::App*>& chain, const CLI::Option* option) {
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const CLI::Option* o : (*it)->get_options())
      if (o == option) return *it;
  return chain.back();
}

// The name of the validator by which a command declares the records an argument takes
// (takes_records): "records:" and the kinds' names, none for any kind.
constexpr const char* k_records = "records:";

std::optional<std::vector<Kind>> declared_kinds(CLI::Option* option) {
  for (int i = 0;; ++i) {
    const CLI::Validator* validator = nullptr;
    try {
      validator = option->get_validator(i);
    } catch (const CLI::Error&) {
      return std::nullopt;
    }
    std::string name = validator->get_name();
    if (!name.starts_with(k_records)) continue;
    std::vector<Kind> kinds;
    std::string list = name.substr(std::string(k_records).size());
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t comma = list.find(',', start);
      std::string kind_name =
          list.substr(start, comma == std::string::npos ? comma : comma - start);
      if (std::optional<Kind> kind = kind_by_name(kind_name)) kinds.push_back(*kind);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return kinds;
  }
}

// The record kinds an option or positional takes, or nullopt when it takes no record. An
// empty list means any kind.
std::optional<std::vector<Kind>> record_kinds(CLI::Option* option, const CLI::App* command) {
  if (std::optional<std::vector<Kind>> declared = declared_kinds(option)) return declared;
  std::optional<Kind> kind = command_kind(*command);
  std::string field = field_name(option);
  if (option->get_positional()) {
    std::string name = option->get_name();
    if (name == "REF" || name == "ID") {
      if (kind) return std::vector<Kind>{*kind};
      return std::vector<Kind>{};
    }
  }
  if (kind) {
    const FieldSpec* spec = kind_spec(*kind).field(field);
    if (spec && spec->type == FieldType::reference) return spec->targets;
  }
  std::string kind_name = field;
  std::replace(kind_name.begin(), kind_name.end(), '_', '-');
  if (std::optional<Kind> named = kind_by_name(kind_name)) return std::vector<Kind>{*named};
  return std::nullopt;
}

// Fixed values from the kind registry: a choice field's choices (a status: the machine's
// states) or the crm.yaml list a field's values come from.
std::vector<std::string> registry_choices(const CLI::Option* option, const CLI::App* command,
                                          const RecordStore* store) {
  std::optional<Kind> kind = command_kind(*command);
  if (!kind) return {};
  const FieldSpec* spec = kind_spec(*kind).field(field_name(option));
  if (!spec) return {};
  if (spec->type == FieldType::choice) return spec->choices;
  if (!spec->vocabulary.empty() && store) return store->config().vocabulary(spec->vocabulary);
  return {};
}

struct Completer {
  CLI::App& app;
  const StoreOpener& open_store;
  Walk w;
  bool store_opened = false;
  const RecordStore* store = nullptr;

  const RecordStore* data() {
    if (!store_opened) {
      store_opened = true;
      store = open_store ? open_store(w.dir) : nullptr;
    }
    return store;
  }

  std::vector<Candidate> values(CLI::Option* option, const std::string& typed,
                                const std::string& shown_before) {
    std::vector<Candidate> out;
    const CLI::App* command = owner(w.chain, option);
    std::vector<std::string> fixed = declared_choices(*option);
    if (fixed.empty()) {
      bool needs_store = false;
      if (command_kind(*command)) {
        const FieldSpec* spec = kind_spec(*command_kind(*command)).field(field_name(option));
        needs_store = spec && !spec->vocabulary.empty();
      }
      fixed = registry_choices(option, command, needs_store ? data() : nullptr);
    }
    for (const std::string& value : fixed)
      if (value.starts_with(typed)) out.push_back({shown_before + value, ""});
    if (!fixed.empty()) return out;
    if (std::optional<std::vector<Kind>> kinds = record_kinds(option, command)) {
      if (const RecordStore* records = data())
        for (ReferenceCandidate& c : reference_candidates(*records, *kinds, typed))
          out.push_back({shown_before + c.text, std::move(c.description)});
    }
    return out;
  }

  std::vector<Candidate> options(const std::string& typed) {
    std::vector<Candidate> out;
    std::set<std::string> seen;
    for (auto it = w.chain.rbegin(); it != w.chain.rend(); ++it) {
      for (const CLI::Option* option : (*it)->get_options()) {
        if (!option->nonpositional() || !visible(option)) continue;
        bool repeatable = option->get_expected_max() > 1 ||
                          option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
        if (!repeatable && std::find(w.given.begin(), w.given.end(), option) != w.given.end())
          continue;
        std::vector<std::string> names;
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
        for (const std::string& name : names)
          if (name.starts_with(typed) && seen.insert(name).second)
            out.push_back({name, option->get_description()});
      }
    }
    return out;
  }

  std::vector<Candidate> run(const std::string& typed) {
    if (w.pending) return values(w.pending, typed, "");
    if (typed.starts_with("-") && (typed.size() == 1 || is_option_word(typed))) {
      std::size_t equals = typed.find('=');
      if (typed.starts_with("--") && equals != std::string::npos) {
        CLI::Option* option = find_option(w.chain, typed.substr(0, equals));
        if (!option || !takes_value(option)) return {};
        return values(option, typed.substr(equals + 1), typed.substr(0, equals + 1));
      }
      return options(typed);
    }
    CLI::App* command = w.chain.back();
    std::vector<Candidate> out;
    for (CLI::App* sub : command->get_subcommands([](CLI::App*) { return true; }))
      if (visible(sub) && sub->get_name().starts_with(typed))
        out.push_back({sub->get_name(), sub->get_description()});
    if (!out.empty() || command->get_require_subcommand_min() > 0) return out;
    if (CLI::Option* positional = next_positional(command, w.positionals))
      return values(positional, typed, "");
    return out;
  }
};

// The scripts are thin: they hand the words typed so far to `crm __complete` and show what it
// prints, one candidate per line, "TEXT<TAB>DESCRIPTION". With no candidates they fall back to
// the shell's own (file names, for FILE arguments).
const char* const k_bash_script =
    R"BASH(# bash completion for crm. Load it with:   source <(crm completion bash)
# (or save it as ~/.local/share/bash-completion/completions/crm). It asks `crm __complete`.
_crm() {
  local -a words=()
  local i word line prefix= quoted= crm=${COMP_WORDS[0]}
  [[ $crm == */* && -x $crm ]] || crm=crm
  for ((i = 1; i <= COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    # bash splits "--format=js" at "=" (COMP_WORDBREAKS): glue it back together.
    if ((${#words[@]})) && [[ ${words[-1]} == -* && ($word == "=" || ${words[-1]} == *=) ]]; then
      words[-1]+=$word
    else
      words+=("$word")
    fi
  done
  [[ ${COMP_WORDS[COMP_CWORD]} == [\"\']* ]] && quoted=1
  for i in "${!words[@]}"; do
    word=${words[i]}
    if [[ $word == [\"\']* ]]; then
      word=${word:1}
      word=${word%[\"\']}
    fi
    [[ $word == "~/"* ]] && word=$HOME/${word:2}
    words[i]=${word//\\/}
  done
  if [[ ${words[-1]} == -*=* && $COMP_WORDBREAKS == *=* ]]; then prefix=${words[-1]%%=*}=; fi
  COMPREPLY=()
  while IFS= read -r line; do
    line=${line%%$'\t'*}
    line=${line#"$prefix"}
    [[ -n $quoted ]] || printf -v line '%q' "$line"
    COMPREPLY+=("$line")
  done < <("$crm" __complete -- "${words[@]}" 2>/dev/null)
}
complete -o default -F _crm crm
)BASH";

const char* const k_zsh_script = R"ZSH(#compdef crm
# zsh completion for crm. Load it with:   source <(crm completion zsh)
# after compinit (or save it as _crm in a folder of $fpath). It asks `crm __complete`.
_crm() {
  local -a args values shown
  local line out
  args=("${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}")
  out=$(command ${~words[1]} __complete -- "${args[@]}" 2>/dev/null)
  for line in "${(@f)out}"; do
    [[ -n $line ]] || continue
    values+=("${line%%$'\t'*}")
    if [[ $line == *$'\t'* ]]; then
      shown+=("${line%%$'\t'*}  -- ${line#*$'\t'}")
    else
      shown+=("$line")
    fi
  done
  if (( ${#values} )); then
    compadd -l -d shown -a values
  else
    _default
  fi
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _crm "$@"
else
  compdef _crm crm
fi
)ZSH";

const char* const k_fish_script =
    R"FISH(# fish completion for crm. Load it with:   crm completion fish | source
# (or save it as ~/.config/fish/completions/crm.fish). It asks `crm __complete`.
function __crm_complete
    set -l words (commandline -opc)
    set -l crm $words[1]
    set -e words[1]
    set -l current (commandline -ct)
    set -l found (command $crm __complete -- $words "$current" 2>/dev/null)
    if test (count $found) -eq 0
        __fish_complete_path "$current"
    else
        printf '%s\n' $found
    end
end
complete -c crm -f -a '(__crm_complete)'
)FISH";

}  // namespace completion_impl

std::vector<std::string> declared_choices(CLI::Option& option) {
  std::vector<std::string> out;
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::Error&) {
      break;
    }
    // IsMember: "{a,b}"; Transformer: "{a->x,b->y}"; CheckedTransformer: "value in {a->x} OR
    // {x}". The first braces hold what may be typed.
    std::string description = validator->get_description();
    std::size_t open = description.find('{');
    std::size_t close = description.find('}', open);
    if (open == std::string::npos || close == std::string::npos) continue;
    std::string inside = description.substr(open + 1, close - open - 1);
    std::size_t start = 0;
    while (start <= inside.size()) {
      std::size_t comma = inside.find(',', start);
      std::string item = inside.substr(start, comma == std::string::npos ? comma : comma - start);
      item = item.substr(0, item.find("->"));
      if (!item.empty()) out.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!out.empty()) break;
  }
  return out;
}

CLI::Validator takes_records(const std::vector<Kind>& kinds) {
  std::vector<std::string> names;
  for (Kind kind : kinds) names.push_back(kind_spec(kind).name);
  return CLI::Validator([](std::string&) { return std::string(); }, "",
                        std::string(completion_impl::k_records) + join(names, ","));
}

CLI::Validator choices(const std::vector<std::string>& values) {
  CLI::Validator validator([](std::string&) { return std::string(); },
                           "{" + join(values, ",") + "}", "choices");
  return validator;
}

std::optional<Kind> command_kind(const CLI::App& command) {
  std::vector<std::string> words;
  for (const CLI::App* at = &command; at && at->get_parent(); at = at->get_parent())
    words.insert(words.begin(), at->get_name());
  std::optional<Kind> found;
  std::size_t longest = 0;
  for (const KindSpec& spec : all_kinds()) {
    if (spec.command.size() <= longest || spec.command.size() > words.size()) continue;
    if (std::equal(spec.command.begin(), spec.command.end(), words.begin())) {
      found = spec.kind;
      longest = spec.command.size();
    }
  }
  return found;
}

std::vector<Candidate> complete(CLI::App& app, const std::vector<std::string>& words,
                                const StoreOpener& open_store) {
  completion_impl::Completer completer{app, open_store, completion_impl::walk(app, words)};
  return completer.run(words.empty() ? std::string() : words.back());
}

std::string completion_script(const std::string& shell) {
  if (shell == "bash") return completion_impl::k_bash_script;
  if (shell == "zsh") return completion_impl::k_zsh_script;
  if (shell == "fish") return completion_impl::k_fish_script;
  throw UsageError("no completion script for '" + shell + "'", "choose bash, zsh or fish");
}

}  // namespace crm::cli
