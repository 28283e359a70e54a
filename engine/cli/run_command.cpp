// regiesim run SCENARIO [-o FILE.h5] [--set key=value ...] [--seed N] [--replications N]
//              [--replication K] [-j N] [--threads-per-run N] [--force]
// regiesim run --from RESULTS.h5 --run ID [-o FILE.h5] [--force]
// Runs the scenario's replications on all cores, streams them in replication order to one HDF5
// file, and prints a summary a person can read. --replication and --from redo one run alone, with
// results identical to that run's in the full file (design decision 20).
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/language.hpp"
#include "cli/output_lock.hpp"
#include "cli/process_facts.hpp"
#include "cli/progress.hpp"
#include "cli/run_output.hpp"
#include "cli/spread.hpp"
#include "cli/version_info.hpp"
#include "io/output_size.hpp"
#include "io/results_reader.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_file.hpp"
#include "network/network.hpp"
#include "record/metrics.hpp"
#include "scenario/load_scenario.hpp"
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
  std::int64_t replication = -1;   // -1: all; else only this replication
  std::string from;                // redo one run of this results file
  std::int64_t run_id = -1;        // ... this one
  int threads = 0;                 // 0: all cores
  int threads_per_run = 1;         // threads inside each run (oneTBB); 1: none
  bool force = false;
  Language language = Language::en;
};

// What to run: a scenario and the plans of the runs to write.
struct RunSelection {
  scenario::ScenarioSpec spec;
  std::uint64_t master_seed = 0;
  std::vector<sim::RunPlan> plans;
  std::string default_stem;  // of the default output name
};

RunSelection select_runs(const RunOptions& options) {
  RunSelection selection;
  if (!options.from.empty()) {
    if (options.run_id < 0)
      throw UsageError("--from needs --run ID: which run of the file to redo");
    const io::RunOrigin origin = io::read_run_origin(options.from, options.run_id);
    // A sweep's point: its assignments first, then the user's --set.
    std::vector<std::string> overrides = origin.assignments;
    overrides.insert(overrides.end(), options.overrides.begin(), options.overrides.end());
    selection.spec = scenario::load_scenario(
        origin.scenario_resolved,
        fmt::format("{}:/manifest/scenarios (run {})", options.from, options.run_id), overrides);
    selection.master_seed = origin.master_seed;
    sim::RunPlan plan = sim::plan_replication(origin.master_seed, origin.replication);
    plan.run_id = options.run_id;
    plan.point = origin.point;
    plan.arm = origin.arm;
    selection.plans.push_back(plan);
    selection.default_stem =
        fmt::format("{}_run{}", fs::path(options.from).stem().string(), options.run_id);
    return selection;
  }
  if (options.scenario.empty())
    throw UsageError("run needs a SCENARIO file, or --from RESULTS.h5 --run ID");
  if (options.run_id >= 0) throw UsageError("--run ID needs --from RESULTS.h5");
  std::vector<std::string> overrides = options.overrides;
  if (options.seed >= 0) overrides.push_back(fmt::format("run.seed={}", options.seed));
  if (options.replications >= 0)
    overrides.push_back(fmt::format("run.replications={}", options.replications));
  selection.spec = io::read_scenario_file(options.scenario, overrides);
  const auto& p = selection.spec.parameters;
  selection.master_seed = static_cast<std::uint64_t>(p.seed);
  selection.default_stem = fs::path(options.scenario).stem().string();
  if (options.replication >= 0) {
    if (options.replication >= p.replications)
      throw UsageError(
          fmt::format("--replication {}: the scenario has {} replications, numbered 0 to {}",
                      options.replication, p.replications, p.replications - 1));
    selection.plans.push_back(sim::plan_replication(selection.master_seed, options.replication));
    selection.default_stem += fmt::format("_replication{}", options.replication);
    return selection;
  }
  for (std::int64_t r = 0; r < p.replications; ++r)
    selection.plans.push_back(sim::plan_replication(selection.master_seed, r));
  return selection;
}

// Per summary metric, its values over the ok runs, in run order.
using OkValues = std::vector<std::vector<double>>;

void print_summary(const scenario::ScenarioSpec& spec, std::size_t runs, const fs::path& output,
                   const OkValues& metrics, std::int64_t failed,
                   const std::vector<std::pair<std::int32_t, std::vector<double>>>& realisation_at,
                   double seconds, Language language) {
  const auto& p = spec.parameters;
  const auto say = [language](std::string_view en, std::string_view nl) {
    return cli::say(language, en, nl);
  };
  const bool all = runs == static_cast<std::size_t>(p.replications);
  fmt::print("\n{} \"{}\": {} {}, {} {}, {} {}, {} {} ({} {})\n", say("Scenario", "Scenario"),
             spec.name, spec.partner_count(), say("partners", "partners"), spec.dimensions(),
             say("dimensions", "dimensies"), p.steps, say("weeks", "weken"), runs,
             runs == 1 ? say("run", "run")
                       : (all ? say("replications", "replicaties") : say("runs", "runs")),
             say("seed", "hoofdzaad"), p.seed);
  if (failed > 0)
    fmt::print("{}: {} ({})\n", say("FAILED runs", "MISLUKTE runs"), failed,
               say("see /runs in the file", "zie /runs in het bestand"));
  // The name column as wide as the longest name, so the numbers stay in their columns.
  std::size_t width = std::string_view("metric").size();
  for (const record::MetricDecl& decl : record::kMetrics) width = std::max(width, decl.name.size());
  fmt::print("\n{:<{}} {:>10} {:>10} {:>10} {:>10}  {}\n", say("metric", "maat"), width,
             say("mean", "gemiddeld"), "sd", "min", "max", say("unit", "eenheid"));
  for (int m = 0; m < record::kMetricCount; ++m) {
    const auto& decl = record::kMetrics[static_cast<std::size_t>(m)];
    const Spread s = spread_of(metrics[static_cast<std::size_t>(m)]);
    fmt::print("{:<{}} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g}  {}{}\n", decl.name, width, s.mean,
               s.sd, s.min, s.max, decl.unit,
               decl.summary == record::Summary::total ? say(" (total)", " (totaal)") : "");
  }
  if (!realisation_at.empty()) {
    fmt::print("\n{}:", say("realisation over time (mean over replications)",
                            "realisatie in de tijd (gemiddelde over replicaties)"));
    for (const auto& [step, values] : realisation_at)
      fmt::print("  {} {}: {:.3f}", say("week", "week"), step, spread_of(values).mean);
    fmt::print("\n");
  }
  fmt::print("\n{} {} {} {}\n", say("wrote", "schreef"), output.string(), say("in", "in"),
             format_duration(seconds));
}

int run(const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const RunSelection selection = select_runs(options);
  const scenario::ScenarioSpec& spec = selection.spec;
  const auto& p = spec.parameters;
  const auto& plans = selection.plans;

  const fs::path output = options.output.empty()
                              ? fs::path("results") / (selection.default_stem + ".h5")
                              : fs::path(options.output);
  prepare_output(output, options.force);
  // From here to the rename, this process alone writes `output` (a second one stops here), and
  // Ctrl-C or SIGTERM stop it cleanly: the partial file is removed, earlier files are untouched.
  const OutputLock lock(output);
  const InterruptGuard interrupts;
  check_partial_file(output, options.force);

  const int threads = options.threads > 0 ? options.threads : sweep::available_cores();
  const std::uint64_t master_seed = selection.master_seed;
  // The scenario's network; with network.per_replication every run draws its own below, and the
  // writer uses this one only for the partner count (level `full` is refused then).
  const network::Network net =
      network::generate(p, spec.partner_count(), master_seed, spec.network_ties);
  io::check_output_space(spec, output);
  // A redone run keeps its point and arm (run --from); a scenario's runs have point 0, arm 0.
  const io::FileScenarios scenarios{.scenarios = {&spec, 1},
                                    .arms = 1,
                                    .first_point = plans.front().point,
                                    .first_arm = plans.front().arm,
                                    .expected_runs = static_cast<std::int64_t>(plans.size())};
  io::ResultsWriter writer(output, scenarios, net,
                           {.regiesim_version = std::string(regiesim_version()),
                            .git_commit = std::string(git_commit()),
                            .master_seed = master_seed,
                            .replications = p.replications},
                           {.command_line = command_line(),
                            .created = utc_now(),
                            .host = host_name(),
                            .threads = threads});

  OkValues metrics(record::kMetricCount);
  std::vector<std::pair<std::int32_t, std::vector<double>>> realisation_at;
  if (p.record_level >= model::RecordLevel::series)
    for (std::int32_t year : {1, 2, 5, 10, 20, 50})
      if (52 * year <= p.steps) realisation_at.push_back({52 * year, {}});
  std::int64_t failed = 0;
  run_plans(
      plans, [&spec](const sim::RunPlan&) -> const scenario::ScenarioSpec& { return spec; }, net,
      threads, writer,
      [&](const record::RunRecord& record) {
        if (record.status == record::RunStatus::ok) {
          for (int m = 0; m < record::kMetricCount; ++m)
            metrics[static_cast<std::size_t>(m)].push_back(
                record.summary[static_cast<std::size_t>(m)]);
          for (auto& [step, values] : realisation_at)
            values.push_back(record.series[record::kRealisation][static_cast<std::size_t>(step)]);
        } else {
          ++failed;
        }
      },
      options.threads_per_run);
  writer.commit(options.force);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  print_summary(spec, plans.size(), output, metrics, failed, realisation_at, seconds,
                options.language);
  return 0;
}

}  // namespace

void register_run(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario's replications and write them to HDF5");
  CLI::Option* scenario = cmd->add_option("scenario", options->scenario, "Scenario file (TOML)");
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
  cmd->add_option("--replication", options->replication,
                  "Run only this replication (0-based), with the results it has in the full file")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{999999}));
  CLI::Option* from =
      cmd->add_option("--from", options->from,
                      "Redo one run of a results file (with --run), from its manifest alone")
          ->excludes(scenario);
  cmd->add_option("--run", options->run_id, "The run id to redo with --from (see /runs)")
      ->check(CLI::Range(std::int64_t{0}, std::numeric_limits<std::int64_t>::max()))
      ->needs(from);
  cmd->add_option("-j,--jobs", options->threads, "Threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--threads-per-run", options->threads_per_run,
                  "Threads inside each run, for one large run (default 1; with -j N, up to N x "
                  "this in all). The results are identical with any number")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--force", options->force, "Overwrite the output file if it exists");
  add_language_option(cmd, options->language);
  cmd->callback([&action, options] { action = [options] { return run(*options); }; });
}

}  // namespace regiesim::cli
