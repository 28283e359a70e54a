// What the regisseur can know (docs/ODD.md 3.2): a partner's interests only once they were
// surfaced (C2). Strategies read interests through the Observation, so two collaborations that
// differ only in interests nobody has surfaced must give the same choices.
#include "regie/observation.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "model/arsenal.hpp"
#include "network/network.hpp"
#include "regie/strategies.hpp"
#include "sim/initial_state.hpp"
#include "sim/run.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::regie {
namespace {

struct World {
  scenario::ScenarioSpec spec = testing::small_scenario(8, 3, 52);
  network::Network net = network::generate(spec.parameters, spec.partner_count(), 11);
  model::State state = sim::initial_state(spec, net);

  World() {
    spec.parameters.regisseur_strategy = model::Strategy::facilitative;
    state = sim::initial_state(spec, net);
    // Partners 0-3 have had their interests surfaced; 4-7 have not. The goal is unclear, so
    // clarify_goal's gap is the interests left unserved.
    for (Eigen::Index i = 0; i < 8; ++i) {
      state.partners.surfaced[i] = i < 4 ? 1 : 0;
      state.partners.interests_known[i] = i < 4 ? 0.8 : 0.3;
    }
    state.opgave.clarity = 0.9;
  }

  std::vector<model::InterventionRequest> choices(std::int32_t week) {
    model::RegisseurState memory = state.regisseur;
    std::vector<model::Candidate> candidates;
    std::vector<std::int32_t> ids;
    const Observation obs = observe(state, net, week);
    ChooserContext context{spec.parameters, obs,        sim::plan_replication(11, 0).seed,
                           memory,          candidates, ids};
    std::vector<model::InterventionRequest> chosen;
    choose(context, spec.plan, chosen);
    return chosen;
  }

  double clarify_gap(std::int32_t week) {
    double intensity = 0.0;
    const Observation obs = observe(state, net, week);
    return observable_gap(spec.parameters, obs, state.regisseur, model::Intervention::clarify_goal,
                          model::kAllPartners, intensity);
  }
};

TEST(Observation, UnsurfacedInterestsDoNotChangeAnyChoice) {
  World a;
  World b;
  // Only the interests of partners whose interests were never surfaced differ.
  for (Eigen::Index i = 4; i < 8; ++i)
    for (Eigen::Index k = 0; k < b.state.partners.interests.cols(); ++k)
      b.state.partners.interests(i, k) = 1.0 - a.state.partners.interests(i, k);
  ASSERT_FALSE((a.state.partners.interests == b.state.partners.interests).all());
  EXPECT_EQ(a.clarify_gap(5), b.clarify_gap(5));
  for (std::int32_t week = 1; week <= 12; ++week) {
    const auto ca = a.choices(week);
    const auto cb = b.choices(week);
    ASSERT_EQ(ca.size(), cb.size()) << "week " << week;
    for (std::size_t c = 0; c < ca.size(); ++c) {
      EXPECT_EQ(ca[c].kind, cb[c].kind) << "week " << week;
      EXPECT_EQ(ca[c].target, cb[c].target) << "week " << week;
      EXPECT_EQ(ca[c].intensity, cb[c].intensity) << "week " << week;
    }
  }
}

TEST(Observation, SurfacedInterestsAreSeenByTheChooser) {
  // The same change on a surfaced partner moves what the regisseur observes: the test above can
  // fail.
  World a;
  World b;
  for (Eigen::Index k = 0; k < b.state.partners.interests.cols(); ++k)
    b.state.partners.interests(0, k) = 1.0 - a.state.partners.interests(0, k);
  EXPECT_NE(a.clarify_gap(5), b.clarify_gap(5));
}

// The clarify-goal gap reads sigma_i of every partner from the goal's weights computed once: the
// same number as from the goal itself, and 0 for a partner whose interests nobody surfaced.
TEST(Observation, ServedFromTheGoalsWeightsIsTheSameNumberBitForBit) {
  const Eigen::ArrayXXd interests{{0.9, -0.2, 0.1}, {-0.3, 0.7, 0.4}, {0.5, 0.5, 0.5}};
  model::Flags surfaced(3);
  surfaced << 1, 1, 0;
  const SurfacedInterests known(interests, surfaced);
  const Eigen::ArrayXd goal{{0.3, 0.1, 0.7}};
  const dynamics::GoalWeights weights(goal);
  for (Eigen::Index i = 0; i < 2; ++i) {
    EXPECT_EQ(known.served(weights, i), known.served(goal, i)) << i;
    EXPECT_NE(known.served(weights, i), 0.0) << i;
  }
  EXPECT_EQ(known.served(weights, 2), 0.0);
}

}  // namespace
}  // namespace regiesim::regie
