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

TEST(Convene, HappensEveryIntervalWeeksAndIsLoggedWithItsCost) {
  auto p = model::default_parameters();
  p.regisseur_convene_interval = 4;
  p.regisseur_convene_cost = 2.5;
  model::Flags active(3);
  active << 1, 0, 1;
  sim::RunRecord record;
  sim::EventLog log(&record);
  const auto& events = record.events;
  double effort = 0;
  int plenaries = 0;
  for (int t = 1; t <= 12; ++t) plenaries += convene(p, active, t, log, effort) ? 1 : 0;
  EXPECT_EQ(plenaries, 3);
  EXPECT_DOUBLE_EQ(effort, 7.5);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0],
            (sim::Event{4, sim::EventKind::convene, sim::kRegisseur, sim::kWholeGroup, 2.5, 2.0}));
}

TEST(Convene, RecordsEachPlenaryAsAMeetingOfTheActivePartners) {
  auto p = model::default_parameters();
  p.regisseur_convene_interval = 4;
  model::Flags active(3);
  active << 1, 0, 1;
  sim::RunRecord record;
  sim::EventLog log(&record);
  double effort = 0;
  for (int t = 1; t <= 8; ++t) convene(p, active, t, log, effort);
  ASSERT_EQ(record.meetings.size(), 2u);
  EXPECT_EQ(record.meetings[1],
            (sim::MeetingRecord{8, 1, sim::MeetingMode::plenary, sim::Convener::regisseur, 2, 2}));
  EXPECT_EQ(record.meeting_participants, (std::vector<std::int32_t>{0, 2, 0, 2}));
}

TEST(Convene, NeverWithIntervalZero) {
  auto p = model::default_parameters();
  p.regisseur_convene_interval = 0;
  sim::EventLog log;
  double effort = 0;
  for (int t = 1; t <= 100; ++t) EXPECT_FALSE(convene(p, model::Flags::Ones(2), t, log, effort));
}

}  // namespace
}  // namespace regiesim::dynamics
