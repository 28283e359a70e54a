#include "dynamics/trust.hpp"

#include <gtest/gtest.h>

#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

struct TwoPartners {
  network::Network net = network::from_ties(2, {{0, 1}});
  model::Parameters p = model::default_parameters();
  model::PartnerState partners;
  Eigen::ArrayXd trust = Eigen::ArrayXd::Constant(2, 0.5);
  model::Flags met = model::Flags::Ones(2);
  TwoPartners() {
    partners.active = model::Flags::Ones(2);
    partners.commitment = Eigen::ArrayXd::Constant(2, 0.0);
    partners.discipline = Eigen::ArrayXi::Zero(2);  // one language: no misunderstanding
  }
};

TEST(Trust, OneBadExperienceCostsMoreThanOneGoodExperienceGains) {
  // P11 (Slovic 1993) in the defaults: loss > gain, so at equal odds trust drifts down.
  const auto p = model::default_parameters();
  const double t = 0.5;
  EXPECT_GT(p.trust_loss * t, p.trust_gain * (1 - t));
}

TEST(Trust, WithEvenOddsOfGoodAndBadExperiences_SettlesNearGainOverGainPlusLoss) {
  // Commitment 0 makes every experience a coin flip; the expected update is zero at
  // T* = gain / (gain + loss) = 0.4 with the defaults, below the initial 0.5.
  TwoPartners s;
  double sum = 0;
  int samples = 0;
  for (std::int32_t step = 1; step <= 4000; ++step) {
    update_trust(s.net, s.p, s.partners, /*language=*/0.0, s.met, random::RunSeed{5}, step,
                 s.trust);
    if (step > 1000) {
      sum += s.trust[0];
      ++samples;
    }
  }
  const double expected = s.p.trust_gain / (s.p.trust_gain + s.p.trust_loss);
  EXPECT_NEAR(sum / samples, expected, 0.03);
}

// P11 is an input, tested as a mechanism (docs/ODD.md section 8): with good and bad experiences
// equally likely, trust settles at gain / (gain + loss), below 1/2, so it is lost faster than it
// is built; and the declared defaults keep the regisseur's loss above its gain.
TEST(Trust, IsLostFasterThanItIsBuilt) {
  TwoPartners s;
  ASSERT_LT(s.p.trust_gain / (s.p.trust_gain + s.p.trust_loss), 0.5);
  double sum = 0;
  int samples = 0;
  for (std::int32_t step = 1; step <= 4000; ++step) {
    update_trust(s.net, s.p, s.partners, /*language=*/0.0, s.met, random::RunSeed{9}, step,
                 s.trust);
    if (step > 1000) {
      sum += s.trust[0] + s.trust[1];
      samples += 2;
    }
  }
  EXPECT_LT(sum / samples, 0.5);
  EXPECT_NEAR(sum / samples, s.p.trust_gain / (s.p.trust_gain + s.p.trust_loss), 0.03);
  const auto p = model::default_parameters();
  EXPECT_GT(p.trust_regisseur_loss, p.trust_regisseur_gain);
}

TEST(Trust, CommittedPartnersEarnMoreTrustThanUncommittedOnes) {
  TwoPartners s;
  s.partners.commitment << 1.0, 0.0;  // 0 delivers always, 1 half the time
  for (std::int32_t step = 1; step <= 500; ++step)
    update_trust(s.net, s.p, s.partners, /*language=*/0.0, s.met, random::RunSeed{5}, step,
                 s.trust);
  EXPECT_GT(s.trust[1], 0.9);  // 1 trusts 0 (edge 1 is 1->0)
  EXPECT_LT(s.trust[0], 0.5);  // 0 trusts 1 less
}

TEST(Trust, MisunderstandingsBetweenDisciplinesCostTrust_ACommonLanguageRemovesThem) {
  // C4: the same committed partners, two disciplines: without a common language a share of the
  // good experiences turns bad; with a full common language none does.
  TwoPartners apart, shared;
  apart.partners.commitment.setConstant(1.0);
  shared.partners.commitment.setConstant(1.0);
  apart.partners.discipline << 0, 1;
  shared.partners.discipline << 0, 1;
  apart.p.language_misunderstanding = shared.p.language_misunderstanding = 0.5;
  for (std::int32_t step = 1; step <= 300; ++step) {
    update_trust(apart.net, apart.p, apart.partners, 0.0, apart.met, random::RunSeed{5}, step,
                 apart.trust);
    update_trust(shared.net, shared.p, shared.partners, 1.0, shared.met, random::RunSeed{5}, step,
                 shared.trust);
  }
  EXPECT_GT(shared.trust[0], 0.99);
  EXPECT_LT(apart.trust[0], 0.8);
}

// One negotiating meeting of partners 0 and 1 this week, with or without an agreement of the
// given fairness between them.
model::Meetings one_negotiation(double fairness, bool agreed) {
  model::Meetings meetings;
  meetings.participants = {0, 1};
  meetings.parties = {0, 1};  // the agreement's parties
  meetings.list.push_back({.first = 0,
                           .size = 2,
                           .key_a = 0,
                           .key_b = 1,
                           .convened = false,
                           .negotiate = true,
                           .debate = false,
                           .fairness = fairness,
                           .first_party = 0,
                           .parties = agreed ? 2 : 0,
                           .agreed = agreed});
  return meetings;
}

TEST(Trust, AgreementsPullTheirPartiesTrustTowardTheirFairness) {
  TwoPartners s;
  const model::Meetings meetings = one_negotiation(1.0, true);
  trust_after_agreements(s.net, s.p, meetings, s.trust);
  EXPECT_DOUBLE_EQ(s.trust[0], 0.5 + s.p.trust_fairness * 0.5);
  EXPECT_DOUBLE_EQ(s.trust[1], 0.5 + s.p.trust_fairness * 0.5);
}

// The least fair agreement (phi = 0: the shares disjoint from the Nash split) is still an
// agreement and pulls trust toward 0 (C14); only a meeting without agreement leaves it alone.
TEST(Trust, TheLeastFairAgreementPullsTrustTowardZero_NoAgreementLeavesIt) {
  for (const bool agreed : {true, false}) {
    TwoPartners s;
    const model::Meetings meetings = one_negotiation(0.0, agreed);
    trust_after_agreements(s.net, s.p, meetings, s.trust);
    const double expected = agreed ? 0.5 - s.p.trust_fairness * 0.5 : 0.5;
    EXPECT_DOUBLE_EQ(s.trust[0], expected);
    EXPECT_DOUBLE_EQ(s.trust[1], expected);
  }
}

TEST(TrustInRegisseur, GrowsInConvenedMeetings_FadesWhenNobodyAddressesThePartner) {
  TwoPartners s;
  s.partners.trust_regisseur = Eigen::ArrayXd::Constant(2, 0.5);
  model::Flags convened(2), named(2);
  convened << 1, 0;
  named << 0, 0;
  update_trust_in_regisseur(s.p, convened, named, s.partners);
  EXPECT_GT(s.partners.trust_regisseur[0], 0.5);
  EXPECT_DOUBLE_EQ(s.partners.trust_regisseur[1], 0.5 * (1 - s.p.trust_decay));
  EXPECT_GT(s.p.trust_regisseur_loss, s.p.trust_regisseur_gain);  // P11 for the regisseur
}

TEST(Trust, DecaysWithoutMeetings) {
  TwoPartners s;
  s.met.setZero();
  update_trust(s.net, s.p, s.partners, /*language=*/0.0, s.met, random::RunSeed{5}, 1, s.trust);
  EXPECT_DOUBLE_EQ(s.trust[0], 0.5 * (1 - s.p.trust_decay));
}

TEST(Trust, TiesOfAPartnerWhoLeftAreFrozen) {
  TwoPartners s;
  s.partners.active << 1, 0;
  update_trust(s.net, s.p, s.partners, /*language=*/0.0, s.met, random::RunSeed{5}, 1, s.trust);
  EXPECT_EQ(s.trust[0], 0.5);
  EXPECT_EQ(s.trust[1], 0.5);
}

TEST(Trust, MeanBetweenActiveIgnoresTiesOfLeavers) {
  const auto net = network::from_ties(3, {{0, 1}, {0, 2}, {1, 2}});
  Eigen::ArrayXd trust(6);
  trust << 0.2, 0.9, 0.4, 0.9, 0.9, 0.9;  // edges 0->1, 0->2, 1->0, 1->2, 2->0, 2->1
  model::Flags active(3);
  active << 1, 1, 0;
  EXPECT_DOUBLE_EQ(mean_trust_between_active(net, trust, active), 0.3);
  EXPECT_DOUBLE_EQ(trust_given(net, trust, active, 0), 0.2);
}

}  // namespace
}  // namespace regiesim::dynamics
