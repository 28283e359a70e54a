#include "network/network.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/erdos_renyi_generator.hpp>
#include <boost/graph/plod_generator.hpp>
#include <boost/graph/small_world_generator.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace regiesim::network {

Network from_ties(std::int32_t partners, std::vector<std::pair<std::int32_t, std::int32_t>> ties) {
  // Both directions of every tie, bucketed by source (a counting sort, O(N + E)) and each row
  // sorted by target: rows in ascending target order, so every loop over edges visits them in one
  // fixed order (design decision 3). The same rows as sorting all directed pairs, without its log
  // E.
  for (auto [i, j] : ties)
    if (i == j || i < 0 || j < 0 || i >= partners || j >= partners)
      throw std::invalid_argument("network: a tie must join two different existing partners");
  Network net;
  net.partners = partners;
  net.row_begin.assign(static_cast<std::size_t>(partners) + 1, 0);
  for (auto [i, j] : ties) {
    ++net.row_begin[static_cast<std::size_t>(i) + 1];
    ++net.row_begin[static_cast<std::size_t>(j) + 1];
  }
  for (std::size_t i = 1; i < net.row_begin.size(); ++i) net.row_begin[i] += net.row_begin[i - 1];
  const auto edges = static_cast<std::size_t>(net.row_begin.back());
  net.target.resize(edges);
  std::vector<std::int64_t> next(net.row_begin.begin(), net.row_begin.end() - 1);
  for (auto [i, j] : ties) {
    net.target[static_cast<std::size_t>(next[static_cast<std::size_t>(i)]++)] = j;
    net.target[static_cast<std::size_t>(next[static_cast<std::size_t>(j)]++)] = i;
  }
  ties.clear();
  ties.shrink_to_fit();
  net.source.resize(edges);
  for (std::size_t i = 0; i < static_cast<std::size_t>(partners); ++i) {
    const auto first = net.target.begin() + net.row_begin[i];
    const auto last = net.target.begin() + net.row_begin[i + 1];
    std::sort(first, last);
    if (std::adjacent_find(first, last) != last)
      throw std::invalid_argument("network: duplicate tie");
    std::fill(net.source.begin() + net.row_begin[i], net.source.begin() + net.row_begin[i + 1],
              static_cast<std::int32_t>(i));
  }

  // reverse[e] for e = i->j is the position of j->i in row j. The edges are visited by ascending
  // source, so the edges into j arrive in the order of row j's ascending targets: the k-th edge
  // into j is the reverse of row j's k-th edge. A cursor per row finds it without the binary
  // search in row j, which at 10^6 partners missed the cache for every rewired tie.
  net.reverse.resize(edges);
  next.assign(net.row_begin.begin(), net.row_begin.end() - 1);
  for (std::size_t e = 0; e < edges; ++e)
    net.reverse[e] = next[static_cast<std::size_t>(net.target[e])]++;
  return net;
}

Network from_given_ties(std::int32_t partners, std::span<const GivenTie> ties) {
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  pairs.reserve(ties.size());
  for (const GivenTie& t : ties) pairs.emplace_back(std::min(t.from, t.to), std::max(t.from, t.to));
  Network net = from_ties(partners, std::move(pairs));
  bool any_trust = false;
  for (const GivenTie& t : ties) any_trust = any_trust || !std::isnan(t.trust);
  if (!any_trust) return net;
  net.given_trust.assign(static_cast<std::size_t>(net.edge_count()),
                         std::numeric_limits<double>::quiet_NaN());
  for (const GivenTie& t : ties) {
    const auto i = static_cast<std::size_t>(t.from);
    const auto first = net.target.begin() + net.row_begin[i];
    const auto last = net.target.begin() + net.row_begin[i + 1];
    const auto e =
        static_cast<std::size_t>(std::lower_bound(first, last, t.to) - net.target.begin());
    net.given_trust[e] = t.trust;
    net.given_trust[static_cast<std::size_t>(net.reverse[e])] = t.trust;
  }
  return net;
}

namespace {

using Ties = std::vector<std::pair<std::int32_t, std::int32_t>>;
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Ties as (smaller id, larger id), sorted, without self-ties or repeats.
Ties normalised(Ties ties) {
  std::erase_if(ties, [](const auto& t) { return t.first == t.second; });
  for (auto& [i, j] : ties)
    if (i > j) std::swap(i, j);
  std::sort(ties.begin(), ties.end());
  ties.erase(std::unique(ties.begin(), ties.end()), ties.end());
  return ties;
}

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

// PLOD's degree credits are beta x^-alpha for x drawn uniformly from 0..N-1, at least 1 and at
// most N - 1: the mean credit for a given beta (N times the expectation over x).
double mean_credit(const std::vector<double>& x_power, double beta, std::int32_t partners) {
  double sum = 1.0;  // x = 0 gives credit 1
  const double most = static_cast<double>(partners - 1);
  for (std::size_t x = 1; x < x_power.size(); ++x)
    sum += std::clamp(std::floor(beta * x_power[x]), 1.0, most);
  return sum / static_cast<double>(partners);
}

}  // namespace

Ties erdos_renyi_ties(std::int32_t partners, double mean_degree, std::uint64_t key) {
  // Each pair tied independently with probability mean_degree / (N - 1); Boost's sorted
  // generator skips geometrically from tie to tie, so the cost is O(N + E), not O(N^2).
  using Generator = boost::sorted_erdos_renyi_iterator<random::RandomStream, UndirectedGraph>;
  if (partners < 2) return {};
  const double p = std::min(1.0, mean_degree / static_cast<double>(partners - 1));
  random::RandomStream stream(random::RunSeed{key}, 0, random::Purpose::network_erdos_renyi, 0);
  Ties ties;
  ties.reserve(static_cast<std::size_t>(mean_degree * partners / 2 * 1.1) + 16);
  for (Generator it(stream, static_cast<std::size_t>(partners), p, /*loops=*/false), end; it != end;
       ++it)
    ties.emplace_back(static_cast<std::int32_t>(it->first), static_cast<std::int32_t>(it->second));
  return normalised(std::move(ties));
}

Ties power_law_ties(std::int32_t partners, double mean_degree, double exponent, std::uint64_t key) {
  // Boost's PLOD (Palmer and Steffan 2000): vertex i gets beta x^-alpha degree credits, x uniform
  // on 0..N-1, and random pairs of vertices with credits left are tied until none are left. Its
  // degrees follow a power law P(k) ~ k^-gamma with gamma = 1 + 1/alpha; beta is set so that the
  // mean credit is network.mean_degree (repeated pairs and self-ties are dropped, so the realised
  // mean degree is a little lower).
  using Generator = boost::plod_iterator<random::RandomStream, UndirectedGraph>;
  if (partners < 2) return {};
  const double alpha = 1.0 / (exponent - 1.0);
  std::vector<double> x_power(static_cast<std::size_t>(partners));
  for (std::size_t x = 1; x < x_power.size(); ++x)
    x_power[x] = std::pow(static_cast<double>(x), -alpha);
  double low = 0.0;
  double high = 1.0;
  while (mean_credit(x_power, high, partners) < mean_degree && high < 1e300) high *= 2;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (low + high);
    (mean_credit(x_power, mid, partners) < mean_degree ? low : high) = mid;
  }
  random::RandomStream stream(random::RunSeed{key}, 0, random::Purpose::network_power_law, 0);
  Ties ties;
  ties.reserve(static_cast<std::size_t>(mean_degree * partners / 2 * 1.1) + 16);
  for (Generator it(stream, static_cast<std::size_t>(partners), alpha, high,
                    /*allow_self_loops=*/false),
       end;
       it != end; ++it)
    ties.emplace_back(static_cast<std::int32_t>(it->first), static_cast<std::int32_t>(it->second));
  return normalised(std::move(ties));
}

Ties barabasi_albert_ties(std::int32_t partners, std::int32_t attachments, std::uint64_t key) {
  // Barabasi and Albert (1999), written here (Boost.Graph has none): the first m + 1 partners are
  // all tied to each other; every later partner t arrives with m ties to distinct earlier
  // partners, each chosen with probability proportional to its degree. Picking a uniform entry
  // of the list of tie ends does that in O(1) (Batagelj and Brandes 2005), so the cost is O(N m).
  // Partner t's picks come from its own stream (step 0, barabasi_albert, t): no draw depends on
  // how many draws another partner needed.
  const std::int32_t m = attachments;
  if (m < 1 || partners < m + 1)
    throw std::invalid_argument(
        "network: barabasi_albert needs more partners than ties per partner");
  Ties ties;
  ties.reserve(static_cast<std::size_t>(partners) * static_cast<std::size_t>(m));
  std::vector<std::int32_t> ends;  // both ends of every tie so far
  ends.reserve(2 * static_cast<std::size_t>(partners) * static_cast<std::size_t>(m));
  for (std::int32_t i = 0; i <= m; ++i)
    for (std::int32_t j = i + 1; j <= m; ++j) {
      ties.emplace_back(i, j);
      ends.push_back(i);
      ends.push_back(j);
    }
  std::vector<std::int32_t> picked;
  picked.reserve(static_cast<std::size_t>(m));
  for (std::int32_t t = m + 1; t < partners; ++t) {
    random::RandomStream stream(random::RunSeed{key}, 0, random::Purpose::network_barabasi_albert,
                                static_cast<std::uint32_t>(t));
    boost::random::uniform_int_distribution<std::size_t> pick(0, ends.size() - 1);
    picked.clear();
    while (static_cast<std::int32_t>(picked.size()) < m) {
      const std::int32_t j = ends[pick(stream)];
      if (std::find(picked.begin(), picked.end(), j) == picked.end()) picked.push_back(j);
    }
    for (const std::int32_t j : picked) {
      ties.emplace_back(j, t);
      ends.push_back(j);
      ends.push_back(t);
    }
  }
  return normalised(std::move(ties));
}

Network generate(const model::Parameters& parameters, std::int32_t partners, std::uint64_t key,
                 std::span<const GivenTie> given) {
  switch (parameters.network_kind) {
    case model::NetworkKind::complete:
      return from_ties(partners, complete_ties(partners));
    case model::NetworkKind::small_world:
      return from_ties(partners, small_world_ties(partners, parameters.network_neighbours,
                                                  parameters.network_rewiring, key));
    case model::NetworkKind::erdos_renyi:
      return from_ties(partners, erdos_renyi_ties(partners, parameters.network_mean_degree, key));
    case model::NetworkKind::power_law:
      return from_ties(partners, power_law_ties(partners, parameters.network_mean_degree,
                                                parameters.network_exponent, key));
    case model::NetworkKind::barabasi_albert:
      return from_ties(
          partners,
          barabasi_albert_ties(partners,
                               static_cast<std::int32_t>(parameters.network_mean_degree / 2), key));
    case model::NetworkKind::edge_list:
      if (given.empty())
        throw std::logic_error("network: an edge_list network needs the scenario's ties");
      return from_given_ties(partners, given);
  }
  throw std::logic_error("network: unknown kind");
}

std::int64_t expected_directed_ties(const model::Parameters& parameters, std::int64_t partners,
                                    std::int64_t given_ties) {
  const std::int64_t n = partners;
  switch (parameters.network_kind) {
    case model::NetworkKind::complete:
      return n * (n > 0 ? n - 1 : 0);
    case model::NetworkKind::small_world:
      return n * parameters.network_neighbours;
    case model::NetworkKind::erdos_renyi:
    case model::NetworkKind::power_law:
      return static_cast<std::int64_t>(
          std::ceil(static_cast<double>(n) * std::min(parameters.network_mean_degree,
                                                      static_cast<double>(n > 0 ? n - 1 : 0))));
    case model::NetworkKind::barabasi_albert: {
      const auto m = static_cast<std::int64_t>(parameters.network_mean_degree / 2);
      if (n <= m) return n * (n > 0 ? n - 1 : 0);
      return 2 * (m * (m + 1) / 2 + (n - m - 1) * m);
    }
    case model::NetworkKind::edge_list:
      return 2 * given_ties;
  }
  return 0;
}

bool per_replication(const model::Parameters& parameters) {
  const auto kind = parameters.network_kind;
  return parameters.network_per_replication != 0 && kind != model::NetworkKind::complete &&
         kind != model::NetworkKind::edge_list;
}

Network generate_for_run(const model::Parameters& parameters, std::int32_t partners,
                         random::RunSeed run_seed, std::span<const GivenTie> given) {
  return generate(parameters, partners, run_seed.value, given);
}

}  // namespace regiesim::network
