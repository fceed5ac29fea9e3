// libFuzzer target for the YAML codec: no input may crash the reader, and whatever it accepts
// must survive a canonical write and re-read unchanged. Build and run with bash tests/fuzz/run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crm/base/error.h"
#include "crm/store/yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  crm::Value first;
  try {
    first = crm::parse_yaml(text, "fuzz");
  } catch (const crm::DataError&) {
    return 0;  // refused with a message: the expected outcome for most inputs
  }
  std::string written = crm::emit_yaml(first);
  crm::Value second = crm::parse_yaml(written, "rewritten");  // must not throw
  if (!(second == first) || crm::emit_yaml(second) != written) std::abort();
  return 0;
}
