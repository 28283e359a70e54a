// Scenario text in, a validated scenario or an InputError out; anything else (another exception,
// a crash, a sanitizer report, a hang) is a bug. A scenario that loads must also survive its own
// round trip: resolved_toml() reads back to an equal scenario (the output keeps it to redo runs).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace regiesim::scenario;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ScenarioSpec spec;
  try {
    spec = load_scenario(text, "fuzz.toml");
  } catch (const InputError&) {
    return 0;
  }
  const ScenarioSpec again = load_scenario(resolved_toml(spec), "resolved.toml");
  if (!(again.parameters == spec.parameters) || !(again.partners == spec.partners) ||
      !(again.plan == spec.plan) || again.name != spec.name ||
      again.description != spec.description)
    std::abort();
  return 0;
}
