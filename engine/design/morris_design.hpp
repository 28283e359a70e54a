#pragma once
// Morris's elementary-effects design (Morris 1991): r trajectories on a grid of p levels per
// factor. Each trajectory starts at a random grid point and moves each of the k factors once, in
// a random order, by +-Delta with Delta = p / (2 (p - 1)), so it has k + 1 points and every step
// changes exactly one factor.
#include <cstdint>

#include "design/design.hpp"

namespace regiesim::design {

// Appends r (k + 1) points to `design` (dimensions k set); `levels` p is even and at least 2.
// Start points, directions and orders come from Philox streams keyed by `seed`.
void add_morris_points(std::int64_t trajectories, std::int64_t levels, std::uint64_t seed,
                       Design& design);

}  // namespace regiesim::design
