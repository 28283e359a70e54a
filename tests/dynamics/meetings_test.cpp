#include "dynamics/meetings.hpp"

#include <gtest/gtest.h>

namespace regiesim::dynamics {
namespace {

TEST(Meetings, PlenaryWeek_EveryTieBetweenActivePartnersMeets) {
  const auto net = network::from_ties(3, {{0, 1}, {0, 2}, {1, 2}});
  auto p = model::default_parameters();
  p.meetings_probability = 0;
  model::Flags active(3);
  active << 1, 1, 0;
  model::Flags met = model::Flags::Zero(6);
  EXPECT_EQ(meet(net, p, active, /*plenary=*/true, sim::RunSeed{1}, 1, met), 1);
  EXPECT_EQ(met[0], 1);  // 0->1
  EXPECT_EQ(met[2], 1);  // 1->0
  EXPECT_EQ(met.sum(), 2);
}

TEST(Meetings, OwnMeetingsHappenAtTheirProbability_BinomialWithinFiveSigma) {
  const auto net = network::from_ties(2, {{0, 1}});
  auto p = model::default_parameters();
  p.meetings_probability = 0.3;
  const model::Flags active = model::Flags::Ones(2);
  model::Flags met = model::Flags::Zero(2);
  constexpr int weeks = 20000;
  int meetings = 0;
  for (int t = 1; t <= weeks; ++t) {
    meetings += static_cast<int>(meet(net, p, active, false, sim::RunSeed{3}, t, met));
    EXPECT_EQ(met[0], met[1]);
  }
  const double sd = std::sqrt(weeks * 0.3 * 0.7);
  EXPECT_NEAR(meetings, weeks * 0.3, 5 * sd);
}

}  // namespace
}  // namespace regiesim::dynamics
