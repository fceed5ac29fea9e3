// The words a document for customers prints, by key: English built in, other languages from
// crm.yaml's `documents.labels.<lang>`, where a key the table lacks falls back to English.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/base/config.h"

namespace crm {

// Every label key with its English text, in the order docs/documents.md lists them. Texts may
// hold placeholders in braces ({days}, {date}, {amount}, {currency}) that format() fills.
const std::vector<std::pair<std::string, std::string>>& english_labels();

class DocumentLabels {
 public:
  DocumentLabels(std::string language, const std::map<std::string, std::string>* table)
      : m_language(std::move(language)), m_table(table) {}

  // The label's text in the language, else in English; the key itself for an unknown key.
  std::string operator()(std::string_view key) const;
  // The same, with each {name} replaced by its value.
  std::string format(std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& values) const;
  // "en", "pl": for the page's lang attribute.
  const std::string& language() const { return m_language; }

 private:
  std::string m_language;
  const std::map<std::string, std::string>* m_table;  // nullptr: English only
};

// The labels for `language` (empty: documents.language). "en" is always there (a labels.en
// table may reword it); any other needs a table, else UsageError naming those there are.
DocumentLabels document_labels(const DocumentSettings& settings, std::string_view language);

}  // namespace crm
