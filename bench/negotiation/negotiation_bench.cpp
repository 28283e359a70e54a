// One negotiation at 2, 5 and 20 partners (K = min(n, 4)) per protocol, as the model calls it: one
// Outcome reused across calls, so no allocation after the first. Items are negotiations; for
// Zeuthen "one negotiation" is run to agreement (every round in one call), and
// BM_ZeuthenMeeting is the cost of one meeting's single round on carried demands.
#include <benchmark/benchmark.h>

#include <vector>

#include "negotiation/negotiate.hpp"

namespace {

using namespace regiesim::negotiation;

struct Meeting {
  std::vector<double> work, interests, capabilities, resources, urgency;
};

// Partners capable on one dimension each and interested most in the next one's (mutual
// dependence with divergent interests), resources and urgency spread.
Meeting meeting(int n) {
  const int k_count = n < 4 ? n : 4;
  Meeting m;
  m.work.assign(k_count, 0.5 * n);
  for (int i = 0; i < n; ++i) {
    m.resources.push_back(0.5 + 0.5 * (i % 3) / 2.0);
    m.urgency.push_back((i % 5) / 4.0);
    for (int k = 0; k < k_count; ++k) {
      m.capabilities.push_back(k == i % k_count ? 0.8 : 0.1);
      m.interests.push_back(k == (i + 1) % k_count ? 1.0 : 0.3);
    }
  }
  return m;
}

MeetingInput input_for(const Meeting& m, Protocol protocol) {
  NegotiationSettings s;
  s.protocol = protocol;
  s.rounds_per_meeting = 1000000;
  s.effort_cost = 0.05;
  return {.remaining_work = m.work,
          .interests = m.interests,
          .capabilities = m.capabilities,
          .resources = m.resources,
          .urgency = m.urgency,
          .settings = s,
          .carried_demands = {},
          .carried_rounds = 0};
}

void run(benchmark::State& bench, Protocol protocol) {
  const auto m = meeting(static_cast<int>(bench.range(0)));
  const auto input = input_for(m, protocol);
  Outcome out;
  negotiate(input, out);
  if (!out.agreed()) bench.SkipWithError("no agreement");
  for (auto _ : bench) {
    negotiate(input, out);
    benchmark::DoNotOptimize(out.shares.data());
  }
  bench.SetItemsProcessed(bench.iterations());
  bench.counters["rounds"] = out.rounds;
  bench.counters["fairness_distance"] = out.fairness_distance;
}

void BM_Zeuthen(benchmark::State& bench) {
  run(bench, Protocol::zeuthen);
}
void BM_AlternatingOffers(benchmark::State& bench) {
  run(bench, Protocol::alternating_offers);
}
void BM_Nash(benchmark::State& bench) {
  run(bench, Protocol::nash);
}
BENCHMARK(BM_Zeuthen)->Arg(2)->Arg(5)->Arg(20)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AlternatingOffers)->Arg(2)->Arg(5)->Arg(20)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Nash)->Arg(2)->Arg(5)->Arg(20)->Unit(benchmark::kMicrosecond);

// One meeting of an ongoing Zeuthen negotiation: one round on the demands carried from the last
// meeting (the model's per-meeting cost with the default rounds_per_meeting = 1).
void BM_ZeuthenMeeting(benchmark::State& bench) {
  const auto m = meeting(static_cast<int>(bench.range(0)));
  auto input = input_for(m, Protocol::zeuthen);
  input.settings.rounds_per_meeting = 1;
  Outcome out;
  negotiate(input, out);  // the opening round
  const std::vector<double> carried = out.demands;
  input.carried_demands = carried;
  input.carried_rounds = out.rounds;
  for (auto _ : bench) {
    negotiate(input, out);
    benchmark::DoNotOptimize(out.demands.data());
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_ZeuthenMeeting)->Arg(2)->Arg(5)->Arg(20)->Unit(benchmark::kMicrosecond);

}  // namespace
