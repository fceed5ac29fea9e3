// The knowledge base: known solutions (title, symptoms, resolution, product) and a search that
// ranks them by how well the words of a question match.
#pragma once

#include <string>
#include <vector>

#include "crm/kinds/session.h"

namespace crm {

// A new solution. `product` is any reference to a product (its sku is kept), or empty.
ChangeSet add_solution(Session& session, const std::string& title, const std::string& symptoms,
                       const std::string& resolution, const std::string& product);

struct SolutionMatch {
  Record solution;
  int score;  // 3 per word in the title, 2 per word in the symptoms, 2 for the product
};

// Solutions matching any word of `text` (case-insensitive, words of 3+ letters), best first;
// ties by title. `product` (a sku) adds to the score of solutions for that product.
std::vector<SolutionMatch> search_solutions(const RecordStore& store, const std::string& text,
                                            const std::string& product = {},
                                            std::size_t limit = 10);

// What to suggest for a request: solutions for its summary and product while it is open (a
// solved, escalated or closed request needs none).
std::vector<SolutionMatch> suggestions_for(const RecordStore& store, const Record& request,
                                           std::size_t limit = 3);

}  // namespace crm
