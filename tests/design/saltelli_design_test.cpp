#include "design/saltelli_design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <vector>

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

// The Ishigami function (Ishigami and Homma 1990), the usual test of Sobol-index estimators: its
// indices are known in closed form. Inputs uniform on [-pi, pi].
double ishigami(std::span<const double> u) {
  constexpr double a = 7, b = 0.1;
  const double x1 = -M_PI + 2 * M_PI * u[0], x2 = -M_PI + 2 * M_PI * u[1],
               x3 = -M_PI + 2 * M_PI * u[2];
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

TEST(SaltelliDesign, GivesTheIshigamiFunctionsKnownSobolIndices) {
  constexpr std::int64_t k = 3, n = 4096;
  Design design;
  design.dimensions = k;
  add_saltelli_points(n, design);
  std::vector<double> f(static_cast<std::size_t>(design.size()));
  for (std::int64_t p = 0; p < design.size(); ++p)
    f[static_cast<std::size_t>(p)] = ishigami(design.coordinates_of(p));
  // Estimators read the roles and columns alone, as the analysis package will.
  std::vector<double> fa(n), fb(n), fab(n * k);
  for (std::int64_t p = 0; p < design.size(); ++p) {
    const auto j = static_cast<std::size_t>(design.base_index[p]);
    const double y = f[static_cast<std::size_t>(p)];
    if (design.roles[p] == PointRole::saltelli_a) fa[j] = y;
    if (design.roles[p] == PointRole::saltelli_b) fb[j] = y;
    if (design.roles[p] == PointRole::saltelli_ab)
      fab[static_cast<std::size_t>(design.columns[p]) * n + j] = y;
  }
  double mean = 0;
  for (std::int64_t j = 0; j < n; ++j) mean += fa[j] + fb[j];
  mean /= 2.0 * n;
  double variance = 0;
  for (std::int64_t j = 0; j < n; ++j)
    variance += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
  variance /= 2.0 * n;
  // Closed form for a = 7, b = 0.1: V = 13.8446; S = (0.3139, 0.4424, 0); ST = (0.5576, 0.4424,
  // 0.2437).
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  for (std::int64_t i = 0; i < k; ++i) {
    double s = 0, st = 0;
    for (std::int64_t j = 0; j < n; ++j) {
      const double ab = fab[i * n + j];
      s += fb[j] * (ab - fa[j]);          // Saltelli et al. 2010, table 2 (b)
      st += (fa[j] - ab) * (fa[j] - ab);  // Jansen 1999, table 2 (f)
    }
    EXPECT_NEAR(s / n / variance, first[i], 0.03) << "S_" << i + 1;
    EXPECT_NEAR(st / (2.0 * n) / variance, total[i], 0.03) << "ST_" << i + 1;
  }
}

}  // namespace
}  // namespace regiesim::design
