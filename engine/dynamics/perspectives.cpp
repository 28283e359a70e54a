#include "dynamics/perspectives.hpp"

#include <cmath>

#include "model/work.hpp"

namespace regiesim::dynamics {

void update_perspectives(const model::Parameters& p, const model::Meetings& meetings,
                         Eigen::ArrayXd& sum, Eigen::ArrayXd& count, model::PartnerState& partners,
                         double& confidence) {
  sum.setZero();
  count.setZero();
  model::count_partners(sum.size());
  const auto& x = partners.perspective;
  for (const auto& m : meetings.list) {
    if (m.negotiate || m.debate) continue;
    model::count_pairs(static_cast<std::int64_t>(m.size) * (m.size - 1) / 2);
    for (std::int32_t a = 0; a < m.size; ++a)
      for (std::int32_t b = a + 1; b < m.size; ++b) {
        const std::int32_t i = meetings.participants[static_cast<std::size_t>(m.first + a)];
        const std::int32_t j = meetings.participants[static_cast<std::size_t>(m.first + b)];
        if (std::abs(x[i] - x[j]) >= confidence) continue;
        sum[i] += x[j];
        count[i] += 1.0;
        sum[j] += x[i];
        count[j] += 1.0;
      }
  }
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (count[i] > 0.0)
      partners.perspective[i] += p.perspectives_convergence * (sum[i] / count[i] - x[i]);
  for (const auto& m : meetings.list)
    if (m.debate)
      confidence -= p.perspectives_debate_narrowing * (confidence - p.perspectives_confidence_min);
}

}  // namespace regiesim::dynamics
