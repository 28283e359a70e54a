// The rules that tie fields together, checked after the file and after every --set, on the values
// the run will use: enough partners, one number per opgave dimension, the orders and sums a
// setting must respect, the plan, and the sizes a run must hold (size_rules.cpp).
#include <fmt/format.h>

#include "scenario/loader.hpp"
#include "scenario/plan_reader.hpp"

namespace regiesim::scenario::detail {

void Loader::check_rules() {
  check_population();
  check_partners();
  check_edge_list();
  check_settings();
  check_plan(spec_, place_for({"regisseur.strategy"}));
  const std::int64_t ties = check_network();
  check_recorded_size(ties);
}

void Loader::check_partners() {
  const auto& p = spec_.parameters;
  const auto n = static_cast<std::int64_t>(spec_.partners.size());
  if (n == 0)
    fail(top_,
         "no partners: a scenario needs at least two, each a [partners.<name>] table with its "
         "capabilities");
  if (n == 1)
    fail(place_for({"partners." + spec_.partners[0].name}),
         fmt::format("a scenario needs at least two partners, found one ('{}')",
                     spec_.partners[0].name));

  // C3: every partner has a specialism on every dimension of the opgave.
  for (const auto& partner : spec_.partners) {
    const std::string path = fmt::format("partners.{}.capabilities", partner.name);
    if (static_cast<std::int64_t>(partner.capabilities.size()) != p.opgave_dimensions)
      fail(place_for({path}), fmt::format("{} must have opgave.dimensions = {} numbers, got {}",
                                          path, p.opgave_dimensions, partner.capabilities.size()));
  }

  for (std::size_t i = 0; i < spec_.partners.size(); ++i) {
    auto& partner = spec_.partners[i];
    const std::string path = fmt::format("partners.{}.interests", partner.name);
    // Empty: the declared default, the capabilities (resolved by resolved_toml and the run).
    if (!partner.interests.empty() &&
        static_cast<std::int64_t>(partner.interests.size()) != p.opgave_dimensions)
      fail(place_for({path, "partners." + partner.name}),
           fmt::format("{} must have opgave.dimensions = {} numbers, got {}", path,
                       p.opgave_dimensions, partner.interests.size()));
  }
}

void Loader::check_settings() {
  const auto& p = spec_.parameters;
  // opgave.goal, regisseur.goal, regisseur.capabilities: one number per dimension, as a
  // partner's capabilities (empty: the declared default on every dimension).
  for (const model::ParameterDecl& decl : model::parameter_table()) {
    if (decl.kind != model::ValueKind::real_per_dimension) continue;
    const std::vector<double>& values = p.*decl.reals;
    if (!values.empty() && static_cast<std::int64_t>(values.size()) != p.opgave_dimensions)
      fail(place_for({decl.path}),
           fmt::format("{} must have opgave.dimensions = {} numbers, got {}", decl.path,
                       p.opgave_dimensions, values.size()));
  }
  if (p.perspectives_confidence_min > p.perspectives_confidence ||
      p.perspectives_confidence > p.perspectives_confidence_max)
    fail(place_for({"perspectives.confidence", "perspectives.confidence_min",
                    "perspectives.confidence_max"}),
         fmt::format("perspectives.confidence_min ({}) <= perspectives.confidence ({}) <= "
                     "perspectives.confidence_max ({}) must hold",
                     p.perspectives_confidence_min, p.perspectives_confidence,
                     p.perspectives_confidence_max));
  if (p.commitment_passion_weight + p.commitment_trust_weight + p.commitment_interest_weight +
          p.commitment_ownership_weight + p.commitment_goal_weight <=
      0)
    fail(place_for({"commitment.passion_weight", "commitment.trust_weight"}),
         "the five commitment weights (commitment.passion_weight, trust_weight, interest_weight, "
         "ownership_weight, goal_weight) must sum to more than 0");
}

}  // namespace regiesim::scenario::detail
