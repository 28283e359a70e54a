// The classroom page's first step (the spike): the default scenario, embedded as text, loaded,
// validated and run in WebAssembly exactly as `regiesim run` runs it (the same network, run seeds
// and replications), with every run's summary printed to the last bit (as hexadecimal floats) and
// each series as a 64-bit FNV-1a hash of its values' bytes, so that classroom/compare_with_cli.py
// can check them against the CLI's HDF5 output for the same scenario and seed.
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string_view>
#include <vector>

#include "network/network.hpp"
#include "record/metrics.hpp"
#include "scenario/load_scenario.hpp"
#include "sim/run.hpp"

namespace regiesim::klas {

extern const std::string_view kDefaultScenario;  // generated from scenarios/default.toml

namespace {

std::uint64_t fnv1a(const std::vector<double>& values) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const double value : values) {
    unsigned char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);  // little-endian, as HDF5 stores float64 here
    for (const unsigned char byte : bytes) hash = (hash ^ byte) * 1099511628211ULL;
  }
  return hash;
}

int run() {
  const auto start = std::chrono::steady_clock::now();
  const scenario::ScenarioSpec spec = scenario::load_scenario(kDefaultScenario, "default.toml");
  const auto& p = spec.parameters;
  const auto master_seed = static_cast<std::uint64_t>(p.seed);
  const network::Network network =
      network::generate(p, spec.partner_count(), master_seed, spec.network_ties);
  const auto loaded = std::chrono::steady_clock::now();
  for (std::int64_t r = 0; r < p.replications; ++r) {
    const record::RunRecord record =
        sim::run_drawn_replication(spec, network, sim::plan_replication(master_seed, r));
    fmt::print("run {} status {} steps {}\n", record.run_id, static_cast<int>(record.status),
               record.steps);
    for (int m = 0; m < record::kMetricCount; ++m) {
      const auto name = record::kMetrics[static_cast<std::size_t>(m)].name;
      fmt::print("summary {} {} {:a}\n", record.run_id, name,
                 record.summary[static_cast<std::size_t>(m)]);
      if (!record.series.empty())
        fmt::print("series {} {} {:016x}\n", record.run_id, name,
                   fnv1a(record.series[static_cast<std::size_t>(m)]));
    }
  }
  const auto done = std::chrono::steady_clock::now();
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  fmt::print("timing load_ms {:.1f} run_ms {:.1f} replications {} steps {}\n", ms(start, loaded),
             ms(loaded, done), p.replications, p.steps);
  return 0;
}

}  // namespace

}  // namespace regiesim::klas

int main() {
  try {
    return regiesim::klas::run();
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return 1;
  }
}
