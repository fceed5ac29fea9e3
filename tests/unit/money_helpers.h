// Short ways to write exact numbers in tests: dec("2.5"), eur("1249.00").
#pragma once

#include "crm/base/money.h"

namespace crm_test {

inline const crm::Currency k_eur = crm::currency_for("EUR");

inline crm::Decimal dec(const char* text) {
  return *crm::Decimal::parse(text);
}

inline crm::Money eur(const char* text) {
  return crm::Money::parse(text, k_eur, "amount");
}

}  // namespace crm_test
