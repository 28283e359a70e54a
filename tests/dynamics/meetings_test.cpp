#include "dynamics/meetings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "dynamics/derived.hpp"
#include "dynamics/focus.hpp"
#include "dynamics/goal.hpp"
#include "dynamics/meeting_mode.hpp"
#include "dynamics/perspectives.hpp"
#include "dynamics/upkeep.hpp"
#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

struct Group {
  scenario::ScenarioSpec spec = testing::small_scenario(4, 2);
  network::Network net = network::from_ties(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}});
  model::State s;
  Group() { s = sim::initial_state(spec, net); }
  // One convened meeting of everyone, as regie/apply creates it.
  void convene_all() {
    s.meetings.clear();
    s.meetings.participants = {0, 1, 2, 3};
    s.meetings.list.push_back(
        {.first = 0, .size = 4, .key_a = 0, .key_b = 4294967294u, .convened = true});
  }
};

TEST(Meetings, EveryTieInAConvenedMeetingMeets_OthersMeetOnTheirOwn) {
  Group g;
  g.spec.parameters.meetings_probability = 0.0;
  g.convene_all();
  EXPECT_EQ(form_meetings(g.net, g.spec.parameters, g.s.partners.active, random::RunSeed{1}, 1,
                          g.s.meetings, g.s.met),
            6);
  EXPECT_EQ(g.s.met.sum(), 12);
  EXPECT_EQ(g.s.meetings.list.size(), 1u);
}

TEST(Meetings, OwnMeetingsHappenAtTheirProbability_BinomialWithinFiveSigma) {
  Group g;
  g.spec.parameters.meetings_probability = 0.3;
  constexpr int weeks = 5000;
  std::int64_t ties = 0;
  for (int t = 1; t <= weeks; ++t) {
    g.s.meetings.clear();
    ties += form_meetings(g.net, g.spec.parameters, g.s.partners.active, random::RunSeed{3}, t,
                          g.s.meetings, g.s.met);
    EXPECT_EQ(static_cast<std::int64_t>(g.s.meetings.list.size()), g.s.met.sum() / 2);
  }
  const double n = weeks * 6.0;
  EXPECT_NEAR(static_cast<double>(ties), n * 0.3, 5 * std::sqrt(n * 0.3 * 0.7));
}

TEST(MeetingMode, DivergentUnreconciledSalientInterestsNegotiate_FocusedGroupsCoCreate) {
  // C14, design decision 15: one switch, P(negotiate) = logistic(beta (D_G - F_G)).
  Group divergent, focused;
  for (Group* g : {&divergent, &focused}) {
    g->s.partners.interests << 1, -1, -1, 1, 1, -1, -1, 1;
    g->convene_all();
  }
  divergent.s.partners.salience.setConstant(1.0);
  divergent.s.partners.focus.setConstant(0.0);
  focused.s.partners.focus.setConstant(1.0);
  int negotiated_divergent = 0, negotiated_focused = 0;
  for (int t = 1; t <= 200; ++t) {
    decide_modes(divergent.spec.parameters, divergent.s.partners, divergent.s.opgave,
                 random::RunSeed{7}, t, divergent.s.scratch_partner, divergent.s.meetings);
    decide_modes(focused.spec.parameters, focused.s.partners, focused.s.opgave, random::RunSeed{7},
                 t, focused.s.scratch_partner, focused.s.meetings);
    negotiated_divergent += divergent.s.meetings.list[0].negotiate ? 1 : 0;
    negotiated_focused += focused.s.meetings.list[0].negotiate ? 1 : 0;
  }
  EXPECT_GT(negotiated_divergent, 100);
  EXPECT_LT(negotiated_focused, 5);
}

TEST(MeetingMode, KnownAndServedInterestsLowerTheDivergence) {
  // C2, C13: surfaced interests that the goal serves no longer count as unreconciled.
  Group g;
  g.s.partners.interests << 1, 0, 0, 1, 1, 0, 0, 1;
  g.convene_all();
  for (Eigen::Index i = 0; i < 4; ++i)
    g.s.scratch_partner[i] = interests_served(g.s.opgave.goal, g.s.partners.interests, i);
  const double unknown =
      interest_divergence(g.s.partners, g.s.scratch_partner, g.s.meetings, g.s.meetings.list[0]);
  g.s.partners.interests_known.setConstant(1.0);
  const double known =
      interest_divergence(g.s.partners, g.s.scratch_partner, g.s.meetings, g.s.meetings.list[0]);
  EXPECT_LT(known, unknown);
  EXPECT_GT(unknown, 0.0);
}

TEST(MeetingEffects, CoCreationFocusesAndRelieves_NegotiationDistractsAndInflames) {
  Group co, neg;
  for (Group* g : {&co, &neg}) {
    g->convene_all();
    g->s.partners.salience.setConstant(0.5);
  }
  neg.s.meetings.list[0].negotiate = true;
  const double f0 = co.s.partners.focus[0];
  meeting_effects(co.spec.parameters, co.s.meetings, co.s.partners, co.s.opgave.language);
  meeting_effects(neg.spec.parameters, neg.s.meetings, neg.s.partners, neg.s.opgave.language);
  EXPECT_GT(co.s.partners.focus[0], f0);
  EXPECT_LT(co.s.partners.salience[0], 0.5);
  EXPECT_GT(co.s.opgave.language, co.spec.parameters.language_initial);  // C4
  EXPECT_LT(neg.s.partners.focus[0], f0);
  EXPECT_GT(neg.s.partners.salience[0], 0.5);
  EXPECT_EQ(neg.s.opgave.language, neg.spec.parameters.language_initial);
}

TEST(Perspectives, CoCreatorsWithinTheBoundConverge_DebatesNarrowTheBound) {
  // C10: bounded confidence within the week's contacts.
  Group g;
  g.s.partners.perspective << 0.40, 0.50, 0.90, 0.95;
  g.s.opgave.confidence = 0.2;
  g.convene_all();
  const double bound = g.s.opgave.confidence;
  update_perspectives(g.spec.parameters, g.s.meetings, g.s.scratch_partner, g.s.scratch_partner2,
                      g.s.partners, g.s.opgave.confidence);
  EXPECT_GT(g.s.partners.perspective[0], 0.40);
  EXPECT_LT(g.s.partners.perspective[1], 0.50);
  EXPECT_EQ(g.s.opgave.confidence, bound);
  g.s.meetings.list[0].debate = true;
  const auto x = g.s.partners.perspective;
  update_perspectives(g.spec.parameters, g.s.meetings, g.s.scratch_partner, g.s.scratch_partner2,
                      g.s.partners, g.s.opgave.confidence);
  EXPECT_TRUE((g.s.partners.perspective == x).all());  // a debate: nobody moves
  EXPECT_LT(g.s.opgave.confidence, bound);
  EXPECT_GE(g.s.opgave.confidence, g.spec.parameters.perspectives_confidence_min);
}

TEST(Goal, AConcreteGoalIsHarderToAgreeOnWhilePerspectivesDiffer) {
  // C3, P7: the same goal work clarifies an abstract goal more than a concrete one.
  Group abstract, concrete;
  abstract.s.opgave.concreteness = 0.1;
  concrete.s.opgave.concreteness = 0.9;
  const std::vector<std::int32_t> all{0, 1, 2, 3};
  co_create_goal(abstract.spec.parameters, all, 0.5, 1, abstract.s.partners, abstract.s.opgave);
  co_create_goal(concrete.spec.parameters, all, 0.5, 1, concrete.s.partners, concrete.s.opgave);
  EXPECT_GT(abstract.s.opgave.clarity, concrete.s.opgave.clarity);
  EXPECT_GT(abstract.s.partners.influence[0],
            abstract.spec.parameters.ownership_initial_influence / 4);
}

TEST(Upkeep, FocusClarityAndKnownInterestsFadeWithoutRegie) {
  Group g;
  g.s.partners.interests_known.setConstant(0.5);
  g.s.opgave.clarity = 0.5;
  const model::State before = g.s;
  upkeep(g.spec.parameters, g.s.partners, g.s.opgave, g.s.regisseur);
  EXPECT_LT(g.s.partners.focus[0], before.partners.focus[0]);
  EXPECT_LT(g.s.partners.interests_known[0], 0.5);
  EXPECT_LT(g.s.opgave.clarity, 0.5);
  EXPECT_LT(g.s.regisseur.awareness, before.regisseur.awareness);
  EXPECT_TRUE((g.s.partners.commitment == before.partners.commitment).all());
  EXPECT_TRUE((g.s.partners.passion == before.partners.passion).all());
}

}  // namespace
}  // namespace regiesim::dynamics
