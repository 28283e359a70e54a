// regiesim inspect FILE.h5 [--json]
// What a results file holds, without a Python session: where it came from, its runs, and the
// spread of every summary metric over the runs that finished. The file is checked as untrusted
// input first (DECISIONS 14); an unreadable file is io::UnreadableFile, which main() turns into a
// message and exit status 2.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/spread.hpp"
#include "io/results_reader.hpp"

namespace regiesim::cli {

namespace {

struct InspectOptions {
  std::string file;
  bool json = false;
};

// A summary metric's spread over the ok runs.
struct MetricSpread : Spread {
  std::string name;
  std::string units;
};

MetricSpread spread(std::string name, std::string units, const std::vector<double>& values,
                    const std::vector<io::RunInfo>& runs) {
  std::vector<double> ok;
  for (std::size_t i = 0; i < values.size() && i < runs.size(); ++i)
    if (runs[i].status == sim::RunStatus::ok && !std::isnan(values[i])) ok.push_back(values[i]);
  return {spread_of(ok), std::move(name), std::move(units)};
}

// A parameter with more distinct values than this (a sweep's) shows only its first ones.
constexpr std::size_t kValuesShown = 8;

std::string joined(std::span<const std::string> items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void print_human(const InspectOptions& options, const io::ResultsSummary& s,
                 const std::vector<io::RunInfo>& runs, const std::vector<MetricSpread>& metrics) {
  fmt::print("file          {}\n", options.file);
  fmt::print("schema        regiesim-results, version {}\n", s.schema_version);
  fmt::print("written by    regiesim {} (commit {})\n", s.regiesim_version, s.git_commit);
  fmt::print("scenario      {}\n", s.scenario_name);
  fmt::print("master seed   {}\n", s.master_seed);
  fmt::print("record level  {}\n", s.record_level);
  fmt::print("runs          {} ({} ok, {} failed); {} {}, {} {}\n", s.runs, s.runs_ok,
             s.runs_failed, s.points, s.points == 1 ? "point" : "points", s.arms,
             s.arms == 1 ? "arm" : "arms");
  fmt::print("steps         {} (weeks; series hold step 0 to {})\n", s.steps, s.steps);
  fmt::print("partners      {}: {}\n", s.partner_names.size(), joined(s.partner_names));
  for (const io::RunInfo& run : runs)
    if (run.status == sim::RunStatus::failed)
      fmt::print("failed run    {}: {}\n", run.run_id, run.failure_reason);

  if (s.parameters.empty()) {
    fmt::print("parameters    none overridden or varied (every value is in /manifest/scenarios)\n");
  } else {
    fmt::print("parameters    overridden or varied, per run in /parameters:\n");
    for (const io::RecordedParameter& p : s.parameters) {
      const std::string units = p.units.empty() || p.units == "1" ? "" : " " + p.units;
      if (p.distinct_values.size() == 1)
        fmt::print("  {} = {}{}\n", p.path, p.distinct_values.front(), units);
      else if (p.distinct_values.size() <= kValuesShown)
        fmt::print("  {}: {} values: {}{}\n", p.path, p.distinct_values.size(),
                   joined(p.distinct_values), units);
      else  // a sweep's thousands of values: the first few, the rest are in the file (and --json)
        fmt::print("  {}: {} values: {}, ... ({} more){}\n", p.path, p.distinct_values.size(),
                   joined(std::span<const std::string>(p.distinct_values).first(kValuesShown)),
                   p.distinct_values.size() - kValuesShown, units);
    }
  }

  fmt::print("\nsummary over the {} ok runs:\n", s.runs_ok);
  // The name column as wide as the longest name, so the numbers stay in their columns.
  std::size_t width = std::string_view("metric").size();
  for (const MetricSpread& m : metrics) width = std::max(width, m.name.size());
  fmt::print("{:<{}} {:>11} {:>11} {:>11} {:>11}  {}\n", "metric", width, "mean", "sd", "min",
             "max", "units");
  for (const MetricSpread& m : metrics)
    fmt::print("{:<{}} {:>11.5g} {:>11.5g} {:>11.5g} {:>11.5g}  {}\n", m.name, width, m.mean, m.sd,
               m.min, m.max, m.units);
  fmt::print("\ngroups        {}\n", joined(s.groups));
}

void print_json(const InspectOptions& options, const io::ResultsSummary& s,
                const std::vector<io::RunInfo>& runs, const std::vector<MetricSpread>& metrics) {
  // NaN (no ok runs, or a single one for sd) becomes null, which JSON readers understand.
  auto number = [](double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); };
  nlohmann::ordered_json j;
  j["file"] = options.file;
  j["schema"] = "regiesim-results";
  j["schema_version"] = s.schema_version;
  j["regiesim_version"] = s.regiesim_version;
  j["git_commit"] = s.git_commit;
  j["scenario_name"] = s.scenario_name;
  j["master_seed"] = s.master_seed;
  j["record_level"] = s.record_level;
  j["runs"] = s.runs;
  j["runs_ok"] = s.runs_ok;
  j["runs_failed"] = s.runs_failed;
  j["points"] = s.points;
  j["arms"] = s.arms;
  j["steps"] = s.steps;
  j["partners"] = s.partner_names;
  nlohmann::ordered_json failed = nlohmann::ordered_json::array();
  for (const io::RunInfo& run : runs)
    if (run.status == sim::RunStatus::failed)
      failed.push_back({{"run_id", run.run_id}, {"reason", run.failure_reason}});
  j["failed_runs"] = failed;
  nlohmann::ordered_json summary = nlohmann::ordered_json::object();
  for (const MetricSpread& m : metrics)
    summary[m.name] = {{"n", m.n},
                       {"mean", number(m.mean)},
                       {"sd", number(m.sd)},
                       {"min", number(m.min)},
                       {"max", number(m.max)},
                       {"units", m.units}};
  nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
  for (const io::RecordedParameter& p : s.parameters)
    parameters.push_back({{"path", p.path}, {"units", p.units}, {"values", p.distinct_values}});
  j["parameters"] = parameters;
  j["summary"] = summary;
  j["groups"] = s.groups;
  j["provenance"] = s.provenance;
  // Strings come from the file: a damaged one must not stop the output (invalid UTF-8 -> U+FFFD).
  fmt::print("{}\n", j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

int inspect(const InspectOptions& options) {
  // A file that passes the checks of its bytes can still be damaged deeper down, where HDF5 1.10
  // may crash on it: read it once in a child process first, so a crash becomes exit 2.
  io::probe_in_child_process(options.file);
  const io::ResultsSummary s = io::read_summary(options.file);
  const std::vector<io::RunInfo> runs = io::read_runs(options.file);
  std::vector<MetricSpread> metrics;
  for (const std::string& name : s.metrics) {
    auto units = s.metric_units.find(name);
    metrics.push_back(spread(name, units != s.metric_units.end() ? units->second : "",
                             io::read_summary_metric(options.file, name), runs));
  }
  if (options.json)
    print_json(options, s, runs, metrics);
  else
    print_human(options, s, runs, metrics);
  return 0;
}

}  // namespace

void register_inspect(CLI::App& app, Action& action) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd =
      app.add_subcommand("inspect", "Describe a results file: provenance, runs, summary metrics");
  cmd->add_option("file", options->file, "Results file (.h5)")->required();
  cmd->add_flag("--json", options->json, "Print one JSON object instead of text");
  cmd->callback([options, &action] { action = [options] { return inspect(*options); }; });
}

}  // namespace regiesim::cli
