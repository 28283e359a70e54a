#include "dynamics/perspectives.hpp"

#include <span>

#include "dynamics/pair_sums.hpp"
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
    add_within_confidence(std::span<const std::int32_t>(meetings.participants.data() + m.first,
                                                        static_cast<std::size_t>(m.size)),
                          x, confidence, sum, count);
  }
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (count[i] > 0.0)
      partners.perspective[i] += p.perspectives_convergence * (sum[i] / count[i] - x[i]);
  for (const auto& m : meetings.list)
    if (m.debate)
      confidence -= p.perspectives_debate_narrowing * (confidence - p.perspectives_confidence_min);
}

}  // namespace regiesim::dynamics
