#include "dynamics/co_creation.hpp"

#include <algorithm>
#include <cmath>

#include "dynamics/derived.hpp"
#include "dynamics/prefetch.hpp"
#include "model/work.hpp"

namespace regiesim::dynamics {

double visible_progress(const model::Parameters& p, double before, double after) {
  if (before >= 1.0) return 1.0;  // nothing left to do: the result is there to see
  const double relative = (after - before) / (1.0 - before);
  if (p.opgave_progress_rate > 0.0)
    return std::min(1.0, relative / (p.opgave_progress_rate * p.opgave_visible_progress));
  return relative > 0.0 ? 1.0 : 0.0;
}

double organisation_factor(const model::Parameters& p, double clarity, double level) {
  // C8, C15: structure pays back with clarity, up to the fitting level. C7: on an unclear goal it
  // binds the work to forms chosen before the content (rigidity 0: no such cost). Never below 0,
  // so realisation never decreases.
  return std::max(0.0, 1.0 + p.organisation_gain * clarity * std::min(level, p.organisation_fit) -
                           p.organisation_gain * p.organisation_rigidity * (1.0 - clarity) * level);
}

void co_create(const network::Network& net, const model::Parameters& p, const Eigen::ArrayXd& trust,
               model::PartnerState& partners, model::OpgaveState& opgave,
               model::RegisseurState& regisseur, double& realisation, Eigen::ArrayXd& effort,
               model::Flags& co_creators, std::vector<double>& scratch,
               const model::ChunkExecutor& executor) {
  const Eigen::Index n = partners.active.size();
  const Eigen::Index k = opgave.realised.size();
  const double before = realisation;
  // The regisseur's own work this week, in the unit of a partner's contribution y_i (its mean
  // over the dimensions), before own_work is reused below (the work ledger, C5).
  const double regisseur_work = regisseur.own_work.sum() / static_cast<double>(k);
  model::count_partners(n);
  model::count_ties(net.edge_count());
  model::for_each_chunk(executor, n, [&](std::int64_t first, std::int64_t last) {
    for (Eigen::Index i = first; i < last; ++i) {
      const bool cc = partners.active[i] != 0 && partners.settled[i] == 0;
      co_creators[i] = cc ? 1 : 0;
      effort[i] = cc ? partners.commitment[i] * partners.resources[i] *
                           (1.0 - p.organisation_overhead * opgave.organisation)
                     : 0.0;
    }
  });
  // Trust and misunderstanding over the co-creators' directed ties.
  double trust_sum = 0.0;
  double misunderstanding_sum = 0.0;
  std::int64_t ties = 0;
  // A rewired tie's far end lies anywhere among 10^6 partners: its flag is asked for early
  // (dynamics/prefetch.hpp), which changes no value read.
  constexpr std::int64_t kPrefetchAhead = 32;
  const std::int64_t prefetch_until = prefetch_end(net.edge_count(), kPrefetchAhead);
  for (std::int64_t e = 0; e < net.edge_count(); ++e) {
    if (e < prefetch_until) {
      const std::int32_t ahead = net.target[static_cast<std::size_t>(e + kPrefetchAhead)];
      __builtin_prefetch(&co_creators[ahead]);
      __builtin_prefetch(&partners.discipline[ahead]);
    }
    const std::int32_t i = net.source[static_cast<std::size_t>(e)];
    const std::int32_t j = net.target[static_cast<std::size_t>(e)];
    if (co_creators[i] == 0 || co_creators[j] == 0) continue;
    trust_sum += trust[e];
    misunderstanding_sum += misunderstanding(p, partners, opgave.language, i, j);
    ++ties;
  }
  const double trust_cc = ties > 0 ? trust_sum / static_cast<double>(ties) : 0.0;
  const double mu_cc = ties > 0 ? misunderstanding_sum / static_cast<double>(ties) : 0.0;
  double cohesion = 1.0;
  perspective_clusters(partners.perspective, co_creators, opgave.confidence, 1, scratch, cohesion);
  const double synergy = (1.0 + p.opgave_trust_synergy * trust_cc * (1.0 - mu_cc) * cohesion) /
                         (1.0 + p.opgave_trust_synergy);
  const double organisation = organisation_factor(p, opgave.clarity, opgave.organisation);
  // Coverage per dimension; the weakest dimension limits every other (mutual dependence, C3).
  double weakest = 1.0;
  for (Eigen::Index d = 0; d < k; ++d) {
    double coverage = regisseur.own_work[d];
    for (Eigen::Index i = 0; i < n; ++i) coverage += effort[i] * partners.capabilities(i, d);
    const double h = coverage / (coverage + p.opgave_saturation);
    regisseur.own_work[d] = h;  // reused as h_k until the end of this process
    weakest = std::min(weakest, h);
  }
  for (Eigen::Index d = 0; d < k; ++d) {
    const double remaining = 1.0 - opgave.realised[d];
    const double gain = std::min(remaining, p.opgave_progress_rate * remaining *
                                                std::sqrt(regisseur.own_work[d] * weakest) *
                                                synergy * organisation);
    regisseur.own_work[d] = gain;  // now the week's co-created gain on d
  }
  // Execution of negotiated allocations (C14): no synergy.
  for (Eigen::Index i = 0; i < n; ++i) {
    double total_capability = 0.0;
    for (Eigen::Index d = 0; d < k; ++d) total_capability += partners.capabilities(i, d);
    const double mean_capability = total_capability / static_cast<double>(k);
    double delivered = 0.0;
    if (partners.active[i] != 0 && partners.settled[i] != 0 && partners.allocation[i] > 0.0 &&
        total_capability > 0.0) {
      // rho_x m_i r_i is the effort a week the plan's r~_i = rho_x H_N m_i r_i spreads over its
      // horizon; executing as planned, it does the plan's work per unit of effort, so the plan's
      // work takes the plan's weeks (C14). Otherwise it counts as realisation (the rule before).
      const double pace =
          p.negotiation_execution_rate * partners.commitment[i] * partners.resources[i];
      delivered = std::min(partners.allocation[i], p.negotiation_execute_as_planned != 0
                                                       ? pace * partners.allocation_yield[i]
                                                       : pace);
      for (Eigen::Index d = 0; d < k; ++d)
        regisseur.own_work[d] +=
            delivered * static_cast<double>(k) * partners.capabilities(i, d) / total_capability;
      partners.allocation[i] -= delivered;
    }
    partners.contribution[i] = effort[i] * mean_capability + delivered;
    partners.work_influence[i] += partners.contribution[i];  // LambdaW_i: the work it did (C5)
  }
  regisseur.work_influence += regisseur_work;  // LambdaW_R: the work it took over (C5)
  double total = 0.0;
  for (Eigen::Index d = 0; d < k; ++d) {
    opgave.realised[d] = std::min(1.0, opgave.realised[d] + regisseur.own_work[d]);
    total += opgave.realised[d];
  }
  regisseur.own_work.setZero();
  // R never decreases: every R_k is nondecreasing; the max guards the mean's last bit.
  realisation = std::max(before, total / static_cast<double>(k));
  opgave.visible = visible_progress(p, before, realisation);
}

}  // namespace regiesim::dynamics
