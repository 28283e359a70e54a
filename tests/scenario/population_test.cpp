// [population]: generated partners, their distributions, their streams, and the messages for bad
// input. Statistical checks state their criterion (5 standard errors) on one large population.
#include "scenario/population.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "scenario/input_error.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::scenario {
namespace {

// Line numbers matter: tests below point at them.
constexpr std::string_view kPopulation = R"([run]
seed = 11

[network]
kind = "small_world"

[opgave]
dimensions = 2

[partners.gemeente]
capabilities = [0.9, 0.1]

[population]
count = 4000
passion = { uniform = [0.2, 0.6] }
commitment = { normal = [0.9, 0.3] }
urgency = { beta = [2, 6] }
resources = 2.5
perspective = { list = [0.1, 0.4, 0.7] }
capabilities = { uniform = [0, 1] }
discipline = { mix = { zorg = 3, politie = 1 } }
)";

ScenarioSpec load(std::string_view text, std::vector<std::string> overrides = {}) {
  return load_scenario(text, "population.toml", overrides);
}

std::string message_of(std::string_view text, std::vector<std::string> overrides = {}) {
  try {
    load(text, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Population, GeneratedPartnersFollowTheNamedOnesWithTheirNames) {
  const ScenarioSpec spec = load(kPopulation);
  ASSERT_EQ(spec.partner_count(), 4001);
  EXPECT_EQ(spec.partners[0].name, "gemeente");
  EXPECT_EQ(spec.partners[1].name, "p000000");
  EXPECT_EQ(spec.partners[4000].name, "p003999");
  EXPECT_EQ(spec.population.generated, 4000);
  EXPECT_EQ(generated_partner_name(1234567), "p1234567");
}

TEST(Population, EachDistributionStaysInItsRangeWithItsMean) {
  const ScenarioSpec spec = load(kPopulation);
  double passion = 0, urgency = 0, commitment = 0, capability = 0;
  std::map<double, int> perspectives;
  int zorg = 0;
  const double n = 4000;
  for (std::size_t i = 1; i < spec.partners.size(); ++i) {
    const auto& p = spec.partners[i];
    ASSERT_GE(p.passion, 0.2);
    ASSERT_LE(p.passion, 0.6);
    ASSERT_GE(p.commitment, 0.0);
    ASSERT_LE(p.commitment, 1.0);  // the normal is truncated to the column's range
    ASSERT_EQ(p.resources, 2.5);
    ASSERT_EQ(p.capabilities.size(), 2u);
    passion += p.passion / n;
    urgency += p.urgency / n;
    commitment += p.commitment / n;
    capability += p.capabilities[1] / n;
    ++perspectives[p.perspective];
    zorg += p.discipline == "zorg" ? 1 : 0;
    ASSERT_TRUE(p.discipline == "zorg" || p.discipline == "politie");
  }
  // Means within 5 standard errors: uniform(0.2, 0.6) sd 0.4/sqrt(12); beta(2, 6) mean 1/4,
  // sd sqrt(ab / ((a+b)^2 (a+b+1))) = 0.144; uniform(0, 1) sd 0.289.
  EXPECT_NEAR(passion, 0.4, 5 * 0.4 / std::sqrt(12.0) / std::sqrt(n));
  EXPECT_NEAR(urgency, 0.25, 5 * 0.144 / std::sqrt(n));
  EXPECT_NEAR(capability, 0.5, 5 * 0.289 / std::sqrt(n));
  // normal(0.9, 0.3) truncated to [0, 1]: mean 0.9 + 0.3 (phi(-3) - phi(1/3)) / (Phi(1/3) -
  // Phi(-3)) = 0.7256, sd below 0.3.
  EXPECT_NEAR(commitment, 0.7256, 5 * 0.3 / std::sqrt(n));
  ASSERT_EQ(perspectives.size(), 3u);
  for (const auto& [value, count] : perspectives)
    EXPECT_NEAR(count, n / 3, 5 * std::sqrt(n * (1.0 / 3) * (2.0 / 3))) << value;
  EXPECT_NEAR(zorg, n * 0.75, 5 * std::sqrt(n * 0.75 * 0.25));
}

TEST(Population, DrawnFromTheSeedAndKeyedByPartnerAndColumn) {
  const ScenarioSpec a = load(kPopulation);
  EXPECT_EQ(a.partners, load(kPopulation).partners);
  const ScenarioSpec other_seed = load(kPopulation, {"run.seed=12"});
  EXPECT_NE(a.partners[5].passion, other_seed.partners[5].passion);
  // Another distribution for passion changes no other column's draws, and more partners change
  // none of the first ones': each value has its own stream (partner, column).
  const ScenarioSpec changed =
      load(kPopulation, {"population.passion={ normal = [0.5, 0.1] }", "population.count=5000"});
  ASSERT_EQ(changed.partner_count(), 5001);
  for (std::size_t i = 1; i <= 4000; ++i) {
    EXPECT_EQ(changed.partners[i].commitment, a.partners[i].commitment);
    EXPECT_EQ(changed.partners[i].capabilities, a.partners[i].capabilities);
    EXPECT_EQ(changed.partners[i].discipline, a.partners[i].discipline);
  }
  EXPECT_NE(changed.partners[1].passion, a.partners[1].passion);
}

TEST(Population, RedrawForARunChangesValuesNotNames) {
  ScenarioSpec spec = load(kPopulation);
  const ScenarioSpec original = spec;
  redraw_population(spec, 99);
  ASSERT_EQ(spec.partner_count(), original.partner_count());
  EXPECT_EQ(spec.partners[0], original.partners[0]);
  EXPECT_EQ(spec.partners[7].name, original.partners[7].name);
  EXPECT_NE(spec.partners[7].passion, original.partners[7].passion);
  EXPECT_FALSE(population_per_replication(spec));
  EXPECT_TRUE(population_per_replication(load(kPopulation, {"network.per_replication=true"})));
}

TEST(Population, ResolvedTextReadsBackToTheSamePartners) {
  const ScenarioSpec spec = load(kPopulation);
  const ScenarioSpec again = load(resolved_toml(spec));
  EXPECT_EQ(again.partners, spec.partners);
  EXPECT_EQ(again.population, spec.population);
}

TEST(Population, WithoutNamedPartners) {
  const ScenarioSpec spec = load(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
)");
  ASSERT_EQ(spec.partner_count(), 3);
  EXPECT_EQ(spec.partners[0].passion, 0.5);  // the column's declared default
  EXPECT_TRUE(spec.partners[0].discipline.empty());
  EXPECT_LT(spec.partners[0].perspective, 0);  // derived default: spread evenly
}

TEST(Population, BadInputIsAnErrorAtItsLine) {
  EXPECT_EQ(message_of(R"([population]
count = 3
)"),
            "population.toml:2:9: error: population.capabilities is required: generated partners "
            "need a capability per opgave dimension, e.g. capabilities = { uniform = [0, 1] }");
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0.5, 0.2] }
)")
                .find("population.toml:3:28: error: population.capabilities: uniform [low, high] "
                      "needs low <= high"),
            std::string::npos);
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
passion = { normal = [0.5, 0] }
)")
                .find("population.toml:4:"),
            std::string::npos);
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
passion = 1.5
)")
                .find("population.toml:4:"),
            std::string::npos);
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
passion = { poisson = [3] }
)")
                .find("unknown key 'poisson'"),
            std::string::npos);
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
discipline = { mix = { zorg = 0 } }
)")
                .find("a mix needs at least one discipline with a weight above 0"),
            std::string::npos);
  EXPECT_NE(message_of(R"([population]
count = 3
capabilities = { uniform = [0, 1] }
urgncy = 0.2
)")
                .find("did you mean 'urgency'"),
            std::string::npos);
  // A named partner may not take a generated partner's name.
  EXPECT_NE(message_of(R"([partners.p000001]
capabilities = [0.5, 0.5, 0.5, 0.5]
[population]
count = 3
capabilities = { uniform = [0, 1] }
)")
                .find("population.toml:1:"),
            std::string::npos);
  EXPECT_NE(message_of(kPopulation, {"partners.p000003.passion=0.2"}).find("[population]"),
            std::string::npos);
}

}  // namespace
}  // namespace regiesim::scenario
