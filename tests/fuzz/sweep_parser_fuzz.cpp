// Sweep text in, a validated SweepSpec or an InputError out; anything else (another exception, a
// crash, a sanitizer report, a hang) is a bug. The base scenario is a small one whatever the file
// names, so the fuzzer spends its time on the sweep's own layout, values, ranges and designs. A
// design is capped at 4,096 points here: validating each of 10^6 points as a whole scenario is
// seconds of work, not a hang, and the refusal of larger designs is fuzzed all the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "design/load_sweep.hpp"
#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace {

constexpr std::string_view kBase = R"(
[run]
steps = 10
[partners.gemeente]
passion = 0.6
capabilities = [0.9, 0.1, 0.2, 0.4]
[partners.politie]
capabilities = [0.1, 0.9, 0.2, 0.4]
[partners.zorg]
capabilities = [0.2, 0.1, 0.9, 0.4]
)";

constexpr std::int64_t kFuzzMaxPoints = 4096;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regiesim;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto read_base = [](const std::string& name, const design::SweepPlace&) {
    return scenario::load_scenario(kBase, name.empty() ? "base.toml" : name);
  };
  try {
    design::load_sweep(text, "fuzz_sweep.toml", read_base, kFuzzMaxPoints);
  } catch (const scenario::InputError&) {
  }
  return 0;
}
