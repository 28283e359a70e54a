#pragma once
// A scenario built in code, for tests of the core that must not depend on the TOML loader.
#include <fmt/format.h>

#include "model/parameter_table.hpp"
#include "scenario/scenario_spec.hpp"

namespace regiesim::testing {

// `partners` partners with default parameters; partner i is strong on dimension i % K and weak
// elsewhere, so the opgave needs several of them (mutual dependence).
inline scenario::ScenarioSpec small_scenario(int partners = 6, int dimensions = 3,
                                             std::int64_t steps = 104) {
  scenario::ScenarioSpec spec;
  spec.name = "small";
  spec.parameters = model::default_parameters();
  spec.parameters.steps = steps;
  spec.parameters.replications = 4;
  spec.parameters.opgave_dimensions = dimensions;
  for (int i = 0; i < partners; ++i) {
    model::PartnerSpec p{.name = fmt::format("partner_{}", i),
                         .passion = 0.3 + 0.1 * (i % 5),
                         .commitment = 0.5,
                         .urgency = 0.6 + 0.05 * (i % 7),
                         .capabilities = {}};
    for (int k = 0; k < dimensions; ++k) p.capabilities.push_back(k == i % dimensions ? 0.9 : 0.1);
    spec.partners.push_back(p);
  }
  return spec;
}

}  // namespace regiesim::testing
