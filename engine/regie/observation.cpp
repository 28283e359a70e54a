#include "regie/observation.hpp"

#include "dynamics/derived.hpp"

namespace regiesim::regie {

double SurfacedInterests::served(const Eigen::ArrayXd& goal, Eigen::Index i) const {
  return known(i) ? dynamics::interests_served(goal, *interests_, i) : 0.0;
}

Observation observe(const model::State& s, const network::Network& net, std::int32_t week) {
  const auto& partners = s.partners;
  return {.week = week,
          .network = &net,
          .active = &partners.active,
          .contribution = &partners.contribution,
          .surfaced = &partners.surfaced,
          .interests = SurfacedInterests(partners.interests, partners.surfaced),
          .interests_known = &partners.interests_known,
          .influence = &partners.influence,
          .regisseur_influence = s.regisseur.influence,
          .work_influence = &partners.work_influence,
          .regisseur_work_influence = s.regisseur.work_influence,
          .settled = &partners.settled,
          .allocation = &partners.allocation,
          .trust_signal = &partners.trust_regisseur,
          .discipline = &partners.discipline,
          .realisation = s.realisation,
          .progress = s.last_tallies.progress,
          .goal = &s.opgave.goal,
          .concreteness = s.opgave.concreteness,
          .clarity = s.opgave.clarity,
          .organisation = s.opgave.organisation,
          .language = s.opgave.language,
          .awareness = s.regisseur.awareness,
          .weeks_since_all = s.regisseur.weeks_since_all,
          .last_week = &s.last_tallies};
}

}  // namespace regiesim::regie
