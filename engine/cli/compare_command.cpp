// regiesim compare A.toml B.toml [-o FILE.h5] [--set key=value ...] [--seed N] [--replications N]
//                  [-j N] [--force] [--json] [--lang en|nl]
// regiesim compare DIR [...]   (DIR holds trap.toml, arm 0, and twin.toml, arm 1)
// Runs two arms replication by replication on the same network and random streams (common random
// numbers: a run's seed depends on the master seed and the replication only), writes them to one
// results file with the arm of each run in /runs, adds the paired comparison under /comparison,
// and prints it as a table (or, with --json, as JSON: the same numbers).
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/interrupt.hpp"
#include "cli/language.hpp"
#include "cli/output_lock.hpp"
#include "cli/process_facts.hpp"
#include "cli/progress.hpp"
#include "cli/run_output.hpp"
#include "cli/version_info.hpp"
#include "comparison/arm_agreement.hpp"
#include "comparison/arm_comparison.hpp"
#include "design/run_plan_list.hpp"
#include "io/comparison_writer.hpp"
#include "io/output_size.hpp"
#include "io/results_writer.hpp"
#include "io/scenario_file.hpp"
#include "network/network.hpp"
#include "record/metrics.hpp"
#include "sim/run.hpp"
#include "sweep/executor.hpp"

namespace regiesim::cli {

namespace {

namespace fs = std::filesystem;

struct CompareOptions {
  std::vector<std::string> inputs;  // DIR, or A.toml B.toml
  std::string output;
  std::vector<std::string> overrides;
  std::int64_t seed = -1;
  std::int64_t replications = -1;
  int threads = 0;
  bool force = false;
  bool json = false;
  Language language = Language::en;
};

// The two arms: their files, names and the default output's stem.
struct Arms {
  fs::path files[2];
  std::vector<std::string> names;
  std::string default_stem;
};

// The folder's path below its last `scenarios` component, '/' replaced by '_'
// (scenarios/pitfalls/control_trap -> pitfalls_control_trap); a folder outside scenarios/ gives
// its own name.
std::string folder_stem(const fs::path& folder) {
  fs::path p = fs::absolute(folder).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  std::vector<std::string> parts;
  for (const fs::path& part : p) parts.push_back(part.string());
  std::size_t below = parts.size();
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i] == "scenarios") below = i + 1;
  if (below >= parts.size()) return p.filename().string();
  std::string stem;
  for (std::size_t i = below; i < parts.size(); ++i) stem += (stem.empty() ? "" : "_") + parts[i];
  return stem;
}

Arms resolve_arms(const CompareOptions& options) {
  Arms arms;
  if (options.inputs.size() == 1) {
    const fs::path folder = options.inputs[0];
    if (!fs::is_directory(folder))
      throw UsageError(fmt::format(
          "{}: not a folder; compare takes a folder with trap.toml and twin.toml, or two "
          "scenario files",
          folder.string()));
    arms.files[0] = folder / "trap.toml";
    arms.files[1] = folder / "twin.toml";
    for (const fs::path& f : arms.files)
      if (!fs::exists(f))
        throw UsageError(
            fmt::format("{}: missing; a compare folder holds trap.toml (arm 0) and "
                        "twin.toml (arm 1)",
                        f.string()));
    arms.names = {"trap", "twin"};
    arms.default_stem = folder_stem(folder);
    return arms;
  }
  if (options.inputs.size() != 2)
    throw UsageError(
        "compare takes two scenario files, or one folder with trap.toml and twin.toml");
  arms.files[0] = options.inputs[0];
  arms.files[1] = options.inputs[1];
  const std::string stem0 = arms.files[0].stem().string();
  const std::string stem1 = arms.files[1].stem().string();
  if (stem0 != stem1)
    arms.names = {stem0, stem1};
  else  // a/x.toml and b/x.toml: the paths as given tell them apart
    arms.names = {options.inputs[0], options.inputs[1]};
  arms.default_stem = fmt::format("{}_vs_{}", stem0, stem1);
  return arms;
}

void print_table(const comparison::ArmComparison& c, const std::vector<std::string>& names,
                 const scenario::ScenarioSpec& spec, std::int64_t failed, const fs::path& output,
                 double seconds, Language language) {
  const auto say = [language](std::string_view en, std::string_view nl) {
    return cli::say(language, en, nl);
  };
  const auto& p = spec.parameters;
  fmt::print("\n{} arm 1 \"{}\" {} arm 0 \"{}\": {} {}, {} {}, {} {}, {} {} ({} {})\n",
             say("Comparing", "Vergelijking van"), names[1], say("with", "met"), names[0],
             spec.partner_count(), say("partners", "partners"), spec.dimensions(),
             say("dimensions", "dimensies"), p.steps, say("weeks", "weken"), c.replications,
             say("paired replications", "gepaarde replicaties"), say("seed", "hoofdzaad"), p.seed);
  if (failed > 0)
    fmt::print("{}: {} ({}); {}: {}\n", say("FAILED runs", "MISLUKTE runs"), failed,
               say("see /runs in the file", "zie /runs in het bestand"),
               say("pairs compared", "vergeleken paren"), c.n_pairs);
  fmt::print("{}\n",
             language == Language::nl
                 ? fmt::format("Verschillen zijn {} - {} (arm 1 - arm 0): positief betekent dat {} "
                               "hoger is. HL: Hodges-Lehmann-schatting met 95%-interval; p>: "
                               "eenzijdige Wilcoxon-p voor {} hoger, p<: voor {} lager.",
                               names[1], names[0], names[1], names[1], names[1])
                 : fmt::format("Differences are {} - {} (arm 1 - arm 0): positive means {} is "
                               "higher. HL: Hodges-Lehmann estimate with its 95% interval; p>: "
                               "one-sided Wilcoxon p for {} higher, p<: for {} lower.",
                               names[1], names[0], names[1], names[1], names[1]));
  std::size_t width = std::string_view("metric").size();
  for (const record::MetricDecl& decl : record::kMetrics) width = std::max(width, decl.name.size());
  const std::string mean0 = fmt::format("{}", names[0]).substr(0, 10);
  const std::string mean1 = fmt::format("{}", names[1]).substr(0, 10);
  fmt::print("\n{:<{}} {:>10} {:>10} {:>10} {:>23} {:>13} {:>9} {:>9}  {}\n", say("metric", "maat"),
             width, mean0, mean1, "HL", say("95% interval", "95%-interval"),
             say("mean diff", "gem. verschil"), "p>", "p<", say("unit", "eenheid"));
  for (int m = 0; m < record::kMetricCount; ++m) {
    const record::MetricDecl& decl = record::kMetrics[static_cast<std::size_t>(m)];
    const comparison::PairedComparison& pc = c.metrics[static_cast<std::size_t>(m)];
    const std::string interval =
        fmt::format("[{:.4g}, {:.4g}]", pc.hodges_lehmann.ci_low, pc.hodges_lehmann.ci_high);
    fmt::print("{:<{}} {:>10.4g} {:>10.4g} {:>10.4g} {:>23} {:>13.4g} {:>9.3g} {:>9.3g}  {}\n",
               decl.name, width, pc.mean_arm0, pc.mean_arm1, pc.hodges_lehmann.estimate, interval,
               pc.mean_difference, pc.wilcoxon.p_greater, pc.wilcoxon.p_less, decl.unit);
  }
  const auto week = [&](const std::optional<std::int32_t>& w) {
    return w ? fmt::format("{}", *w) : std::string(say("none", "geen"));
  };
  fmt::print("\n{}: {}   ({})\n", say("parting week", "scheidingsweek"), week(c.parting_week),
             say("from this week on the paired realisation differs in one direction at every "
                 "week, one-sided Wilcoxon p < 0.05",
                 "vanaf deze week verschilt de gepaarde realisatie elke week in dezelfde richting, "
                 "eenzijdige Wilcoxon-p < 0,05"));
  fmt::print("{}: {}   ({})\n", say("crossing week", "kruisingsweek"), week(c.crossing_week),
             say("the last week at which the mean realisation curves change order",
                 "de laatste week waarin de gemiddelde realisatiecurves van volgorde wisselen"));
  fmt::print("\n{} {} {} {}\n", say("wrote", "schreef"), output.string(), say("in", "in"),
             format_duration(seconds));
}

int compare(const CompareOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const Arms arms = resolve_arms(options);
  // --set, --seed and --replications apply to both arms.
  std::vector<std::string> overrides = options.overrides;
  if (options.seed >= 0) overrides.push_back(fmt::format("run.seed={}", options.seed));
  if (options.replications >= 0)
    overrides.push_back(fmt::format("run.replications={}", options.replications));
  const std::vector<scenario::ScenarioSpec> specs{io::read_scenario_file(arms.files[0], overrides),
                                                  io::read_scenario_file(arms.files[1], overrides)};
  if (const auto difference = comparison::first_difference(specs[0], specs[1]))
    throw UsageError(fmt::format(
        "the arms differ in `{}`: {} has {}, {} has {}; the arms of a comparison must agree on "
        "partners (names and order), opgave.dimensions, network, run.seed, run.replications, "
        "run.steps and record",
        difference->key, arms.files[0].string(), difference->value_0, arms.files[1].string(),
        difference->value_1));
  const auto& p = specs[0].parameters;

  const fs::path output = options.output.empty() ? fs::path("results") / (arms.default_stem + ".h5")
                                                 : fs::path(options.output);
  prepare_output(output, options.force);
  const OutputLock lock(output);
  const InterruptGuard interrupts;
  check_partial_file(output, options.force);

  const int threads = options.threads > 0 ? options.threads : sweep::available_cores();
  const auto master_seed = static_cast<std::uint64_t>(p.seed);
  // One network for both arms (their network keys agree); with network.per_replication each
  // replication draws its own from its run seed, the same in both arms.
  const network::Network net =
      network::generate(p, specs[0].partner_count(), master_seed, specs[0].network_ties);
  {
    scenario::ScenarioSpec both = specs[0];  // the size of two arms' runs
    both.parameters.replications *= 2;
    io::check_output_space(both, output);
  }
  // The parting and crossing weeks need realisation week by week: below level `series` the runs
  // still record series in memory (recording does not change the dynamics), the file keeps the
  // level asked for.
  std::vector<scenario::ScenarioSpec> run_specs = specs;
  for (scenario::ScenarioSpec& s : run_specs)
    if (s.parameters.record_level < model::RecordLevel::series)
      s.parameters.record_level = model::RecordLevel::series;

  const std::int64_t replications = p.replications;
  const design::RunPlanList list({.points = 1, .arms = 2, .replication_stride = replications},
                                 master_seed);
  std::vector<sim::RunPlan> plans;
  for (std::int64_t id = 0; id < list.size(); ++id) {
    const design::SweepRun run = list[id];
    plans.push_back({.run_id = run.id,
                     .point = run.point,
                     .arm = run.arm,
                     .replication = run.replication,
                     .seed = run.seed});
  }

  io::ResultsWriter writer(
      output,
      {.scenarios = specs, .arms = 2, .expected_runs = list.size(), .arm_names = arms.names}, net,
      {.regiesim_version = std::string(regiesim_version()),
       .git_commit = std::string(git_commit()),
       .master_seed = master_seed,
       .replications = replications},
      {.command_line = command_line(),
       .created = utc_now(),
       .host = host_name(),
       .threads = threads});

  comparison::ArmRuns runs[2];
  for (comparison::ArmRuns& arm : runs) {
    arm.ok.assign(static_cast<std::size_t>(replications), false);
    arm.summary.resize(static_cast<std::size_t>(replications));
    arm.realisation.resize(static_cast<std::size_t>(replications));
  }
  std::int64_t failed = 0;
  run_plans(
      plans,
      [&run_specs](const sim::RunPlan& plan) -> const scenario::ScenarioSpec& {
        return run_specs[static_cast<std::size_t>(plan.arm)];
      },
      net, threads, writer,
      [&](const record::RunRecord& record) {
        comparison::ArmRuns& arm = runs[record.arm];
        const auto r = static_cast<std::size_t>(record.replication);
        if (record.status != record::RunStatus::ok) {
          ++failed;
          return;
        }
        arm.ok[r] = true;
        arm.summary[r] = record.summary;
        arm.realisation[r] = record.series.at(record::kRealisation);
      });
  const comparison::ArmComparison result =
      comparison::compare_arms(runs[0], runs[1], static_cast<std::int32_t>(p.steps));
  writer.add_to_file([&](std::int64_t file) { io::write_comparison(file, result, arms.names); });
  InterruptGuard::check();
  writer.commit(options.force);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.json) {
    nlohmann::ordered_json j;
    j["output"] = output.string();
    j["comparison"] = io::comparison_json(result, arms.names);
    fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  } else {
    print_table(result, arms.names, specs[0], failed, output, seconds, options.language);
  }
  return 0;
}

}  // namespace

void register_compare(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Run two arms on common random numbers and compare them pair by pair (A.toml B.toml, or a "
      "folder with trap.toml and twin.toml)");
  cmd->add_option("inputs", options->inputs,
                  "Two scenario files (arm 0, arm 1), or one folder holding trap.toml (arm 0) and "
                  "twin.toml (arm 1)")
      ->expected(1, 2);
  cmd->add_option("-o,--output", options->output,
                  "Output file (default: results/<folder below scenarios/, '/' as '_'>.h5 for a "
                  "folder, results/<A>_vs_<B>.h5 for two files)");
  cmd->add_option("--set", options->overrides,
                  "Override a value in both arms, e.g. --set trust.gain=0.08 (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--seed", options->seed, "Master seed of both arms (overrides run.seed)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{9007199254740991}));
  cmd->add_option("--replications", options->replications,
                  "Replications per arm (overrides run.replications)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000}));
  cmd->add_option("-j,--jobs", options->threads, "Threads (default 0: all cores)")
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("--force", options->force, "Overwrite the output file if it exists");
  cmd->add_flag("--json", options->json, "Print the comparison as JSON instead of a table");
  add_language_option(cmd, options->language);
  cmd->callback([&action, options] { action = [options] { return compare(*options); }; });
}

}  // namespace regiesim::cli
