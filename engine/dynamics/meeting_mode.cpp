#include "dynamics/meeting_mode.hpp"

#include <algorithm>
#include <cmath>

#include "dynamics/derived.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

double interest_divergence(const model::PartnerState& partners, const Eigen::ArrayXd& served,
                           const model::Meetings& meetings, const model::Meeting& m) {
  const Eigen::Index k = partners.interests.cols();
  double pairs = 0.0;
  double sum = 0.0;
  double salience = 0.0;
  model::count_pairs(static_cast<std::int64_t>(m.size) * (m.size - 1) / 2);
  for (std::int32_t a = 0; a < m.size; ++a) {
    const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
    salience += partners.salience[i];
    const double rho_i = 1.0 - partners.interests_known[i] * served[i];
    for (std::int32_t b = a + 1; b < m.size; ++b) {
      const std::int32_t j = meetings.participants[static_cast<std::size_t>(m.first + b)];
      double d = 0.0;
      for (Eigen::Index dim = 0; dim < k; ++dim)
        d += std::abs(partners.interests(i, dim) - partners.interests(j, dim));
      d /= 2.0 * static_cast<double>(k);
      const double rho_j = 1.0 - partners.interests_known[j] * served[j];
      sum += d * 0.5 * (rho_i + rho_j);
      pairs += 1.0;
    }
  }
  if (pairs == 0.0) return 0.0;
  const double mean_salience = salience / static_cast<double>(m.size);
  return (sum / pairs) * (1.0 + mean_salience) / 2.0;
}

void decide_modes(const model::Parameters& p, const model::PartnerState& partners,
                  const model::OpgaveState& opgave, random::RunSeed seed, std::int32_t step,
                  Eigen::ArrayXd& served, model::Meetings& meetings) {
  for (Eigen::Index i = 0; i < served.size(); ++i)
    served[i] = interests_served(opgave.goal, partners.interests, i);
  for (auto& m : meetings.list) {
    const double divergence = interest_divergence(partners, served, meetings, m);
    double focus = 0.0;
    double low = 1.0;
    double high = 0.0;
    for (std::int32_t a = 0; a < m.size; ++a) {
      const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
      focus += partners.focus[i];
      low = std::min(low, partners.perspective[i]);
      high = std::max(high, partners.perspective[i]);
    }
    focus /= static_cast<double>(m.size);
    const double negotiate =
        1.0 / (1.0 + std::exp(-p.meetings_switch_steepness * (divergence - focus)));
    random::RandomStream mode(seed, static_cast<std::uint32_t>(step), random::Purpose::meeting_mode,
                              m.key_a, m.key_b);
    m.negotiate = mode.uniform01() < negotiate;
    m.debate = false;
    if (!m.negotiate && high - low > opgave.confidence) {
      random::RandomStream debate(seed, static_cast<std::uint32_t>(step), random::Purpose::debate,
                                  m.key_a, m.key_b);
      m.debate =
          debate.uniform01() < p.perspectives_debate_propensity * (1.0 - opgave.acknowledgement);
    }
  }
}

}  // namespace regiesim::dynamics
