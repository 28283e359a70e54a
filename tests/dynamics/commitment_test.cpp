#include "dynamics/commitment.hpp"

#include <gtest/gtest.h>

#include "dynamics/derived.hpp"
#include "dynamics/trust.hpp"
#include "sim/initial_state.hpp"
#include "sim/step.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

struct Pair {
  scenario::ScenarioSpec spec = testing::small_scenario(2, 2);
  network::Network net = network::from_ties(2, {{0, 1}});
  model::State s;
  Pair(double passion, double urgency) {
    for (auto& partner : spec.partners) partner.urgency = urgency;
    s = sim::initial_state(spec, net);
    s.partners.passion.setConstant(passion);
    s.trust.setConstant(0.4);
  }
  void weeks(int n) {
    for (int t = 0; t < n; ++t)
      update_commitment(net, spec.parameters, s.trust, s.opgave, s.regisseur, s.partners);
  }
};

TEST(Commitment, ConvergesToUrgencyTimesTheWeightedTarget) {
  Pair a(0.8, 0.9);
  a.weeks(2000);
  const auto& p = a.spec.parameters;
  const double sigma = interests_served(a.s.opgave.goal, a.s.partners.interests, 0);
  const double owned = felt_ownership(a.spec.parameters, a.s.partners, a.s.regisseur, 0);
  const double target =
      0.9 *
      (p.commitment_passion_weight * 0.8 + p.commitment_trust_weight * 0.4 +
       p.commitment_interest_weight * sigma + p.commitment_ownership_weight * owned +
       p.commitment_goal_weight * a.s.opgave.concreteness * a.s.opgave.clarity) /
      (p.commitment_passion_weight + p.commitment_trust_weight + p.commitment_interest_weight +
       p.commitment_ownership_weight + p.commitment_goal_weight);
  EXPECT_NEAR(a.s.partners.commitment[0], target, 1e-9);
}

TEST(Commitment, ReducesToTheFoundationWithOnlyPassionAndTrustWeights) {
  Pair a(0.8, 0.9);
  auto& p = a.spec.parameters;
  p.commitment_passion_weight = 0.5;
  p.commitment_trust_weight = 0.5;
  p.commitment_interest_weight = p.commitment_ownership_weight = p.commitment_goal_weight = 0.0;
  a.weeks(2000);
  EXPECT_NEAR(a.s.partners.commitment[0], 0.9 * (0.5 * 0.8 + 0.5 * 0.4), 1e-9);
}

TEST(Commitment, OwnershipOfTheGoalRaisesIt) {
  // C16: a partner that shaped the goal commits more than one whose goal was handed down.
  Pair owned(0.5, 1.0), handed_down(0.5, 1.0);
  handed_down.s.regisseur.influence = 100.0;  // the regisseur holds nearly all influence
  owned.weeks(200);
  for (int t = 0; t < 200; ++t)
    update_commitment(handed_down.net, handed_down.spec.parameters, handed_down.s.trust,
                      handed_down.s.opgave, handed_down.s.regisseur, handed_down.s.partners);
  EXPECT_GT(owned.s.partners.commitment[0], handed_down.s.partners.commitment[0]);
}

// C3, C16: whether a goal is lived is read from measured ownership only. With the goal's weight
// alone, commitment settles at u C Q Ohat_i (nu = 1): a partner holding a quarter of an equal
// share lives a quarter of the goal; at nu = 0 every partner lives C Q, owned or not.
TEST(Commitment, ALivedGoalIsOnlyAsMuchAsThePartnerOwns) {
  for (const double nu : {1.0, 0.0}) {
    Pair a(0.5, 1.0);
    auto& p = a.spec.parameters;
    p.commitment_lived_ownership = nu;
    p.commitment_ownership_weight = 0.0;
    p.ownership_work_weight = 0.0;
    p.commitment_passion_weight = p.commitment_trust_weight = p.commitment_interest_weight = 0.0;
    p.commitment_goal_weight = 1.0;
    a.s.opgave.concreteness = 0.8;
    a.s.opgave.clarity = 0.9;
    a.s.partners.influence.setConstant(1.0);
    a.s.regisseur.influence = 6.0;  // each partner holds 1/8: Ohat = 2/8 = 1/4
    const double owned = felt_ownership(p, a.s.partners, a.s.regisseur, 0);
    ASSERT_DOUBLE_EQ(owned, 0.25);
    a.weeks(2000);
    EXPECT_NEAR(a.s.partners.commitment[0], 0.8 * 0.9 * (nu == 1.0 ? owned : 1.0), 1e-9) << nu;
  }
}

TEST(Commitment, FallsWhenTheOpgaveIsNotUrgentForThePartner) {
  // C16: without usefulness and necessity for the partner, commitment drains away.
  Pair urgent(0.6, 1.0), indifferent(0.6, 0.1);
  urgent.weeks(52);
  indifferent.weeks(52);
  EXPECT_LT(indifferent.s.partners.commitment[0], 0.2);
  EXPECT_GT(urgent.s.partners.commitment[0], 0.45);
}

TEST(Commitment, ChangesOnlyCommitment) {
  Pair a(0.6, 0.9);
  const model::State before = a.s;
  a.weeks(1);
  EXPECT_TRUE((a.s.partners.passion == before.partners.passion).all());
  EXPECT_TRUE((a.s.trust == before.trust).all());
  EXPECT_TRUE((a.s.partners.focus == before.partners.focus).all());
  EXPECT_FALSE((a.s.partners.commitment == before.partners.commitment).all());
}

// Which week's values the commitment target reads (docs/ODD.md section 9, gap 4): passion and
// trust after this week's own processes (9 and 12), not last week's. With commitment closing its
// whole gap each week and one weight at a time, a partner's commitment after one week equals
// u_i times that week's passion (or trust), read from the state the week leaves.
TEST(Commitment, ReadsThisWeeksPassionAndTrust) {
  for (const bool passion_only : {true, false}) {
    auto spec = testing::small_scenario(6, 3, 10);
    auto& p = spec.parameters;
    p.commitment_adaptation = 1.0;
    p.commitment_passion_weight = passion_only ? 1.0 : 0.0;
    p.commitment_trust_weight = passion_only ? 0.0 : 1.0;
    p.commitment_interest_weight = p.commitment_ownership_weight = p.commitment_goal_weight = 0.0;
    p.exit_patience = 1000;  // nobody leaves: the week's last process changes nothing here
    const network::Network net = network::generate(p, spec.partner_count(), 1);
    model::State s = sim::initial_state(spec, net);
    const model::State before = s;
    record::EventLog log;
    sim::step(spec, net, random::RunSeed{7}, s, log);
    bool moved = false;
    for (Eigen::Index i = 0; i < s.partners.active.size(); ++i) {
      const double read = passion_only
                              ? s.partners.passion[i]
                              : trust_given(net, s.trust, s.partners.active, static_cast<int>(i));
      const double last_week = passion_only ? before.partners.passion[i]
                                            : trust_given(net, before.trust, before.partners.active,
                                                          static_cast<int>(i));
      EXPECT_NEAR(s.partners.commitment[i], s.partners.urgency[i] * read, 1e-12)
          << (passion_only ? "passion" : "trust") << ", partner " << i;
      moved = moved || std::abs(read - last_week) > 1e-9;
    }
    // The week changed passion (or trust), so the check above tells the two weeks apart.
    EXPECT_TRUE(moved) << (passion_only ? "passion" : "trust");
  }
}

}  // namespace
}  // namespace regiesim::dynamics
