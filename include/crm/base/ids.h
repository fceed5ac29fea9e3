// Record IDs: a kind prefix, a dash and 8 random Crockford base32 characters (L-7K3QZ9AB).
// Random, not sequential, so that two clones adding records independently never collide.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace crm {

inline constexpr int k_id_random_length = 8;
inline constexpr int k_min_prefix_length = 4;  // after the dash, like git's short hashes

// Draws the random part of IDs. Seeded from the OS, or from $CRM_ID_SEED so that tests and
// golden files are reproducible.
class IdGenerator {
 public:
  IdGenerator();
  explicit IdGenerator(std::uint64_t seed) : m_engine(seed) {}
  std::string next(std::string_view prefix);

 private:
  std::mt19937_64 m_engine;
};

// True when `id` is exactly PREFIX-XXXXXXXX with a valid Crockford body. Everything that turns
// an ID into a path checks this first, so no input can name a file outside the data directory.
bool is_valid_id(std::string_view id, std::string_view prefix);

// The prefix part of a well-formed ID ("L" for "L-7K3QZ9AB"), or nullopt.
std::optional<std::string> id_prefix(std::string_view id);

// Normalizes what a user typed as an ID or ID prefix: upper case, and the Crockford aliases
// O->0, I->1, L->1 in the random part. Returns nullopt if it cannot be part of an ID.
std::optional<std::string> normalize_id_input(std::string_view text);

}  // namespace crm
