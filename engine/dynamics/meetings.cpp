#include "dynamics/meetings.hpp"

namespace regiesim::dynamics {

std::int64_t meet(const network::Network& net, const model::Parameters& p,
                  const model::Flags& active, bool plenary, sim::RunSeed seed, std::int32_t step,
                  model::Flags& met) {
  std::int64_t meetings = 0;
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    const std::int32_t i = net.source[static_cast<std::size_t>(e)];
    const std::int32_t j = net.target[static_cast<std::size_t>(e)];
    if (i > j) continue;  // the tie is decided once, on its i < j edge
    bool meets = active[i] != 0 && active[j] != 0;
    if (meets && !plenary) {
      sim::RandomStream stream(seed, static_cast<std::uint32_t>(step), sim::Purpose::meeting,
                               static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
      meets = stream.uniform01() < p.meetings_probability;
    }
    met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = meets ? 1 : 0;
    meetings += meets ? 1 : 0;
  }
  return meetings;
}

}  // namespace regiesim::dynamics
