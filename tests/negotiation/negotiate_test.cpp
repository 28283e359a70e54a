// One meeting's negotiation from the participants' interests, capabilities, resources and
// urgency: utilities and disagreement points as docs/ODD.md 7.5 states them, rounds that grow
// with divergent interests, negotiations that span meetings, and each protocol's outcome.
#include "negotiation/negotiate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "negotiation/discount.hpp"

namespace regiesim::negotiation {
namespace {

struct Meeting {
  std::vector<double> work, interests, capabilities, resources, urgency;
  NegotiationSettings settings;

  MeetingInput input() const {
    return {.remaining_work = work,
            .interests = interests,
            .capabilities = capabilities,
            .resources = resources,
            .urgency = urgency,
            .settings = settings,
            .carried_demands = {},
            .carried_rounds = 0};
  }
};

// Two partners, each capable where the other is not (C3: mutual dependence), with interests
// (0.5 - s/2, 0.5 + s/2) and the mirror image: s = 0 identical, s = 1 fully divergent, each then
// wanting only what the other can do. Total interest stays 1, so only the divergence changes.
Meeting complementary_pair(double s) {
  Meeting m;
  m.work = {1.0, 1.0};
  m.interests = {0.5 - s / 2, 0.5 + s / 2, 0.5 + s / 2, 0.5 - s / 2};
  m.capabilities = {0.9, 0.1, 0.1, 0.9};
  m.resources = {1.0, 1.0};
  m.urgency = {0.5, 0.5};
  m.settings.rounds_per_meeting = 100000;
  return m;
}

TEST(Negotiation, UtilitiesAndDisagreementFollowFromInterestsCapabilitiesAndResources) {
  Meeting m;
  m.work = {1.0, 1.0};
  m.interests = {0.5, 1.0, 1.0, 0.5};
  m.capabilities = {0.9, 0.1, 0.1, 0.9};
  m.resources = {1.0, 1.0};
  m.urgency = {0.0, 0.0};
  m.settings.protocol = Protocol::nash;
  m.settings.effort_cost = 0.2;
  const auto out = negotiate(m.input());
  // Alone, partner 0 spreads its effort as capability x work: (0.9, 0.1), does (0.81, 0.01) and
  // values it at 0.5 * 0.81 + 1 * 0.01 = 0.415, at a cost of 0.2 * 1.
  EXPECT_NEAR(out.disagreement[0], 0.415 - 0.2, 1e-15);
  EXPECT_NEAR(out.disagreement[1], 0.415 - 0.2, 1e-15);
  // Together each dimension gets 0.81 + 0.01 = 0.82. Partner 0 shares min(0.5, 1) and
  // min(1, 0.5) of its interest with partner 1 (common value 0.5 * 0.82 * 2 = 0.82) and wants
  // 1 - 0.5 on dimension 2 alone (rival value 0.41): u_0(x) = 0.82 + 0.41 x - 0.2.
  ASSERT_TRUE(out.agreed());
  EXPECT_NEAR(out.shares[0], 0.5, 1e-15);
  EXPECT_NEAR(out.utility[0], 0.82 + 0.41 * 0.5 - 0.2, 1e-15);
  EXPECT_NEAR(out.effort[0], 0.9, 1e-15);  // partner 0, dimension 1
  EXPECT_NEAR(out.effort[1], 0.1, 1e-15);
  EXPECT_NEAR(out.effort[3], 0.9, 1e-15);
  EXPECT_NEAR(out.log_nash_product, 2.0 * std::log(0.82 + 0.205 - 0.2 - 0.215), 1e-14);

  // With twice the resources partner 1 would do 0.01 + 1.62 > 1 on dimension 2: every effort on
  // it is scaled down by 1 / 1.63 so that exactly the remaining work is done.
  m.resources = {1.0, 2.0};
  const auto more = negotiate(m.input());
  EXPECT_NEAR(more.effort[1], 0.1 / 1.63, 1e-15);
  EXPECT_NEAR(more.effort[3], 1.8 / 1.63, 1e-15);
  EXPECT_NEAR(more.effort[2], 0.2, 1e-15);
}

TEST(Negotiation, RoundsToAgreementGrowAsInterestsDiverge) {
  // With a finite concession, Zeuthen's rounds grow with the rival value at stake (design decision
  // 9).
  int previous = 0;
  std::vector<int> rounds;
  for (int step = 0; step <= 10; ++step) {
    const double s = 0.1 * step;
    auto m = complementary_pair(s);
    const auto out = negotiate(m.input());
    ASSERT_TRUE(out.agreed()) << "s=" << s;
    EXPECT_GE(out.rounds, previous) << "s=" << s;
    previous = out.rounds;
    rounds.push_back(out.rounds);
  }
  EXPECT_EQ(rounds.front(), 1);  // identical interests: nothing to divide, agreed at once
  EXPECT_GT(rounds[5], rounds[1]);
  EXPECT_GT(rounds[10], rounds[5]);
}

TEST(Negotiation, RoundsGrowWithDivergenceAmongManyPartners) {
  // Four partners on four dimensions, each capable on one; interests are a blend of a shared
  // profile and a profile of its own.
  int previous = 0;
  for (double own : {0.0, 0.3, 0.6, 1.0}) {
    Meeting m;
    m.work.assign(4, 1.0);
    m.resources.assign(4, 1.0);
    m.urgency.assign(4, 0.5);
    m.settings.rounds_per_meeting = 100000;
    for (int i = 0; i < 4; ++i)
      for (int k = 0; k < 4; ++k) {
        m.capabilities.push_back(k == i ? 0.9 : 0.1);
        m.interests.push_back((1.0 - own) * 0.6 + own * (k == (i + 1) % 4 ? 1.0 : 0.1));
      }
    const auto out = negotiate(m.input());
    ASSERT_TRUE(out.agreed()) << own;
    EXPECT_GE(out.rounds, previous) << own;
    if (own == 1.0) {
      EXPECT_GT(out.rounds, 10);
    }
    previous = out.rounds;
  }
}

TEST(Negotiation, ZeuthenSpansMeetingsAtOneRoundEach) {
  const auto m = complementary_pair(0.8);
  const auto at_once = negotiate(m.input());
  ASSERT_TRUE(at_once.agreed());
  ASSERT_GT(at_once.rounds, 3);

  auto per_meeting = m;
  per_meeting.settings.rounds_per_meeting = 1;
  Outcome out;
  std::vector<double> carried;
  int meetings = 0;
  do {
    auto input = per_meeting.input();
    input.carried_demands = carried;
    input.carried_rounds = out.rounds;
    negotiate(input, out);
    carried = out.demands;
    ++meetings;
    if (!out.agreed()) {
      EXPECT_EQ(out.status, Status::ongoing);
      EXPECT_TRUE(std::isnan(out.fairness_distance));
      EXPECT_EQ(out.effort[0], 0.0);  // nothing is allocated before an agreement
    }
  } while (!out.agreed() && meetings < 10000);
  EXPECT_EQ(meetings, at_once.rounds);
  EXPECT_EQ(out.rounds, at_once.rounds);
  EXPECT_EQ(out.shares, at_once.shares);
}

TEST(Negotiation, ZeuthenWithASmallConcessionIsNearlyFair) {
  auto m = complementary_pair(0.7);
  m.resources = {1.0, 0.6};  // asymmetric
  m.settings.concession = 1e-4;
  const auto out = negotiate(m.input());
  ASSERT_TRUE(out.agreed());
  EXPECT_LT(out.fairness_distance, 1e-3);
  m.settings.concession = 0.2;
  const auto coarse = negotiate(m.input());
  EXPECT_LT(coarse.rounds, out.rounds);
}

TEST(Negotiation, AlternatingOffersAgreeInTheFirstRoundAndFavourThePatient) {
  auto m = complementary_pair(0.8);
  m.settings.protocol = Protocol::alternating_offers;
  m.urgency = {0.0, 1.0};  // partner 1 is urgent: impatient
  const auto out = negotiate(m.input());
  ASSERT_TRUE(out.agreed());
  EXPECT_EQ(out.rounds, 1);
  EXPECT_GT(out.shares[0], out.nash_shares[0]);
  EXPECT_GT(out.fairness_distance, 0.0);
  // The same partner second to propose but patient still gains on its urgent counterpart.
  m.urgency = {1.0, 0.0};
  const auto reversed = negotiate(m.input());
  EXPECT_LT(reversed.shares[0], reversed.nash_shares[0]);
}

TEST(Negotiation, TheNashProtocolIsFairByDefinitionAndMaximisesTheProduct) {
  auto m = complementary_pair(0.9);
  m.resources = {1.0, 0.7};
  m.settings.protocol = Protocol::nash;
  const auto nash = negotiate(m.input());
  EXPECT_EQ(nash.fairness_distance, 0.0);
  for (auto protocol : {Protocol::zeuthen, Protocol::alternating_offers}) {
    m.settings.protocol = protocol;
    const auto other = negotiate(m.input());
    ASSERT_TRUE(other.agreed());
    EXPECT_LE(other.log_nash_product, nash.log_nash_product + 1e-15);
  }
}

TEST(Negotiation, SymmetricPartnersGetEqualShares) {
  for (auto protocol : {Protocol::zeuthen, Protocol::nash}) {
    auto m = complementary_pair(1.0);
    m.settings.protocol = protocol;
    const auto out = negotiate(m.input());
    ASSERT_TRUE(out.agreed());
    EXPECT_NEAR(out.shares[0], 0.5, 1e-15) << protocol_name(protocol);
    EXPECT_NEAR(out.shares[1], 0.5, 1e-15) << protocol_name(protocol);
  }
}

TEST(Negotiation, BreaksDownWhenEachDoesBetterAlone) {
  // Each wants most what it can do itself: alone it keeps that value, so no split of the joint
  // result leaves both better off.
  Meeting m;
  m.work = {1.0, 1.0};
  m.interests = {1.0, 0.0, 0.0, 1.0};
  m.capabilities = {0.9, 0.3, 0.3, 0.9};
  m.resources = {1.0, 1.0};
  m.urgency = {0.5, 0.5};
  for (auto protocol : {Protocol::zeuthen, Protocol::alternating_offers, Protocol::nash}) {
    m.settings.protocol = protocol;
    const auto out = negotiate(m.input());
    EXPECT_EQ(out.status, Status::broke_down);
    EXPECT_EQ(out.rounds, 1);
    EXPECT_EQ(out.shares[0], 0.0);
    EXPECT_EQ(out.utility[0], out.disagreement[0]);
  }
}

TEST(Negotiation, AParticipantWithNothingAtStakeNeitherBargainsNorVetoes) {
  // Partner 1 wants half of what partner 0 wants, on every dimension: all of its value is common
  // (rival 0), so the split does not matter to it, and the joint plan serves it better than
  // working alone (0.442 against 0.356). Partner 0 bargains alone and takes the divisible part.
  Meeting m = complementary_pair(1.0);
  m.interests = {0.2, 1.0, 0.1, 0.5};
  m.settings.effort_cost = 0.05;
  for (auto protocol : {Protocol::zeuthen, Protocol::alternating_offers, Protocol::nash}) {
    m.settings.protocol = protocol;
    const auto out = negotiate(m.input());
    ASSERT_TRUE(out.agreed()) << protocol_name(protocol);
    EXPECT_EQ(out.rounds, 1);
    EXPECT_EQ(out.shares[0], 1.0);
    EXPECT_EQ(out.shares[1], 0.0);
    EXPECT_NEAR(out.utility[1], 0.6 * 0.82 - 0.05, 1e-15);
    EXPECT_NEAR(out.disagreement[1], 0.1 * 0.01 + 0.5 * 0.81 - 0.05, 1e-15);
    EXPECT_EQ(out.fairness_distance, 0.0);
  }
  // Without any interest it would commit effort for nothing in return: it vetoes.
  m.interests = {0.2, 1.0, 0.0, 0.0};
  EXPECT_EQ(negotiate(m.input()).status, Status::broke_down);
}

TEST(Negotiation, TwentyPartnersKeepAFiniteLogNashProduct) {
  Meeting m;
  const int n = 20, k_count = 4;
  m.work.assign(k_count, 0.05);  // little left to do: every gain is small
  for (int i = 0; i < n; ++i) {
    m.resources.push_back(0.5 + 0.05 * i);
    m.urgency.push_back(0.05 * i);
    for (int k = 0; k < k_count; ++k) {
      m.capabilities.push_back(k == i % k_count ? 0.8 : 0.05);
      m.interests.push_back(k == (i + 1) % k_count ? 1.0 : 0.2);
    }
  }
  m.settings.effort_cost = 0.01;
  m.settings.rounds_per_meeting = 100000;
  for (auto protocol : {Protocol::zeuthen, Protocol::alternating_offers, Protocol::nash}) {
    m.settings.protocol = protocol;
    const auto out = negotiate(m.input());
    ASSERT_TRUE(out.agreed()) << protocol_name(protocol);
    EXPECT_TRUE(std::isfinite(out.log_nash_product));
    EXPECT_LT(out.log_nash_product, -20.0);  // the product itself is below 1e-9
    double sum_log = 0.0;
    for (int i = 0; i < n; ++i) sum_log += std::log(out.utility[i] - out.disagreement[i]);
    EXPECT_NEAR(out.log_nash_product, sum_log, 1e-9);
    double sum = 0.0;
    for (double x : out.shares) sum += x;
    EXPECT_NEAR(sum, 1.0, 1e-12);
  }
}

TEST(Negotiation, DiscountFactorFallsLinearlyWithUrgency) {
  NegotiationSettings s;
  s.discount_calm = 0.9;
  s.discount_urgent = 0.6;
  EXPECT_DOUBLE_EQ(discount_factor(s, 0.0), 0.9);
  EXPECT_DOUBLE_EQ(discount_factor(s, 1.0), 0.6);
  EXPECT_DOUBLE_EQ(discount_factor(s, 0.5), 0.75);
}

}  // namespace
}  // namespace regiesim::negotiation
