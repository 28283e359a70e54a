#include "sim/run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "record/metrics.hpp"
#include "support/small_scenario.hpp"

namespace regiesim::sim {

// The metrics a run records, by their names (record/metrics.hpp).
using namespace record;
namespace {

record::RunRecord run(const scenario::ScenarioSpec& spec, std::int64_t replication,
                      std::uint64_t seed = 1) {
  const auto net = network::generate(spec.parameters, spec.partner_count(), seed);
  return run_replication(spec, net, plan_replication(seed, replication));
}

TEST(Run, IsAPureFunctionOfScenarioAndSeed_BitIdenticalOnRepetition) {
  auto spec = testing::small_scenario();
  spec.parameters.record_level = model::RecordLevel::full;
  const record::RunRecord a = run(spec, 2);
  const record::RunRecord b = run(spec, 2);
  EXPECT_EQ(a, b);  // every double compared exactly
}

TEST(Run, ReplicationsDiffer) {
  const auto spec = testing::small_scenario();
  EXPECT_NE(run(spec, 0).series, run(spec, 1).series);
}

TEST(Run, EveryActivationOrderRunsAndRandomSequentialDiffersFromFixed) {
  auto spec = testing::small_scenario();
  spec.parameters.activation = model::Activation::fixed;
  const auto fixed = run(spec, 0);
  spec.parameters.activation = model::Activation::synchronous;
  const auto synchronous = run(spec, 0);
  spec.parameters.activation = model::Activation::random_sequential;
  const auto random = run(spec, 0);
  EXPECT_NE(fixed.series[kPassionMean], random.series[kPassionMean]);
  EXPECT_NE(fixed.series[kPassionMean], synchronous.series[kPassionMean]);
}

TEST(Run, StateStaysInItsDeclaredRanges) {
  auto spec = testing::small_scenario(8, 3, 520);
  spec.parameters.record_level = model::RecordLevel::full;
  const auto r = run(spec, 0);
  ASSERT_EQ(r.status, record::RunStatus::ok) << r.failure_reason;
  for (int m : {kRealisation, kTrustMean, kPassionMean, kCommitmentMean})
    for (double x : r.series[m]) {
      EXPECT_GE(x, 0.0);
      EXPECT_LE(x, 1.0);
    }
  for (const auto& variable : r.agents)
    for (double x : variable) {
      EXPECT_GE(x, 0.0);
      EXPECT_LE(x, 1.0);
    }
  for (double x : r.trust) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
  }
}

TEST(Run, RealisationNeverDecreases) {
  const auto r = run(testing::small_scenario(), 0);
  for (std::size_t t = 1; t < r.series[kRealisation].size(); ++t)
    EXPECT_GE(r.series[kRealisation][t], r.series[kRealisation][t - 1]);
  EXPECT_GT(r.series[kRealisation].back(), 0.0);
}

TEST(Run, SummaryIsTheFinalValueTheTotalOrTheRecentMeanOfTheSeries) {
  const auto r = run(testing::small_scenario(), 0);
  for (int m = 0; m < kMetricCount; ++m) {
    const auto& s = r.series[m];
    double total = 0;
    for (std::size_t t = 1; t < s.size(); ++t) total += s[t];
    double recent = 0;
    const std::size_t weeks = std::min<std::size_t>(kRecentWeeks, s.size() - 1);
    for (std::size_t t = s.size() - weeks; t < s.size(); ++t) recent += s[t];
    recent /= static_cast<double>(weeks);
    const double expected = kMetrics[m].summary == Summary::total         ? total
                            : kMetrics[m].summary == Summary::recent_mean ? recent
                                                                          : s.back();
    EXPECT_NEAR(r.summary[m], expected, 1e-12 * (1 + std::abs(expected))) << kMetrics[m].name;
  }
}

TEST(Run, RecordLevelsRecordWhatTheyPromise) {
  auto spec = testing::small_scenario(5, 2, 10);
  spec.parameters.record_agent_interval = 4;
  spec.parameters.record_level = model::RecordLevel::summary;
  auto r = run(spec, 0);
  EXPECT_TRUE(r.series.empty());
  EXPECT_TRUE(r.events.empty());
  EXPECT_EQ(r.summary.size(), std::size_t{kMetricCount});

  spec.parameters.record_level = model::RecordLevel::series;
  r = run(spec, 0);
  ASSERT_EQ(r.series.size(), std::size_t{kMetricCount});
  EXPECT_EQ(r.series[0].size(), 11u);
  EXPECT_FALSE(r.events.empty());  // convening every 4 weeks
  EXPECT_TRUE(r.agents.empty());

  spec.parameters.record_level = model::RecordLevel::agents;
  r = run(spec, 0);
  EXPECT_EQ(r.sample_steps, (std::vector<std::int32_t>{0, 4, 8, 10}));
  ASSERT_EQ(r.agents.size(), std::size_t{kAgentVariableCount});
  EXPECT_EQ(r.agents[kPassion].size(), 4u * 5u);
  EXPECT_TRUE(r.trust.empty());

  spec.parameters.record_level = model::RecordLevel::full;
  r = run(spec, 0);
  EXPECT_EQ(r.trust.size(), 4u * 5u * 4u);
}

TEST(Run, ALowUrgencyPartnerLeavesAndTheExitIsAnEvent) {
  auto spec = testing::small_scenario(6, 3, 520);
  spec.partners[0].urgency = 0.05;
  spec.partners[0].commitment = 0.05;
  const auto r = run(spec, 0);
  bool left = false;
  for (const auto& e : r.events)
    if (e.kind == record::EventKind::exit && e.source == 0) left = true;
  EXPECT_TRUE(left);
  EXPECT_LT(r.summary[kActivePartners], 6.0);
}

TEST(Run, ConveningRaisesTrustOverTenYears_SameSeeds) {
  // C1/P4 at unit level: the same replications with and without plenary meetings.
  auto spec = testing::small_scenario(8, 3, 520);
  auto without = spec;
  without.parameters.regisseur_convene_interval = 0;
  double with_sum = 0, without_sum = 0;
  for (int rep = 0; rep < 5; ++rep) {
    with_sum += run(spec, rep).summary[kTrustMean];
    without_sum += run(without, rep).summary[kTrustMean];
  }
  EXPECT_GT(with_sum, without_sum);
}

// C5, P3: under `controlling` the regisseur's own work adds to realisation through
// regisseur.capabilities; without capabilities it adds nothing (the same replications).
TEST(Run, ARegisseurWithOwnCapabilitiesRealisesMoreUnderControl_SameSeeds) {
  auto capable = testing::small_scenario(8, 3, 260);
  capable.parameters.regisseur_strategy = model::Strategy::controlling;
  capable.parameters.regisseur_capabilities = {1.0, 1.0, 1.0};
  auto incapable = capable;
  incapable.parameters.regisseur_capabilities = {0.0, 0.0, 0.0};
  double capable_sum = 0, incapable_sum = 0;
  for (int rep = 0; rep < 3; ++rep) {
    capable_sum += run(capable, rep).summary[kRealisation];
    incapable_sum += run(incapable, rep).summary[kRealisation];
  }
  EXPECT_GT(capable_sum, incapable_sum);
}

}  // namespace
}  // namespace regiesim::sim
