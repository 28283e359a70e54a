// design decision 5: every update rule is a bounded convex combination, so the declared parameter
// ranges are the stability check. Checked here where it is most likely to fail: at the corners
// of the parameter box (every model parameter at its minimum or maximum) and with partners at
// the extremes of their columns, under every activation order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/parameter_table.hpp"
#include "record/metrics.hpp"
#include "sim/run.hpp"
#include "support/small_scenario.hpp"

namespace regiesim {
namespace {

// Corner `c` of the box of sweepable parameters: parameter i at its maximum when bit i of a
// mixing of c is set. 64 corners include all-minimum (0) and all-maximum (63), and every pair of
// parameters meets in all four combinations of min and max.
scenario::ScenarioSpec corner(unsigned c) {
  auto spec = testing::small_scenario(6, 3, 104);
  spec.parameters.record_level = model::RecordLevel::full;
  spec.parameters.record_agent_interval = 1;
  unsigned i = 0;
  for (const auto& decl : model::parameter_table()) {
    if (!decl.sweepable || decl.kind == model::ValueKind::choice) continue;
    if (decl.path.starts_with("network.")) continue;  // the complete network has no parameters
    const bool high =
        c == 63 || (c != 0 && ((c >> (i % 6)) ^ (c >> ((i / 6 + 1) % 6)) ^ (i / 6)) & 1u);
    // Intervals and patience at their maximum would mean "never" within 104 weeks; their small
    // values are the interesting ones.
    double value = high ? decl.max : decl.min;
    if (decl.kind == model::ValueKind::integer && high) value = std::min(decl.max, 3.0);
    if (decl.kind == model::ValueKind::real_per_dimension)  // the same on every dimension
      spec.parameters.*decl.reals =
          std::vector<double>(static_cast<std::size_t>(spec.parameters.opgave_dimensions), value);
    else
      decl.set(spec.parameters, value);
    ++i;
  }
  // The box's corners within the rules across settings (docs/ODD.md 10.1), which the loader
  // enforces: the confidence bound lies between its limits and the commitment weights do not
  // all vanish (their sum divides the commitment target).
  auto& p = spec.parameters;
  p.perspectives_confidence =
      std::clamp(p.perspectives_confidence, p.perspectives_confidence_min,
                 std::max(p.perspectives_confidence_min, p.perspectives_confidence_max));
  p.perspectives_confidence_max =
      std::max(p.perspectives_confidence_max, p.perspectives_confidence);
  if (p.commitment_passion_weight + p.commitment_trust_weight + p.commitment_interest_weight +
          p.commitment_ownership_weight + p.commitment_goal_weight <=
      0.0)
    p.commitment_trust_weight = 1.0;
  for (std::size_t p = 0; p < spec.partners.size(); ++p) {
    auto& partner = spec.partners[p];
    partner.passion = (c + p) % 2 == 0 ? 0.0 : 1.0;
    partner.commitment = (c + p / 2) % 2 == 0 ? 1.0 : 0.0;
    partner.urgency = (c / 2 + p) % 3 == 0 ? 0.0 : 1.0;
    for (auto& capability : partner.capabilities) capability = (c + p) % 3 == 0 ? 0.0 : 1.0;
  }
  spec.parameters.activation = static_cast<model::Activation>(c % 3);
  return spec;
}

void expect_unit_interval(const std::vector<double>& values, const std::string& what) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!(values[i] >= 0.0 && values[i] <= 1.0)) {
      ADD_FAILURE() << what << "[" << i << "] = " << values[i] << " is outside [0, 1]";
      return;
    }
}

TEST(StateRanges, EveryRuleKeepsItsStateInRange_AtEveryCornerOfTheParameterBox) {
  for (unsigned c = 0; c < 64; ++c) {
    SCOPED_TRACE("corner " + std::to_string(c));
    const auto spec = corner(c);
    const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
    const record::RunRecord r = sim::run_replication(spec, net, sim::plan_replication(1, c));
    ASSERT_EQ(r.status, record::RunStatus::ok) << r.failure_reason;
    for (int m :
         {record::kRealisation, record::kTrustMean, record::kPassionMean, record::kCommitmentMean})
      expect_unit_interval(r.series[static_cast<std::size_t>(m)],
                           std::string(record::kMetrics[static_cast<std::size_t>(m)].name));
    for (int v = 0; v < record::kAgentVariableCount; ++v)
      expect_unit_interval(r.agents[static_cast<std::size_t>(v)],
                           std::string(record::kAgentVariables[static_cast<std::size_t>(v)].name));
    expect_unit_interval(r.trust, "trust");
    for (const double x : r.series[record::kRegieEffort]) EXPECT_TRUE(std::isfinite(x));
  }
}

}  // namespace
}  // namespace regiesim
