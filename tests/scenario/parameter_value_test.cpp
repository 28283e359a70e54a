#include "scenario/parameter_value.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

#include "scenario/load_scenario.hpp"

namespace regiesim::scenario {
namespace {

constexpr std::string_view kTwoDimensions = R"([opgave]
dimensions = 2
[partners.a]
capabilities = [0.9, 0.1]
[partners.b]
capabilities = [0.1, 0.9]
)";

ScenarioSpec with(std::vector<std::string> overrides) {
  return load_scenario(kTwoDimensions, "s.toml", overrides);
}

TEST(ParameterValue, APerDimensionParameter_IsOneValuePerDimension_OrOneElement) {
  const ScenarioSpec spec = with({"regisseur.capabilities[1]=0.7"});
  const auto whole = parameter_value(spec, "regisseur.capabilities");
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->per_dimension);
  EXPECT_EQ(whole->values, (std::vector<double>{0.5, 0.7}));
  const auto element = parameter_value(spec, "regisseur.capabilities[1]");
  ASSERT_TRUE(element);
  EXPECT_FALSE(element->per_dimension);
  EXPECT_EQ(element->values, (std::vector<double>{0.7}));
  // Not given: the declared default on every dimension.
  EXPECT_EQ(parameter_value(spec, "opgave.goal")->values, (std::vector<double>{0.5, 0.5}));
  EXPECT_FALSE(parameter_value(spec, "opgave.goal[2]"));
  EXPECT_FALSE(parameter_value(spec, "trust.gain[0]"));
}

// design decision 1: /parameters holds what an override sets or what varies between scenarios.
TEST(RecordedParameterPaths, APerDimensionParameterThatVaries_OrIsOverridden_IsRecorded) {
  const std::vector<ScenarioSpec> varied{with({}), with({"opgave.goal=[0.2, 0.8]"})};
  const auto paths = recorded_parameter_paths(varied);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "opgave.goal"), paths.end());
  EXPECT_EQ(std::find(paths.begin(), paths.end(), "regisseur.goal"), paths.end());

  const std::vector<ScenarioSpec> element{with({"regisseur.capabilities[0]=0.3"})};
  EXPECT_EQ(recorded_parameter_paths(element),
            (std::vector<std::string>{"regisseur.capabilities[0]"}));

  // The same numbers given or by default are the same value: nothing varies.
  const std::vector<ScenarioSpec> same{with({}), with({"regisseur.goal=[0.5, 0.5]"})};
  EXPECT_EQ(recorded_parameter_paths(same), (std::vector<std::string>{"regisseur.goal"}))
      << "recorded as overridden only";
}

// The lookup indexes the partners by name once; it must find what parameter_value finds.
TEST(ParameterLookup, FindsWhatParameterValueFinds) {
  const ScenarioSpec spec = with({"partners.b.passion=0.25"});
  const ParameterLookup lookup(spec);
  for (const std::string path :
       {"partners.a.capabilities", "partners.b.passion", "partners.b.capabilities[1]",
        "partners.b.interests", "trust.gain", "regisseur.capabilities[1]", "partners.c.passion",
        "partners.a.nothing", "partners.a.capabilities[2]", "partners.a"}) {
    const auto expected = parameter_value(spec, path);
    const auto found = lookup.value(path);
    ASSERT_EQ(found.has_value(), expected.has_value()) << path;
    if (expected) {
      EXPECT_EQ(found->values, expected->values) << path;
    }
  }
  EXPECT_EQ(lookup.value("partners.b.passion")->values, (std::vector<double>{0.25}));
}

// Each partner's columns are compared where they are; one that differs is recorded by its path,
// in table order, and a partner at another position is still found by its name.
TEST(RecordedParameterPaths, APartnerColumnThatVaries_IsRecorded_ByName) {
  const std::vector<ScenarioSpec> varied{with({}), with({"partners.b.passion=0.25"})};
  EXPECT_EQ(recorded_parameter_paths(varied), (std::vector<std::string>{"partners.b.passion"}));

  ScenarioSpec swapped = with({});
  std::swap(swapped.partners[0], swapped.partners[1]);
  swapped.partners[0].commitment = 0.125;  // b's, now first
  const std::vector<ScenarioSpec> reordered{with({}), swapped};
  EXPECT_EQ(recorded_parameter_paths(reordered),
            (std::vector<std::string>{"partners.b.commitment"}));
}

}  // namespace
}  // namespace regiesim::scenario
