#include "dynamics/meeting_mode.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "dynamics/derived.hpp"
#include "dynamics/pair_sums.hpp"
#include "dynamics/prefetch.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

double interest_divergence(const model::PartnerState& partners, const Eigen::ArrayXd& served,
                           const model::Meetings& meetings, const model::Meeting& m) {
  if (m.size < 2) return 0.0;
  const std::span<const std::int32_t> members(meetings.participants.data() + m.first,
                                              static_cast<std::size_t>(m.size));
  const Eigen::Index k = partners.interests.cols();
  double salience = 0.0;
  for (const std::int32_t i : members) salience += partners.salience[i];
  // sum over pairs of d_ij (rho_i + rho_j) / 2 = (1 / 4K) sum over k of
  // sum over pairs of |theta_ik - theta_jk| (rho_i + rho_j): one sort per dimension, not every
  // pair.
  auto rho = [&](std::int32_t i) { return 1.0 - partners.interests_known[i] * served[i]; };
  double total = 0.0;
  for (Eigen::Index dim = 0; dim < k; ++dim)
    total += weighted_pair_distance_sum(
        members, [&](std::int32_t i) { return partners.interests(i, dim); }, rho);
  const double pairs = static_cast<double>(m.size) * static_cast<double>(m.size - 1) / 2.0;
  const double mean_salience = salience / static_cast<double>(m.size);
  return (total / (4.0 * static_cast<double>(k) * pairs)) * (1.0 + mean_salience) / 2.0;
}

namespace {

// One meeting's mode and debate: writes only m's flags.
void decide_mode(const model::Parameters& p, const model::PartnerState& partners,
                 const model::OpgaveState& opgave, random::RunSeed seed, std::int32_t step,
                 const Eigen::ArrayXd& served, const model::Meetings& meetings, model::Meeting& m) {
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

}  // namespace

void decide_modes(const model::Parameters& p, const model::PartnerState& partners,
                  const model::OpgaveState& opgave, random::RunSeed seed, std::int32_t step,
                  Eigen::ArrayXd& served, model::Meetings& meetings,
                  const model::ChunkExecutor& executor) {
  const GoalWeights goal(opgave.goal);
  model::for_each_chunk(executor, served.size(), [&](std::int64_t first, std::int64_t last) {
    for (Eigen::Index i = first; i < last; ++i)
      served[i] = interests_served(goal, partners.interests, i);
  });
  // Each meeting writes only its own mode and debate flags and reads the partners, which no
  // meeting writes here: chunks of meetings are independent (their pair sums sort in each
  // thread's own scratch, dynamics/pair_sums.hpp).
  // A meeting over a rewired tie seats a partner anywhere among 10^6: the columns decide_mode
  // reads of its members (their interests one line per dimension) are asked for a few meetings
  // early (dynamics/prefetch.hpp), which changes no value read.
  constexpr std::int64_t kPrefetchAhead = 8;
  const auto meeting_count = static_cast<std::int64_t>(meetings.list.size());
  const std::int64_t prefetch_until = prefetch_end(meeting_count, kPrefetchAhead);
  const Eigen::Index dimensions = partners.interests.cols();
  model::for_each_chunk(executor, meeting_count, [&](std::int64_t first, std::int64_t last) {
    for (std::int64_t index = first; index < last; ++index) {
      if (index < prefetch_until) {
        const model::Meeting& ahead =
            meetings.list[static_cast<std::size_t>(index + kPrefetchAhead)];
        for (std::int32_t a = 0; a < ahead.size; ++a) {
          const std::int32_t i = meetings.participants[static_cast<std::size_t>(ahead.first + a)];
          __builtin_prefetch(&partners.salience[i]);
          __builtin_prefetch(&partners.interests_known[i]);
          __builtin_prefetch(&served[i]);
          __builtin_prefetch(&partners.focus[i]);
          __builtin_prefetch(&partners.perspective[i]);
          for (Eigen::Index d = 0; d < dimensions; ++d)
            __builtin_prefetch(&partners.interests(i, d));
        }
      }
      decide_mode(p, partners, opgave, seed, step, served, meetings,
                  meetings.list[static_cast<std::size_t>(index)]);
    }
  });
}

}  // namespace regiesim::dynamics
