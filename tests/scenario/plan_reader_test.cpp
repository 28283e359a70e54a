#include "scenario/plan_reader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/initial_state.hpp"

namespace regiesim::scenario {
namespace {

std::string scenario(std::string_view regisseur) {
  return std::string(regisseur) +
         "\n[partners.a]\ncapabilities = [0.1, 0.2, 0.3, 0.4]\ninterests = [1, -1, 0, 0.5]\n"
         "discipline = \"law\"\n"
         "[partners.b]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\nperspective = 0.9\n"
         "[partners.c]\ncapabilities = [0.4, 0.3, 0.2, 0.1]\ndiscipline = \"law\"\n";
}

std::string error(std::string_view text) {
  try {
    load_scenario(text, "s.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return "";
}

TEST(Plan, IsReadInFileOrderWithTargetsResolvedToPartnerIds) {
  const auto spec = load_scenario(scenario(R"([regisseur]
strategy = "planned"
[[regisseur.plan]]
week = 2
intervention = "surface_interests"
target = "b"
[[regisseur.plan]]
week = 1
intervention = "organise"
target = "all"
intensity = 0.2
)"),
                                  "s.toml");
  ASSERT_EQ(spec.plan.size(), 2u);
  EXPECT_EQ(spec.plan[0].week, 2);
  EXPECT_EQ(spec.plan[0].intervention, model::Intervention::surface_interests);
  EXPECT_EQ(spec.plan[0].target, 1);
  EXPECT_EQ(spec.plan[1].target, model::kAllPartners);
  EXPECT_EQ(spec.plan[1].intensity, 0.2);
}

TEST(Plan, BadEntriesAreErrorsAtTheirLine) {
  EXPECT_NE(error(scenario("[regisseur]\nstrategy = \"planned\"\n[[regisseur.plan]]\nweek = 1\n"
                           "intervention = \"surface_interest\"\ntarget = \"a\"\n"))
                .find("s.toml:5:16: error: regisseur.plan intervention must be one of the "
                      "arsenal's names; did you mean \"surface_interests\"?"),
            std::string::npos);
  EXPECT_NE(error(scenario("[regisseur]\nstrategy = \"planned\"\n[[regisseur.plan]]\nweek = 1\n"
                           "intervention = \"delegate\"\ntarget = \"d\"\n"))
                .find("regisseur.plan target 'd' is not a partner"),
            std::string::npos);
  EXPECT_NE(error(scenario("[regisseur]\nstrategy = \"planned\"\n[[regisseur.plan]]\nweek = 1\n"
                           "intervention = \"refocus\"\ntarget = \"a\"\n"))
                .find("refocus acts on the whole collaboration"),
            std::string::npos);
  EXPECT_NE(error(scenario("[regisseur]\n[[regisseur.plan]]\nweek = 1\n"
                           "intervention = \"refocus\"\n"))
                .find("only with regisseur.strategy = \"planned\""),
            std::string::npos);
  EXPECT_NE(error(scenario("[regisseur]\nstrategy = \"planned\"\n")).find("needs a schedule"),
            std::string::npos);
}

TEST(PartnerColumns, InterestsPerspectiveAndDisciplineAreReadAndDefaulted) {
  const auto spec = load_scenario(scenario(""), "s.toml");
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  const auto s = sim::initial_state(spec, net);
  EXPECT_EQ(s.partners.interests(0, 1), -1.0);
  EXPECT_EQ(s.partners.interests(1, 0), 0.4);  // default: the capabilities
  EXPECT_EQ(s.partners.perspective[1], 0.9);
  EXPECT_DOUBLE_EQ(s.partners.perspective[0], 0.5 / 3);           // default: (id + 1/2) / N
  EXPECT_EQ(s.partners.discipline[0], s.partners.discipline[2]);  // both "law"
  EXPECT_NE(s.partners.discipline[0], s.partners.discipline[1]);  // b: its own
  const auto again = load_scenario(resolved_toml(spec), "resolved.toml");
  EXPECT_EQ(again.partners, spec.partners);
}

TEST(Arsenal, KeysAreReadAsDottedKeysOfTheRegisseurTable) {
  const auto spec = load_scenario(
      scenario("[regisseur]\narsenal.reflect.effectiveness = 0.6\narsenal.control.enabled = "
               "false\n"),
      "s.toml");
  const auto& a = spec.parameters.arsenal;
  EXPECT_EQ(a[model::arsenal_index(model::Intervention::reflect)].effectiveness, 0.6);
  EXPECT_EQ(a[model::arsenal_index(model::Intervention::control)].enabled, 0.0);
  EXPECT_NE(error(scenario("[regisseur]\narsenal.control.enabled = 1\n"))
                .find("expected true or false for regisseur.arsenal.control.enabled"),
            std::string::npos);
}

}  // namespace
}  // namespace regiesim::scenario
