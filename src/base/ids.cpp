#include "crm/base/ids.h"

#include <cstdlib>

#include "crm/base/text.h"

namespace crm {
namespace {

constexpr std::string_view k_crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool is_crockford(char c) {
  return k_crockford.find(c) != std::string_view::npos;
}

bool is_prefix_char(char c) {
  return c >= 'A' && c <= 'Z';
}

std::uint64_t seed_from_environment() {
  if (const char* seed = std::getenv("CRM_ID_SEED"); seed && *seed)
    return std::hash<std::string_view>{}(seed);
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

IdGenerator::IdGenerator() : m_engine(seed_from_environment()) {}

std::string IdGenerator::next(std::string_view prefix) {
  std::string id(prefix);
  id += '-';
  std::uniform_int_distribution<int> pick(0, static_cast<int>(k_crockford.size()) - 1);
  for (int i = 0; i < k_id_random_length; ++i) id += k_crockford[pick(m_engine)];
  return id;
}

bool is_valid_id(std::string_view id, std::string_view prefix) {
  if (id.size() != prefix.size() + 1 + k_id_random_length) return false;
  if (id.substr(0, prefix.size()) != prefix || id[prefix.size()] != '-') return false;
  for (char c : id.substr(prefix.size() + 1))
    if (!is_crockford(c)) return false;
  return true;
}

std::optional<std::string> id_prefix(std::string_view id) {
  auto dash = id.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 2) return std::nullopt;
  for (char c : id.substr(0, dash))
    if (!is_prefix_char(c)) return std::nullopt;
  return std::string(id.substr(0, dash));
}

std::optional<std::string> normalize_id_input(std::string_view text) {
  std::string upper = to_upper(text);
  auto dash = upper.find('-');
  if (dash == std::string::npos || dash == 0 || dash > 2) return std::nullopt;
  for (std::size_t i = 0; i < dash; ++i)
    if (!is_prefix_char(upper[i])) return std::nullopt;
  if (upper.size() - dash - 1 > static_cast<std::size_t>(k_id_random_length)) return std::nullopt;
  for (std::size_t i = dash + 1; i < upper.size(); ++i) {
    char& c = upper[i];
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (!is_crockford(c)) return std::nullopt;
  }
  return upper;
}

}  // namespace crm
