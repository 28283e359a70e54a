#include "design/latin_hypercube_design.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace regiesim::design {
namespace {

Design latin_hypercube(std::int64_t samples, std::int64_t dimensions, std::uint64_t seed) {
  Design design;
  design.dimensions = dimensions;
  add_latin_hypercube_points(samples, seed, design);
  return design;
}

TEST(LatinHypercubeDesign, PutsExactlyOnePointInEveryStratumOfEveryDimension) {
  for (const std::int64_t n : {1, 2, 7, 100, 1000}) {
    const Design design = latin_hypercube(n, 5, 42);
    ASSERT_EQ(design.size(), n);
    for (std::int64_t d = 0; d < 5; ++d) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (std::int64_t i = 0; i < n; ++i) {
        const double u = design.coordinates_of(i)[static_cast<std::size_t>(d)];
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        ++hits[static_cast<std::size_t>(std::floor(u * static_cast<double>(n)))];
      }
      for (const int h : hits) ASSERT_EQ(h, 1) << "n = " << n << ", dimension " << d;
    }
  }
}

TEST(LatinHypercubeDesign, IsTheSameForTheSameSeedAndDiffersForAnother) {
  EXPECT_EQ(latin_hypercube(50, 3, 7).coordinates, latin_hypercube(50, 3, 7).coordinates);
  EXPECT_NE(latin_hypercube(50, 3, 7).coordinates, latin_hypercube(50, 3, 8).coordinates);
}

TEST(LatinHypercubeDesign, PairsStrataIndependentlyAcrossDimensions) {
  // Two dimensions with the same strata order would put every point on the diagonal; over 200
  // points, independent permutations put few there.
  const Design design = latin_hypercube(200, 2, 1);
  int diagonal = 0;
  for (std::int64_t i = 0; i < 200; ++i) {
    const auto c = design.coordinates_of(i);
    diagonal += std::floor(c[0] * 200) == std::floor(c[1] * 200);
  }
  EXPECT_LT(diagonal, 10);
}

}  // namespace
}  // namespace regiesim::design
