// Issue 17, design decision 5: valid input cannot make the state NaN or infinite (see
// tests/dynamics/state_ranges_test.cpp), but if it happens the run ends at that step, is recorded
// as failed with the step and the variable, and the other runs go on. Injected here through the
// test hook of run_replication.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>

#include "record/metrics.hpp"
#include "sim/run.hpp"
#include "support/small_scenario.hpp"
#include "sweep/executor.hpp"

namespace regiesim::sim {

// The metrics a run records, by their names (record/metrics.hpp).
using namespace record;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Fixture {
  scenario::ScenarioSpec spec = testing::small_scenario(6, 3, 52);
  network::Network net = network::generate(spec.parameters, spec.partner_count(), 1);
  record::RunRecord run(std::int64_t replication, const StateHook& hook = {}) const {
    return run_replication(spec, net, plan_replication(1, replication), hook);
  }
};

// A hook that sets one value at one step.
StateHook at_step(std::int32_t step, std::function<void(model::State&)> corrupt) {
  return [step, corrupt](model::State& s) {
    if (s.step == step) corrupt(s);
  };
}

TEST(NonFinite, NaNInPassion_EndsTheRunAsFailedNamingTheStepAndThePartner) {
  const Fixture f;
  const record::RunRecord r =
      f.run(0, at_step(17, [](model::State& s) { s.partners.passion[2] = kNaN; }));
  EXPECT_EQ(r.status, record::RunStatus::failed);
  EXPECT_NE(r.failure_reason.find("passion of partner 2 (nan) at step 17"), std::string::npos)
      << r.failure_reason;
  // Recorded up to the failing step, nothing after it: the run ended there.
  const auto& realisation = r.series[kRealisation];
  for (std::size_t t = 0; t <= 17; ++t) EXPECT_TRUE(std::isfinite(realisation[t])) << t;
  for (std::size_t t = 18; t < realisation.size(); ++t)
    EXPECT_TRUE(std::isnan(realisation[t])) << t;
}

TEST(NonFinite, InfiniteTrust_NamesTheTie) {
  const Fixture f;
  const record::RunRecord r = f.run(0, at_step(5, [](model::State& s) { s.trust[3] = kInfinity; }));
  EXPECT_EQ(r.status, record::RunStatus::failed);
  const std::string tie = "trust of partner " + std::to_string(f.net.source[3]) + " in partner " +
                          std::to_string(f.net.target[3]) + " (inf) at step 5";
  EXPECT_NE(r.failure_reason.find(tie), std::string::npos) << r.failure_reason;
}

TEST(NonFinite, NaNRealisation_IsNamed) {
  const Fixture f;
  const record::RunRecord r = f.run(0, at_step(1, [](model::State& s) { s.realisation = kNaN; }));
  EXPECT_EQ(r.status, record::RunStatus::failed);
  EXPECT_NE(r.failure_reason.find("realisation (nan) at step 1"), std::string::npos)
      << r.failure_reason;
}

TEST(NonFinite, OneFailedRun_TheOtherRunsGoOnUnchanged) {
  const Fixture f;
  std::map<std::int64_t, record::RunRecord> records;
  sweep::run_in_order(
      4, {.threads = 2},
      [&](std::int64_t id) {
        if (id != 1) return f.run(id);
        return f.run(id, at_step(30, [](model::State& s) { s.partners.commitment[0] = kNaN; }));
      },
      [&](std::int64_t id, record::RunRecord&& record) { records.emplace(id, std::move(record)); });
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].status, record::RunStatus::failed);
  EXPECT_NE(records[1].failure_reason.find("commitment of partner 0 (nan) at step 30"),
            std::string::npos)
      << records[1].failure_reason;
  for (const std::int64_t id : {0, 2, 3}) {
    EXPECT_EQ(records[id].status, record::RunStatus::ok) << id;
    EXPECT_EQ(records[id], f.run(id)) << "run " << id << " differs from the same run alone";
  }
}

}  // namespace
}  // namespace regiesim::sim
