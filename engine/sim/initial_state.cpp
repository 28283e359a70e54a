#include "sim/initial_state.hpp"

namespace regiesim::sim {

model::State initial_state(const scenario::ScenarioSpec& spec, const network::Network& net) {
  const Eigen::Index n = spec.partner_count();
  const Eigen::Index k = spec.dimensions();
  model::State s;
  auto& partners = s.partners;
  partners.passion.resize(n);
  partners.commitment.resize(n);
  partners.urgency.resize(n);
  partners.capabilities.resize(n, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& spec_i = spec.partners[static_cast<std::size_t>(i)];
    partners.passion[i] = spec_i.passion;
    partners.commitment[i] = spec_i.commitment;
    partners.urgency[i] = spec_i.urgency;
    for (Eigen::Index d = 0; d < k; ++d)
      partners.capabilities(i, d) = spec_i.capabilities[static_cast<std::size_t>(d)];
  }
  partners.active = model::Flags::Ones(n);
  partners.weeks_low = Eigen::ArrayXi::Zero(n);
  s.trust = Eigen::ArrayXd::Constant(net.edge_count(), spec.parameters.trust_initial);
  s.met = model::Flags::Zero(net.edge_count());
  s.realisation = 0.0;
  s.passion_before.resize(n);
  s.order.resize(static_cast<std::size_t>(n));
  return s;
}

}  // namespace regiesim::sim
