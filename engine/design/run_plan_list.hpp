#pragma once
// The runs of a file (design decision 1 and 2): each run's id is a pure function of (point, arm,
// replication), never of the order runs finish in, and its seed is derive_run_seed(master,
// replication), the same at every point and arm (common random numbers), so differences between
// points come from what differs, not from noise.
#include <cstdint>

#include "random/random_stream.hpp"

namespace regiesim::design {

struct SweepRun {
  std::int64_t id = 0;
  std::int64_t point = 0;
  std::int32_t arm = 0;
  std::int64_t replication = 0;
  random::RunSeed seed;
};

// The numbering of a file's runs: id = (point x arms + arm) x replication_stride + replication.
// The stride is the most replications a point may get (the sweep's replications, or --precision's
// cap), so ids are dense without --precision and keep their places with it.
struct RunNumbering {
  std::int64_t points = 1;
  std::int64_t arms = 1;
  std::int64_t replication_stride = 1;

  std::int64_t id(std::int64_t point, std::int32_t arm, std::int64_t replication) const;
  std::int64_t count() const { return points * arms * replication_stride; }
};

// Every run of `numbering` in id order, computed on demand: a list of 10^7 runs costs nothing.
// A run's scenario is its point's, point_scenario(sweep, design, run.point) (point_scenario.hpp),
// built once per point by whoever executes the runs.
class RunPlanList {
 public:
  RunPlanList(RunNumbering numbering, std::uint64_t master_seed)
      : numbering_(numbering), master_seed_(master_seed) {}

  std::int64_t size() const { return numbering_.count(); }
  // The run with id `id` (0 <= id < size()).
  SweepRun operator[](std::int64_t id) const;
  // The run of (point, arm, replication), for blocks added by --precision.
  SweepRun run(std::int64_t point, std::int32_t arm, std::int64_t replication) const;

 private:
  RunNumbering numbering_;
  std::uint64_t master_seed_;
};

}  // namespace regiesim::design
