// The batched first draws are RandomStream's first draws, bit for bit: the SIMD lanes are an
// implementation of the same Philox rounds, not another generator.
#include "random/first_draws.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <random>
#include <vector>

#include "random/random_stream.hpp"

namespace regiesim::random {
namespace {

TEST(FirstDraws, EqualEachStreamsFirstUniform_BitForBit) {
  std::mt19937_64 gen(2026);
  for (const std::size_t count : {0u, 1u, 3u, 4u, 5u, 8u, 13u, 64u, 1001u}) {
    const RunSeed seed{gen()};
    const auto step = static_cast<std::uint32_t>(gen());
    const Purpose purpose = count % 2 == 0 ? Purpose::meeting : Purpose::experience;
    std::vector<std::uint32_t> subjects(count);
    std::vector<std::uint32_t> objects(count);
    for (std::size_t k = 0; k < count; ++k) {
      subjects[k] = static_cast<std::uint32_t>(gen());
      // Extremes too: the lanes' multiplications must carry into the high words as the scalar's.
      objects[k] = k % 5 == 0 ? 0xFFFFFFFFu : k % 5 == 1 ? 0u : static_cast<std::uint32_t>(gen());
    }
    std::vector<double> out(count, -1.0);
    first_uniform01(seed, step, purpose, subjects.data(), objects.data(), count, out.data());
    for (std::size_t k = 0; k < count; ++k) {
      const double expected =
          RandomStream(seed, step, purpose, subjects[k], objects[k]).uniform01();
      ASSERT_EQ(std::bit_cast<std::uint64_t>(out[k]), std::bit_cast<std::uint64_t>(expected))
          << "stream " << k << " of " << count;
    }
  }
}

}  // namespace
}  // namespace regiesim::random
