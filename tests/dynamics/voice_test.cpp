// Voice in goal co-creation (docs/ODD.md 7.7; C2, C13): a voice pulls the goal toward the
// partner's preferred emphasis only by the known share of its interests; the unknown share keeps
// the current goal (ownership.voice_known = lambda_K; 0 is the rule of normalised voices alone).
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "dynamics/derived.hpp"
#include "dynamics/goal.hpp"
#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

// Two partners on two dimensions with opposite interests: partner 0 gains on dimension 0 and
// loses on 1, partner 1 the reverse.
struct Opposed {
  scenario::ScenarioSpec spec = testing::small_scenario(2, 2);
  network::Network net = network::from_ties(2, {{0, 1}});
  model::State s;
  const std::vector<std::int32_t> both{0, 1};
  explicit Opposed(double voice_known) {
    spec.parameters.ownership_voice_known = voice_known;
    s = sim::initial_state(spec, net);
    s.partners.interests.resize(2, 2);
    s.partners.interests << 0.8, -0.4, -0.4, 0.8;
    s.opgave.goal << 0.5, 0.5;
  }
  void co_create(int times, double a = 0.2) {
    for (int t = 0; t < times; ++t)
      co_create_goal(spec.parameters, both, a, 1, s.partners, s.opgave);
  }
  double served(Eigen::Index i) const {
    return interests_served(s.opgave.goal, s.partners.interests, i);
  }
};

TEST(Voice, UnknownInterestsKeepTheCurrentGoal) {
  // lambda_K = 1, nobody's interests known: the voices pull nothing, the goal stays.
  Opposed unknown(1.0);
  unknown.s.partners.interests_known.setConstant(0.0);
  const Eigen::ArrayXd before = unknown.s.opgave.goal;
  unknown.co_create(10);
  EXPECT_TRUE((unknown.s.opgave.goal == before).all());
  // The same group with its interests known moves the goal toward their preferred emphases.
  Opposed known(1.0);
  known.s.partners.interests_known.setConstant(1.0);
  known.co_create(10);
  EXPECT_FALSE((known.s.opgave.goal == before).all());
}

TEST(Voice, AGoalShapedWithoutAPartnersKnownInterestsServesItLess) {
  // Partner 0's interests are on the table, partner 1's are not (C2): the goal drifts toward what
  // partner 0 wants and serves partner 1 less than partner 0, and less than when its interests
  // were known too.
  Opposed ignored(1.0);
  ignored.s.partners.interests_known << 1.0, 0.0;
  ignored.co_create(50);
  EXPECT_GT(ignored.served(0), ignored.served(1));
  Opposed heard(1.0);
  heard.s.partners.interests_known << 1.0, 1.0;
  heard.co_create(50);
  EXPECT_GT(heard.served(1), ignored.served(1));
}

TEST(Voice, WithNormalisedVoicesAloneIgnoringInterestsDisadvantagesNobody) {
  // lambda_K = 0 (the rule before): with every interest unknown the voices are equal and the goal
  // still moves toward both preferred emphases alike, so both partners are served alike.
  Opposed neutral(0.0);
  neutral.s.partners.interests_known.setConstant(0.0);
  neutral.co_create(50);
  EXPECT_NEAR(neutral.served(0), neutral.served(1), 1e-12);
  EXPECT_NE(neutral.s.opgave.goal[0], 0.5);
}

TEST(Voice, AtNeutralTheGoalMovesByTheVoiceWeightedPreferredGoal) {
  // lambda_K = 0: g_k <- g_k + a (sum_i pi_i max(0, theta_ik) - g_k), whatever is known.
  Opposed neutral(0.0);
  neutral.s.partners.interests_known << 0.7, 0.1;
  const double floor = neutral.spec.parameters.ownership_voice_floor;
  const double total = (floor + 0.7) + (floor + 0.1);
  const double pi0 = (floor + 0.7) / total;
  const double pi1 = (floor + 0.1) / total;
  const double a = 0.3;
  Eigen::ArrayXd expected(2);
  expected[0] = 0.5 + a * (pi0 * 0.8 + pi1 * 0.0 - 0.5);
  expected[1] = 0.5 + a * (pi0 * 0.0 + pi1 * 0.8 - 0.5);
  neutral.co_create(1, a);
  EXPECT_NEAR(neutral.s.opgave.goal[0], expected[0], 1e-15);
  EXPECT_NEAR(neutral.s.opgave.goal[1], expected[1], 1e-15);
}

TEST(Voice, TheUpdateStaysConvex) {
  // The target is a convex combination of the preferred emphases and the current goal: the goal
  // stays between the lowest and highest of them on every dimension, for any known share.
  for (const double lambda : {0.0, 0.5, 1.0})
    for (const double kappa : {0.0, 0.3, 1.0}) {
      Opposed g(lambda);
      g.s.partners.interests_known.setConstant(kappa);
      g.s.opgave.goal << 0.9, 0.05;
      g.co_create(1, 1.0);
      for (Eigen::Index d = 0; d < 2; ++d) {
        const double lo = std::min({0.0, 0.8, d == 0 ? 0.9 : 0.05});
        const double hi = std::max({0.0, 0.8, d == 0 ? 0.9 : 0.05});
        EXPECT_GE(g.s.opgave.goal[d], lo);
        EXPECT_LE(g.s.opgave.goal[d], hi);
      }
    }
}

}  // namespace
}  // namespace regiesim::dynamics
