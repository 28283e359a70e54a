#include "design/morris_design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <span>

namespace regiesim::design {
namespace {

Design morris(std::int64_t trajectories, std::int64_t levels, std::int64_t k, std::uint64_t seed) {
  Design design;
  design.dimensions = k;
  add_morris_points(trajectories, levels, seed, design);
  return design;
}

// A coordinate's level number on the grid of p levels {0, 1/(p-1), ..., 1}, checked to be one.
std::int64_t level_of(double u, std::int64_t levels) {
  const double x = u * static_cast<double>(levels - 1);
  const double level = std::round(x);
  EXPECT_NEAR(x, level, 1e-9) << "off the grid";
  return static_cast<std::int64_t>(level);
}

TEST(MorrisDesign, EachStepMovesExactlyOneFactorByPlusOrMinusDelta) {
  constexpr std::int64_t r = 30, p = 4, k = 5;
  const Design design = morris(r, p, k, 11);
  ASSERT_EQ(design.size(), r * (k + 1));
  // Delta = p / (2 (p - 1)): p / 2 levels.
  const double delta = static_cast<double>(p) / (2.0 * (p - 1));
  for (std::int64_t t = 0; t < r; ++t) {
    std::set<std::int32_t> moved;
    for (std::int64_t s = 0; s <= k; ++s) {
      const std::int64_t point = t * (k + 1) + s;
      EXPECT_EQ(design.roles[point], PointRole::morris);
      EXPECT_EQ(design.base_index[point], t);
      EXPECT_EQ(design.steps[point], s);
      for (const double u : design.coordinates_of(point)) {
        const std::int64_t level = level_of(u, p);
        EXPECT_GE(level, 0);
        EXPECT_LT(level, p);
      }
      if (s == 0) {
        EXPECT_EQ(design.columns[point], kNoColumn);
        continue;
      }
      const auto before = design.coordinates_of(point - 1);
      const auto after = design.coordinates_of(point);
      int changed = 0;
      for (std::int64_t f = 0; f < k; ++f) {
        const double step =
            after[static_cast<std::size_t>(f)] - before[static_cast<std::size_t>(f)];
        if (step == 0) continue;
        ++changed;
        EXPECT_NEAR(std::abs(step), delta, 1e-12);
        EXPECT_EQ(design.columns[point], f);
      }
      EXPECT_EQ(changed, 1) << "trajectory " << t << " step " << s;
      moved.insert(design.columns[point]);
    }
    EXPECT_EQ(moved.size(), std::size_t{k}) << "every factor moves once per trajectory";
  }
}

TEST(MorrisDesign, SamplesEveryLevelAboutEquallyOften) {
  // Morris 1991: with p even and Delta = p / (2 (p - 1)) the levels are equally likely.
  constexpr std::int64_t r = 400, p = 4, k = 3;
  const Design design = morris(r, p, k, 5);
  std::vector<int> count(p, 0);
  for (const double u : design.coordinates) ++count[static_cast<std::size_t>(level_of(u, p))];
  const double expected = static_cast<double>(design.coordinates.size()) / p;
  // 4800 draws, grouped by trajectory: a generous bound that a biased start level would break.
  for (const int c : count) EXPECT_NEAR(c, expected, 0.1 * expected);
}

TEST(MorrisDesign, GivesALinearFunctionsCoefficientsAsItsElementaryEffects) {
  // f = sum c_i x_i: every elementary effect (f(after) - f(before)) / (+-Delta) of factor i is
  // exactly c_i, so mu* = |c_i| and sigma = 0 (Morris 1991; Campolongo et al. 2007).
  constexpr std::int64_t r = 10, p = 6, k = 4;
  const double c[] = {3.0, -1.0, 0.0, 0.5};
  const Design design = morris(r, p, k, 2);
  const auto f = [&](std::span<const double> x) {
    double y = 0;
    for (std::size_t i = 0; i < 4; ++i) y += c[i] * x[i];
    return y;
  };
  for (std::int64_t point = 0; point < design.size(); ++point) {
    if (design.steps[point] == 0) continue;
    const auto i = static_cast<std::size_t>(design.columns[point]);
    const double dx = design.coordinates_of(point)[i] - design.coordinates_of(point - 1)[i];
    const double effect =
        (f(design.coordinates_of(point)) - f(design.coordinates_of(point - 1))) / dx;
    EXPECT_NEAR(effect, c[i], 1e-12);
  }
}

TEST(MorrisDesign, IsTheSameForTheSameSeedAndDiffersForAnother) {
  EXPECT_EQ(morris(10, 6, 4, 3).coordinates, morris(10, 6, 4, 3).coordinates);
  EXPECT_NE(morris(10, 6, 4, 3).coordinates, morris(10, 6, 4, 4).coordinates);
}

}  // namespace
}  // namespace regiesim::design
