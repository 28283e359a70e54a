// Scale: generated networks from 10^3 to 10^6 partners, the week on sparse generated networks of
// generated populations, per process at 10^4 partners, and whole replications of the committed
// scale scenarios (bench/large_50.toml, bench/large_200.toml). Items are directed ties (per
// generated network, or per step).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>

#include "dynamics/co_creation.hpp"
#include "dynamics/commitment.hpp"
#include "dynamics/meeting_mode.hpp"
#include "dynamics/meetings.hpp"
#include "dynamics/passion.hpp"
#include "dynamics/trust.hpp"
#include "io/scenario_file.hpp"
#include "model/parameter_table.hpp"
#include "network/network.hpp"
#include "process_bodies.hpp"
#include "regie/observation.hpp"
#include "regie/strategies.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/initial_state.hpp"
#include "sim/run.hpp"
#include "sim/step.hpp"
#include "state_size.hpp"
#include "sweep/tbb_chunk_executor.hpp"

namespace {

using namespace regiesim;

constexpr std::array<std::string_view, 4> kKinds{"small_world", "erdos_renyi", "power_law",
                                                 "barabasi_albert"};
constexpr std::array<std::string_view, 3> kStrategies{"none", "facilitative", "controlling"};

// A generated population of `partners` on a generated network of mean degree 10, at record level
// summary: the sparse scale scenario (bench/README.md).
scenario::ScenarioSpec sparse_scenario(std::int64_t partners, std::string_view kind,
                                       std::string_view strategy) {
  const std::string text = fmt::format(R"([scenario]
name = "sparse"
[run]
replications = 1
[network]
kind = "{}"
neighbours = 10
mean_degree = 10
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
                                       kind, strategy, partners);
  return scenario::load_scenario(text, "sparse");
}

void BM_GenerateNetwork(benchmark::State& bench) {
  auto p = model::default_parameters();
  const auto kind = static_cast<std::size_t>(bench.range(0));
  p.network_kind = static_cast<model::NetworkKind>(kind + 1);
  p.network_neighbours = 10;
  p.network_mean_degree = 10;
  const auto n = static_cast<std::int32_t>(bench.range(1));
  std::int64_t ties = 0;
  std::uint64_t key = 1;
  for (auto _ : bench) {
    const network::Network net = network::generate(p, n, key++);
    ties = net.edge_count();
    benchmark::DoNotOptimize(net.target.data());
  }
  bench.SetItemsProcessed(bench.iterations() * ties);
  bench.counters["ties"] = static_cast<double>(ties);
  bench.SetLabel(std::string(kKinds[kind]));
}
BENCHMARK(BM_GenerateNetwork)
    ->ArgNames({"kind", "N"})
    ->ArgsProduct({{0, 1, 2, 3}, {1000, 10000, 100000, 1000000}})
    ->Unit(benchmark::kMillisecond);

// One week (all processes, no recording) on a small world of mean degree 10.
void BM_WeekSparse(benchmark::State& bench) {
  const auto strategy = static_cast<std::size_t>(bench.range(0));
  const auto spec = sparse_scenario(bench.range(1), "small_world", kStrategies[strategy]);
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto state = sim::initial_state(spec, net);
  record::EventLog log;
  const random::RunSeed seed{12345};
  for (auto _ : bench) {
    sim::step(spec, net, seed, state, log);
    if (state.step >= 100000) state.step = 0;
  }
  bench.SetItemsProcessed(bench.iterations() * net.edge_count());
  bench.counters["ties"] = static_cast<double>(net.edge_count());
  // The state's size by its formula (state_size.hpp), and the week's bytes by it: one pass over
  // the state per week, as a rate against the STREAM triad (BM_StreamTriad).
  const bench_state::StateSize size = bench_state::state_size(state, net);
  bench.counters["state_bytes"] = size.total();
  bench.counters["bytes_per_partner"] = size.per_partner;
  bench.counters["bytes_per_tie"] = size.per_tie;
  bench.counters["fixed_bytes"] = size.fixed;
  bench.SetBytesProcessed(bench.iterations() * static_cast<std::int64_t>(size.total()));
  bench.counters["ns_per_tie"] = benchmark::Counter(
      static_cast<double>(bench.iterations() * net.edge_count()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
  bench.SetLabel(std::string(kStrategies[strategy]));
}
BENCHMARK(BM_WeekSparse)
    ->ArgNames({"strategy", "N"})
    ->ArgsProduct({{0, 1, 2}, {1000, 2000, 4000, 8000, 10000, 100000, 1000000}})
    ->Unit(benchmark::kMillisecond);

// The same week (strategy none) with threads inside the run (--threads-per-run): the serial
// executor at 1 thread, oneTBB at more. Wall time, since the week's work is spread over threads.
void BM_WeekSparseThreads(benchmark::State& bench) {
  const auto threads = static_cast<int>(bench.range(0));
  const auto spec = sparse_scenario(bench.range(1), "small_world", "none");
  const auto net = network::generate(spec.parameters, spec.partner_count(), 1);
  auto state = sim::initial_state(spec, net);
  record::EventLog log;
  const random::RunSeed seed{12345};
  const sweep::TbbChunkExecutor tbb(threads);
  const model::ChunkExecutor& executor =
      threads > 1 ? static_cast<const model::ChunkExecutor&>(tbb) : model::serial_executor();
  for (auto _ : bench) {
    sim::step(spec, net, seed, state, log, std::nullopt, executor);
    if (state.step >= 100000) state.step = 0;
  }
  bench.SetItemsProcessed(bench.iterations() * net.edge_count());
  bench.counters["ties"] = static_cast<double>(net.edge_count());
}
BENCHMARK(BM_WeekSparseThreads)
    ->ArgNames({"threads", "N"})
    ->ArgsProduct({{1, 2}, {100000, 1000000}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Per process at 10^4 partners on the sparse small world, after 4 warm-up weeks.
struct WarmSparse {
  scenario::ScenarioSpec spec = sparse_scenario(10000, "small_world", "facilitative");
  network::Network net = network::generate(spec.parameters, spec.partner_count(), 1);
  model::State s;
  record::EventLog log;
  random::RunSeed seed{12345};
  WarmSparse() {
    s = sim::initial_state(spec, net);
    for (int t = 0; t < 4; ++t) sim::step(spec, net, seed, s, log);
  }
};

void BM_SparseProcess_Choose(benchmark::State& bench) {
  WarmSparse w;
  bench_process::choose(bench, w, 5);
}
BENCHMARK(BM_SparseProcess_Choose)->Unit(benchmark::kMillisecond);

void BM_SparseProcess_MeetingsAndModes(benchmark::State& bench) {
  WarmSparse w;
  bench_process::meetings_and_modes(bench, w, 5);
}
BENCHMARK(BM_SparseProcess_MeetingsAndModes)->Unit(benchmark::kMillisecond);

void BM_SparseProcess_Trust(benchmark::State& bench) {
  WarmSparse w;
  bench_process::trust(bench, w, 5);
}
BENCHMARK(BM_SparseProcess_Trust)->Unit(benchmark::kMillisecond);

void BM_SparseProcess_CoCreate(benchmark::State& bench) {
  WarmSparse w;
  bench_process::co_create(bench, w);
}
BENCHMARK(BM_SparseProcess_CoCreate)->Unit(benchmark::kMillisecond);

void BM_SparseProcess_PassionAndCommitment(benchmark::State& bench) {
  WarmSparse w;
  bench_process::passion_and_commitment(bench, w);
}
BENCHMARK(BM_SparseProcess_PassionAndCommitment)->Unit(benchmark::kMillisecond);

// One whole replication (520 weeks, level summary) of the committed scale scenarios, loaded
// through io/ as `regiesim run` loads them: 50 and 200 partners.
void BM_LargeReplication(benchmark::State& bench) {
  const std::string path =
      fmt::format("{}/bench/large_{}.toml", REGIESIM_SOURCE_DIR, bench.range(0));
  const scenario::ScenarioSpec spec = io::read_scenario_file(path);
  const network::Network net = network::generate(spec.parameters, spec.partner_count(),
                                                 static_cast<std::uint64_t>(spec.parameters.seed));
  std::int64_t replication = 0;
  for (auto _ : bench) {
    auto record = sim::run_replication(
        spec, net,
        sim::plan_replication(static_cast<std::uint64_t>(spec.parameters.seed), replication++));
    benchmark::DoNotOptimize(record.summary.data());
  }
  bench.SetItemsProcessed(bench.iterations() * spec.parameters.steps);
  bench.counters["ties"] = static_cast<double>(net.edge_count());
}
BENCHMARK(BM_LargeReplication)
    ->ArgName("partners")
    ->Arg(50)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond);

}  // namespace
