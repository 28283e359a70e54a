#include "dynamics/passion.hpp"

#include "model/work.hpp"

namespace regiesim::dynamics {

void update_passion(const network::Network& net, const model::Parameters& p,
                    const model::Flags& active, const Eigen::ArrayXd& trust, double visible,
                    const Eigen::ArrayXd& intrinsic, const std::vector<std::int32_t>& order,
                    Eigen::ArrayXd& before, Eigen::ArrayXd& passion) {
  const bool synchronous = p.activation == model::Activation::synchronous;
  if (synchronous) before = passion;  // same size: a copy, no allocation
  const Eigen::ArrayXd& seen = synchronous ? before : passion;
  model::count_ties(net.edge_count());
  for (const std::int32_t i : order) {
    if (active[i] == 0) continue;
    double weight = 0.0;
    double weighted = 0.0;
    for (std::int64_t e = net.row_begin[static_cast<std::size_t>(i)];
         e < net.row_begin[static_cast<std::size_t>(i) + 1]; ++e) {
      const std::int32_t j = net.target[static_cast<std::size_t>(e)];
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
