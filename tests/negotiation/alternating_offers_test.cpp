// Alternating offers: Rubinstein (1982) for two partners and the stationary subgame-perfect
// equilibrium of unanimity bargaining for n, each checked against a result derived here
// independently of the engine's iteration.
#include "negotiation/alternating_offers.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "negotiation/nash.hpp"
#include "negotiation/theory_support.hpp"

namespace regiesim::negotiation {
namespace {

std::vector<double> offers_of(const std::vector<PartnerUtility>& partners,
                              const std::vector<double>& discount) {
  const std::size_t n = partners.size();
  std::vector<double> shares(n), workspace(n * n);
  EXPECT_TRUE(stationary_offers(partners, discount, shares, workspace));
  return shares;
}

const double kDiscounts[] = {0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 0.99};

TEST(Rubinstein, FirstMoverGetsOneMinusD2OverOneMinusD1D2) {
  const std::vector<PartnerUtility> pie(2);  // u_i(x) = x, d_i = 0
  for (double d1 : kDiscounts)
    for (double d2 : kDiscounts) {
      const auto x = offers_of(pie, {d1, d2});
      EXPECT_NEAR(x[0], (1.0 - d2) / (1.0 - d1 * d2), 1e-6) << d1 << " " << d2;
      EXPECT_NEAR(x[0] + x[1], 1.0, 1e-15);
    }
}

TEST(Rubinstein, SplitsTheSurplusAboveTheBreakEvenShares) {
  // Linear utilities with different slopes and disagreement points: the responder's condition
  // b_j (x_j - m_j) = delta_j b_j (y_j - m_j) does not depend on b_j, so the surplus
  // s = 1 - m_1 - m_2 is split as Rubinstein's unit pie.
  std::vector<PartnerUtility> partners(2);
  partners[0] = {.common = 0.0, .rival = 3.0, .offset = 1.0};
  partners[1] = {.common = 0.5, .rival = 0.7};
  partners[0].disagreement = partners[0](0.15);
  partners[1].disagreement = partners[1](0.25);
  for (double d1 : kDiscounts)
    for (double d2 : kDiscounts) {
      const auto x = offers_of(partners, {d1, d2});
      EXPECT_NEAR(x[0], 0.15 + 0.6 * (1.0 - d2) / (1.0 - d1 * d2), 1e-6);
    }
}

// The stationary shares derived independently: in the stationary equilibrium a responder j is
// offered delta_j times what it gets when the next proposer proposes, so when proposer i proposes
// j gets delta_j^t P_j with t = (j - i) mod n its distance to its own turn, P_j its share as
// proposer. Since every proposal sums to 1: sum_j delta_j^((j - i) mod n) P_j = 1 for every i,
// a linear system solved here by Gaussian elimination with partial pivoting.
std::vector<double> stationary_by_linear_algebra(const std::vector<double>& delta) {
  const int n = static_cast<int>(delta.size());
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 1.0));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) a[i][j] = std::pow(delta[j], (j - i + n) % n);
  for (int col = 0; col < n; ++col) {
    int pivot = col;
    for (int r = col + 1; r < n; ++r)
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    std::swap(a[col], a[pivot]);
    for (int r = 0; r < n; ++r) {
      if (r == col) continue;
      const double f = a[r][col] / a[col][col];
      for (int c = col; c <= n; ++c) a[r][c] -= f * a[col][c];
    }
  }
  std::vector<double> proposer(n);
  for (int i = 0; i < n; ++i) proposer[i] = a[i][n] / a[i][i];
  // Proposer 0's proposal.
  std::vector<double> x(n);
  for (int j = 0; j < n; ++j) x[j] = std::pow(delta[j], j) * proposer[j];
  return x;
}

TEST(Rubinstein, NPartnerStationarySharesOnAGridOfSizesAndDiscounts) {
  testing::CaseGenerator g(23);
  for (int n : {2, 3, 4, 6, 10, 20}) {
    for (double patience : {0.3, 0.7, 0.9, 0.97}) {
      std::vector<double> delta(n);
      for (int i = 0; i < n; ++i) delta[i] = patience * g.uniform(0.9, 1.0);
      const std::vector<PartnerUtility> pie(n);
      const auto x = offers_of(pie, delta);
      const auto expected = stationary_by_linear_algebra(delta);
      for (int i = 0; i < n; ++i)
        EXPECT_NEAR(x[i], expected[i], 1e-6) << "n=" << n << " patience " << patience;
    }
  }
}

TEST(Rubinstein, EqualDiscountsGiveTheGeometricSplit) {
  // Equal delta: proposer 0 gets 1 / (1 + delta + ... + delta^(n-1)), the t-th after it delta^t
  // times that (the known symmetric case).
  for (int n : {2, 5, 20})
    for (double delta : {0.5, 0.9}) {
      const std::vector<PartnerUtility> pie(n);
      const auto x = offers_of(pie, std::vector<double>(n, delta));
      const double first = (1.0 - delta) / (1.0 - std::pow(delta, n));
      for (int t = 0; t < n; ++t) EXPECT_NEAR(x[t], first * std::pow(delta, t), 1e-9);
    }
}

TEST(Rubinstein, ConcaveFrontiersSatisfyTheStationaryConditions) {
  // Rubinstein's characterisation for any frontier: proposals x (by 1) and y (by 2) with
  // u_2(x) - d_2 = delta_2 (u_2(y) - d_2) and u_1(y) - d_1 = delta_1 (u_1(x) - d_1).
  std::vector<PartnerUtility> partners(2);
  partners[0] = {.common = 0.0, .rival = 1.0, .exponent = 0.5};
  partners[1] = {.common = 0.2, .rival = 1.5, .exponent = 0.8, .scale = 2.0};
  partners[0].disagreement = partners[0](0.1);
  partners[1].disagreement = partners[1](0.2);
  const std::vector<PartnerUtility> reversed{partners[1], partners[0]};
  for (double d1 : {0.3, 0.8, 0.95})
    for (double d2 : {0.5, 0.9}) {
      const auto x = offers_of(partners, {d1, d2});
      const auto y_reversed = offers_of(reversed, {d2, d1});
      const double y1 = y_reversed[1], y2 = y_reversed[0];
      EXPECT_NEAR(partners[1].gain(x[1]), d2 * partners[1].gain(y2), 1e-9);
      EXPECT_NEAR(partners[0].gain(y1), d1 * partners[0].gain(x[0]), 1e-9);
    }
}

TEST(Rubinstein, ApproachesTheNashSolutionAsPatienceGrows) {
  // Binmore, Rubinstein and Wolinsky (1986): with equal discount factors tending to 1 the
  // equilibrium tends to the (symmetric) Nash bargaining solution.
  std::vector<PartnerUtility> partners(2);
  partners[0] = {.common = 0.0, .rival = 1.0, .exponent = 0.4};
  partners[1] = {.common = 0.0, .rival = 1.0, .exponent = 1.0};
  std::vector<double> nash(2);
  ASSERT_TRUE(nash_shares(partners, nash));
  double previous = 1.0;
  for (double delta : {0.9, 0.99, 0.999}) {
    const auto x = offers_of(partners, {delta, delta});
    const double error = std::abs(x[0] - nash[0]);
    EXPECT_LT(error, previous);
    EXPECT_LT(error, 2.0 * (1.0 - delta));
    previous = error;
  }
}

}  // namespace
}  // namespace regiesim::negotiation
