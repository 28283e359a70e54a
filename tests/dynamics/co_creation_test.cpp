#include "dynamics/co_creation.hpp"

#include <gtest/gtest.h>

namespace regiesim::dynamics {
namespace {

model::PartnerState two_specialists() {
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.commitment = Eigen::ArrayXd::Constant(2, 0.8);
  s.capabilities.resize(2, 2);
  s.capabilities << 1.0, 0.0,  // partner 0 covers dimension 0
      0.0, 1.0;                // partner 1 covers dimension 1
  return s;
}

TEST(CoCreation, NeedsEveryDimension_ALeaverBlocksProgress) {
  // C3: mutual dependence; without partner 1 nobody covers dimension 1.
  const auto p = model::default_parameters();
  auto partners = two_specialists();
  double r = 0;
  EXPECT_GT(co_create(p, partners, 0.5, r), 0.0);
  partners.active[1] = 0;
  const double before = r;
  EXPECT_EQ(co_create(p, partners, 0.5, r), 0.0);
  EXPECT_EQ(r, before);
}

TEST(CoCreation, YieldsMoreWithMoreTrust) {
  const auto p = model::default_parameters();
  const auto partners = two_specialists();
  double low = 0, high = 0;
  EXPECT_GT(co_create(p, partners, 0.9, high), co_create(p, partners, 0.1, low));
}

TEST(CoCreation, RealisationApproachesButNeverExceedsOne) {
  auto p = model::default_parameters();
  p.opgave_progress_rate = 1.0;
  auto partners = two_specialists();
  partners.commitment.setConstant(1.0);
  double r = 0;
  for (int t = 0; t < 1000; ++t) co_create(p, partners, 1.0, r);
  EXPECT_LE(r, 1.0);
  EXPECT_GT(r, 0.999);
}

TEST(VisibleProgress, IsTheGainAsAShareOfWhatRemainedAgainstTheReference_CappedAtOne) {
  auto p = model::default_parameters();
  p.opgave_visible_progress = 0.01;
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.005, 1.0), 0.5);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.0025, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.5, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(visible_progress(p, 0.0, 0.0), 1.0);  // the opgave is complete
}

}  // namespace
}  // namespace regiesim::dynamics
