#include "design/saltelli_design.hpp"

#include <gtest/gtest.h>

#include "design/sobol_sequence.hpp"

namespace regiesim::design {
namespace {

TEST(SaltelliDesign, HasRowsOfAThenEachABThenBAndABiIsAWithColumnIFromB) {
  constexpr std::int64_t k = 3;
  constexpr std::int64_t n = 16;
  Design design;
  design.dimensions = k;
  add_saltelli_points(n, design);
  ASSERT_EQ(design.size(), n * (k + 2));
  const std::vector<double> sobol = sobol_points(2 * k, n);
  for (std::int64_t j = 0; j < n; ++j) {
    const std::int64_t first = j * (k + 2);
    // A is the first k columns of the 2k-dimensional Sobol point j, B the last k.
    std::vector<double> a(sobol.begin() + j * 2 * k, sobol.begin() + j * 2 * k + k);
    std::vector<double> b(sobol.begin() + j * 2 * k + k, sobol.begin() + (j + 1) * 2 * k);
    EXPECT_EQ(design.roles[first], PointRole::saltelli_a);
    EXPECT_EQ(design.roles[first + k + 1], PointRole::saltelli_b);
    const auto row_a = design.coordinates_of(first);
    const auto row_b = design.coordinates_of(first + k + 1);
    EXPECT_EQ(std::vector<double>(row_a.begin(), row_a.end()), a);
    EXPECT_EQ(std::vector<double>(row_b.begin(), row_b.end()), b);
    for (std::int64_t i = 0; i < k; ++i) {
      const std::int64_t point = first + 1 + i;
      EXPECT_EQ(design.roles[point], PointRole::saltelli_ab);
      EXPECT_EQ(design.columns[point], i);
      EXPECT_EQ(design.base_index[point], j);
      std::vector<double> expected = a;
      expected[static_cast<std::size_t>(i)] = b[static_cast<std::size_t>(i)];
      const auto row = design.coordinates_of(point);
      EXPECT_EQ(std::vector<double>(row.begin(), row.end()), expected)
          << "AB_" << i << " row " << j;
    }
    EXPECT_EQ(design.base_index[first], j);
    EXPECT_EQ(design.base_index[first + k + 1], j);
    EXPECT_EQ(design.columns[first], kNoColumn);
  }
}

}  // namespace
}  // namespace regiesim::design
