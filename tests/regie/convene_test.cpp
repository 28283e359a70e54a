#include "regie/convene.hpp"

#include <gtest/gtest.h>

namespace regiesim::regie {
namespace {

TEST(Convene, HappensEveryIntervalWeeksAndIsLoggedWithItsCost) {
  auto p = model::default_parameters();
  p.regisseur_convene_interval = 4;
  p.arsenal[model::arsenal_index(model::Intervention::convene)].cost = 2.3;
  p.regisseur_seat_cost = 0.1;  // two present: 2.3 + 0.2
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
}  // namespace regiesim::regie
