// Which differences make two arms not a pair: the first differing key is named; columns of the
// partners and every other parameter may differ.
#include "comparison/arm_agreement.hpp"

#include <gtest/gtest.h>

#include "support/small_scenario.hpp"

namespace regiesim::comparison {
namespace {

TEST(ArmAgreement, EqualArms_AndArmsDifferingInPartnerColumnsOrOtherParameters_Agree) {
  const scenario::ScenarioSpec a = testing::small_scenario();
  scenario::ScenarioSpec b = a;
  EXPECT_EQ(first_difference(a, b), std::nullopt);
  b.partners[2].passion = 0.95;
  b.partners[0].capabilities[1] = 0.7;
  b.parameters.trust_gain = a.parameters.trust_gain / 2;
  EXPECT_EQ(first_difference(a, b), std::nullopt);
}

TEST(ArmAgreement, EachSharedKey_IsNamedWithBothValues) {
  const scenario::ScenarioSpec a = testing::small_scenario();
  const auto differ = [&](auto change) {
    scenario::ScenarioSpec b = a;
    change(b.parameters);
    return first_difference(a, b);
  };
  EXPECT_EQ(differ([](model::Parameters& p) { p.opgave_dimensions = 5; })->key,
            "opgave.dimensions");
  EXPECT_EQ(differ([](model::Parameters& p) { p.steps = 10; })->key, "run.steps");
  EXPECT_EQ(differ([](model::Parameters& p) { p.seed = 77; })->key, "run.seed");
  EXPECT_EQ(differ([](model::Parameters& p) { p.replications = 9; })->key, "run.replications");
  EXPECT_EQ(differ([](model::Parameters& p) { p.network_rewiring = 0.5; })->key,
            "network.rewiring");
  EXPECT_EQ(differ([](model::Parameters& p) { p.record_agent_interval = 9; })->key,
            "record.agent_interval");
  const auto steps = differ([](model::Parameters& p) { p.steps = 10; });
  EXPECT_EQ(steps->value_0, "104");
  EXPECT_EQ(steps->value_1, "10");
  // The first key in the documented order: partners, dimensions, network, seed, ...
  const auto both = differ([](model::Parameters& p) {
    p.steps = 10;
    p.network_rewiring = 0.5;
  });
  EXPECT_EQ(both->key, "network.rewiring");
}

TEST(ArmAgreement, PartnersByNameAndOrder) {
  const scenario::ScenarioSpec a = testing::small_scenario();
  scenario::ScenarioSpec renamed = a;
  renamed.partners[3].name = "wijkteam";
  const auto d = first_difference(a, renamed);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->key, "partners");
  EXPECT_EQ(d->value_1, "partner 4 is wijkteam");
  scenario::ScenarioSpec fewer = a;
  fewer.partners.pop_back();
  EXPECT_EQ(first_difference(a, fewer)->key, "partners");
  scenario::ScenarioSpec swapped = a;
  std::swap(swapped.partners[0], swapped.partners[1]);
  EXPECT_EQ(first_difference(a, swapped)->key, "partners");
}

}  // namespace
}  // namespace regiesim::comparison
