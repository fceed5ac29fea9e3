// E-mail addresses: what HTML's "valid e-mail address" rule accepts.
#pragma once

#include <string_view>

namespace crm {

bool is_valid_email(std::string_view text);

}  // namespace crm
