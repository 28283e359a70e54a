// --set parsing: each line of the input is one `--set` argument, applied to a small valid
// scenario. The result is a scenario or an InputError, never anything else.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace {

constexpr std::string_view kScenario = R"(
[run]
steps = 10
[network]
kind = "small_world"
neighbours = 2
[partners.gemeente]
passion = 0.6
capabilities = [0.9, 0.1, 0.2, 0.4]
[partners.politie]
capabilities = [0.1, 0.9, 0.2, 0.4]
[partners.zorg]
capabilities = [0.2, 0.1, 0.9, 0.4]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regiesim::scenario;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  std::size_t begin = 0;
  while (begin <= input.size() && overrides.size() < 64) {
    const std::size_t end = std::min(input.find('\n', begin), input.size());
    overrides.emplace_back(input.substr(begin, end - begin));
    begin = end + 1;
  }
  try {
    load_scenario(kScenario, "fuzz.toml", overrides);
  } catch (const InputError&) {
  }
  return 0;
}
