#include "design/run_plan_list.hpp"

#include <gtest/gtest.h>

#include <set>

namespace regiesim::design {
namespace {

TEST(RunPlanList, NumbersRunsByPointArmAndReplicationAlone) {
  const RunPlanList runs({.points = 5, .arms = 2, .replication_stride = 3}, 77);
  ASSERT_EQ(runs.size(), 30);
  std::int64_t id = 0;
  for (std::int64_t point = 0; point < 5; ++point)
    for (std::int32_t arm = 0; arm < 2; ++arm)
      for (std::int64_t r = 0; r < 3; ++r, ++id) {
        const SweepRun run = runs[id];
        EXPECT_EQ(run.id, id);
        EXPECT_EQ(run.point, point);
        EXPECT_EQ(run.arm, arm);
        EXPECT_EQ(run.replication, r);
        EXPECT_EQ(runs.run(point, arm, r).id, id);
      }
}

TEST(RunPlanList, GivesEveryPointAndArmTheSameSeedPerReplication) {
  // Common random numbers (design decision 2): the seed depends on the master seed and the
  // replication.
  const RunPlanList runs({.points = 4, .arms = 2, .replication_stride = 5}, 20261122);
  std::set<std::uint64_t> seeds;
  for (std::int64_t id = 0; id < runs.size(); ++id) {
    const SweepRun run = runs[id];
    EXPECT_EQ(run.seed,
              random::derive_run_seed(20261122, static_cast<std::uint64_t>(run.replication)));
    seeds.insert(run.seed.value);
  }
  EXPECT_EQ(seeds.size(), 5u);
}

TEST(RunPlanList, RefusesIdsOutsideTheNumbering) {
  const RunPlanList runs({.points = 2, .arms = 1, .replication_stride = 2}, 1);
  EXPECT_THROW(runs[4], std::out_of_range);
  EXPECT_THROW(runs.run(0, 0, 2), std::out_of_range);
}

}  // namespace
}  // namespace regiesim::design
