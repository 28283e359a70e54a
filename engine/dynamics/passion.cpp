#include "dynamics/passion.hpp"

#include "dynamics/prefetch.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

namespace {

// How far ahead in `order` each stage of the prefetch pipeline works. The activation order is a
// random permutation of 10^6 partners, so each turn's row offsets, ties and trust sit in lines that
// are almost never cached: the loop waited on several dependent misses per partner (row_begin[i],
// then target[e] and trust[e], then the neighbours' flags and passion). Three stages, each a few
// turns apart, ask for those lines in their dependency order far enough ahead that they arrive
// before their turn: the offsets (and i's own values) kPrefetchRow turns ahead, the row's ties and
// trust kPrefetchTies ahead (its offsets already arrived), the neighbours' values
// kPrefetchNeighbours ahead (its targets already arrived). Prefetching reads nothing the
// computation uses, so every number, and their order of summation, stays as it was.
constexpr std::size_t kPrefetchNeighbours = 4;
constexpr std::size_t kPrefetchTies = 8;
constexpr std::size_t kPrefetchRow = 12;

}  // namespace

void update_passion(const network::Network& net, const model::Parameters& p,
                    const model::Flags& active, const Eigen::ArrayXd& trust, double visible,
                    const Eigen::ArrayXd& intrinsic, const std::vector<std::int32_t>& order,
                    Eigen::ArrayXd& before, Eigen::ArrayXd& passion) {
  const bool synchronous = p.activation == model::Activation::synchronous;
  if (synchronous) before = passion;  // same size: a copy, no allocation
  const Eigen::ArrayXd& seen = synchronous ? before : passion;
  model::count_ties(net.edge_count());
  const std::int64_t* row_begin = net.row_begin.data();
  const std::int32_t* target = net.target.data();
  const std::size_t turns = order.size();
  const auto until = [&](std::size_t ahead) {
    return static_cast<std::size_t>(
        prefetch_end(static_cast<std::int64_t>(turns), static_cast<std::int64_t>(ahead)));
  };
  const std::size_t rows_until = until(kPrefetchRow);
  const std::size_t ties_until = until(kPrefetchTies);
  const std::size_t neighbours_until = until(kPrefetchNeighbours);
  for (std::size_t k = 0; k < turns; ++k) {
    if (k < rows_until) {
      const auto ahead = static_cast<std::size_t>(order[k + kPrefetchRow]);
      __builtin_prefetch(row_begin + ahead);
      __builtin_prefetch(&active[static_cast<Eigen::Index>(ahead)]);
      __builtin_prefetch(&seen[static_cast<Eigen::Index>(ahead)]);
      __builtin_prefetch(&intrinsic[static_cast<Eigen::Index>(ahead)]);
    }
    if (k < ties_until) {
      const auto ahead = static_cast<std::size_t>(order[k + kPrefetchTies]);
      const std::int64_t first = row_begin[ahead];
      const std::int64_t last = row_begin[ahead + 1];
      if (last > first) {  // a row spans one or two lines of each array
        __builtin_prefetch(target + first);
        __builtin_prefetch(target + last - 1);
        __builtin_prefetch(&trust[first]);
        __builtin_prefetch(&trust[last - 1]);
      }
    }
    if (k < neighbours_until) {
      const auto ahead = static_cast<std::size_t>(order[k + kPrefetchNeighbours]);
      for (std::int64_t e = row_begin[ahead]; e < row_begin[ahead + 1]; ++e) {
        const std::int32_t j = target[e];
        __builtin_prefetch(&active[j]);
        __builtin_prefetch(&seen[j]);
      }
    }
    const std::int32_t i = order[k];
    if (active[i] == 0) continue;
    double weight = 0.0;
    double weighted = 0.0;
    for (std::int64_t e = row_begin[static_cast<std::size_t>(i)];
         e < row_begin[static_cast<std::size_t>(i) + 1]; ++e) {
      const std::int32_t j = target[e];
      if (active[j] == 0) continue;
      weight += trust[e];
      weighted += trust[e] * seen[j];
    }
    double pulled = seen[i];
    if (weight > 0.0) pulled += p.passion_contagion * (weighted / weight - seen[i]);
    passion[i] = (1.0 - p.passion_fade) * pulled + p.passion_fade * visible * intrinsic[i];
  }
}

}  // namespace regiesim::dynamics
