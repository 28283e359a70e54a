#include "sim/activation.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <utility>

namespace regiesim::sim {

void draw_activation_order(model::Activation activation, RunSeed seed, std::int32_t step,
                           std::vector<std::int32_t>& order) {
  std::iota(order.begin(), order.end(), 0);
  if (activation != model::Activation::random_sequential || order.size() < 2) return;
  RandomStream stream(seed, static_cast<std::uint32_t>(step), Purpose::activation, 0);
  for (std::size_t i = order.size() - 1; i > 0; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i);
    std::swap(order[i], order[pick(stream)]);
  }
}

}  // namespace regiesim::sim
