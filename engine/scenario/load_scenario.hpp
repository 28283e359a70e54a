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

// An assignment as `--set` writes it ("dotted.path=value"), with the place its messages name: a
// sweep file's line and column, where the value was written.
struct Assignment {
  std::string text;
  std::string origin;
  int line = 0;
  int column = 0;
};

// `base` with the assignments applied in order exactly as --set applies them (the same checks and
// messages, each at its assignment's place), then the rules that tie fields together checked
// again. A sweep's design points are made this way, so a swept value is validated like any other.
// The result's overrides are the base's followed by the assignments.
ScenarioSpec apply_assignments(const ScenarioSpec& base, std::span<const Assignment> assignments);

// The scenario with every parameter written out explicitly, as TOML that load_scenario() reads
// back to an equal spec. Kept in the output so that any run can be redone from the file alone.
std::string resolved_toml(const ScenarioSpec& spec);

}  // namespace regiesim::scenario
