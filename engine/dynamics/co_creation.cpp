#include "dynamics/co_creation.hpp"

#include <algorithm>

namespace regiesim::dynamics {

double co_create(const model::Parameters& p, const model::PartnerState& partners, double mean_trust,
                 double& realisation) {
  const Eigen::Index n = partners.capabilities.rows();
  double weakest = 1.0;
  for (Eigen::Index k = 0; k < partners.capabilities.cols(); ++k) {
    double coverage = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (partners.active[i] != 0) coverage += partners.commitment[i] * partners.capabilities(i, k);
    weakest = std::min(weakest, coverage / (coverage + p.opgave_saturation));
  }
  const double synergy =
      (1.0 + p.opgave_trust_synergy * mean_trust) / (1.0 + p.opgave_trust_synergy);
  const double gain = p.opgave_progress_rate * (1.0 - realisation) * weakest * synergy;
  realisation += gain;
  return gain;
}

double visible_progress(const model::Parameters& p, double gain, double remaining) {
  if (remaining <= 0.0) return 1.0;  // nothing left to do: the result is there to see
  return std::min(1.0, gain / (remaining * p.opgave_visible_progress));
}

}  // namespace regiesim::dynamics
