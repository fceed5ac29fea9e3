#include "crm/store/record_codec.h"

#include <algorithm>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/fields.h"
#include "crm/store/paths.h"
#include "crm/store/yaml.h"

namespace crm {
namespace {

std::size_t longest_value(const Value& v) {
  std::size_t longest = v.text().size();
  for (const Value& item : v.items()) longest = std::max(longest, longest_value(item));
  for (const auto& [key, value] : v.entries()) longest = std::max(longest, longest_value(value));
  return longest;
}

bool is_valid_utf8_tree(const Value& v) {
  if (!is_valid_utf8(v.text())) return false;
  for (const Value& item : v.items())
    if (!is_valid_utf8_tree(item)) return false;
  for (const auto& [key, value] : v.entries())
    if (!is_valid_utf8(key) || !is_valid_utf8_tree(value)) return false;
  return true;
}

}  // namespace

std::string record_to_yaml(const Record& record) {
  return emit_yaml(canonical_order(record.spec(), record.fields()));
}

Record record_from_yaml(Kind kind, std::string_view text, const std::string& display,
                        const std::string& expected_id, bool well_formed) {
  Value fields = parse_yaml(text, display);
  const Value* id = fields.find("id");
  if (!id || !id->is_scalar() || id->text() != expected_id)
    throw DataError(display, id ? id->line() : 1,
                    fmt::format("the id field '{}' does not match the file name {}",
                                id ? id->text() : "", expected_id),
                    "an ID is fixed at creation: restore the file's id, or rename nothing");
  Record record(kind, canonical_order(kind_spec(kind), std::move(fields)));
  if (well_formed)
    if (auto bad = malformed_field(record))
      throw DataError(display, bad->at->line(), bad->message,
                      "fix the field by hand (docs/data-format.md), then run `crm check`");
  return record;
}

// Never write a file crm could not read back, nor one that would read as malformed: a bug or
// an unchecked input must fail here rather than in the next command.
void require_writable(const Record& record, const std::string& yaml) {
  std::string relative = record_relative_path(record);
  if (auto too_long = longest_value(record.fields()); too_long > YamlLimits{}.max_scalar)
    throw UsageError(fmt::format("a value of {} bytes for {} is longer than the {} a record allows",
                                 too_long, relative, YamlLimits{}.max_scalar),
                     "put long texts in a file and link it with `crm doc add`");
  if (!is_valid_utf8_tree(record.fields()))
    throw UsageError(
        fmt::format("a value for {} is not valid UTF-8; nothing was written", relative),
        "check the encoding of your terminal or script");
  if (auto bad = malformed_field(record))
    throw UsageError(
        fmt::format("refusing to write {}: {}; nothing was written", relative, bad->message));
  try {
    parse_yaml(yaml, relative);
  } catch (const DataError& e) {
    throw Error(
        ExitCode::invalid_data,
        fmt::format("refusing to write {}: it would not read back ({})", relative, e.what()),
        "please report this as a bug, with the command you ran");
  }
}

}  // namespace crm
