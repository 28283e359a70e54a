#pragma once
// How a sweep runs the runs of its design points: the points' networks (one for all unless the
// sweep varies the network) and, per worker thread, the scenario of the point it is running, made
// when first needed so memory stays flat in the number of points.
#include <cstdint>

#include "design/point_scenario.hpp"
#include "design/run_plan_list.hpp"
#include "design/sweep_spec.hpp"
#include "network/network.hpp"
#include "record/run_record.hpp"

namespace regiesim::cli {

// The networks of the points: one for all, unless the sweep varies the network itself; then each
// worker makes its point's network with the point's scenario. A file at record level `full` has
// one list of edges, so there every point must have the same ties: checked point by point before
// the sweep starts (a UsageError otherwise).
struct PointNetworks {
  bool varies = false;
  network::Network shared;  // point 0's: the file's, and every point's unless `varies`
};
PointNetworks make_networks(const design::SweepSpec& sweep, const design::SweepPoints& points);

// A number that tells one sweep of this process from another (a worker's cached point belongs to
// the sweep that made it).
std::uint64_t next_sweep_serial();

// Run `run` of the sweep; if the model throws, a failed record with the reason.
record::RunRecord run_one(const design::SweepSpec& sweep, const design::SweepPoints& points,
                          const PointNetworks& networks, std::uint64_t serial,
                          const design::SweepRun& run);

}  // namespace regiesim::cli
