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
  add_saltelli_points(n, /*second_order=*/false, design);
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

// Second order (Saltelli 2002): per row j, A_j, AB_0 .. AB_(k-1), BA_0 .. BA_(k-1), B_j, where
// BA_i is B with column i taken from A; A, B and the AB_i are those of the first-order design.
TEST(SaltelliDesign, WithSecondOrderAddsBAiAsBWithColumnIFromAAfterTheABRows) {
  constexpr std::int64_t k = 4;
  constexpr std::int64_t n = 8;
  Design first_order;
  first_order.dimensions = k;
  add_saltelli_points(n, /*second_order=*/false, first_order);
  Design design;
  design.dimensions = k;
  add_saltelli_points(n, /*second_order=*/true, design);
  ASSERT_EQ(design.size(), n * (2 * k + 2));
  const std::vector<double> sobol = sobol_points(2 * k, n);
  const auto row_of = [](const Design& d, std::int64_t point) {
    const auto row = d.coordinates_of(point);
    return std::vector<double>(row.begin(), row.end());
  };
  for (std::int64_t j = 0; j < n; ++j) {
    const std::int64_t first = j * (2 * k + 2);
    const std::vector<double> a(sobol.begin() + j * 2 * k, sobol.begin() + j * 2 * k + k);
    const std::vector<double> b(sobol.begin() + j * 2 * k + k, sobol.begin() + (j + 1) * 2 * k);
    EXPECT_EQ(design.roles[first], PointRole::saltelli_a);
    EXPECT_EQ(row_of(design, first), a);
    EXPECT_EQ(design.roles[first + 2 * k + 1], PointRole::saltelli_b);
    EXPECT_EQ(row_of(design, first + 2 * k + 1), b);
    EXPECT_EQ(design.base_index[first + 2 * k + 1], j);
    for (std::int64_t i = 0; i < k; ++i) {
      // AB_i as in the first-order design, point for point.
      const std::int64_t ab = first + 1 + i;
      EXPECT_EQ(design.roles[ab], PointRole::saltelli_ab);
      EXPECT_EQ(design.columns[ab], i);
      EXPECT_EQ(row_of(design, ab), row_of(first_order, j * (k + 2) + 1 + i));
      // BA_i: B with column i from A, in every other column B's value.
      const std::int64_t ba = first + 1 + k + i;
      EXPECT_EQ(design.roles[ba], PointRole::saltelli_ba);
      EXPECT_EQ(design.columns[ba], i);
      EXPECT_EQ(design.base_index[ba], j);
      EXPECT_EQ(design.steps[ba], 0);
      const std::vector<double> row = row_of(design, ba);
      for (std::int64_t c = 0; c < k; ++c) {
        const auto at = static_cast<std::size_t>(c);
        EXPECT_EQ(row[at], c == i ? a[at] : b[at]) << "BA_" << i << " row " << j << " column " << c;
      }
      // The pair the closed second-order variance uses: BA_i and AB_m (m != i) agree in columns
      // i (from A) and m (from B) and differ wherever else A and B differ.
      for (std::int64_t m = 0; m < k; ++m) {
        if (m == i) continue;
        const std::vector<double> other = row_of(design, first + 1 + m);
        for (std::int64_t c = 0; c < k; ++c) {
          const auto at = static_cast<std::size_t>(c);
          const bool shared = c == i || c == m || a[at] == b[at];
          EXPECT_EQ(row[at] == other[at], shared)
              << "BA_" << i << " and AB_" << m << " row " << j << " column " << c;
        }
      }
    }
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
  add_saltelli_points(n, /*second_order=*/false, design);
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
