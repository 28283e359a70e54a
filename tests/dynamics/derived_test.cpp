#include "dynamics/derived.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace regiesim::dynamics {
namespace {

TEST(PerspectiveClusters, CutWhereNeighboursDifferByMoreThanTheBound) {
  Eigen::ArrayXd x{{0.10, 0.15, 0.50, 0.55, 0.58, 0.95}};
  const model::Flags all = model::Flags::Ones(6);
  std::vector<double> scratch;
  scratch.reserve(6);
  double cohesion = 0.0;
  EXPECT_EQ(perspective_clusters(x, all, 0.1, 1, scratch, cohesion), 3);
  // Phi = sum of squared shares: (2/6)^2 + (3/6)^2 + (1/6)^2.
  EXPECT_DOUBLE_EQ(cohesion, (4.0 + 9.0 + 1.0) / 36.0);
  EXPECT_EQ(perspective_clusters(x, all, 0.1, 2, scratch, cohesion), 2);  // major: >= 2 members
  EXPECT_EQ(perspective_clusters(x, all, 0.5, 1, scratch, cohesion), 1);
  EXPECT_DOUBLE_EQ(cohesion, 1.0);
  model::Flags some = all;
  some[5] = 0;  // only members count
  EXPECT_EQ(perspective_clusters(x, some, 0.1, 1, scratch, cohesion), 2);
}

// The clusters as the definition says: sort, then cut where neighbours differ by more than the
// bound. Returns the major clusters; `squares` is the sum of squared shares in ascending order.
int clusters_by_sorting(std::vector<double> values, double bound, std::int64_t min_size,
                        double& squares) {
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  int major = 0;
  squares = 0.0;
  std::int64_t size = 1;
  for (std::size_t a = 1; a <= values.size(); ++a) {
    if (a < values.size() && values[a] - values[a - 1] <= bound) {
      ++size;
      continue;
    }
    if (size >= min_size) ++major;
    squares += (static_cast<double>(size) / n) * (static_cast<double>(size) / n);
    size = 1;
  }
  return major;
}

// From 1,024 members the clusters are counted from buckets of the bound's width, not a sort: the
// same count and the same cohesion bits as the sort gives, whether the values spread evenly, sit
// in tight groups, lie exactly on the buckets' edges (multiples of the bound), or the buckets are
// nearly as many as a quarter of the members.
TEST(PerspectiveClusters, LargeBucketsGiveTheSortsClustersBitForBit) {
  std::uint64_t state = 777;
  const auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  int cases = 0;
  for (const Eigen::Index n : {1024, 3000, 20000}) {
    for (const double bound : {0.3, 0.05, 0.01, 1e-3, 0.1}) {
      for (int shape = 0; shape < 4; ++shape) {
        Eigen::ArrayXd x(n);
        for (Eigen::Index i = 0; i < n; ++i) {
          const double u = uniform();
          switch (shape) {
            case 0:  // even spread
              x[i] = u;
              break;
            case 1:  // a few tight groups, gaps between them near the bound
              x[i] = 0.2 * static_cast<double>(i % 5) + 0.02 * u;
              break;
            case 2:  // on the buckets' edges and just beside them
              x[i] =
                  bound * std::floor(u * 40.0) + (i % 3 == 0 ? 0.0 : (i % 3 == 1 ? 1e-17 : -1e-17));
              break;
            default:  // negative and positive, two far groups
              x[i] = i % 2 == 0 ? -3.0 + 0.5 * u : 2.0 + 0.5 * u;
              break;
          }
        }
        model::Flags member = model::Flags::Ones(n);
        member[n / 2] = 0;
        std::vector<double> values;
        for (Eigen::Index i = 0; i < n; ++i)
          if (member[i] != 0) values.push_back(x[i]);
        for (const std::int64_t min_size : {std::int64_t{1}, n / 50}) {
          double expected_squares = 0.0;
          const int expected = clusters_by_sorting(values, bound, min_size, expected_squares);
          std::vector<double> scratch;
          scratch.reserve(2 * static_cast<std::size_t>(n));
          double cohesion = 0.0;
          EXPECT_EQ(perspective_clusters(x, member, bound, min_size, scratch, cohesion), expected)
              << "n " << n << " bound " << bound << " shape " << shape;
          EXPECT_EQ(std::bit_cast<std::uint64_t>(cohesion),
                    std::bit_cast<std::uint64_t>(expected_squares))
              << "n " << n << " bound " << bound << " shape " << shape;
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 3 * 5 * 4 * 2);
}

// Where the buckets cannot count (infinite values here), the perspectives are radix sorted: the
// scratch must hold exactly what std::sort leaves, for values of either sign, repeated values,
// both zeros' neighbours, tiny and huge magnitudes and infinities.
TEST(PerspectiveClusters, LargeSortsLikeStdSort) {
  constexpr Eigen::Index n = 5000;
  Eigen::ArrayXd x(n);
  std::uint64_t state = 12345;
  for (Eigen::Index i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
    switch (i % 8) {
      case 0:
        x[i] = u;
        break;
      case 1:
        x[i] = -u;
        break;
      case 2:  // repeated values
        x[i] = std::round(u * 8.0) / 8.0;
        break;
      case 3:
        x[i] = (u - 0.5) * 1e300;
        break;
      case 4:
        x[i] = (u - 0.5) * 1e-300;
        break;
      case 5:
        x[i] = 0.0;
        break;
      case 6:  // one exponent and the upper mantissa shared: the lower digits decide
        x[i] = 0.5 + static_cast<double>(state & 0xFFFFFFFFULL) * 0x1p-53;
        break;
      default:
        x[i] = i % 2 == 0 ? std::numeric_limits<double>::infinity() : u * 0.1;
        break;
    }
  }
  x[1] = -std::numeric_limits<double>::infinity();
  model::Flags all = model::Flags::Ones(n);
  all[3] = 0;
  std::vector<double> expected;
  for (Eigen::Index i = 0; i < n; ++i)
    if (all[i] != 0) expected.push_back(x[i]);
  std::sort(expected.begin(), expected.end());
  std::vector<double> scratch;
  scratch.reserve(static_cast<std::size_t>(n));
  double cohesion = 0.0;
  perspective_clusters(x, all, 0.1, 1, scratch, cohesion);
  ASSERT_EQ(scratch.size(), expected.size());
  for (std::size_t a = 0; a < expected.size(); ++a)
    ASSERT_EQ(std::bit_cast<std::uint64_t>(scratch[a]), std::bit_cast<std::uint64_t>(expected[a]))
        << "at " << a;
}

TEST(InterestsServed, IsOneHalfPlusHalfTheGoalWeightedStake) {
  Eigen::ArrayXd goal{{1.0, 3.0}};
  Eigen::ArrayXXd interests(2, 2);
  interests << 1.0, -1.0, -1.0, 1.0;
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 0), 0.5 + 0.5 * (0.25 - 0.75));
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 1), 0.5 + 0.5 * (-0.25 + 0.75));
  goal.setZero();  // no emphasis: equal weights
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 0), 0.5);
}

TEST(InterestsServed, FromTheGoalsWeightsIsTheSameNumberBitForBit) {
  // The scans of every partner use the weights computed once; the chooser computes them per
  // partner. Both must give the same bits, or a run would depend on which process asked.
  Eigen::ArrayXXd interests(3, 5);
  interests << 0.31, -0.72, 0.05, 0.99, -0.4, 0.1, 0.2, 0.3, 0.4, 0.5, -1.0, 1.0, -0.33, 0.66, 0.0;
  for (const Eigen::ArrayXd& goal :
       {Eigen::ArrayXd(Eigen::ArrayXd::LinSpaced(5, 0.1, 0.9)),
        Eigen::ArrayXd(Eigen::ArrayXd::Zero(5)),
        Eigen::ArrayXd((Eigen::ArrayXd(5) << 0.7, 0.0, 0.3, 1.0 / 3.0, 0.2).finished())}) {
    const GoalWeights weights(goal);
    for (Eigen::Index i = 0; i < interests.rows(); ++i)
      EXPECT_EQ(std::bit_cast<std::uint64_t>(interests_served(weights, interests, i)),
                std::bit_cast<std::uint64_t>(interests_served(goal, interests, i)))
          << "partner " << i;
  }
}

TEST(Ownership, IsTheMeasuredShareOfInfluence_NeverAFlag) {
  model::Parameters p{};
  p.ownership_work_weight = 0.0;  // the goal ledger alone
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.influence = Eigen::ArrayXd{{1.0, 3.0}};
  s.work_influence = Eigen::ArrayXd{{5.0, 0.0}};  // not read at w_W = 0
  model::RegisseurState r;
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 0), 0.25);
  r.influence = 4.0;
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 1), 3.0 / 8.0);   // the regisseur's influence dilutes it
  EXPECT_DOUBLE_EQ(ownership(p, s, r, -1), 4.0 / 8.0);  // the regisseur's own share
  r.influence = 0.0;
  EXPECT_DOUBLE_EQ(felt_ownership(p, s, r, 0), 0.5);
  EXPECT_DOUBLE_EQ(felt_ownership(p, s, r, 1), 1.0);
  s.influence.setZero();
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 0), 0.5);   // nobody has any: equal shares
  EXPECT_DOUBLE_EQ(ownership(p, s, r, -1), 0.0);  // and the regisseur none
}

TEST(Ownership, OfTheWorkIsTheShareOfWorkDoneAgainstTheRegisseursOwn) {
  // C5: a regisseur who does a partner's work takes that share of its ownership.
  model::Parameters p{};
  p.ownership_work_weight = 0.5;
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.influence = Eigen::ArrayXd{{1.0, 1.0}};       // goal shares 1/2 each
  s.work_influence = Eigen::ArrayXd{{3.0, 1.0}};  // work shares 3/8 and 1/8 against 4 below
  model::RegisseurState r;
  r.work_influence = 4.0;
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 0), 0.5 * 0.5 + 0.5 * 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 1), 0.5 * 0.5 + 0.5 * 1.0 / 8.0);
  EXPECT_DOUBLE_EQ(ownership(p, s, r, -1), 0.5 * 0.0 + 0.5 * 4.0 / 8.0);
  s.active[0] = 0;  // only the active share
  EXPECT_DOUBLE_EQ(ownership(p, s, r, 1), 0.5 * 1.0 + 0.5 * 1.0 / 5.0);
}

}  // namespace
}  // namespace regiesim::dynamics
