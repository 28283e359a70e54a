#pragma once
// The full factorial: every combination of every parameter's levels, the last parameter varying
// fastest (the order of nested loops over the parameters in file order).
#include <vector>

#include "design/design.hpp"

namespace regiesim::design {

// Appends the product of the per-dimension unit coordinates to `design` (dimensions set).
void add_grid_points(const std::vector<std::vector<double>>& levels, Design& design);

}  // namespace regiesim::design
