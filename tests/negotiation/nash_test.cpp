// The n-partner Nash bargaining solution (Nash 1950): the engine's direct solution (KKT /
// water-filling) against an exhaustive grid up to 4 partners and against an independent
// optimiser (pairwise exchange with golden-section search) up to 20; Nash's symmetry and
// invariance axioms.
#include "negotiation/nash.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "negotiation/theory_support.hpp"

namespace regiesim::negotiation {
namespace {

using testing::CaseGenerator;
using testing::log_nash;
using testing::random_problem;

std::vector<double> engine_nash(const std::vector<PartnerUtility>& partners) {
  std::vector<double> x(partners.size());
  EXPECT_TRUE(nash_shares(partners, x));
  return x;
}

// Every point of the simplex grid with step 1/steps, visited recursively.
void for_each_grid_point(int n, int steps,
                         const std::function<void(const std::vector<double>&)>& f) {
  std::vector<int> counts(n, 0);
  std::vector<double> x(n);
  std::function<void(int, int)> rec = [&](int i, int left) {
    if (i == n - 1) {
      counts[i] = left;
      for (int j = 0; j < n; ++j) x[j] = static_cast<double>(counts[j]) / steps;
      f(x);
      return;
    }
    for (int c = 0; c <= left; ++c) {
      counts[i] = c;
      rec(i + 1, left - c);
    }
  };
  rec(0, steps);
}

TEST(Nash, MaximisesTheProductAgainstAnExhaustiveGridUpToFourPartners) {
  CaseGenerator g(2024);
  const int steps_for[] = {0, 0, 20000, 400, 100};
  for (int n = 2; n <= 4; ++n) {
    for (int trial = 0; trial < 4; ++trial) {
      const auto partners = random_problem(g, n);
      const auto x = engine_nash(partners);
      const double engine = log_nash(partners, x);
      double best = -INFINITY;
      std::vector<double> argmax;
      for_each_grid_point(n, steps_for[n], [&](const std::vector<double>& point) {
        const double value = log_nash(partners, point);
        if (value > best) {
          best = value;
          argmax = point;
        }
      });
      // No grid point beats the engine, and the engine's shares lie within a few grid cells of
      // the grid's best point (the objective is strictly concave).
      EXPECT_GE(engine, best - 1e-12) << "n=" << n << " trial " << trial;
      for (int i = 0; i < n; ++i)
        EXPECT_NEAR(x[i], argmax[i], 3.0 / steps_for[n]) << "n=" << n << " partner " << i;
      double sum = 0.0;
      for (double s : x) sum += s;
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
}

// An independent optimiser: repeatedly move share between two partners to the best split of
// their total, until no pair moves (coordinate ascent over pairs, as in SMO). The best split of a
// pair is where the derivative log-gain_i'(y) - log-gain_j'(T - y) changes sign, found by
// bracketed Newton on that derivative, written out from the utility's definition.
struct LogGainSlope {
  double slope, curvature;  // d/dx log(u - d) and its derivative
};

LogGainSlope log_gain_slope(const PartnerUtility& p, double x) {
  const double v = p.common + p.rival * x;
  const double gain = p.scale * std::pow(v, p.exponent) + p.offset - p.disagreement;
  const double du = p.scale * p.exponent * p.rival * std::pow(v, p.exponent - 1.0);
  const double ddu =
      p.scale * p.exponent * (p.exponent - 1.0) * p.rival * p.rival * std::pow(v, p.exponent - 2.0);
  return {du / gain, (ddu * gain - du * du) / (gain * gain)};
}

std::vector<double> pairwise_exchange(const std::vector<PartnerUtility>& partners) {
  const std::size_t n = partners.size();
  std::vector<double> floor(n), x(n);
  double sum_floor = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    floor[i] = std::max(0.0, partners[i].break_even());
    sum_floor += floor[i];
  }
  for (std::size_t i = 0; i < n; ++i) x[i] = floor[i] + (1.0 - sum_floor) / n;
  for (int sweep = 0; sweep < 10000; ++sweep) {
    double moved = 0.0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double total = x[i] + x[j];
        auto derivative = [&](double y) {
          const auto a = log_gain_slope(partners[i], y);
          const auto b = log_gain_slope(partners[j], total - y);
          return LogGainSlope{a.slope - b.slope, a.curvature + b.curvature};
        };
        // x_i = 0 is allowed (the gain may be positive there); the floors where a gain vanishes
        // are excluded, where the derivative is infinite.
        double lo = floor[i], hi = total - floor[j];
        double y = x[i];
        if (floor[i] == 0.0 && derivative(0.0).slope <= 0.0) {
          y = 0.0;
        } else {
          for (int it = 0; it < 100 && hi - lo > 1e-15; ++it) {
            const auto d = derivative(y);
            if (d.slope > 0.0)
              lo = y;
            else
              hi = y;
            double next = y - d.slope / d.curvature;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (std::abs(next - y) < 1e-16) break;
            y = next;
          }
        }
        moved = std::max(moved, std::abs(y - x[i]));
        x[i] = y;
        x[j] = total - y;
      }
    if (moved < 1e-13) break;
  }
  return x;
}

TEST(Nash, AgreesWithAnIndependentOptimiserUpToTwentyPartners) {
  CaseGenerator g(7);
  for (int n : {5, 10, 20}) {
    const auto partners = random_problem(g, n);
    const auto x = engine_nash(partners);
    const auto y = pairwise_exchange(partners);
    EXPECT_GE(log_nash(partners, x), log_nash(partners, y) - 1e-12) << "n=" << n;
    for (int i = 0; i < n; ++i) EXPECT_NEAR(x[i], y[i], 1e-6) << "n=" << n << " partner " << i;
  }
}

TEST(Nash, LinearUtilitiesGiveBreakEvenPlusAnEqualPartOfTheSurplus) {
  // u_i = b_i x + c_i with break-even m_i: the KKT conditions give x_i = m_i + (1 - sum m) / n.
  std::vector<PartnerUtility> partners(3);
  const double slope[] = {1.0, 2.0, 0.5};
  const double floor[] = {0.1, 0.2, 0.05};
  for (int i = 0; i < 3; ++i) {
    partners[i].rival = slope[i];
    partners[i].disagreement = slope[i] * floor[i];
  }
  const auto x = engine_nash(partners);
  const double surplus = 1.0 - (0.1 + 0.2 + 0.05);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(x[i], floor[i] + surplus / 3.0, 1e-15);
}

TEST(Nash, SymmetricPartnersGetEqualShares) {
  CaseGenerator g(11);
  for (int n = 2; n <= 20; n += 3) {
    const auto one = testing::random_partner(g, 0.5 / n);
    const std::vector<PartnerUtility> partners(n, one);
    const auto x = engine_nash(partners);
    for (int i = 0; i < n; ++i) EXPECT_NEAR(x[i], 1.0 / n, 1e-14) << "n=" << n;
  }
}

TEST(Nash, IsInvariantToAffineRescalingOfAPartnersUtility) {
  CaseGenerator g(13);
  for (int n : {2, 3, 7}) {
    auto partners = random_problem(g, n);
    const auto before = engine_nash(partners);
    for (int i = 0; i < n; ++i) {
      auto rescaled = partners;
      const double a = 0.1 + 3.0 * i, b = -2.0 + i;  // u -> a u + b, d -> a d + b
      rescaled[i].scale *= a;
      rescaled[i].offset = a * rescaled[i].offset + b;
      rescaled[i].disagreement = a * rescaled[i].disagreement + b;
      const auto after = engine_nash(rescaled);
      for (int j = 0; j < n; ++j) EXPECT_NEAR(after[j], before[j], 1e-12) << "n=" << n;
    }
  }
}

TEST(Nash, IsInfeasibleWhenTheBreakEvenSharesExceedTheWhole) {
  std::vector<PartnerUtility> partners(2);
  partners[0].disagreement = 0.6;  // linear, rival 1: break-even share 0.6
  partners[1].disagreement = 0.5;
  std::vector<double> x(2, 0.3);
  EXPECT_FALSE(nash_shares(partners, x));
  EXPECT_EQ(x[0], 0.0);
  partners[1].disagreement = 0.3;
  EXPECT_TRUE(nash_shares(partners, x));
  EXPECT_NEAR(x[0], 0.65, 1e-15);
}

TEST(Nash, FairnessDistanceIsTotalVariation) {
  const std::vector<double> nash{0.5, 0.3, 0.2};
  EXPECT_EQ(fairness_distance(nash, nash), 0.0);
  EXPECT_NEAR(fairness_distance(std::vector<double>{0.7, 0.1, 0.2}, nash), 0.2, 1e-15);
  EXPECT_NEAR(fairness_distance(std::vector<double>{0.0, 0.0, 1.0}, nash), 0.8, 1e-15);
}

// Shares that sum to 1 only up to rounding can put the sum of |x_i - x*_i| past 2 when the
// agreement and the Nash split are disjoint (ODD port finding F13: 1 + 2e-16); the distance is
// still a total variation distance, at most 1, so fairness 1 - D never leaves [0, 1].
TEST(Nash, FairnessDistanceStaysWithinZeroAndOneUnderRounding) {
  const std::vector<double> agreement{1.0, 0.0, 0.0, 0.0};
  for (int k = 1; k < 200; ++k) {
    std::vector<double> nash{0.0, 0.1 * k, 0.3, 0.7};
    const double sum = nash[1] + nash[2] + nash[3];
    for (double& x : nash) x /= sum;
    const double d = fairness_distance(agreement, nash);
    EXPECT_LE(d, 1.0) << "k = " << k;
    EXPECT_GE(d, 1.0 - 1e-15) << "k = " << k;
  }
}

}  // namespace
}  // namespace regiesim::negotiation
