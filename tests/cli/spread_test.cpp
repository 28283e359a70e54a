#include "cli/spread.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace regiesim::cli {
namespace {

TEST(Spread, GivesMeanSampleStandardDeviationMinAndMax) {
  const Spread s = spread_of({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(s.n, 8);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(32.0 / 7.0));  // sum of squared deviations 32, n - 1 = 7
  EXPECT_EQ(s.min, 2);
  EXPECT_EQ(s.max, 9);
}

TEST(Spread, IsExactForLargeNearlyEqualValues) {
  // A one-pass sum of squares loses these digits; two passes keep them.
  const Spread s = spread_of({1e9 + 1, 1e9 + 2, 1e9 + 3});
  EXPECT_DOUBLE_EQ(s.sd, 1.0);
}

TEST(Spread, IsNaNWhereUndefined) {
  EXPECT_TRUE(std::isnan(spread_of({}).mean));
  const Spread one = spread_of({3.5});
  EXPECT_EQ(one.mean, 3.5);
  EXPECT_TRUE(std::isnan(one.sd));
}

}  // namespace
}  // namespace regiesim::cli
