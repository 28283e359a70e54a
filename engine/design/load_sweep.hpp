#pragma once
// Sweep text in, a validated SweepSpec out (core: no files). The base scenario the text names is
// read through a callback, which io/ gives (resolving it relative to the sweep file, as
// `extends`) and tests give from a string. Every error is a scenario::InputError at the sweep
// file's line and column (exit 2), its message the parameter table's own where a value is wrong.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "design/sweep_spec.hpp"

namespace regiesim::design {

// Bounds that keep a typo from becoming a sweep that fills memory or runs for a year.
inline constexpr std::int64_t kMaxDesignPoints = 1'000'000;
inline constexpr std::int64_t kMaxSweepRuns = 1'000'000'000;

// Returns the base scenario named `name` (as written in the sweep file, at `place`).
using BaseScenarioReader =
    std::function<scenario::ScenarioSpec(const std::string& name, const SweepPlace& place)>;

// Parses and validates: the layout of the file, each swept parameter against the parameter table
// (sweepable, kind, every listed value and both ends of every range through the same checks as
// --set), the design's settings, and finally every design point's scenario as a whole (the rules
// that tie fields together), reported at the parameter that breaks them. A design of more than
// `max_points` points is refused (the fuzzer lowers it: validating 10^6 points takes seconds).
// The base scenario gets the file's [base] keys and then `overrides` (`sweep --set`,
// "dotted.path=value"), each checked as --set checks it.
SweepSpec load_sweep(std::string_view text, std::string_view label,
                     const BaseScenarioReader& read_base,
                     std::int64_t max_points = kMaxDesignPoints,
                     std::span<const std::string> overrides = {});

}  // namespace regiesim::design
