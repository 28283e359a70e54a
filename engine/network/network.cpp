#include "network/network.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/small_world_generator.hpp>
#include <stdexcept>

namespace regiesim::network {

Network from_ties(std::int32_t partners, std::vector<std::pair<std::int32_t, std::int32_t>> ties) {
  // Both directions of every tie, sorted by (source, target): rows in ascending target order, so
  // every loop over edges visits them in one fixed order (design decision 3).
  std::vector<std::pair<std::int32_t, std::int32_t>> directed;
  directed.reserve(ties.size() * 2);
  for (auto [i, j] : ties) {
    if (i == j || i < 0 || j < 0 || i >= partners || j >= partners)
      throw std::invalid_argument("network: a tie must join two different existing partners");
    directed.emplace_back(i, j);
    directed.emplace_back(j, i);
  }
  std::sort(directed.begin(), directed.end());
  if (std::adjacent_find(directed.begin(), directed.end()) != directed.end())
    throw std::invalid_argument("network: duplicate tie");

  Network net;
  net.partners = partners;
  net.row_begin.assign(static_cast<std::size_t>(partners) + 1, 0);
  net.source.reserve(directed.size());
  net.target.reserve(directed.size());
  for (auto [i, j] : directed) {
    ++net.row_begin[static_cast<std::size_t>(i) + 1];
    net.source.push_back(i);
    net.target.push_back(j);
  }
  for (std::size_t i = 1; i < net.row_begin.size(); ++i) net.row_begin[i] += net.row_begin[i - 1];

  // reverse[e] for e = i->j is the position of j->i in row j (binary search in the sorted row).
  net.reverse.resize(directed.size());
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    const auto j = static_cast<std::size_t>(net.target[static_cast<std::size_t>(e)]);
    const auto first = net.target.begin() + net.row_begin[j];
    const auto last = net.target.begin() + net.row_begin[j + 1];
    const auto it = std::lower_bound(first, last, net.source[static_cast<std::size_t>(e)]);
    net.reverse[static_cast<std::size_t>(e)] = it - net.target.begin();
  }
  return net;
}

namespace {

std::vector<std::pair<std::int32_t, std::int32_t>> complete_ties(std::int32_t partners) {
  std::vector<std::pair<std::int32_t, std::int32_t>> ties;
  ties.reserve(static_cast<std::size_t>(partners) * static_cast<std::size_t>(partners - 1) / 2);
  for (std::int32_t i = 0; i < partners; ++i)
    for (std::int32_t j = i + 1; j < partners; ++j) ties.emplace_back(i, j);
  return ties;
}

// Watts-Strogatz through Boost.Graph's generator, fed by the counter-based stream so the graph
// is the same on every platform. Rewiring can produce a tie twice or a tie onto itself; those are
// dropped (the generator's own documented behaviour allows both).
std::vector<std::pair<std::int32_t, std::int32_t>> small_world_ties(std::int32_t partners,
                                                                    std::int64_t neighbours,
                                                                    double rewiring,
                                                                    std::uint64_t key) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  using Generator = boost::small_world_iterator<random::RandomStream, Graph>;
  random::RandomStream stream(random::RunSeed{key}, 0, random::Purpose::network, 0);
  std::vector<std::pair<std::int32_t, std::int32_t>> ties;
  for (Generator it(stream, static_cast<std::size_t>(partners),
                    static_cast<std::size_t>(neighbours), rewiring, /*allow_self_loops=*/false),
       end;
       it != end; ++it) {
    auto [a, b] = *it;
    if (a == b) continue;
    auto i = static_cast<std::int32_t>(std::min(a, b));
    auto j = static_cast<std::int32_t>(std::max(a, b));
    ties.emplace_back(i, j);
  }
  std::sort(ties.begin(), ties.end());
  ties.erase(std::unique(ties.begin(), ties.end()), ties.end());
  return ties;
}

}  // namespace

Network generate(const model::Parameters& parameters, std::int32_t partners, std::uint64_t key) {
  switch (parameters.network_kind) {
    case model::NetworkKind::complete:
      return from_ties(partners, complete_ties(partners));
    case model::NetworkKind::small_world:
      return from_ties(partners, small_world_ties(partners, parameters.network_neighbours,
                                                  parameters.network_rewiring, key));
  }
  throw std::logic_error("network: unknown kind");
}

bool per_replication(const model::Parameters& parameters) {
  return parameters.network_per_replication != 0 &&
         parameters.network_kind == model::NetworkKind::small_world;
}

Network generate_for_run(const model::Parameters& parameters, std::int32_t partners,
                         random::RunSeed run_seed) {
  return generate(parameters, partners, run_seed.value);
}

}  // namespace regiesim::network
