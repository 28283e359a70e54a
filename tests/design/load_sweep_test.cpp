#include "design/load_sweep.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "design/design.hpp"
#include "design/parameter_scale.hpp"
#include "design/point_scenario.hpp"
#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::design {
namespace {

using scenario::InputError;

// The base every sweep here names: six partners on a small-world network.
constexpr std::string_view kBase = R"(
[network]
kind = "small_world"
neighbours = 2

[opgave]
dimensions = 2

[partners.a]
capabilities = [0.9, 0.1]
[partners.b]
capabilities = [0.1, 0.9]
[partners.c]
capabilities = [0.5, 0.5]
[partners.d]
capabilities = [0.2, 0.7]
[partners.politie]
passion = 0.5
capabilities = [0.9, 0.0]
[partners.f]
capabilities = [0.3, 0.3]
)";

SweepSpec load(const std::string& text) {
  return load_sweep(text, "sweep.toml", [](const std::string& name, const SweepPlace&) {
    EXPECT_EQ(name, "base.toml");
    return scenario::load_scenario(kBase, "base.toml");
  });
}

// The message as the CLI prints it: file:line:column: error: ...
std::string error_of(const std::string& text) {
  try {
    load(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string sweep_with(std::string_view design, std::string_view parameters) {
  return fmt::format(
      "[sweep]\nscenario = \"base.toml\"\nreplications = 3\nseed = 9\n\n[design]\n{}\n\n{}", design,
      parameters);
}

TEST(LoadSweep, ReadsAGridOverAListAndARange) {
  const SweepSpec sweep = load(sweep_with("kind = \"grid\"",
                                          "[[parameters]]\npath = \"trust.gain\"\n"
                                          "values = [0.05, 0.1, 0.2]\n\n"
                                          "[[parameters]]\npath = \"meetings.probability\"\n"
                                          "range = [0.01, 0.3]\nscale = \"log\"\npoints = 4\n"));
  EXPECT_EQ(sweep.replications, 3);
  EXPECT_EQ(sweep.seed, 9u);
  EXPECT_EQ(sweep.design.kind, DesignKind::grid);
  ASSERT_EQ(sweep.parameters.size(), 2u);
  EXPECT_EQ(sweep.parameters[0].values, (std::vector<double>{0.05, 0.1, 0.2}));
  EXPECT_EQ(sweep.parameters[1].scale, Scale::log);
  EXPECT_EQ(sweep.parameters[1].grid_points, 4);
  EXPECT_EQ(sweep.base.partner_count(), 6);
  const Design design = make_design(sweep);
  EXPECT_EQ(design.size(), 12);
  // The range's ends are reached exactly.
  EXPECT_EQ(design.values_of(0)[1], 0.01);
  EXPECT_EQ(design.values_of(3)[1], 0.3);
}

// A pitfall whose arms differ in an arsenal switch is swept over both settings of the switch:
// the grid keeps them as 0 and 1, and every point's assignment reads true or false again.
TEST(LoadSweep, ReadsATrueFalseSettingAsAGridFactor) {
  const SweepSpec sweep =
      load(sweep_with("kind = \"grid\"",
                      "[[parameters]]\npath = \"regisseur.arsenal.release.enabled\"\n"
                      "values = [false, true]\n\n"
                      "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.05, 0.1]\n"));
  ASSERT_EQ(sweep.parameters.size(), 2u);
  EXPECT_TRUE(sweep.parameters[0].is_boolean);
  EXPECT_EQ(sweep.parameters[0].values, (std::vector<double>{0.0, 1.0}));
  const Design design = make_design(sweep);
  ASSERT_EQ(design.size(), 4);
  EXPECT_EQ(value_text(sweep.parameters[0], design.values_of(0)[0]), "false");
  EXPECT_EQ(value_text(sweep.parameters[0], design.values_of(3)[0]), "true");
}

TEST(LoadSweep, RefusesATrueFalseSettingTwiceOrAsARange) {
  EXPECT_EQ(
      error_of(sweep_with("kind = \"grid\"",
                          "[[parameters]]\npath = \"regisseur.arsenal.release.enabled\"\n"
                          "values = [true, true]\n")),
      "sweep.toml:11:17: error: regisseur.arsenal.release.enabled lists the value true twice");
  EXPECT_NE(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"regisseur.arsenal.release.enabled\"\n"
                                "range = [0, 1]\npoints = 2\n"))
                .find("is true or false: give values = [false, true], not a range"),
            std::string::npos);
}

TEST(LoadSweep, ReadsPartnerColumnsByName) {
  const SweepSpec sweep =
      load(sweep_with("kind = \"latin_hypercube\"\nsamples = 8",
                      "[[parameters]]\npath = \"partners.politie.passion\"\nrange = [0.2, 0.9]\n"));
  EXPECT_EQ(sweep.parameters[0].path, "partners.politie.passion");
  EXPECT_EQ(make_design(sweep).size(), 8);
}

TEST(LoadSweep, ReportsAValueOutOfItsDeclaredRangeAtTheValue) {
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1, 1.5]\n")),
            "sweep.toml:11:16: error: trust.gain must be a number from 0 to 1, got 1.5");
}

TEST(LoadSweep, ReportsAnUnknownParameterWithADidYouMean) {
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"trust.gian\"\nvalues = [0.1]\n")),
            "sweep.toml:10:8: error: unknown parameter 'trust.gian'; did you mean 'trust.gain'?");
}

TEST(LoadSweep, ReportsAnUnknownPartnerThroughTheScenarioLoader) {
  const std::string message = error_of(sweep_with(
      "kind = \"grid\"", "[[parameters]]\npath = \"partners.polite.passion\"\nvalues = [0.1]\n"));
  EXPECT_EQ(message.rfind("sweep.toml:11:11: error: unknown partner 'polite'", 0), 0u) << message;
  EXPECT_NE(message.find("did you mean 'politie'"), std::string::npos) << message;
}

TEST(LoadSweep, RefusesAParameterDeclaredNotSweepable) {
  const std::string message = error_of(
      sweep_with("kind = \"grid\"", "[[parameters]]\npath = \"run.steps\"\nvalues = [52]\n"));
  EXPECT_EQ(message.rfind("sweep.toml:10:8: error: run.steps may not be swept", 0), 0u) << message;
  const std::string column = error_of(
      sweep_with("kind = \"grid\"",
                 "[[parameters]]\npath = \"partners.a.capabilities[0]\"\nvalues = [0.5]\n"));
  EXPECT_NE(column.find("may not be swept"), std::string::npos) << column;
}

TEST(LoadSweep, RefusesAChoiceOutsideAGrid) {
  // design decision 11: choices only in grids. (No choice is sweepable yet; the design rule is
  // checked before the declaration, so it shows on any choice.)
  for (const std::string design :
       {"kind = \"latin_hypercube\"\nsamples = 4", "kind = \"saltelli\"\nbase_samples = 4",
        "kind = \"morris\"\ntrajectories = 4"}) {
    const std::string message = error_of(sweep_with(
        design,
        "[[parameters]]\npath = \"run.activation\"\nvalues = [\"fixed\", \"synchronous\"]\n"));
    EXPECT_NE(message.find("run.activation is a choice; choices are swept only in a grid design"),
              std::string::npos)
        << message;
  }
}

TEST(LoadSweep, NeedsPointsForARangeInAGridAndRefusesThemElsewhere) {
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"trust.gain\"\nrange = [0.1, 0.2]\n")),
            "sweep.toml:11:9: error: in a grid, the range of trust.gain needs points = N: how many "
            "evenly spaced values it takes, both ends included");
  EXPECT_EQ(error_of(sweep_with("kind = \"latin_hypercube\"\nsamples = 4",
                                "[[parameters]]\npath = \"trust.gain\"\nrange = [0.1, 0.2]\n"
                                "points = 3\n")),
            "sweep.toml:13:10: error: points applies only in a grid; a latin_hypercube design "
            "chooses its own points");
}

TEST(LoadSweep, RefusesSaltelliBaseSamplesThatAreNotAPowerOfTwo) {
  const std::string message = error_of(sweep_with("kind = \"saltelli\"\nbase_samples = 100",
                                                  "[[parameters]]\npath = \"trust.gain\"\n"
                                                  "range = [0.1, 0.2]\n"));
  EXPECT_EQ(message.rfind("sweep.toml:8:16: error: design.base_samples must be a power of two", 0),
            0u)
      << message;
  EXPECT_NE(message.find("the nearest are 64 and 128"), std::string::npos) << message;
}

TEST(LoadSweep, ReadsSecondOrderOnlyInASaltelliDesign) {
  const std::string two =
      "[[parameters]]\npath = \"trust.gain\"\nrange = [0.1, 0.2]\n"
      "[[parameters]]\npath = \"trust.loss\"\nrange = [0.1, 0.2]\n";
  const SweepSpec plain = load(sweep_with("kind = \"saltelli\"\nbase_samples = 8", two));
  EXPECT_FALSE(plain.design.second_order);
  EXPECT_EQ(make_design(plain).size(), 8 * (2 + 2));
  const SweepSpec second =
      load(sweep_with("kind = \"saltelli\"\nbase_samples = 8\nsecond_order = true", two));
  EXPECT_TRUE(second.design.second_order);
  EXPECT_EQ(make_design(second).size(), 8 * (2 * 2 + 2));
  EXPECT_EQ(design_size(second, 1000), 8 * (2 * 2 + 2));
  EXPECT_EQ(make_design(load(sweep_with(
                            "kind = \"saltelli\"\nbase_samples = 8\nsecond_order = false", two)))
                .coordinates,
            make_design(plain).coordinates);
  EXPECT_EQ(error_of(sweep_with("kind = \"morris\"\ntrajectories = 4\nsecond_order = true", two)),
            "sweep.toml:9:1: error: second_order does not apply to a morris design; its keys are "
            "kind, trajectories, levels");
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"\nsecond_order = false",
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n")),
            "sweep.toml:8:1: error: second_order does not apply to a grid design; its keys are "
            "kind");
  EXPECT_EQ(error_of(sweep_with("kind = \"saltelli\"\nbase_samples = 8\nsecond_order = 1", two)),
            "sweep.toml:9:16: error: expected true or false for design.second_order, got an "
            "integer (1)");
}

TEST(LoadSweep, RefusesOddMorrisLevels) {
  const std::string message =
      error_of(sweep_with("kind = \"morris\"\ntrajectories = 4\nlevels = 5",
                          "[[parameters]]\npath = \"trust.gain\"\nrange = [0.1, 0.2]\n"));
  EXPECT_EQ(message.rfind("sweep.toml:9:10: error: design.levels must be even", 0), 0u) << message;
}

TEST(LoadSweep, RefusesALogScaleFromZero) {
  EXPECT_EQ(
      error_of(sweep_with("kind = \"latin_hypercube\"\nsamples = 4",
                          "[[parameters]]\npath = \"trust.gain\"\nrange = [0, 0.2]\n"
                          "scale = \"log\"\n")),
      "sweep.toml:12:9: error: a log scale needs a range above 0 for trust.gain, got low = 0");
}

TEST(LoadSweep, ReportsADesignPointThatBreaksARuleAtItsParameter) {
  // Both ends are even, so each passes alone; the hypercube's odd neighbours do not.
  const std::string message =
      error_of(sweep_with("kind = \"latin_hypercube\"\nsamples = 6",
                          "[[parameters]]\npath = \"network.neighbours\"\nrange = [2, 4]\n"));
  EXPECT_EQ(message.rfind("sweep.toml:11:8: error: design point ", 0), 0u) << message;
  EXPECT_NE(message.find("(network.neighbours=3): network.neighbours must be even"),
            std::string::npos)
      << message;
}

TEST(LoadSweep, ReportsMissingAndUnknownKeysAtTheirPlace) {
  EXPECT_EQ(error_of("[design]\nkind = \"grid\"\n[sweep]\nscenario = \"base.toml\"\nseed = 1\n"
                     "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n"),
            "sweep.toml:3:1: error: [sweep] needs replications = N, the runs per design point");
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"\nsamples = 4",
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n")),
            "sweep.toml:8:1: error: samples does not apply to a grid design; its keys are kind");
  EXPECT_EQ(error_of(sweep_with("kind = \"gird\"", "")),
            "sweep.toml:7:8: error: design.kind must be one of \"grid\", \"latin_hypercube\", "
            "\"saltelli\", \"morris\", got \"gird\"; did you mean \"grid\"?");
  EXPECT_EQ(error_of("[sweep]\nscenario = \"base.toml\"\nreplications = 0\nseed = 1\n[design]\n"
                     "kind = \"grid\"\n[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n"),
            "sweep.toml:3:16: error: run.replications must be an integer from 1 to 1000000, got 0");
}

TEST(LoadSweep, RefusesADesignTooLargeToHold) {
  const std::string message = error_of(
      sweep_with("kind = \"grid\"",
                 "[[parameters]]\npath = \"trust.gain\"\nrange = [0.1, 0.2]\npoints = 1000\n"
                 "[[parameters]]\npath = \"trust.loss\"\nrange = [0.1, 0.2]\npoints = 1001\n"));
  EXPECT_NE(message.find("more than 1000000 points"), std::string::npos) << message;
}

TEST(LoadSweep, RefusesTheSameParameterTwiceAndDuplicateValues) {
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1]\n"
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.2]\n")),
            "sweep.toml:13:8: error: trust.gain is swept twice (first at line 10)");
  EXPECT_EQ(error_of(sweep_with("kind = \"grid\"",
                                "[[parameters]]\npath = \"trust.gain\"\nvalues = [0.1, 0.1]\n")),
            "sweep.toml:11:16: error: trust.gain lists the value 0.1 twice");
}

// One number of a per-dimension parameter is swept like a real; each point's scenario has it on
// that dimension and the default on the others.
TEST(LoadSweep, SweepsOneNumberOfAPerDimensionParameter) {
  const SweepSpec s = load(
      sweep_with("kind = \"grid\"",
                 "[[parameters]]\npath = \"regisseur.capabilities[1]\"\nvalues = [0.2, 0.8]\n"));
  const Design design = make_design(s);
  ASSERT_EQ(design.size(), 2);
  for (std::int64_t point = 0; point < design.size(); ++point) {
    const scenario::ScenarioSpec spec = point_scenario(s, design, point);
    EXPECT_EQ(spec.parameters.regisseur_capabilities,
              (std::vector<double>{0.5, design.values_of(point)[0]}));
  }
  EXPECT_NE(point_scenario(s, design, 0).parameters, point_scenario(s, design, 1).parameters);

  const std::string whole =
      error_of(sweep_with("kind = \"latin_hypercube\"\nsamples = 4",
                          "[[parameters]]\npath = \"opgave.goal\"\nrange = [0.1, 0.9]\n"));
  EXPECT_NE(whole.find("opgave.goal has one number per opgave dimension; sweep one of them, e.g. "
                       "opgave.goal[0]"),
            std::string::npos)
      << whole;
  const std::string beyond = error_of(sweep_with(
      "kind = \"grid\"", "[[parameters]]\npath = \"regisseur.goal[2]\"\nvalues = [0.2]\n"));
  EXPECT_NE(beyond.find("index 2 is out of range in regisseur.goal[2]"), std::string::npos)
      << beyond;
}

}  // namespace
}  // namespace regiesim::design
