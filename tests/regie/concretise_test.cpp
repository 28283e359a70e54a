// make_concrete's observable gap (docs/ODD.md 3.3): with regisseur.concretise_early = 1 the
// abstractness 1 - C from the start (C3: concretising is how the ambition becomes shared); at 0
// the rule before, (1 - C) Q, which idles while the goal is unclear.
#include <gtest/gtest.h>

#include "model/arsenal.hpp"
#include "network/network.hpp"
#include "regie/observation.hpp"
#include "regie/strategies.hpp"
#include "sim/initial_state.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::regie {
namespace {

struct World {
  scenario::ScenarioSpec spec = testing::small_scenario(4, 2, 52);
  network::Network net = network::generate(spec.parameters, spec.partner_count(), 3);
  model::State state = sim::initial_state(spec, net);
  double gap(double early, double clarity, double concreteness) {
    spec.parameters.regisseur_concretise_early = early;
    state.opgave.clarity = clarity;
    state.opgave.concreteness = concreteness;
    double intensity = 0.0;
    const Observation obs = observe(state, net, 5);
    return observable_gap(spec.parameters, obs, state.regisseur, model::Intervention::make_concrete,
                          model::kAllPartners, intensity);
  }
};

TEST(Concretise, EarlyTheGapIsTheAbstractnessWhateverTheClarity) {
  World w;
  EXPECT_DOUBLE_EQ(w.gap(1.0, 0.1, 0.3), 0.7);
  EXPECT_DOUBLE_EQ(w.gap(1.0, 0.9, 0.3), 0.7);
  EXPECT_DOUBLE_EQ(w.gap(1.0, 0.1, 1.0), 0.0);  // nothing left to concretise
}

TEST(Concretise, NotEarly_TheGapIdlesWhileTheGoalIsUnclear) {
  // The neutral value: the rule before, (1 - C) Q bit for bit.
  World w;
  for (const double q : {0.0, 0.1, 0.55, 1.0})
    for (const double c : {0.0, 0.3, 0.9}) EXPECT_EQ(w.gap(0.0, q, c), (1.0 - c) * q);
  EXPECT_LT(w.gap(0.0, 0.1, 0.3), w.gap(1.0, 0.1, 0.3));
}

}  // namespace
}  // namespace regiesim::regie
