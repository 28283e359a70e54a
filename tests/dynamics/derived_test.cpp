#include "dynamics/derived.hpp"

#include <gtest/gtest.h>

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

TEST(InterestsServed, IsOneHalfPlusHalfTheGoalWeightedStake) {
  Eigen::ArrayXd goal{{1.0, 3.0}};
  Eigen::ArrayXXd interests(2, 2);
  interests << 1.0, -1.0, -1.0, 1.0;
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 0), 0.5 + 0.5 * (0.25 - 0.75));
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 1), 0.5 + 0.5 * (-0.25 + 0.75));
  goal.setZero();  // no emphasis: equal weights
  EXPECT_DOUBLE_EQ(interests_served(goal, interests, 0), 0.5);
}

TEST(Ownership, IsTheMeasuredShareOfInfluence_NeverAFlag) {
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.influence = Eigen::ArrayXd{{1.0, 3.0}};
  EXPECT_DOUBLE_EQ(ownership(s, 0.0, 0), 0.25);
  EXPECT_DOUBLE_EQ(ownership(s, 4.0, 1), 3.0 / 8.0);  // the regisseur's influence dilutes it
  EXPECT_DOUBLE_EQ(felt_ownership(s, 0.0, 0), 0.5);
  EXPECT_DOUBLE_EQ(felt_ownership(s, 0.0, 1), 1.0);
  s.influence.setZero();
  EXPECT_DOUBLE_EQ(ownership(s, 0.0, 0), 0.5);  // nobody has any: equal shares
}

}  // namespace
}  // namespace regiesim::dynamics
