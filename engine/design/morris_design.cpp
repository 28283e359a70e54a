#include "design/morris_design.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "random/random_stream.hpp"

namespace regiesim::design {

void add_morris_points(std::int64_t trajectories, std::int64_t levels, std::uint64_t seed,
                       Design& design) {
  if (trajectories < 1 || levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("add_morris_points: trajectories >= 1 and even levels >= 2");
  const auto k = static_cast<std::size_t>(design.dimensions);
  const random::RunSeed key{seed};
  // Positions on the grid as level numbers 0..p-1; Delta is p/2 levels. A factor starts low (at
  // a level from 0 to p/2 - 1) and moves up, or starts high and moves down, with equal
  // probability: every level is then equally likely at every point (Morris 1991, p = even).
  const std::int64_t jump = levels / 2;
  const double last_level = static_cast<double>(levels - 1);
  std::vector<std::int64_t> position(k);
  std::vector<std::int64_t> direction(k);
  std::vector<std::uint32_t> order(k);
  std::vector<double> coordinates(k);
  const auto place = [&] {
    for (std::size_t f = 0; f < k; ++f)
      coordinates[f] = static_cast<double>(position[f]) / last_level;
  };
  for (std::int64_t t = 0; t < trajectories; ++t) {
    const auto subject = static_cast<std::uint32_t>(t);
    for (std::size_t f = 0; f < k; ++f) {
      random::RandomStream start(key, 0, random::Purpose::sweep_morris_start, subject,
                                 static_cast<std::uint32_t>(f));
      boost::random::uniform_int_distribution<std::int64_t> low_level(0, jump - 1);
      boost::random::uniform_int_distribution<int> up(0, 1);
      const std::int64_t low = low_level(start);
      direction[f] = up(start) == 1 ? 1 : -1;
      position[f] = direction[f] > 0 ? low : low + jump;
    }
    std::iota(order.begin(), order.end(), 0u);
    random::RandomStream shuffle(key, 0, random::Purpose::sweep_morris_order, subject);
    for (std::size_t i = k; i > 1; --i) {
      boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
      std::swap(order[i - 1], order[pick(shuffle)]);
    }
    place();
    design.add(PointRole::morris, kNoColumn, t, 0, coordinates);
    for (std::size_t s = 0; s < k; ++s) {
      const std::uint32_t f = order[s];
      position[f] += direction[f] * jump;
      place();
      design.add(PointRole::morris, static_cast<std::int32_t>(f), t,
                 static_cast<std::int32_t>(s + 1), coordinates);
    }
  }
}

}  // namespace regiesim::design
