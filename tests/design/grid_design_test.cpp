#include "design/grid_design.hpp"

#include <gtest/gtest.h>

#include <set>

namespace regiesim::design {
namespace {

TEST(GridDesign, HoldsEveryCombinationOnceWithTheLastParameterVaryingFastest) {
  const std::vector<std::vector<double>> levels{{0.1, 0.2}, {1, 2, 3}, {5}};
  Design design;
  design.dimensions = 3;
  add_grid_points(levels, design);
  ASSERT_EQ(design.size(), 6);
  // Nested loops in file order, computed independently.
  std::int64_t point = 0;
  for (const double a : levels[0])
    for (const double b : levels[1])
      for (const double c : levels[2]) {
        const auto row = design.coordinates_of(point);
        EXPECT_EQ(std::vector<double>(row.begin(), row.end()), (std::vector<double>{a, b, c}));
        EXPECT_EQ(design.roles[point], PointRole::grid);
        EXPECT_EQ(design.base_index[point], point);
        ++point;
      }
}

}  // namespace
}  // namespace regiesim::design
