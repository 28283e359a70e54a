// regiesim run SCENARIO [-o FILE.h5] [--set key=value ...] [--seed N] [--replications N] [-j N]
//              [--force]
// Runs the scenario's replications on all cores, streams them in replication order to one HDF5
// file, and prints a summary a person can read.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/spread.hpp"
#include "cli/version_info.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_file.hpp"
#include "network/network.hpp"
#include "sim/metrics.hpp"
#include "sim/run.hpp"
#include "sweep/executor.hpp"

namespace regiesim::cli {

namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string scenario;
  std::string output;  // default: results/<scenario stem>.h5
  std::vector<std::string> overrides;
  std::int64_t seed = -1;          // -1: the scenario's run.seed
  std::int64_t replications = -1;  // -1: the scenario's run.replications
  int threads = 0;                 // 0: all cores
  bool force = false;
};

std::string command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (char& c : raw)
    if (c == '\0') c = ' ';
  while (!raw.empty() && raw.back() == ' ') raw.pop_back();
  return raw;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string host_name() {
  char buffer[256] = {};
  if (gethostname(buffer, sizeof buffer - 1) != 0) return "unknown";
  return buffer;
}

// Per summary metric, its values over the ok runs, in run order.
using OkValues = std::vector<std::vector<double>>;

void print_summary(const scenario::ScenarioSpec& spec, const fs::path& output,
                   const OkValues& metrics, std::int64_t failed,
                   const std::vector<std::pair<std::int32_t, std::vector<double>>>& realisation_at,
                   double seconds) {
  const auto& p = spec.parameters;
  fmt::print(
      "\nScenario \"{}\": {} partners, {} dimensions, {} weeks, {} replications "
      "(seed {})\n",
      spec.name, spec.partner_count(), spec.dimensions(), p.steps, p.replications, p.seed);
  if (failed > 0) fmt::print("FAILED runs: {} (see /runs in the file)\n", failed);
  fmt::print("\n{:<18} {:>10} {:>10} {:>10} {:>10}  {}\n", "metric", "mean", "sd", "min", "max",
             "unit");
  for (int m = 0; m < sim::kMetricCount; ++m) {
    const auto& decl = sim::kMetrics[static_cast<std::size_t>(m)];
    const Spread s = spread_of(metrics[static_cast<std::size_t>(m)]);
    fmt::print("{:<18} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g}  {}{}\n", decl.name, s.mean, s.sd,
               s.min, s.max, decl.unit, decl.summary == sim::Summary::total ? " (total)" : "");
  }
  if (!realisation_at.empty()) {
    fmt::print("\nrealisation over time (mean over replications):");
    for (const auto& [step, values] : realisation_at)
      fmt::print("  week {}: {:.3f}", step, spread_of(values).mean);
    fmt::print("\n");
  }
  fmt::print("\nwrote {} in {}\n", output.string(), format_duration(seconds));
}

int run(const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> overrides = options.overrides;
  if (options.seed >= 0) overrides.push_back(fmt::format("run.seed={}", options.seed));
  if (options.replications >= 0)
    overrides.push_back(fmt::format("run.replications={}", options.replications));
  const scenario::ScenarioSpec spec = io::read_scenario_file(options.scenario, overrides);
  const auto& p = spec.parameters;

  const fs::path output =
      options.output.empty()
          ? fs::path("results") / (fs::path(options.scenario).stem().string() + ".h5")
          : fs::path(options.output);
  if (fs::is_directory(output))
    throw UsageError(
        fmt::format("{}: is a directory; -o expects a file name ending in .h5", output.string()));
  if (!options.force && fs::exists(output))
    throw UsageError(fmt::format("{} exists; add --force to overwrite it, or choose another -o",
                                 output.string()));
  if (output.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(output.parent_path(), ec);
    if (ec)
      throw io::OutputError(fmt::format("cannot create the directory {}: {}",
                                        output.parent_path().string(), ec.message()));
  }

  const int threads = options.threads > 0 ? options.threads : sweep::available_cores();
  const auto master_seed = static_cast<std::uint64_t>(p.seed);
  const network::Network net = network::generate(p, spec.partner_count(), master_seed);
  io::ResultsWriter writer(output, spec, net,
                           {.regiesim_version = std::string(regiesim_version()),
                            .git_commit = std::string(git_commit()),
                            .master_seed = master_seed,
                            .replications = p.replications},
                           {.command_line = command_line(),
                            .created = utc_now(),
                            .host = host_name(),
                            .threads = threads});

  OkValues metrics(sim::kMetricCount);
  std::vector<std::pair<std::int32_t, std::vector<double>>> realisation_at;
  if (p.record_level >= model::RecordLevel::series)
    for (std::int32_t year : {1, 2, 5, 10, 20, 50})
      if (52 * year <= p.steps) realisation_at.push_back({52 * year, {}});
  std::int64_t failed = 0;
  Progress progress("run", p.replications);
  sweep::run_in_order(
      p.replications, {.threads = threads},
      [&](std::int64_t id) {
        return sim::run_replication(spec, net, sim::plan_replication(master_seed, id));
      },
      [&](std::int64_t id, sim::RunRecord&& record) {
        writer.append(record);
        if (record.status == sim::RunStatus::ok) {
          for (int m = 0; m < sim::kMetricCount; ++m)
            metrics[static_cast<std::size_t>(m)].push_back(
                record.summary[static_cast<std::size_t>(m)]);
          for (auto& [step, values] : realisation_at)
            values.push_back(record.series[sim::kRealisation][static_cast<std::size_t>(step)]);
        } else {
          ++failed;
        }
        progress.update(id + 1);
      });
  progress.finish();
  writer.commit(options.force);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print_summary(spec, output, metrics, failed, realisation_at, seconds);
  return 0;
}

}  // namespace

void register_run(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario's replications and write them to HDF5");
  cmd->add_option("scenario", options->scenario, "Scenario file (TOML)")->required();
  cmd->add_option("-o,--output", options->output,
                  "Output file (default: results/<scenario file name without .toml>.h5)");
  cmd->add_option("--set", options->overrides,
                  "Override a scenario value, e.g. --set trust.gain=0.08 (repeatable)")
      ->allow_extra_args(false);  // one assignment per --set, so it never swallows the scenario
  cmd->add_option("--seed", options->seed, "Master seed (overrides run.seed)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{9007199254740991}));
  cmd->add_option("--replications", options->replications,
                  "Replications (overrides run.replications)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000}));
  cmd->add_option("-j,--jobs", options->threads, "Threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("--force", options->force, "Overwrite the output file if it exists");
  cmd->callback([&action, options] { action = [options] { return run(*options); }; });
}

}  // namespace regiesim::cli
