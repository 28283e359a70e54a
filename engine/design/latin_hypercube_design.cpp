#include "design/latin_hypercube_design.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "random/random_stream.hpp"

namespace regiesim::design {

void add_latin_hypercube_points(std::int64_t samples, std::uint64_t seed, Design& design) {
  if (samples < 1 || samples > kMaxLatinHypercubeSamples)
    throw std::invalid_argument("add_latin_hypercube_points: samples out of range");
  const auto n = static_cast<std::size_t>(samples);
  const auto k = static_cast<std::size_t>(design.dimensions);
  const random::RunSeed key{seed};
  std::vector<double> coordinates(n * k);
  std::vector<std::uint32_t> strata(n);
  for (std::size_t d = 0; d < k; ++d) {
    // Which stratum each point takes in dimension d: a uniform permutation (Fisher-Yates) from
    // the stream of this dimension.
    std::iota(strata.begin(), strata.end(), 0u);
    random::RandomStream order(key, 0, random::Purpose::sweep_latin_hypercube_strata,
                               static_cast<std::uint32_t>(d));
    for (std::size_t i = n - 1; i > 0; --i) {
      boost::random::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(i));
      std::swap(strata[i], strata[pick(order)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      // The place within the stratum, on a grid of 2^30 cells, at a cell's middle: with at most
      // 2^20 strata the sum stratum + offset is exact and at least 2^-31 from either edge, so
      // the division by n cannot round it into a neighbouring stratum.
      random::RandomStream place(key, 0, random::Purpose::sweep_latin_hypercube_offset,
                                 static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(i));
      const double offset = (static_cast<double>(place() >> 34) + 0.5) * 0x1.0p-30;
      coordinates[i * k + d] = (static_cast<double>(strata[i]) + offset) / static_cast<double>(n);
    }
  }
  const std::int64_t first = design.size();
  for (std::size_t i = 0; i < n; ++i)
    design.add(PointRole::latin_hypercube, kNoColumn, first + static_cast<std::int64_t>(i), 0,
               std::span<const double>(coordinates.data() + i * k, k));
}

}  // namespace regiesim::design
