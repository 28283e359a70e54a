#include "sim/activation.hpp"

#include <array>
#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <utility>

#include "dynamics/prefetch.hpp"

namespace regiesim::sim {

void draw_activation_order(model::Activation activation, RunSeed seed, std::int32_t step,
                           std::vector<std::int32_t>& order) {
  std::iota(order.begin(), order.end(), 0);
  if (activation != model::Activation::random_sequential || order.size() < 2) return;
  RandomStream stream(seed, static_cast<std::uint32_t>(step), Purpose::activation, 0);
  // Fisher-Yates swaps order[i] with order[pick_i], a random one of 10^6 positions: a cache miss
  // each. The picks depend on the stream and i only, not on the swaps, so they are drawn
  // kPicksAhead positions early, in the same order (i descending, one draw after the other), and
  // the position each names is prefetched then; the swaps themselves are as before.
  const auto draw = [&stream](std::size_t i) __attribute__((always_inline)) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i);
    return pick(stream);
  };
  const std::size_t last = order.size() - 1;
  if (static_cast<std::int64_t>(order.size()) < dynamics::kPrefetchFrom) {  // in cache: no misses
    for (std::size_t i = last; i > 0; --i) std::swap(order[i], order[draw(i)]);
    return;
  }
  constexpr std::size_t kPicksAhead = 16;
  std::array<std::size_t, kPicksAhead> picks{};  // the pick for position i at i % kPicksAhead
  for (std::size_t i = last; i > 0 && last - i < kPicksAhead; --i) {
    picks[i % kPicksAhead] = draw(i);
    __builtin_prefetch(&order[picks[i % kPicksAhead]], 1);
  }
  for (std::size_t i = last; i > 0; --i) {
    const std::size_t picked = picks[i % kPicksAhead];
    if (i > kPicksAhead) {  // the draw for position i - kPicksAhead, into the slot just read
      const std::size_t early = draw(i - kPicksAhead);
      picks[i % kPicksAhead] = early;
      __builtin_prefetch(&order[early], 1);
    }
    std::swap(order[i], order[picked]);
  }
}

}  // namespace regiesim::sim
