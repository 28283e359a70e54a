#include "cli/sweep_point_runs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "cli/command.hpp"
#include "scenario/scenario_spec.hpp"
#include "sim/run.hpp"
#include "sweep/guarded_run.hpp"

namespace regiesim::cli {

namespace {

network::Network make_network(const design::SweepSpec& sweep, const scenario::ScenarioSpec& s) {
  return network::generate(s.parameters, s.partner_count(), sweep.seed, s.network_ties);
}

// What a worker thread needs to run a point: its scenario (and network, if the sweep varies it),
// made when the worker first gets a run of that point and kept while its runs stay there, so a
// sweep holds a few points' scenarios at a time however many points it has (issue 16).
struct PointModel {
  std::uint64_t sweep = 0;  // which sweep of this process made it
  std::int64_t point = -1;
  scenario::ScenarioSpec spec;
  network::Network network;
};
thread_local PointModel t_point_model;
std::atomic<std::uint64_t> g_sweep_serial{0};

}  // namespace

std::uint64_t next_sweep_serial() {
  return ++g_sweep_serial;
}

// A run; if the model throws, a failed record with the reason (sweep/guarded_run.hpp).
record::RunRecord run_one(const design::SweepSpec& sweep, const design::SweepPoints& points,
                          const PointNetworks& networks, std::uint64_t serial,
                          const design::SweepRun& run) {
  PointModel& m = t_point_model;
  if (m.sweep != serial || m.point != run.point) {
    m.point = -1;  // stays unset if making the point throws
    m.spec = points.scenario(run.point);
    if (networks.varies) m.network = make_network(sweep, m.spec);
    m.sweep = serial;
    m.point = run.point;
  }
  const network::Network& net = networks.varies ? m.network : networks.shared;
  return sweep::guarded_run(run, static_cast<std::int32_t>(m.spec.parameters.steps), [&] {
    const sim::RunPlan plan{run.id, run.point, run.arm, run.replication, run.seed};
    // A network or population drawn per replication: replication r's own, keyed by its run
    // seed, which every point and arm of r shares (ODD section 9, gap 1).
    return sim::run_drawn_replication(m.spec, net, plan);
  });
}

PointNetworks make_networks(const design::SweepSpec& sweep, const design::SweepPoints& points) {
  PointNetworks out;
  out.varies = std::any_of(sweep.parameters.begin(), sweep.parameters.end(),
                           [](const auto& p) { return p.path.starts_with("network."); });
  const scenario::ScenarioSpec first = points.scenario(0);
  out.shared = make_network(sweep, first);
  if (out.varies && first.parameters.record_level >= model::RecordLevel::full)
    for (std::int64_t p = 1; p < points.size(); ++p) {
      const network::Network other = make_network(sweep, points.scenario(p));
      if (other.source != out.shared.source || other.target != out.shared.target)
        throw UsageError(fmt::format(
            "{}: design point {} has other ties than point 0; a file at record level `full` "
            "holds one list of ties, so sweep network.* at level `agents` or below",
            sweep.source_label, p));
    }
  return out;
}

}  // namespace regiesim::cli
