#include "design/point_scenario.hpp"

#include <gtest/gtest.h>

#include "design/load_sweep.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::design {
namespace {

constexpr std::string_view kBase = R"(
[run]
seed = 5
replications = 2
[partners.a]
capabilities = [0.9, 0.1, 0.2, 0.3]
[partners.b]
passion = 0.4
capabilities = [0.1, 0.9, 0.2, 0.3]
)";

constexpr std::string_view kSweep = R"(
[sweep]
scenario = "base.toml"
replications = 7
seed = 123

[design]
kind = "morris"
trajectories = 3

[[parameters]]
path = "trust.gain"
range = [0.05, 0.2]

[[parameters]]
path = "partners.b.passion"
range = [0.1, 0.9]

[[parameters]]
path = "network.neighbours"
values = [2, 4, 6]
)";

SweepSpec sweep() {
  return load_sweep(kSweep, "sweep.toml", [](const std::string&, const SweepPlace&) {
    return scenario::load_scenario(kBase, "base.toml");
  });
}

TEST(PointScenario, IsTheBaseWithTheSweepsSeedReplicationsAndThePointsValues) {
  const SweepSpec s = sweep();
  const Design design = make_design(s);
  ASSERT_EQ(design.size(), 3 * 4);
  for (std::int64_t point = 0; point < design.size(); ++point) {
    const scenario::ScenarioSpec spec = point_scenario(s, design, point);
    const auto values = design.values_of(point);
    EXPECT_EQ(spec.parameters.seed, 123);
    EXPECT_EQ(spec.parameters.replications, 7);
    EXPECT_EQ(spec.parameters.trust_gain, values[0]);
    EXPECT_EQ(spec.partners[1].passion, values[1]);
    EXPECT_EQ(static_cast<double>(spec.parameters.network_neighbours), values[2]);
    // Everything not swept stays the base's.
    EXPECT_EQ(spec.partners[0].passion, s.base.partners[0].passion);
    EXPECT_EQ(spec.parameters.trust_loss, s.base.parameters.trust_loss);
    // The resolved text, kept in the manifest, loads back to the same point.
    const scenario::ScenarioSpec again =
        scenario::load_scenario(scenario::resolved_toml(spec), "resolved");
    EXPECT_EQ(again.parameters.trust_gain, spec.parameters.trust_gain);
    EXPECT_EQ(again.partners, spec.partners);
  }
}

TEST(PointScenario, RecordsItsAssignmentsAsOverridesOfTheBase) {
  const SweepSpec s = sweep();
  const Design design = make_design(s);
  const auto assignments = point_assignments(s, design, 0);
  ASSERT_EQ(assignments.size(), 5u);
  EXPECT_EQ(assignments[0].text, "run.seed=123");
  EXPECT_EQ(assignments[1].text, "run.replications=7");
  EXPECT_EQ(assignments[2].text.rfind("trust.gain=", 0), 0u);
  EXPECT_EQ(assignments[2].line, 12);  // the parameter's path line in the sweep file
  const auto spec = point_scenario(s, design, 0);
  ASSERT_EQ(spec.overrides.size(), 5u);
  EXPECT_EQ(spec.overrides[4], assignments[4].text);
}

// What a results file keeps of a sweep (docs/output.md, /manifest): the base's resolved text once
// and per point its assignments. Loaded with those assignments as --set, the base gives each
// point's scenario exactly, so `run --from` redoes any run of any point.
TEST(SweepPoints, TheBaseTextWithAPointsAssignments_IsThePointsScenario) {
  const SweepSpec s = sweep();
  const Design design = make_design(s);
  const SweepPoints points(s, design);
  ASSERT_EQ(points.size(), design.size());
  EXPECT_EQ(points.base().parameters.seed, 123);
  EXPECT_EQ(points.base().parameters.replications, 7);
  const std::string base_text = scenario::resolved_toml(points.base());
  for (std::int64_t point = 0; point < points.size(); ++point) {
    const auto assignments = points.assignments(point);
    ASSERT_EQ(assignments.size(), 3u);
    EXPECT_EQ(assignments[0].rfind("trust.gain=", 0), 0u) << assignments[0];
    const scenario::ScenarioSpec rebuilt =
        scenario::load_scenario(base_text, "manifest", assignments);
    const scenario::ScenarioSpec expected = points.scenario(point);
    EXPECT_EQ(rebuilt.parameters, expected.parameters) << point;
    EXPECT_EQ(rebuilt.partners, expected.partners) << point;
    EXPECT_EQ(rebuilt.plan, expected.plan) << point;
  }
  // The points differ (the comparison above can fail).
  EXPECT_NE(points.scenario(0).parameters, points.scenario(points.size() - 1).parameters);
}

}  // namespace
}  // namespace regiesim::design
