#pragma once
// The first points of the Sobol sequence from Boost.Random's `sobol` (Bratley and Fox's algorithm
// with Joe and Kuo's direction numbers), in the sequence's own order: point 0 is the origin.
#include <cstdint>
#include <vector>

namespace regiesim::design {

// Dimensions Boost's direction-number table supports.
std::int64_t sobol_max_dimensions();

// `count` points of `dimensions` coordinates each, point-major, every coordinate in [0, 1).
std::vector<double> sobol_points(std::int64_t dimensions, std::int64_t count);

}  // namespace regiesim::design
