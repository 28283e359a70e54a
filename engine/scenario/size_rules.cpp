// Sizes a run must be able to hold (in memory and in one HDF5 file) before it starts: the
// network's ties and the values one run records (design decision 1), so that a typo in a scenario
// is a message at validation, not an allocation failure a day later.
#include <fmt/format.h>

#include <cmath>

#include "network/network.hpp"
#include "record/metrics.hpp"
#include "scenario/loader.hpp"

namespace regiesim::scenario::detail {

using model::ParameterDecl;

std::int64_t Loader::check_network() const {
  const auto& p = spec_.parameters;
  const auto n = static_cast<std::int64_t>(spec_.partners.size());

  std::int64_t ties = n * (n - 1);
  if (p.network_kind == model::NetworkKind::small_world) {
    const Place place = place_for({"network.neighbours", "network.kind"});
    // The ring lattice puts half of a partner's ties on each side.
    if (p.network_neighbours % 2 != 0)
      fail(place, fmt::format("network.neighbours must be even for a small_world network (half "
                              "the ties on each side of the ring), got {}",
                              p.network_neighbours));
    if (p.network_neighbours >= n)
      fail(place, fmt::format("network.neighbours must be less than the number of partners ({}) "
                              "for a small_world network, got {}",
                              n, p.network_neighbours));
    ties = n * p.network_neighbours;
    if (ties > kMaxDirectedTies)
      fail(place, fmt::format("the network would have {} directed ties ({} partners x "
                              "network.neighbours = {}); at most {} fit: lower "
                              "network.neighbours or use fewer partners",
                              ties, n, p.network_neighbours, kMaxDirectedTies));
  } else if (p.network_kind == model::NetworkKind::erdos_renyi ||
             p.network_kind == model::NetworkKind::power_law ||
             p.network_kind == model::NetworkKind::barabasi_albert) {
    const Place place = place_for({"network.mean_degree", "network.kind"});
    if (p.network_mean_degree >= static_cast<double>(n - 1))
      fail(place, fmt::format("network.mean_degree must be less than the number of partners less "
                              "one ({}) for a {} network, got {}",
                              n - 1,
                              p.network_kind == model::NetworkKind::erdos_renyi ? "erdos_renyi"
                              : p.network_kind == model::NetworkKind::power_law ? "power_law"
                                                                                : "barabasi_albert",
                              p.network_mean_degree));
    if (p.network_kind == model::NetworkKind::barabasi_albert &&
        (p.network_mean_degree != std::floor(p.network_mean_degree) ||
         static_cast<std::int64_t>(p.network_mean_degree) % 2 != 0))
      fail(place, fmt::format("network.mean_degree must be an even whole number for a "
                              "barabasi_albert network (each arriving partner brings half of it "
                              "as ties), got {}",
                              p.network_mean_degree));
    ties = network::expected_directed_ties(p, n, 0);
    if (ties > kMaxDirectedTies)
      fail(place, fmt::format("the network would have about {} directed ties ({} partners x "
                              "network.mean_degree = {}); at most {} fit: lower "
                              "network.mean_degree or use fewer partners",
                              ties, n, p.network_mean_degree, kMaxDirectedTies));
  } else if (p.network_kind == model::NetworkKind::edge_list) {
    ties =
        network::expected_directed_ties(p, n, static_cast<std::int64_t>(spec_.network_ties.size()));
  } else if (ties > kMaxDirectedTies) {
    fail(place_for({"network.kind", "partners." + spec_.partners[0].name}),
         fmt::format("a complete network of {} partners has {} directed ties; at most {} fit: use "
                     "network.kind = \"small_world\" or fewer partners",
                     n, ties, kMaxDirectedTies));
  }

  // /trust at level `full` has one edge coordinate per file (docs/output.md), which a network
  // drawn per replication would break: refused rather than recorded per run (design decision 20).
  if (p.network_per_replication != 0 && p.record_level >= model::RecordLevel::full)
    fail(place_for({"network.per_replication", "record.level"}),
         "network.per_replication = true draws other ties for every replication, but "
         "record.level = \"full\" records trust on one list of ties per file: choose "
         "record.level = \"agents\" or below, or network.per_replication = false");
  return ties;
}

void Loader::check_recorded_size(std::int64_t ties) const {
  const auto& p = spec_.parameters;
  const auto n = static_cast<std::int64_t>(spec_.partners.size());
  // Values one run records (design decision 1); ties are bounded above, so none of this overflows.
  std::int64_t recorded = 0;
  if (p.record_level >= model::RecordLevel::series)
    recorded += (p.steps + 1) * record::kMetricCount;
  const std::int64_t samples = p.steps / p.record_agent_interval + 2;
  if (p.record_level >= model::RecordLevel::agents)
    recorded += samples * n * record::kAgentVariableCount;
  if (p.record_level >= model::RecordLevel::full) recorded += samples * ties;
  if (recorded > kMaxRecordedValues) {
    const ParameterDecl* level = model::find_parameter("record.level");
    fail(place_for({"record.level", "record.agent_interval", "run.steps"}),
         fmt::format("a run would record {} values at record.level = \"{}\" (at most {} = 2^27): "
                     "raise record.agent_interval, lower run.steps or choose a lower record.level",
                     recorded, model::choice_name(*level, static_cast<int>(p.record_level)),
                     kMaxRecordedValues));
  }
}

}  // namespace regiesim::scenario::detail
