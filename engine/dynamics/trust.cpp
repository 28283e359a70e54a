#include "dynamics/trust.hpp"

namespace regiesim::dynamics {

void update_trust(const network::Network& net, const model::Parameters& p,
                  const model::PartnerState& partners, const model::Flags& met, sim::RunSeed seed,
                  std::int32_t step, Eigen::ArrayXd& trust) {
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    const std::int32_t i = net.source[static_cast<std::size_t>(e)];
    const std::int32_t j = net.target[static_cast<std::size_t>(e)];
    if (partners.active[i] == 0 || partners.active[j] == 0) continue;
    double& t = trust[e];
    if (met[e] != 0) {
      sim::RandomStream stream(seed, static_cast<std::uint32_t>(step), sim::Purpose::experience,
                               static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
      const bool good = stream.uniform01() < 0.5 * (1.0 + partners.commitment[j]);
      t = good ? t + p.trust_gain * (1.0 - t) : t - p.trust_loss * t;
    } else {
      t -= p.trust_decay * t;
    }
  }
}

double mean_trust_between_active(const network::Network& net, const Eigen::ArrayXd& trust,
                                 const model::Flags& active) {
  double sum = 0.0;
  std::int64_t ties = 0;
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    if (active[net.source[static_cast<std::size_t>(e)]] == 0 ||
        active[net.target[static_cast<std::size_t>(e)]] == 0)
      continue;
    sum += trust[e];
    ++ties;
  }
  return ties > 0 ? sum / static_cast<double>(ties) : 0.0;
}

double trust_given(const network::Network& net, const Eigen::ArrayXd& trust,
                   const model::Flags& active, std::int32_t i) {
  double sum = 0.0;
  std::int64_t ties = 0;
  for (std::int64_t e = net.row_begin[static_cast<std::size_t>(i)];
       e < net.row_begin[static_cast<std::size_t>(i) + 1]; ++e) {
    if (active[net.target[static_cast<std::size_t>(e)]] == 0) continue;
    sum += trust[e];
    ++ties;
  }
  return ties > 0 ? sum / static_cast<double>(ties) : 0.0;
}

}  // namespace regiesim::dynamics
