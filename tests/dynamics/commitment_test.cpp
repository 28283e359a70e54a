#include "dynamics/commitment.hpp"

#include <gtest/gtest.h>

namespace regiesim::dynamics {
namespace {

model::PartnerState pair(double passion, double urgency) {
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.passion = Eigen::ArrayXd::Constant(2, passion);
  s.urgency = Eigen::ArrayXd::Constant(2, urgency);
  s.commitment = Eigen::ArrayXd::Constant(2, 0.5);
  return s;
}

TEST(Commitment, ConvergesToUrgencyTimesPassionAndTrust) {
  const auto net = network::from_ties(2, {{0, 1}});
  const auto p = model::default_parameters();
  const Eigen::ArrayXd trust = Eigen::ArrayXd::Constant(2, 0.4);
  auto s = pair(0.8, 0.9);
  for (int t = 0; t < 2000; ++t) update_commitment(net, p, trust, s);
  const double w = p.commitment_passion_weight;
  EXPECT_NEAR(s.commitment[0], 0.9 * (w * 0.8 + (1 - w) * 0.4), 1e-9);
}

TEST(Commitment, FallsWhenTheOpgaveIsNotUrgentForThePartner) {
  // C16: without usefulness and necessity for the partner, commitment drains away.
  const auto net = network::from_ties(2, {{0, 1}});
  const auto p = model::default_parameters();
  const Eigen::ArrayXd trust = Eigen::ArrayXd::Constant(2, 0.6);
  auto urgent = pair(0.6, 1.0);
  auto indifferent = pair(0.6, 0.1);
  for (int t = 0; t < 52; ++t) {
    update_commitment(net, p, trust, urgent);
    update_commitment(net, p, trust, indifferent);
  }
  EXPECT_LT(indifferent.commitment[0], 0.2);
  EXPECT_GT(urgent.commitment[0], 0.5);
}

}  // namespace
}  // namespace regiesim::dynamics
