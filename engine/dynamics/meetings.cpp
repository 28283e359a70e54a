#include "dynamics/meetings.hpp"

#include "dynamics/derived.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

std::int64_t form_meetings(const network::Network& net, const model::Parameters& p,
                           const model::Flags& active, random::RunSeed seed, std::int32_t step,
                           model::Meetings& meetings, model::Flags& met) {
  met.setZero();
  std::int64_t ties_met = 0;
  for (const auto& m : meetings.list) {
    model::count_pairs(static_cast<std::int64_t>(m.size) * (m.size - 1) / 2);
    for (std::int32_t a = 0; a < m.size; ++a)
      for (std::int32_t b = a + 1; b < m.size; ++b) {
        const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
        const std::int32_t j = meetings.participants[static_cast<std::size_t>(m.first + b)];
        const std::int64_t e = find_edge(net, i, j);
        if (e < 0 || met[e] != 0) continue;
        met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = 1;
        ++ties_met;
      }
  }
  model::count_ties(net.edge_count());
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    const std::int32_t i = net.source[static_cast<std::size_t>(e)];
    const std::int32_t j = net.target[static_cast<std::size_t>(e)];
    // A tie is decided on its i < j edge. A tie that already met in a convened meeting needs no
    // draw: each tie's draw has a counter of its own, so skipping it changes no other number.
    if (i > j || met[e] != 0 || active[i] == 0 || active[j] == 0) continue;
    random::RandomStream stream(seed, static_cast<std::uint32_t>(step), random::Purpose::meeting,
                                static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
    if (stream.uniform01() >= p.meetings_probability) continue;
    met[e] = met[net.reverse[static_cast<std::size_t>(e)]] = 1;
    ++ties_met;
    const auto first = static_cast<std::int32_t>(meetings.participants.size());
    meetings.participants.push_back(i);
    meetings.participants.push_back(j);
    meetings.list.push_back({.first = first,
                             .size = 2,
                             .key_a = static_cast<std::uint32_t>(i),
                             .key_b = static_cast<std::uint32_t>(j),
                             .convened = false});
  }
  return ties_met;
}

}  // namespace regiesim::dynamics
