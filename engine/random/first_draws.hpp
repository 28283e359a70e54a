#pragma once
// The first draw of many streams at once. The hottest loop of a large run (form_meetings: one
// stream per tie and week, and nothing else drawn from it) spends most of its time in the ten
// Philox rounds of each stream's first block. The streams are independent, so their rounds can
// run side by side in SIMD lanes: Philox is integer arithmetic, so the lanes give exactly the
// bits RandomStream gives, on any machine (docs/ODD.md 13, performance).
#include <cstddef>
#include <cstdint>

#include "random/random_stream.hpp"

namespace regiesim::random {

// out[k] = RandomStream(seed, step, purpose, subjects[k], objects[k]).uniform01() for k < count.
void first_uniform01(RunSeed seed, std::uint32_t step, Purpose purpose,
                     const std::uint32_t* subjects, const std::uint32_t* objects, std::size_t count,
                     double* out);

}  // namespace regiesim::random
