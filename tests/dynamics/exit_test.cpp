#include "dynamics/exit.hpp"

#include <gtest/gtest.h>

namespace regiesim::dynamics {
namespace {

TEST(Exit, APartnerLeavesAfterPatienceWeeksBelowTheThreshold_Once) {
  auto p = model::default_parameters();
  p.exit_threshold = 0.2;
  p.exit_patience = 3;
  model::PartnerState s;
  s.active = model::Flags::Ones(2);
  s.commitment = Eigen::ArrayXd{{0.1, 0.5}};
  s.weeks_low = Eigen::ArrayXi::Zero(2);
  s.allocation = Eigen::ArrayXd::Zero(2);
  record::RunRecord record;
  record::EventLog log(&record);
  const auto& events = record.events;
  EXPECT_EQ(leave(p, 1, s, log), 0);
  EXPECT_EQ(leave(p, 2, s, log), 0);
  EXPECT_EQ(leave(p, 3, s, log), 1);
  EXPECT_EQ(leave(p, 4, s, log), 0);
  EXPECT_EQ(s.active[0], 0);
  EXPECT_EQ(s.active[1], 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0],
            (record::Event{3, record::EventKind::exit, 0, record::kWholeGroup, 0.0, 0.1}));
}

TEST(Exit, AWeekAboveTheThresholdResetsTheCount) {
  auto p = model::default_parameters();
  p.exit_threshold = 0.2;
  p.exit_patience = 2;
  model::PartnerState s;
  s.active = model::Flags::Ones(1);
  s.commitment = Eigen::ArrayXd{{0.1}};
  s.weeks_low = Eigen::ArrayXi::Zero(1);
  s.allocation = Eigen::ArrayXd::Zero(1);
  record::EventLog log;
  leave(p, 1, s, log);
  s.commitment[0] = 0.3;
  leave(p, 2, s, log);
  s.commitment[0] = 0.1;
  EXPECT_EQ(leave(p, 3, s, log), 0);
  EXPECT_EQ(leave(p, 4, s, log), 1);
}

}  // namespace
}  // namespace regiesim::dynamics
