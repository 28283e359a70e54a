#pragma once
// A Latin hypercube (McKay, Beckman and Conover 1979): `samples` points such that, in every
// dimension, each of the `samples` equal strata of [0, 1) holds exactly one point.
#include <cstdint>

#include "design/design.hpp"

namespace regiesim::design {

// Largest sample a Latin hypercube may have: keeps every coordinate's stratum exact (below).
inline constexpr std::int64_t kMaxLatinHypercubeSamples = std::int64_t{1} << 20;

// Appends `samples` points to `design` (dimensions set). The strata's order in each dimension and
// each point's place within its stratum come from Philox streams keyed by `seed`: the same seed
// gives the same design.
void add_latin_hypercube_points(std::int64_t samples, std::uint64_t seed, Design& design);

}  // namespace regiesim::design
