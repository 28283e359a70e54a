#include "dynamics/goal.hpp"

#include <algorithm>
#include <cmath>

#include "dynamics/pair_sums.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

double agreement_clarity(const model::Parameters& p, double concreteness) {
  // C3: everyone can agree on an abstract ambition; consent needs a shared understanding in
  // proportion to what the goal pins down (abstract_consent 0: agreed_clarity whatever C).
  return p.opgave_agreed_clarity * (1.0 - p.opgave_abstract_consent * (1.0 - concreteness));
}

void check_agreed(const model::Parameters& p, std::int32_t step, model::OpgaveState& opgave) {
  if (opgave.clarity >= agreement_clarity(p, opgave.concreteness) &&
      opgave.agreed_week == static_cast<std::int32_t>(p.steps) + 1)
    opgave.agreed_week = step;
}

void co_create_goal(const model::Parameters& p, std::span<const std::int32_t> members, double a,
                    std::int32_t step, model::PartnerState& partners, model::OpgaveState& opgave) {
  if (members.empty()) return;
  const Eigen::Index k = opgave.goal.size();
  double voice_total = 0.0;
  for (const std::int32_t i : members)
    voice_total += p.ownership_voice_floor + partners.interests_known[i];
  const auto size = static_cast<double>(members.size());
  auto voice = [&](std::int32_t i) {
    return voice_total > 0.0 ? (p.ownership_voice_floor + partners.interests_known[i]) / voice_total
                             : 1.0 / size;
  };
  // C2 (seed 003, condition 2: the better the partners' interests are known, the better they can
  // be taken into account): a voice pulls toward the partner's preferred goal by the known share of
  // its interests, heard = 1 - lambda_K (1 - kappa_i); the unknown share keeps the current goal.
  // The target stays a convex combination of the preferred goals and the current goal; at
  // lambda_K = 0 every share is heard and the target is today's sum of pi_i gstar_ik exactly.
  auto heard = [&](std::int32_t i) {
    return 1.0 - p.ownership_voice_known * (1.0 - partners.interests_known[i]);
  };
  for (Eigen::Index d = 0; d < k; ++d) {
    const double current = opgave.goal[d];
    double preferred = 0.0;
    for (const std::int32_t i : members) {
      const double h = heard(i);
      preferred += voice(i) * (h * std::max(0.0, partners.interests(i, d)) + (1.0 - h) * current);
    }
    opgave.goal[d] += a * (preferred - opgave.goal[d]);
  }
  // The mean of |x_i - x_j| over pairs, from the members sorted by x (not every pair).
  const double pairs =
      static_cast<double>(members.size()) * static_cast<double>(members.size() - 1) / 2.0;
  const double mean_spread =
      pairs > 0.0 ? pair_distance_sum(members, partners.perspective) / pairs : 0.0;
  // C3: a concrete goal cannot be agreed while perspectives are further apart than the bound.
  const double agreeable =
      1.0 - std::min(1.0, opgave.concreteness * mean_spread / opgave.confidence);
  opgave.clarity += a * agreeable * (1.0 - opgave.clarity);
  for (const std::int32_t i : members) partners.influence[i] += a * voice(i);
  check_agreed(p, step, opgave);
}

void goal_in_meetings(const model::Parameters& p, std::int32_t step,
                      const model::Meetings& meetings, model::PartnerState& partners,
                      model::OpgaveState& opgave) {
  for (const auto& m : meetings.list) {
    if (!m.convened || m.negotiate || m.debate) continue;
    co_create_goal(p,
                   std::span<const std::int32_t>(meetings.participants.data() + m.first,
                                                 static_cast<std::size_t>(m.size)),
                   p.opgave_meeting_clarification, step, partners, opgave);
  }
}

}  // namespace regiesim::dynamics
