// Sweep throughput: runs per second of a small sweep through the code path `regiesim sweep`
// takes (the command's options parsed by its own registration, then its action: the design, the
// executor's workers, the writing thread, the crash journal and the HDF5 file), on the shipped
// grid scenarios/sweeps/trust_grid.toml (20 points x 10 replications of the default scenario,
// 520 weeks each). Researchers run huge sweeps of small networks: this is their throughput.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/command.hpp"

namespace regiesim {
namespace {

constexpr int kRunsPerSweep = 200;  // trust_grid.toml: 4 x 5 points, 10 replications

// The sweep command's stdout report is silenced while it runs, so the benchmark's own console
// output stays readable; stderr (the progress, not a terminal here) is left alone.
class QuietStdout {
 public:
  QuietStdout() : saved_(dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    close(null);
  }
  ~QuietStdout() {
    std::fflush(stdout);
    dup2(saved_, STDOUT_FILENO);
    close(saved_);
  }
  QuietStdout(const QuietStdout&) = delete;
  QuietStdout& operator=(const QuietStdout&) = delete;

 private:
  int saved_;
};

int run_sweep_command(const std::vector<std::string>& args) {
  CLI::App app{"regiesim", "regiesim"};
  app.require_subcommand(1);
  cli::Action action;
  cli::register_sweep(app, action);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses a reversed list
  app.parse(reversed);
  return action();
}

// Arguments: record level (0 summary, 1 series) and -j (worker threads).
void BM_SweepThroughput(benchmark::State& bench) {
  const std::string level = bench.range(0) == 0 ? "summary" : "series";
  const std::string output =
      (std::filesystem::temp_directory_path() /
       fmt::format("regiesim_sweep_bench_{}_{}.h5", getpid(), bench.range(0)))
          .string();
  const std::vector<std::string> args = {
      "sweep",
      fmt::format("{}/scenarios/sweeps/trust_grid.toml", REGIESIM_SOURCE_DIR),
      "-o",
      output,
      "--force",
      "-j",
      std::to_string(bench.range(1)),
      "--set",
      "record.level=" + level};
  for (auto _ : bench) {
    QuietStdout quiet;
    if (run_sweep_command(args) != 0) {
      bench.SkipWithError("regiesim sweep failed");
      break;
    }
  }
  std::filesystem::remove(output);
  bench.SetItemsProcessed(bench.iterations() * kRunsPerSweep);  // items per second: runs per second
}
BENCHMARK(BM_SweepThroughput)
    ->ArgNames({"series", "jobs"})
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace regiesim
