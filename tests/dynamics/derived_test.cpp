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
