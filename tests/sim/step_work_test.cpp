// The week's work grows linearly in ties (docs/ODD.md 12.5): the deterministic work counters of
// model/work.hpp, summed over the first weeks of a generated population on a sparse small world of
// mean degree 10, grow about 4x when the partners (and so the ties) grow 4x. A process or strategy
// that scans all partners for each partner makes them grow 16x.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "model/work.hpp"
#include "network/network.hpp"
#include "record/event_log.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/initial_state.hpp"
#include "sim/step.hpp"

namespace regiesim {
namespace {

struct WeekWork {
  std::int64_t work = 0;
  std::int64_t ties = 0;
};

// Work counted over `weeks` weeks of `partners` generated partners under `strategy` (capacity and
// every other parameter at their defaults, so the regisseur's requests do not grow with N).
WeekWork work_of_weeks(std::int64_t partners, const std::string& strategy, int weeks) {
  const std::string text = fmt::format(R"([scenario]
name = "sparse"
[network]
kind = "small_world"
neighbours = 10
[regisseur]
strategy = "{}"
[record]
level = "summary"
[population]
count = {}
passion = {{ uniform = [0.3, 0.8] }}
commitment = {{ uniform = [0.3, 0.8] }}
urgency = {{ beta = [4, 2] }}
capabilities = {{ uniform = [0, 1] }}
)",
                                       strategy, partners);
  const auto spec = scenario::load_scenario(text, "sparse");
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto state = sim::initial_state(spec, net);
  record::EventLog log;
  const random::RunSeed seed{20261207};
  model::work_counters = {};
  for (int t = 0; t < weeks; ++t) sim::step(spec, net, seed, state, log);
  return {.work = model::work_counters.total(), .ties = net.edge_count()};
}

void expect_linear(const std::string& strategy) {
  const WeekWork small = work_of_weeks(1000, strategy, 6);
  const WeekWork large = work_of_weeks(4000, strategy, 6);
  ASSERT_GT(small.work, small.ties);  // every week visits every tie at least once
  const double ties_ratio = static_cast<double>(large.ties) / static_cast<double>(small.ties);
  const double work_ratio = static_cast<double>(large.work) / static_cast<double>(small.work);
  EXPECT_NEAR(ties_ratio, 4.0, 0.01);
  // Linear: about 4; quadratic in partners: about 16.
  EXPECT_LT(work_ratio, 5.0) << strategy << ": work " << small.work << " -> " << large.work;
  EXPECT_GT(work_ratio, 3.0) << strategy << ": work " << small.work << " -> " << large.work;
}

TEST(Week, WorkGrowsLinearlyInTies_None) {
  expect_linear("none");
}
TEST(Week, WorkGrowsLinearlyInTies_Facilitative) {
  expect_linear("facilitative");
}
TEST(Week, WorkGrowsLinearlyInTies_Controlling) {
  expect_linear("controlling");
}
TEST(Week, WorkGrowsLinearlyInTies_Commissioning) {
  expect_linear("commissioning");
}
TEST(Week, WorkGrowsLinearlyInTies_Scattershot) {
  expect_linear("scattershot");
}
TEST(Week, WorkGrowsLinearlyInTies_Negotiation) {
  expect_linear("negotiation");
}

}  // namespace
}  // namespace regiesim
