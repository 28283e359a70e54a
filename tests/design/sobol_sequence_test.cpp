#include "design/sobol_sequence.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace regiesim::design {
namespace {

// An independent Sobol generator for the test: Bratley and Fox's recurrence for the direction
// numbers and Antonov and Saleev's Gray-code order, from the first entries of Joe and Kuo's
// published file new-joe-kuo-6.21201 (dimension, degree s, coefficients a, initial m_1..m_s).
struct JoeKuoEntry {
  int degree;
  std::uint32_t coefficients;
  std::vector<std::uint32_t> initial;
};
const std::vector<JoeKuoEntry> kJoeKuo{
    {1, 0, {1}},            // dimension 2
    {2, 1, {1, 3}},         // dimension 3
    {3, 1, {1, 3, 1}},      // dimension 4
    {3, 2, {1, 1, 1}},      // dimension 5
    {4, 1, {1, 1, 3, 3}},   // dimension 6
    {4, 4, {1, 3, 5, 13}},  // dimension 7
};
constexpr int kBits = 32;

// Direction numbers V_k = m_k 2^(32 - k), k = 1..32, of one dimension (0: the first, all m = 1).
std::vector<std::uint32_t> direction_numbers(int dimension) {
  std::vector<std::uint32_t> m(kBits + 1, 1);
  if (dimension > 0) {
    const JoeKuoEntry& e = kJoeKuo[static_cast<std::size_t>(dimension - 1)];
    const int s = e.degree;
    for (int k = 1; k <= s; ++k)
      m[static_cast<std::size_t>(k)] = e.initial[static_cast<std::size_t>(k - 1)];
    for (int k = s + 1; k <= kBits; ++k) {
      // m_k = 2 a_1 m_(k-1) ^ 4 a_2 m_(k-2) ^ ... ^ 2^s m_(k-s) ^ m_(k-s)
      std::uint32_t value =
          m[static_cast<std::size_t>(k - s)] ^ (m[static_cast<std::size_t>(k - s)] << s);
      for (int i = 1; i < s; ++i) {
        const std::uint32_t a_i = (e.coefficients >> (s - 1 - i)) & 1u;
        if (a_i) value ^= m[static_cast<std::size_t>(k - i)] << i;
      }
      m[static_cast<std::size_t>(k)] = value;
    }
  }
  std::vector<std::uint32_t> v(kBits + 1, 0);
  for (int k = 1; k <= kBits; ++k)
    v[static_cast<std::size_t>(k)] = m[static_cast<std::size_t>(k)] << (kBits - k);
  return v;
}

// Point n: the XOR of the direction numbers of the bits set in n's Gray code.
double independent_sobol(int dimension, std::uint32_t n) {
  const auto v = direction_numbers(dimension);
  const std::uint32_t gray = n ^ (n >> 1);
  std::uint32_t x = 0;
  for (int k = 1; k <= kBits; ++k)
    if ((gray >> (k - 1)) & 1u) x ^= v[static_cast<std::size_t>(k)];
  return static_cast<double>(x) * 0x1.0p-32;
}

TEST(SobolSequence, StartsAtTheOriginThenFollowsJoeAndKuosSequence) {
  const std::vector<double> points = sobol_points(2, 4);
  // Joe and Kuo's sequence in two dimensions: (0, 0), (1/2, 1/2), (3/4, 1/4), (1/4, 3/4).
  const std::vector<double> expected{0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75};
  EXPECT_EQ(points, expected);
}

TEST(SobolSequence, EqualsAnIndependentGrayCodeConstructionInSevenDimensions) {
  constexpr int kDimensions = 7;
  constexpr int kCount = 1024;
  const std::vector<double> points = sobol_points(kDimensions, kCount);
  ASSERT_EQ(points.size(), std::size_t{kDimensions * kCount});
  for (int n = 0; n < kCount; ++n)
    for (int d = 0; d < kDimensions; ++d)
      ASSERT_EQ(points[static_cast<std::size_t>(n * kDimensions + d)],
                independent_sobol(d, static_cast<std::uint32_t>(n)))
          << "point " << n << ", dimension " << d;
}

TEST(SobolSequence, IsBalancedOverEveryDyadicIntervalInItsFirstPowerOfTwoPoints) {
  // The (t, s)-net property in one dimension: the first 2^m points put exactly one point in each
  // interval [j / 2^m, (j + 1) / 2^m) of every coordinate.
  constexpr int kDimensions = 12;
  constexpr int kCount = 256;
  const std::vector<double> points = sobol_points(kDimensions, kCount);
  for (int d = 0; d < kDimensions; ++d) {
    std::vector<int> hits(kCount, 0);
    for (int n = 0; n < kCount; ++n)
      ++hits[static_cast<std::size_t>(points[static_cast<std::size_t>(n * kDimensions + d)] *
                                      kCount)];
    for (int j = 0; j < kCount; ++j)
      ASSERT_EQ(hits[static_cast<std::size_t>(j)], 1) << "dimension " << d;
  }
}

}  // namespace
}  // namespace regiesim::design
