#include "design/parameter_scale.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include <cmath>

namespace regiesim::design {
namespace {

SweptParameter range(double low, double high, Scale scale, bool integer = false) {
  SweptParameter p;
  p.path = "x";
  p.low = low;
  p.high = high;
  p.scale = scale;
  p.is_integer = integer;
  return p;
}

TEST(ParameterScale, ReachesBothEndsOfARange) {
  for (const Scale scale : {Scale::linear, Scale::log}) {
    const SweptParameter p = range(0.01, 0.3, scale);
    EXPECT_EQ(value_at(p, 0.0), 0.01);
    EXPECT_EQ(value_at(p, 1.0), 0.3);
  }
}

TEST(ParameterScale, MapsTheMiddleToTheGeometricMeanOnALogScale) {
  EXPECT_NEAR(value_at(range(0.01, 1.0, Scale::log), 0.5), 0.1, 1e-15);
  EXPECT_NEAR(value_at(range(0.0, 1.0, Scale::linear), 0.25), 0.25, 1e-15);
}

TEST(ParameterScale, GivesEveryIntegerOfARangeAnEqualStratum) {
  const SweptParameter p = range(2, 5, Scale::linear, true);
  std::vector<int> count(4, 0);
  for (int i = 0; i < 400; ++i) ++count[static_cast<std::size_t>(value_at(p, (i + 0.5) / 400) - 2)];
  EXPECT_EQ(count, (std::vector<int>{100, 100, 100, 100}));
  EXPECT_EQ(value_at(p, 1.0), 5);
}

TEST(ParameterScale, CutsAListIntoEqualStrataAndPlacesGridLevelsInTheirMiddle) {
  SweptParameter p;
  p.values = {0.5, 0.7, 0.9};
  EXPECT_EQ(value_at(p, 0.0), 0.5);
  EXPECT_EQ(value_at(p, 0.34), 0.7);
  EXPECT_EQ(value_at(p, 0.999), 0.9);
  EXPECT_EQ(value_at(p, 1.0), 0.9);
  for (std::int64_t level = 0; level < 3; ++level)
    EXPECT_EQ(value_at(p, grid_coordinate(p, level)), p.values[static_cast<std::size_t>(level)]);
}

TEST(ParameterScale, WritesValuesAsTomlThatReadsBackTheSameNumber) {
  SweptParameter real = range(0, 1, Scale::linear);
  EXPECT_EQ(value_text(real, 0.1), "0.1");
  EXPECT_EQ(value_text(real, 1.0), "1.0");
  EXPECT_EQ(value_text(real, 1e-7), "1e-07");
  EXPECT_EQ(value_text(range(1, 9, Scale::linear, true), 4.0), "4");
  SweptParameter choice;
  choice.is_choice = true;
  choice.values = {2, 0};
  choice.choice_names = {"synchronous", "random_sequential"};
  EXPECT_EQ(value_text(choice, 0), "\"random_sequential\"");
}

TEST(ParameterScale, GridValuesAreTheDoublesNearestTheirDecimals) {
  // 0.2 + 3 steps of 0.01: the plain formula gives 0.22999999999999998; a person reads and types
  // 0.23, and that is what the run must use.
  SweptParameter p;
  p.low = 0.2;
  p.high = 0.3;
  p.grid_points = 11;
  EXPECT_EQ(value_at(p, grid_coordinate(p, 3)), 0.23);
  for (std::int64_t level = 0; level < 11; ++level) {
    const double v = value_at(p, grid_coordinate(p, level));
    EXPECT_EQ(v, std::strtod(fmt::format("{:.2f}", v).c_str(), nullptr)) << level;
  }
  EXPECT_EQ(value_text(p, value_at(p, grid_coordinate(p, 3))), "0.23");
}

}  // namespace
}  // namespace regiesim::design
