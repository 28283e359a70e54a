#include "regie/observation.hpp"

#include <gtest/gtest.h>

#include "network/network.hpp"
#include "regie/strategies.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::regie {
namespace {

std::vector<model::InterventionRequest> choices(model::State s, const scenario::ScenarioSpec& spec,
                                                const network::Network& net) {
  const Observation seen = observe(s, net, 5);
  ChooserContext context{spec.parameters, seen,         random::RunSeed{3},
                         s.regisseur,     s.candidates, s.scratch_ids};
  std::vector<model::InterventionRequest> chosen;
  choose(context, spec.plan, chosen);
  return chosen;
}

bool same(const std::vector<model::InterventionRequest>& a,
          const std::vector<model::InterventionRequest>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].target != b[i].target || a[i].intensity != b[i].intensity)
      return false;
  return true;
}

// DECISIONS 16: strategies choose from what a regisseur could observe, never from hidden state
// (trust between partners, commitment, passion, focus, salience, perspectives, the bound).
TEST(Observation, StrategiesChooseTheSameWhateverTheHiddenStateIs) {
  auto spec = testing::small_scenario(6, 3);
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  for (const auto strategy :
       {model::Strategy::facilitative, model::Strategy::scattershot, model::Strategy::controlling,
        model::Strategy::commissioning, model::Strategy::negotiation}) {
    spec.parameters.regisseur_strategy = strategy;
    model::State s = sim::initial_state(spec, net);
    s.regisseur.weeks_since_all = 10;
    s.partners.contribution << 0.3, 0.0, 0.2, 0.1, 0.4, 0.05;
    s.partners.interests_known << 0.9, 0.1, 0.5, 0.0, 0.2, 0.7;
    model::State hidden = s;
    hidden.trust.setConstant(0.01);
    hidden.partners.commitment.setConstant(0.99);
    hidden.partners.passion.setConstant(0.0);
    hidden.partners.focus.setConstant(0.0);
    hidden.partners.salience.setConstant(1.0);
    hidden.partners.perspective.setConstant(0.3);
    hidden.opgave.confidence = 0.05;
    const auto a = choices(s, spec, net);
    const auto b = choices(hidden, spec, net);
    EXPECT_FALSE(a.empty()) << static_cast<int>(strategy);
    EXPECT_TRUE(same(a, b)) << static_cast<int>(strategy);
  }
}

TEST(Observation, WhatIsObservableDoesChangeTheChoice) {
  auto spec = testing::small_scenario(6, 3);
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  model::State s = sim::initial_state(spec, net);
  model::State known = s;
  known.partners.interests_known.setConstant(1.0);  // nothing left to surface
  EXPECT_FALSE(same(choices(s, spec, net), choices(known, spec, net)));
}

}  // namespace
}  // namespace regiesim::regie
