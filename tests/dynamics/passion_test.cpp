#include "dynamics/passion.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace regiesim::dynamics {
namespace {

struct Star {
  // Partner 0 is energetic and tied to 1 and 2; 3 is tied to 2 only.
  network::Network net = network::from_ties(4, {{0, 1}, {0, 2}, {2, 3}});
  model::Parameters p = model::default_parameters();
  model::Flags active = model::Flags::Ones(4);
  Eigen::ArrayXd trust = Eigen::ArrayXd::Constant(6, 0.8);
  Eigen::ArrayXd passion{{1.0, 0.2, 0.2, 0.2}};
  Eigen::ArrayXd before = Eigen::ArrayXd::Zero(4);
  std::vector<std::int32_t> order{0, 1, 2, 3};
  Eigen::ArrayXd intrinsic{{1.0, 0.2, 0.2, 0.2}};
};

TEST(Passion, SpreadsFromAnEnergeticPartnerToItsTies) {
  // P12, C13: with visible progress (no fade) the partners tied to 0 gain passion.
  Star s;
  update_passion(s.net, s.p, s.active, s.trust, /*visible=*/1.0, s.intrinsic, s.order, s.before,
                 s.passion);
  EXPECT_GT(s.passion[1], 0.2);
  EXPECT_GT(s.passion[2], 0.2);
  EXPECT_LT(s.passion[0], 1.0);
}

TEST(Passion, FadesWithoutVisibleProgress) {
  Star s;
  s.p.activation = model::Activation::synchronous;  // everyone reads the same 0.6
  s.passion.setConstant(0.6);                       // nothing to spread
  update_passion(s.net, s.p, s.active, s.trust, /*visible=*/0.0, s.intrinsic, s.order, s.before,
                 s.passion);
  // Without visible progress the fade pulls toward 0 (C13).
  EXPECT_DOUBLE_EQ(s.passion[3], 0.6 * (1 - s.p.passion_fade));
}

TEST(Passion, WithVisibleProgressRelaxesTowardTheIntrinsicPassion) {
  Star s;
  s.p.activation = model::Activation::synchronous;
  s.passion.setConstant(0.6);
  update_passion(s.net, s.p, s.active, s.trust, /*visible=*/1.0, s.intrinsic, s.order, s.before,
                 s.passion);
  // p <- (1 - fade) pulled + fade p0: partner 3 (p0 = 0.2) moves down, not to 0.
  EXPECT_DOUBLE_EQ(s.passion[3], (1 - s.p.passion_fade) * 0.6 + s.p.passion_fade * 0.2);
}

TEST(Passion, SynchronousActivationDoesNotDependOnTheOrder) {
  Star a, b;
  a.p.activation = b.p.activation = model::Activation::synchronous;
  b.order = {3, 1, 0, 2};
  update_passion(a.net, a.p, a.active, a.trust, 1.0, a.intrinsic, a.order, a.before, a.passion);
  update_passion(b.net, b.p, b.active, b.trust, 1.0, b.intrinsic, b.order, b.before, b.passion);
  EXPECT_TRUE((a.passion == b.passion).all());
}

TEST(Passion, SequentialActivation_LaterPartnersSeeEarlierUpdates) {
  // 3 is tied only to 2: in order 0,1,2,3 it sees 2 after 2 caught passion from 0.
  Star seq, syn;
  syn.p.activation = model::Activation::synchronous;
  seq.p.activation = model::Activation::fixed;
  update_passion(seq.net, seq.p, seq.active, seq.trust, 1.0, seq.intrinsic, seq.order, seq.before,
                 seq.passion);
  update_passion(syn.net, syn.p, syn.active, syn.trust, 1.0, syn.intrinsic, syn.order, syn.before,
                 syn.passion);
  EXPECT_GT(seq.passion[3], syn.passion[3]);
}

}  // namespace
}  // namespace regiesim::dynamics
