// The resolved text a results file keeps in /manifest/scenarios is how any run is redone from the
// file alone (`run --from`): it must load back to the same specification, plan included, for
// every scenario the project ships, every point of every shipped sweep, and a planned scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "design/design.hpp"
#include "design/point_scenario.hpp"
#include "io/scenario_file.hpp"
#include "io/sweep_file.hpp"
#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim {
namespace {

namespace fs = std::filesystem;

void expect_same_after_round_trip(const scenario::ScenarioSpec& spec, const std::string& what) {
  const scenario::ScenarioSpec again =
      scenario::load_scenario(scenario::resolved_toml(spec), what + " (resolved)");
  EXPECT_EQ(again.name, spec.name) << what;
  EXPECT_EQ(again.description, spec.description) << what;
  EXPECT_TRUE(again.parameters == spec.parameters) << what;
  EXPECT_EQ(again.partners, spec.partners) << what;
  EXPECT_EQ(again.plan, spec.plan) << what;
  EXPECT_EQ(again.plan.size(), spec.plan.size()) << what;
}

bool is_sweep_file(const fs::path& path) {
  return io::read_input_file(path, "file").find("[sweep]") != std::string::npos;
}

std::vector<fs::path> shipped_files() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(REGIESIM_SOURCE_DIR) / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ResolvedRoundTrip, EveryShippedScenarioAndSweepPointLoadsBackToTheSameSpecification) {
  int scenarios = 0;
  int points = 0;
  for (const auto& path : shipped_files()) {
    if (is_sweep_file(path)) {
      const design::SweepSpec sweep = io::read_sweep_file(path);
      const design::Design design = design::make_design(sweep);
      expect_same_after_round_trip(sweep.base, path.string() + " (base)");
      // The first and last points, and one between: every point is the base plus assignments.
      for (const std::int64_t point : {std::int64_t{0}, design.size() / 2, design.size() - 1}) {
        expect_same_after_round_trip(design::point_scenario(sweep, design, point),
                                     path.string() + " point " + std::to_string(point));
        ++points;
      }
    } else {
      expect_same_after_round_trip(io::read_scenario_file(path), path.string());
      ++scenarios;
    }
  }
  EXPECT_GE(scenarios, 1);
  EXPECT_GE(points, 3);
}

TEST(ResolvedRoundTrip, APlannedScenarioKeepsItsScheduleInOrder) {
  const fs::path path =
      fs::path(REGIESIM_SOURCE_DIR) / "tests/fuzz/seeds/scenario_parser/planned.toml";
  const scenario::ScenarioSpec spec = io::read_scenario_file(path);
  ASSERT_EQ(spec.plan.size(), 4u);
  expect_same_after_round_trip(spec, path.string());
  const scenario::ScenarioSpec again =
      scenario::load_scenario(scenario::resolved_toml(spec), "resolved");
  EXPECT_EQ(again.plan[1].target_name, "politie");
  EXPECT_EQ(again.plan[1].intensity, 0.5);
  EXPECT_EQ(again.plan[2].intervention, model::Intervention::control);
}

TEST(ResolvedRoundTrip, PlannedWithoutAScheduleNamesWhereTheStrategyWasSet) {
  const fs::path path = fs::path(REGIESIM_SOURCE_DIR) / "scenarios/default.toml";
  try {
    (void)io::read_scenario_file(path, std::vector<std::string>{"regisseur.strategy=\"planned\""});
    FAIL() << "planned without a plan must be refused";
  } catch (const scenario::InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("--set #1"), std::string::npos) << message;
    EXPECT_NE(message.find("needs a schedule"), std::string::npos) << message;
    EXPECT_NE(message.rfind(":1:1", 0), 0u) << message;
  }
}

TEST(ResolvedRoundTrip, APartnerNamedAllIsRefusedBecausePlansTargetAllPartnersByThatName) {
  const std::string text =
      "[partners.all]\ncapabilities = [0.5, 0.5, 0.5, 0.5]\n[partners.b]\ncapabilities = [0.5, "
      "0.5, 0.5, 0.5]\n";
  try {
    (void)scenario::load_scenario(text, "all.toml");
    FAIL() << "a partner named all must be refused";
  } catch (const scenario::InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("all.toml:1:"), std::string::npos) << message;
    EXPECT_NE(message.find("may not be named 'all'"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace regiesim
