#include "crm/service/knowledge.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "crm/base/error.h"
#include "crm/base/text.h"
#include "crm/kinds/lifecycle.h"
#include "crm/kinds/reference.h"

namespace crm {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : fold_case(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      word += c;
    } else {
      if (display_width(word) >= 3 && std::find(words.begin(), words.end(), word) == words.end())
        words.push_back(word);
      word.clear();
    }
  }
  return words;
}

}  // namespace

ChangeSet add_solution(Session& session, const std::string& title, const std::string& symptoms,
                       const std::string& resolution, const std::string& product) {
  for (const auto& [name, value] :
       {std::pair{"--title", title}, {"--symptoms", symptoms}, {"--resolution", resolution}})
    if (trim(value).empty()) throw UsageError(fmt::format("a solution needs {}", name));
  Record kb = new_record(session, Kind::solution);
  kb.set_text("title", trim(title));
  kb.set_text("symptoms", symptoms);
  kb.set_text("resolution", resolution);
  if (!trim(product).empty())
    kb.set_text("product", resolve(session.store, product, {Kind::product}).get("sku"));
  ChangeSet changes;
  changes.summary = fmt::format("kb add {}", kb.id());
  changes.created(std::move(kb));
  return changes;
}

std::vector<SolutionMatch> search_solutions(const RecordStore& store, const std::string& text,
                                            const std::string& product, std::size_t limit) {
  std::vector<std::string> words = words_of(text);
  std::vector<SolutionMatch> matches;
  store.for_each(Kind::solution, [&](const Record& kb) {
    std::vector<std::string> title = words_of(kb.get("title"));
    std::vector<std::string> symptoms = words_of(kb.get("symptoms"));
    int score = 0;
    for (const std::string& w : words) {
      if (std::find(title.begin(), title.end(), w) != title.end()) score += 3;
      if (std::find(symptoms.begin(), symptoms.end(), w) != symptoms.end()) score += 2;
    }
    if (score > 0 && !product.empty() && kb.get("product") == product) score += 2;
    if (score > 0) matches.push_back({kb, score});
  });
  std::sort(matches.begin(), matches.end(), [](const SolutionMatch& a, const SolutionMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.solution.get("title") < b.solution.get("title");
  });
  if (matches.size() > limit)
    matches.erase(matches.begin() + static_cast<long>(limit), matches.end());
  return matches;
}

std::vector<SolutionMatch> suggestions_for(const RecordStore& store, const Record& request,
                                           std::size_t limit) {
  if (!can_fire(request, "solve")) return {};
  return search_solutions(store, request.get("summary"), request.get("product"), limit);
}

}  // namespace crm
