// Negotiating meetings settle through engine/negotiation (docs/ODD.md 7.5): one bargaining round
// per meeting, a Zeuthen negotiation carried to the same parties' next negotiating meeting, an
// agreement settling its parties on the work of the joint plan, and its fairness moving trust
// (7.8).
#include "dynamics/settlement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "dynamics/derived.hpp"
#include "dynamics/trust.hpp"
#include "network/network.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::dynamics {
namespace {

using negotiation::Protocol;

// Four partners on two dimensions: 0 and 2 strong on dimension 0, 1 and 3 on dimension 1; each
// wants most what the others do (mutual dependence), and their interests diverge.
struct Table {
  scenario::ScenarioSpec spec = testing::small_scenario(4, 2);
  network::Network net = network::from_ties(4, {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}});
  model::State s;
  record::RunRecord record;
  record::EventLog log{&record};
  std::int32_t week = 0;

  explicit Table(Protocol protocol, double divergence = 0.8) {
    spec.parameters.negotiation_protocol = protocol;
    s = sim::initial_state(spec, net);
    const double low = 0.6 - divergence / 2;
    const double high = 0.6 + divergence / 2;
    s.partners.interests << low, high, high, low, low, high, high, low;
  }
  // One negotiating meeting of `who` this week; returns the agreements.
  std::int64_t negotiate(std::vector<std::int32_t> who) {
    ++week;
    s.meetings.clear();
    s.meetings.participants = who;
    s.meetings.list.push_back({.first = 0,
                               .size = static_cast<std::int32_t>(who.size()),
                               .key_a = 0,
                               .key_b = 4294967294u,
                               .convened = true,
                               .negotiate = true});
    return settle_negotiations(spec.parameters, s.opgave, week, week, s.partners, s.meetings,
                               s.negotiations, s.bargain, log);
  }
  const record::NegotiationRecord& last() const { return record.negotiations.back(); }
};

TEST(Settlement, AnAgreementSettlesItsPartiesOnTheWorkOfTheJointPlan) {
  Table t(Protocol::nash);
  ASSERT_EQ(t.negotiate({0, 1, 2, 3}), 1);
  EXPECT_EQ(t.s.partners.settled.sum(), 4);
  EXPECT_TRUE(t.last().agreed);
  EXPECT_EQ(t.last().rounds, 1);
  EXPECT_EQ(t.last().shares, 4);
  // The allocations are work the plan allots, at most the package: scope C (1 - R) on average.
  const auto& p = t.spec.parameters;
  const double package = p.negotiation_scope * t.s.opgave.concreteness;
  EXPECT_GT(t.s.partners.allocation.minCoeff(), 0.0);
  EXPECT_LE(t.s.partners.allocation.sum(), package + 1e-12);
  // Executed as planned (7.9), each party's allocation is its plan's work per unit of effort
  // eta_i times its allocated effort, at most the r~_i = rho_x H_N m_i r_i it committed; eta_i
  // is at most its best capability over K (q_i = (1/K) sum_k c_ik e_ik).
  ASSERT_NE(p.negotiation_execute_as_planned, 0.0);
  for (Eigen::Index i = 0; i < 4; ++i) {
    const double committed = p.negotiation_execution_rate * p.negotiation_horizon *
                             t.s.partners.commitment[i] * t.s.partners.resources[i];
    const double eta = t.s.partners.allocation_yield[i];
    EXPECT_GT(eta, 0.0);
    EXPECT_LE(eta, t.s.partners.capabilities.row(i).maxCoeff() / 2.0 + 1e-15);
    EXPECT_LE(t.s.partners.allocation[i], eta * committed * (1.0 + 1e-12));
  }
  // The Nash protocol agrees on the Nash shares: fairness distance 0, perceived fairness 1.
  EXPECT_NEAR(t.last().fairness, 0.0, 1e-12);
  EXPECT_NEAR(t.s.meetings.list[0].fairness, 1.0, 1e-12);
  double sum = 0.0;
  for (int a = 0; a < 4; ++a) sum += t.record.negotiation_shares[static_cast<std::size_t>(a)];
  EXPECT_NEAR(sum, 1.0, 1e-12);
  // A settled partner's decision stands: a second round finds fewer than two eligible parties.
  EXPECT_EQ(t.negotiate({0, 1, 2, 3}), 0);
  EXPECT_EQ(t.record.negotiations.size(), 1u);
}

TEST(Settlement, ZeuthenCarriesItsNegotiationToTheSamePartiesNextMeeting) {
  Table t(Protocol::zeuthen);
  ASSERT_EQ(t.negotiate({1, 0}), 0);
  ASSERT_FALSE(t.last().agreed) << "one Zeuthen round should not settle divergent interests";
  const std::int32_t id = t.last().id;
  std::int32_t rounds = 1;
  while (!t.last().agreed && rounds < 200) {
    t.negotiate({0, 1});
    ++rounds;
    EXPECT_EQ(t.last().id, id) << "the same parties continue the same negotiation";
    EXPECT_EQ(t.last().rounds, rounds);
    EXPECT_TRUE(std::isnan(t.last().fairness) == !t.last().agreed);
  }
  ASSERT_TRUE(t.last().agreed);
  EXPECT_EQ(t.s.partners.settled[0] + t.s.partners.settled[1], 2);
  // With a finite concession Zeuthen ends near, not at, the Nash split.
  EXPECT_LT(t.last().fairness, 0.1);
}

// At the neutral value of negotiation.continue_contained (the rule before it): only exactly its
// parties continue an open negotiation.
TEST(Settlement, APartnerKeepsSeveralOpenNegotiations_OnePerSetOfParties) {
  Table t(Protocol::zeuthen);
  t.spec.parameters.negotiation_continue_contained = 0.0;
  t.negotiate({0, 1});
  const std::int32_t first = t.last().id;
  t.negotiate({0, 3});  // partner 0 at another table: another negotiation
  EXPECT_NE(t.last().id, first);
  t.negotiate({0, 1, 3});  // a third set of parties: a third negotiation
  EXPECT_EQ(t.last().rounds, 1);
  t.negotiate({1, 0});
  EXPECT_EQ(t.last().id, first) << "the first one goes on where it was";
  EXPECT_EQ(t.last().rounds, 2);
}

// A full table of open negotiations closes the stalest to make room, and says so: an event
// (negotiation_dropped; source its lowest party, value its id), never a silent loss.
TEST(Settlement, AFullTableDropsTheStalestNegotiation_AsAnEvent) {
  Table t(Protocol::zeuthen);
  t.spec.parameters.negotiation_continue_contained = 0.0;  // every new table opens a negotiation
  prepare_negotiations(4, /*ties=*/0, 4, 2, t.s.negotiations, t.s.bargain);  // 4 slots
  // The pairs whose interests diverge (0 and 2 want the same, as do 1 and 3): Zeuthen keeps each
  // open for more than one round.
  const std::vector<std::vector<std::int32_t>> tables{{0, 1}, {0, 3}, {1, 2}, {2, 3}};
  std::vector<std::int32_t> ids;
  for (const auto& who : tables) {
    t.negotiate(who);
    ASSERT_FALSE(t.last().agreed) << "a divergent pair does not agree in its first round";
    ids.push_back(t.last().id);
  }
  ASSERT_TRUE(t.s.negotiations.free.empty()) << "four open negotiations fill the four slots";
  const auto dropped = [&] {
    return std::count_if(t.record.events.begin(), t.record.events.end(), [](const auto& e) {
      return e.kind == record::EventKind::negotiation_dropped;
    });
  };
  EXPECT_EQ(dropped(), 0) << "four negotiations fit four slots";
  t.negotiate({0, 1, 2});  // a fifth: the first, stalest, makes room
  ASSERT_EQ(dropped(), 1);
  const auto& e = t.record.events.back();
  EXPECT_EQ(e.kind, record::EventKind::negotiation_dropped);
  EXPECT_EQ(e.step, t.week);
  EXPECT_EQ(e.source, 0);
  EXPECT_EQ(e.value, static_cast<double>(ids[0]));
  t.negotiate({0, 1});  // its parties meet again: a new negotiation, not the dropped one
  EXPECT_NE(t.last().id, ids[0]);
  EXPECT_EQ(t.last().rounds, 1);
}

// The parties of the last round, in the order recorded.
std::vector<std::int32_t> round_parties(const Table& t) {
  const auto& n = t.last();
  const auto first = t.record.negotiation_participants.begin() + n.first_participant;
  return {first, first + n.participants};
}

// C14 (docs/ODD.md 7.5 step 2): a division under way is taken up wherever its parties sit at one
// negotiating table. The plenary seats the pair, so it holds the pair's next round, with the
// pair's standing demands; the others at the table do not bargain in it.
TEST(Settlement, ATableThatSeatsAnOpenNegotiationsPartiesContinuesIt) {
  Table t(Protocol::zeuthen);
  ASSERT_NE(t.spec.parameters.negotiation_continue_contained, 0.0) << "the default continues";
  t.negotiate({0, 1});
  ASSERT_FALSE(t.last().agreed);
  const std::int32_t pair = t.last().id;
  const auto free_slots = t.s.negotiations.free.size();
  t.negotiate({0, 1, 2, 3});
  EXPECT_EQ(t.last().id, pair);
  EXPECT_EQ(t.last().rounds, 2);
  EXPECT_EQ(round_parties(t), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(t.s.negotiations.free.size(), free_slots) << "no slot taken";
  // The same rounds as the pair meeting alone twice (the table changes nothing but the venue).
  Table alone(Protocol::zeuthen);
  alone.negotiate({0, 1});
  alone.negotiate({0, 1});
  EXPECT_EQ(alone.last().rounds, t.last().rounds);
  EXPECT_EQ(alone.last().agreed, t.last().agreed);
  EXPECT_TRUE((alone.s.partners.settled == t.s.partners.settled).all());
}

// Of several open negotiations the table seats, the one waiting longest goes on (it would lapse
// first), so two divisions under way take turns at the plenary.
TEST(Settlement, OfSeveralSeatedNegotiationsTheOneWaitingLongestGoesOn) {
  Table t(Protocol::zeuthen);
  t.negotiate({0, 1});
  const std::int32_t first = t.last().id;
  t.negotiate({2, 3});
  const std::int32_t second = t.last().id;
  ASSERT_FALSE(t.last().agreed);
  t.negotiate({0, 1, 2, 3});
  EXPECT_EQ(t.last().id, first);
  t.negotiate({0, 1, 2, 3});
  EXPECT_EQ(t.last().id, second);
  EXPECT_EQ(t.last().rounds, 2);
}

TEST(Settlement, ATableThatDoesNotSeatAllItsPartiesOpensItsOwnNegotiation) {
  Table t(Protocol::zeuthen);
  t.negotiate({0, 1});
  const std::int32_t pair = t.last().id;
  t.negotiate({0, 2, 3});  // 1 is not here
  EXPECT_NE(t.last().id, pair);
  EXPECT_EQ(t.last().rounds, 1);
  EXPECT_EQ(round_parties(t), (std::vector<std::int32_t>{0, 2, 3}));
}

// The neutral value false is the rule before: the plenary opens a negotiation of its own.
TEST(Settlement, WithoutContinuationOnlyExactlyItsPartiesContinueANegotiation) {
  Table t(Protocol::zeuthen);
  t.spec.parameters.negotiation_continue_contained = 0.0;
  t.negotiate({0, 1});
  const std::int32_t pair = t.last().id;
  t.negotiate({0, 1, 2, 3});
  EXPECT_NE(t.last().id, pair);
  EXPECT_EQ(t.last().rounds, 1);
  EXPECT_EQ(round_parties(t), (std::vector<std::int32_t>{0, 1, 2, 3}));
  t.negotiate({0, 1});
  EXPECT_EQ(t.last().id, pair);
  EXPECT_EQ(t.last().rounds, 2);
}

TEST(Settlement, AnOpenNegotiationExpiresAfterPatienceWeeksWithoutARound) {
  Table t(Protocol::zeuthen);
  t.spec.parameters.negotiation_patience = 3;
  t.negotiate({0, 1});
  const std::int32_t first = t.last().id;
  t.week += 2;  // two weeks without a round: still open
  t.negotiate({0, 1});
  EXPECT_EQ(t.last().id, first);
  EXPECT_EQ(t.last().rounds, 2);
  t.week += 3;
  t.negotiate({2, 3});  // a round elsewhere runs the expiry check
  t.negotiate({0, 1});
  EXPECT_NE(t.last().id, first);
  EXPECT_EQ(t.last().rounds, 1);
}

TEST(Settlement, AlternatingOffersAndNashAgreeInTheFirstRound_ZeuthenTakesLonger) {
  for (const auto protocol : {Protocol::alternating_offers, Protocol::nash}) {
    Table t(protocol);
    EXPECT_EQ(t.negotiate({0, 1}), 1);
    EXPECT_EQ(t.last().rounds, 1);
  }
  Table z(Protocol::zeuthen);
  EXPECT_EQ(z.negotiate({0, 1}), 0);
}

TEST(Settlement, ZeuthenRoundsGrowWithDivergence) {
  std::int32_t previous = 0;
  for (const double divergence : {0.2, 0.5, 0.8}) {
    Table t(Protocol::zeuthen, divergence);
    while (t.record.negotiations.empty() || !t.last().agreed) {
      t.negotiate({0, 1});
      ASSERT_LT(t.week, 500);
    }
    EXPECT_GT(t.last().rounds, previous) << "divergence " << divergence;
    previous = t.last().rounds;
  }
}

// C14 and 7.8: the parties' trust moves toward the agreement's perceived fairness phi = 1 -
// distance from the Nash shares. Alternating offers with one party far more urgent than the
// other gives the patient party more than its Nash share, so phi < 1.
TEST(Trust, AFairAgreementRaisesTrust_AnUnfairOneLowersIt) {
  const auto trust_after = [](Protocol protocol, double initial) {
    Table t(protocol);
    t.s.partners.urgency << 0.0, 1.0, 0.5, 0.5;
    t.s.trust.setConstant(initial);
    EXPECT_EQ(t.negotiate({0, 1}), 1);
    const double phi = t.s.meetings.list[0].fairness;
    trust_after_agreements(t.net, t.spec.parameters, t.s.meetings, t.s.trust);
    const std::int64_t e01 = find_edge(t.net, 0, 1);
    const std::int64_t e23 = find_edge(t.net, 2, 3);
    EXPECT_EQ(t.s.trust[e23], initial) << "only the agreement's parties";
    return std::pair{phi, t.s.trust[e01]};
  };
  const auto [fair, raised] = trust_after(Protocol::nash, 0.5);
  EXPECT_DOUBLE_EQ(fair, 1.0);
  EXPECT_GT(raised, 0.5);
  const auto [unfair, lowered] = trust_after(Protocol::alternating_offers, 0.99);
  EXPECT_LT(unfair, 0.99);
  EXPECT_LT(lowered, 0.99);
  EXPECT_GT(lowered, unfair);  // a relaxation toward phi, not past it
}

}  // namespace
}  // namespace regiesim::dynamics
