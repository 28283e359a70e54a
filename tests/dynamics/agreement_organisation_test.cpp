// Goal agreement and the organisation's yield (docs/ODD.md 7.7 agreement, 7.9 Org): an abstract
// goal is agreed at lower clarity than a concrete one (C3, P7); structure on an unclear goal costs
// pace, structure that fits a clear goal pays (C7, C8, C15, P8).
#include <gtest/gtest.h>

#include "dynamics/co_creation.hpp"
#include "dynamics/goal.hpp"
#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

struct Opgave {
  scenario::ScenarioSpec spec = testing::small_scenario(3, 2);
  network::Network net = network::from_ties(3, {{0, 1}, {1, 2}});
  model::State s;
  Opgave() { s = sim::initial_state(spec, net); }
  bool agreed_at(double clarity, double concreteness) {
    s.opgave.clarity = clarity;
    s.opgave.concreteness = concreteness;
    s.opgave.agreed_week = static_cast<std::int32_t>(spec.parameters.steps) + 1;
    check_agreed(spec.parameters, 7, s.opgave);
    return s.opgave.agreed_week == 7;
  }
};

TEST(Agreement, AnAbstractGoalIsAgreedAtAClarityAtWhichAConcreteOneIsNot) {
  Opgave o;
  o.spec.parameters.opgave_agreed_clarity = 0.7;
  o.spec.parameters.opgave_abstract_consent = 1.0;
  EXPECT_TRUE(o.agreed_at(0.5, 0.2));   // needs 0.14
  EXPECT_FALSE(o.agreed_at(0.5, 0.9));  // needs 0.63
  EXPECT_TRUE(o.agreed_at(0.7, 0.9));
}

TEST(Agreement, AFullyConcreteGoalNeedsTheAgreedClarity_AnEmptyAmbitionNoneAtFullConsent) {
  Opgave o;
  o.spec.parameters.opgave_agreed_clarity = 0.7;
  o.spec.parameters.opgave_abstract_consent = 1.0;
  EXPECT_EQ(agreement_clarity(o.spec.parameters, 1.0), 0.7);
  EXPECT_EQ(agreement_clarity(o.spec.parameters, 0.0), 0.0);
  o.spec.parameters.opgave_abstract_consent = 0.5;
  EXPECT_DOUBLE_EQ(agreement_clarity(o.spec.parameters, 0.0), 0.35);
}

TEST(Agreement, WithoutAbstractConsent_TheThresholdIgnoresConcreteness) {
  // The neutral value: the rule before, agreed at opgave.agreed_clarity whatever C.
  Opgave o;
  o.spec.parameters.opgave_abstract_consent = 0.0;
  const double q = o.spec.parameters.opgave_agreed_clarity;
  for (const double c : {0.0, 0.3, 0.77, 1.0}) {
    EXPECT_EQ(agreement_clarity(o.spec.parameters, c), q) << c;
    EXPECT_FALSE(o.agreed_at(std::nextafter(q, 0.0), c)) << c;
    EXPECT_TRUE(o.agreed_at(q, c)) << c;
  }
}

TEST(Agreement, IsRecordedOnceAtTheFirstWeek) {
  Opgave o;
  o.spec.parameters.opgave_abstract_consent = 1.0;
  ASSERT_TRUE(o.agreed_at(0.9, 0.5));
  check_agreed(o.spec.parameters, 9, o.s.opgave);
  EXPECT_EQ(o.s.opgave.agreed_week, 7);
}

TEST(Organisation, HeavyStructureOnAnUnclearGoalYieldsLessThanLight) {
  // C7: organise as lightly as possible until it is clear what the partners want to achieve.
  model::Parameters p = model::default_parameters();
  p.organisation_rigidity = 1.0;
  EXPECT_LT(organisation_factor(p, 0.2, 1.0), organisation_factor(p, 0.2, 0.2));
  EXPECT_LT(organisation_factor(p, 0.2, 1.0), 1.0);
}

TEST(Organisation, FittingStructureOnAClearGoalPays_WithoutRigidityCost) {
  // C8, C15: at full clarity the rigidity term vanishes; structure up to the fit pays.
  model::Parameters p = model::default_parameters();
  p.organisation_rigidity = 1.0;
  EXPECT_DOUBLE_EQ(organisation_factor(p, 1.0, p.organisation_fit),
                   1.0 + p.organisation_gain * p.organisation_fit);
  EXPECT_GT(organisation_factor(p, 1.0, p.organisation_fit), organisation_factor(p, 1.0, 0.0));
}

TEST(Organisation, WithoutRigidity_IsTheGainAloneBitForBit) {
  // The neutral value: the rule before, Org = 1 + o_g Q min(O_L, O_fit).
  model::Parameters p = model::default_parameters();
  p.organisation_rigidity = 0.0;
  for (const double q : {0.0, 0.13, 0.5, 0.71, 1.0})
    for (const double level : {0.0, 0.2, 0.3, 0.77, 1.0})
      EXPECT_EQ(organisation_factor(p, q, level),
                1.0 + p.organisation_gain * q * std::min(level, p.organisation_fit))
          << q << " " << level;
}

TEST(Organisation, NeverBelowZero_SoRealisationNeverFalls) {
  model::Parameters p = model::default_parameters();
  p.organisation_gain = 5.0;
  p.organisation_rigidity = 2.0;
  EXPECT_EQ(organisation_factor(p, 0.0, 1.0), 0.0);
}

TEST(Organisation, HeavyStructureOnAnUnclearGoalCostsRealisationInAWeek) {
  // Through co-creation (7.9): the same week, with the goal unclear, realises less under heavy
  // structure than under light.
  auto week = [](double level) {
    Opgave o;
    o.spec.parameters.organisation_rigidity = 1.0;
    o.s.opgave.clarity = 0.1;
    o.s.opgave.organisation = level;
    o.s.partners.commitment.setConstant(0.8);
    o.s.trust.setConstant(0.5);
    co_create(o.net, o.spec.parameters, o.s.trust, o.s.partners, o.s.opgave, o.s.regisseur,
              o.s.realisation, o.s.scratch_partner, o.s.scratch_flags, o.s.scratch_sort);
    return o.s.realisation;
  };
  EXPECT_LT(week(1.0), week(0.2));
}

}  // namespace
}  // namespace regiesim::dynamics
