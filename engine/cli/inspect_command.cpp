// regiesim inspect FILE.h5 [--json]
// What a results file holds, without a Python session: where it came from, its runs, and the
// spread of every summary metric over the runs that finished; for a sweep, its design and, with
// --per-point, a metric per design point. The file is checked as untrusted input first (HDF5 1.10
// can crash on a damaged file, so it is read once in a child process); an unreadable file is
// io::UnreadableFile, which main() turns into a message and exit status 2.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
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
  std::string per_point;  // a summary metric: its spread per design point (sweeps)
};

// What a sweep file's design holds, for people: per swept parameter its distinct values (in order
// of first appearance, at most kValuesShown listed), and the runs each point got.
struct DesignView {
  io::SweepDesign design;
  std::vector<std::vector<std::string>> distinct;  // [factor]
  std::int64_t runs_min = 0, runs_max = 0;         // runs per point (--precision varies them)
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
    if (runs[i].status == record::RunStatus::ok && !std::isnan(values[i])) ok.push_back(values[i]);
  return {spread_of(ok), std::move(name), std::move(units)};
}

// A parameter with more distinct values than this (a sweep's) shows only its first ones.
constexpr std::size_t kValuesShown = 8;

std::string joined(std::span<const std::string> items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

DesignView design_view(io::SweepDesign design, const std::vector<io::RunInfo>& runs) {
  DesignView view;
  view.distinct.resize(design.factors.size());
  for (const auto& values : design.point_values)
    for (std::size_t f = 0; f < values.size() && f < view.distinct.size(); ++f)
      if (std::find(view.distinct[f].begin(), view.distinct[f].end(), values[f]) ==
          view.distinct[f].end())
        view.distinct[f].push_back(values[f]);
  std::vector<std::int64_t> per_point(design.point_values.size(), 0);
  for (const io::RunInfo& run : runs)
    if (run.point >= 0 && run.point < static_cast<std::int64_t>(per_point.size()))
      ++per_point[static_cast<std::size_t>(run.point)];
  if (!per_point.empty()) {
    view.runs_min = *std::min_element(per_point.begin(), per_point.end());
    view.runs_max = *std::max_element(per_point.begin(), per_point.end());
  }
  view.design = std::move(design);
  return view;
}

void print_design(const DesignView& v) {
  const auto& d = v.design;
  fmt::print("design        {}, {} points; {} swept {}\n", d.kind, d.point_values.size(),
             d.factors.size(), d.factors.size() == 1 ? "parameter" : "parameters");
  for (std::size_t f = 0; f < d.factors.size(); ++f) {
    const auto& values = v.distinct[f];
    if (values.size() <= kValuesShown)
      fmt::print("  {}: {} values: {}\n", d.factors[f], values.size(), joined(values));
    else
      fmt::print("  {}: {} values: {}, ... ({} more)\n", d.factors[f], values.size(),
                 joined(std::span<const std::string>(values).first(kValuesShown)),
                 values.size() - kValuesShown);
  }
  if (v.runs_min == v.runs_max)
    fmt::print("runs/point    {} (the sweep file asks {})\n", v.runs_min, d.replications);
  else
    fmt::print("runs/point    {} to {} (--precision added blocks; the sweep file asks {})\n",
               v.runs_min, v.runs_max, d.replications);
}

// One line per design point: its values and the metric's spread over its ok runs.
void print_per_point(const DesignView& v, const std::string& metric, const std::string& units,
                     const std::vector<double>& values, const std::vector<io::RunInfo>& runs) {
  const auto& d = v.design;
  std::vector<std::vector<double>> by_point(d.point_values.size());
  for (std::size_t i = 0; i < runs.size() && i < values.size(); ++i)
    if (runs[i].status == record::RunStatus::ok && !std::isnan(values[i]) && runs[i].point >= 0 &&
        runs[i].point < static_cast<std::int64_t>(by_point.size()))
      by_point[static_cast<std::size_t>(runs[i].point)].push_back(values[i]);
  fmt::print("\n{} per design point{}:\n", metric,
             units.empty() || units == "1" ? "" : " (" + units + ")");
  fmt::print("{:>7} {:>5} {:>11} {:>11}  {}\n", "point", "n", "mean", "sd", "values");
  for (std::size_t p = 0; p < by_point.size(); ++p) {
    const Spread sp = spread_of(by_point[p]);
    std::vector<std::string> assignments;
    for (std::size_t f = 0; f < d.factors.size() && f < d.point_values[p].size(); ++f)
      assignments.push_back(d.factors[f] + "=" + d.point_values[p][f]);
    fmt::print("{:>7} {:>5} {:>11.5g} {:>11.5g}  {}\n", p, sp.n, sp.mean, sp.sd,
               joined(assignments));
  }
}

void print_human(const InspectOptions& options, const io::ResultsSummary& s,
                 const std::vector<io::RunInfo>& runs, const std::vector<MetricSpread>& metrics,
                 const DesignView* design) {
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
    if (run.status == record::RunStatus::failed)
      fmt::print("failed run    {}: {}\n", run.run_id, run.failure_reason);

  if (design != nullptr) print_design(*design);
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
                const std::vector<io::RunInfo>& runs, const std::vector<MetricSpread>& metrics,
                const DesignView* design) {
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
    if (run.status == record::RunStatus::failed)
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
  if (design != nullptr) {
    nlohmann::ordered_json factors = nlohmann::ordered_json::array();
    for (std::size_t f = 0; f < design->design.factors.size(); ++f)
      factors.push_back({{"path", design->design.factors[f]}, {"values", design->distinct[f]}});
    j["design"] = {{"kind", design->design.kind},
                   {"points", design->design.point_values.size()},
                   {"replications", design->design.replications},
                   {"runs_per_point_min", design->runs_min},
                   {"runs_per_point_max", design->runs_max},
                   {"factors", factors}};
  }
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
  std::optional<DesignView> design;
  if (io::SweepDesign d = io::read_sweep_design(options.file); d.present)
    design = design_view(std::move(d), runs);
  if (!options.per_point.empty()) {
    if (!design)
      throw UsageError(
          fmt::format("--per-point: {} has no design points (it is not a sweep)", options.file));
    if (std::find(s.metrics.begin(), s.metrics.end(), options.per_point) == s.metrics.end())
      throw UsageError(fmt::format("--per-point: no summary metric '{}' in {}", options.per_point,
                                   options.file));
  }
  if (options.json)
    print_json(options, s, runs, metrics, design ? &*design : nullptr);
  else
    print_human(options, s, runs, metrics, design ? &*design : nullptr);
  if (!options.per_point.empty() && !options.json) {
    auto units = s.metric_units.find(options.per_point);
    print_per_point(*design, options.per_point, units != s.metric_units.end() ? units->second : "",
                    io::read_summary_metric(options.file, options.per_point), runs);
  }
  return 0;
}

}  // namespace

void register_inspect(CLI::App& app, Action& action) {
  auto options = std::make_shared<InspectOptions>();
  CLI::App* cmd =
      app.add_subcommand("inspect", "Describe a results file: provenance, runs, summary metrics");
  cmd->add_option("file", options->file, "Results file (.h5)")->required();
  cmd->add_flag("--json", options->json, "Print one JSON object instead of text");
  cmd->add_option("--per-point", options->per_point,
                  "A sweep: the summary METRIC's mean and sd per design point, beside the pooled "
                  "summary (e.g. --per-point realisation)");
  cmd->callback([options, &action] { action = [options] { return inspect(*options); }; });
}

}  // namespace regiesim::cli
