#pragma once
// Scenario text in, a validated ScenarioSpec out (core: no files). Every error is an InputError
// naming the place (file:line:column, or the --set it came from) and what was expected.
#include <span>
#include <string>
#include <string_view>

#include "scenario/scenario_spec.hpp"

namespace regiesim::scenario {

// Parses `text` (TOML; `label` names it in messages, usually the file path), applies the `--set`
// assignments ("dotted.path=value", the value in TOML syntax) in order, and validates the result:
// syntax, unknown keys (with a did-you-mean), types, ranges, and the rules that tie fields
// together (capabilities per dimension, unique partner names, sizes the machine can hold).
ScenarioSpec load_scenario(std::string_view text, std::string_view label,
                           std::span<const std::string> overrides = {});

// The scenario with every parameter written out explicitly, as TOML that load_scenario() reads
// back to an equal spec. Kept in the output so that any run can be redone from the file alone.
std::string resolved_toml(const ScenarioSpec& spec);

}  // namespace regiesim::scenario
