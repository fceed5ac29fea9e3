// The knowledge base: known solutions (title, symptoms, resolution, product) and a search that
// ranks them by how well the words of a question match.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

ChangeSet add_solution(Session& session, const std::string& title, const std::string& symptoms,
                       const std::string& resolution, const std::string& product);

struct SolutionMatch {
  Record solution;
  int score;  // 3 per word in the title, 2 per word in the symptoms, 2 for the product
};

// Solutions matching any word of `text` (case-insensitive, words of 3+ letters), best first;
// ties by title. `product` (a sku) adds to the score of solutions for that product.
std::vector<SolutionMatch> search_solutions(const Store& store, const std::string& text,
                                            const std::string& product = {},
                                            std::size_t limit = 10);

}  // namespace crm
