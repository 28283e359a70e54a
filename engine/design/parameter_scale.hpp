#pragma once
// How a swept parameter's unit-interval coordinate becomes a value, one rule for every design:
// a list is cut into equal strata, one per value; a range is mapped linearly or logarithmically
// with both ends reachable; an integer range is cut into one stratum per integer.
#include <cstdint>
#include <string>

#include "design/sweep_spec.hpp"

namespace regiesim::design {

// The value at unit coordinate u in [0, 1] (a choice: the index of its name).
double value_at(const SweptParameter& parameter, double u);

// Levels a grid takes of this parameter (a list's size or the range's grid_points), and the unit
// coordinate of level `level`: a list's value at the middle of its stratum, a range's points
// evenly spaced from 0 to 1 inclusive.
std::int64_t grid_levels(const SweptParameter& parameter);
double grid_coordinate(const SweptParameter& parameter, std::int64_t level);

// The value as TOML text, as --set reads it: "0.1", "4", "\"small_world\"".
std::string value_text(const SweptParameter& parameter, double value);

}  // namespace regiesim::design
