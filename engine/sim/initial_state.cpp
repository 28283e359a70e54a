#include "sim/initial_state.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dynamics/pair_sums.hpp"
#include "dynamics/settlement.hpp"
#include "model/parameter_table.hpp"

namespace regiesim::sim {

namespace {

// A per-dimension parameter's K numbers (the declared default on each when the scenario gives
// none), as an array.
Eigen::ArrayXd dimension_values(const model::Parameters& p, std::string_view path) {
  const std::vector<double> values = model::find_parameter(path)->dimension_values(p);
  return Eigen::Map<const Eigen::ArrayXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace

// docs/ODD.md 5 (initialisation).
model::State initial_state(const scenario::ScenarioSpec& spec, const network::Network& net) {
  const auto& p = spec.parameters;
  const Eigen::Index n = spec.partner_count();
  const Eigen::Index k = spec.dimensions();
  model::State s;
  auto& partners = s.partners;
  partners.passion.resize(n);
  partners.intrinsic_passion.resize(n);
  partners.commitment.resize(n);
  partners.urgency.resize(n);
  partners.capabilities.resize(n, k);
  partners.interests.resize(n, k);
  partners.resources.resize(n);
  partners.perspective.resize(n);
  partners.discipline.resize(n);
  // Keyed by views of the scenario's own strings (which outlive this function) and sized for every
  // partner up front: a generated population has 10^6 partners, each by default its own
  // discipline, and copying each name into the table and rehashing it as it grew cost more than
  // the lookups.
  std::unordered_map<std::string_view, int> disciplines;
  disciplines.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& spec_i = spec.partners[static_cast<std::size_t>(i)];
    partners.passion[i] = spec_i.passion;
    partners.intrinsic_passion[i] = spec_i.passion;
    partners.commitment[i] = spec_i.commitment;
    partners.urgency[i] = spec_i.urgency;
    partners.resources[i] = spec_i.resources;
    for (Eigen::Index d = 0; d < k; ++d) {
      const auto dd = static_cast<std::size_t>(d);
      partners.capabilities(i, d) = spec_i.capabilities[dd];
      // Interests default to the capabilities (a partner gains where its mission lies).
      partners.interests(i, d) = spec_i.interests.size() == spec_i.capabilities.size()
                                     ? spec_i.interests[dd]
                                     : spec_i.capabilities[dd];
    }
    partners.perspective[i] = spec_i.perspective >= 0
                                  ? spec_i.perspective
                                  : (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    // C4: partners share a discipline when they declare the same name; by default each has its
    // own (its own name). The id is the first partner's id with that discipline.
    const std::string& discipline = spec_i.discipline.empty() ? spec_i.name : spec_i.discipline;
    const auto [it, added] =
        disciplines.try_emplace(std::string_view(discipline), static_cast<int>(i));
    partners.discipline[i] = it->second;
  }
  partners.influence = Eigen::ArrayXd::Constant(n, p.ownership_initial_influence / double(n));
  partners.work_influence = Eigen::ArrayXd::Zero(n);
  partners.interests_known = Eigen::ArrayXd::Constant(n, p.interests_initial_known);
  partners.salience = Eigen::ArrayXd::Zero(n);
  partners.focus = Eigen::ArrayXd::Constant(n, p.focus_initial);
  partners.trust_regisseur = Eigen::ArrayXd::Constant(n, p.trust_regisseur_initial);
  partners.settled = model::Flags::Zero(n);
  partners.allocation = Eigen::ArrayXd::Zero(n);
  partners.allocation_yield = Eigen::ArrayXd::Zero(n);
  partners.contribution = Eigen::ArrayXd::Zero(n);
  partners.surfaced = model::Flags::Zero(n);
  partners.active = model::Flags::Ones(n);
  partners.weeks_low = Eigen::ArrayXi::Zero(n);

  auto& opgave = s.opgave;
  opgave.goal = dimension_values(p, "opgave.goal");  // g0_k
  opgave.realised = Eigen::ArrayXd::Zero(k);
  opgave.concreteness = p.opgave_concreteness;
  opgave.clarity = p.opgave_clarity;
  opgave.language = p.language_initial;
  opgave.confidence = p.perspectives_confidence;
  opgave.acknowledgement = 0.0;
  opgave.organisation = p.organisation_initial;
  opgave.visible = 0.0;
  opgave.agreed_week = static_cast<std::int32_t>(p.steps) + 1;

  auto& regisseur = s.regisseur;
  regisseur.influence = 0.0;
  regisseur.work_influence = 0.0;
  regisseur.awareness = p.regisseur_awareness_initial;
  regisseur.own_work = Eigen::ArrayXd::Zero(k);
  regisseur.capabilities = dimension_values(p, "regisseur.capabilities");
  regisseur.goal = dimension_values(p, "regisseur.goal");
  regisseur.weeks_since_all = 0;
  regisseur.low_weeks = Eigen::ArrayXi::Zero(n);
  regisseur.debate_share = 0.0;
  regisseur.cursor = 0;

  s.trust = Eigen::ArrayXd::Constant(net.edge_count(), p.trust_initial);
  // An edge-list file may give a tie's trust at the start; the others start at trust.initial.
  for (std::size_t e = 0; e < net.given_trust.size(); ++e)
    if (!std::isnan(net.given_trust[e])) s.trust[static_cast<Eigen::Index>(e)] = net.given_trust[e];
  s.met = model::Flags::Zero(net.edge_count());
  s.realisation = 0.0;
  s.passion_before.resize(n);
  s.order.resize(static_cast<std::size_t>(n));
  // Meetings: at most one spontaneous meeting per tie, and convened meetings place each partner
  // at most once per intervention; room for a few convenings a week is reserved so the loop does
  // not allocate in ordinary weeks.
  const auto un = static_cast<std::size_t>(n);
  const auto ties = static_cast<std::size_t>(net.edge_count() / 2);
  s.meetings.list.reserve(ties + 4 * un);
  s.meetings.participants.reserve(2 * ties + 4 * un);
  s.chosen.reserve(4 * un + 4 * model::kInterventionCount);
  s.scratch_partner.resize(n);
  s.scratch_partner2.resize(n);
  s.scratch_flags = model::Flags::Zero(n);
  s.scratch_sort.reserve(2 * un);      // perspective_clusters sorts in two halves
  dynamics::reserve_pair_scratch(un);  // the sorted order of a meeting's participants
  s.in_convened = model::Flags::Zero(n);
  s.named = model::Flags::Zero(n);
  s.scratch_ids.reserve(static_cast<std::size_t>(model::kInterventionCount) * (un + 1));
  s.candidates.reserve(static_cast<std::size_t>(model::kInterventionCount) * (un + 1));
  s.meetings.parties.reserve(2 * ties + 4 * un);
  dynamics::prepare_negotiations(
      static_cast<std::int32_t>(n), net.edge_count() / 2,
      static_cast<std::int32_t>(std::min<std::int64_t>(n, p.meetings_max_size)),
      static_cast<std::int32_t>(p.opgave_dimensions), s.negotiations, s.bargain);
  return s;
}

}  // namespace regiesim::sim
