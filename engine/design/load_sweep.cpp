#include "design/load_sweep.hpp"

#include "design/design.hpp"
#include "design/point_scenario.hpp"
#include "design/sweep_loader.hpp"

namespace regiesim::design {

namespace detail {

void SweepLoader::read_top_level() {
  for (const auto& [key, node] : in_file_order(tree_)) {
    const std::string_view name = key->str();
    if (name == "sweep") {
      read_sweep_table(*node);
    } else if (name == "design") {
      continue;  // read first, by load()
    } else if (name == "parameters") {
      read_parameters(*node);
    } else if (name == "base") {
      read_base_table(expect_table(*node, "[base]"), "");
    } else {
      const std::vector<std::string> known{"sweep", "design", "parameters", "base"};
      if (auto match = scenario::closest_match(name, known))
        fail(place_of(*key), fmt::format("unknown table [{}]; did you mean [{}]?", name, *match));
      fail(place_of(*key),
           fmt::format("unknown key '{}' at the top level; a sweep file has [sweep], [design], "
                       "[[parameters]] and optionally [base]",
                       name));
    }
  }
  if (!has_sweep_)
    fail(top(),
         "no [sweep] table: it names the base scenario, e.g. scenario = \"../default.toml\"");
  const SweepPlace sweep_place = place_of(*tree_.get("sweep"));
  if (!has_scenario_)
    fail(sweep_place,
         "[sweep] needs scenario = \"...\", the base scenario file (relative to this file)");
  if (!has_replications_)
    fail(sweep_place, "[sweep] needs replications = N, the runs per design point");
  if (!has_seed_) fail(sweep_place, "[sweep] needs seed = N, the master seed of every run");
  if (!has_parameters_ || spec_.parameters.empty())
    fail(top(),
         "no [[parameters]]: a sweep varies at least one parameter, e.g. [[parameters]] with "
         "path = \"trust.gain\" and values = [0.05, 0.1]");
}

void SweepLoader::read_sweep_table(const toml::node& node) {
  has_sweep_ = true;
  const auto& table = expect_table(node, "[sweep]");
  for (const auto& [key, value] : in_file_order(table)) {
    const std::string_view name = key->str();
    if (name == "name") {
      spec_.name = read_string(*value, "sweep.name");
    } else if (name == "description") {
      spec_.description = read_string(*value, "sweep.description");
    } else if (name == "scenario") {
      spec_.scenario_path = read_string(*value, "sweep.scenario");
      if (spec_.scenario_path.empty())
        fail(place_of(*value), "sweep.scenario must name the base scenario file");
      spec_.scenario_place = place_of(*value);
      has_scenario_ = true;
    } else if (name == "replications") {
      // Type and range are the parameter table's (run.replications), checked with the base.
      check(*value, "run.replications=" + toml_text(*value));
      spec_.replications_place = place_of(*value);
      if (const auto* integer = value->as_integer()) spec_.replications = integer->get();
      has_replications_ = true;
    } else if (name == "seed") {
      check(*value, "run.seed=" + toml_text(*value));
      spec_.seed_place = place_of(*value);
      if (const auto* integer = value->as_integer())
        spec_.seed = static_cast<std::uint64_t>(integer->get());
      has_seed_ = true;
    } else {
      unknown_key(*key, "sweep", {"name", "description", "scenario", "replications", "seed"});
    }
  }
}

SweepSpec SweepLoader::load(const BaseScenarioReader& read_base,
                            std::span<const std::string> overrides) {
  if (tree_.empty())
    fail(top(),
         "the sweep file is empty: it needs a [sweep] table naming the base scenario, a [design] "
         "and at least one [[parameters]] entry (docs/sweeps.md)");
  // A scenario given where a sweep file belongs: say so before asking for a [design].
  if (!tree_.contains("sweep") && !tree_.contains("design") && !tree_.contains("parameters") &&
      (tree_.contains("partners") || tree_.contains("extends") || tree_.contains("scenario") ||
       tree_.contains("run") || tree_.contains("regisseur")))
    fail(top(),
         "this is a scenario file, not a sweep file: run it with `regiesim run FILE`, or vary it "
         "with a sweep file whose [sweep] scenario names it (docs/sweeps.md)");
  // [design] first wherever it is written: what a parameter may be depends on the design.
  const toml::node* design_table = tree_.get("design");
  if (!design_table)
    fail(top(),
         "no [design] table: give kind = \"grid\", \"latin_hypercube\", \"saltelli\" or "
         "\"morris\"");
  read_design_table(*design_table);
  read_top_level();
  spec_.base = read_base(spec_.scenario_path, spec_.scenario_place);
  // The sweep's own settings of the base: [base], then `sweep --set`. They enter the base text
  // the manifest keeps, and so the journal's hash.
  for (std::size_t k = 0; k < overrides.size(); ++k) {
    const std::string& text = overrides[k];
    const std::string_view path = std::string_view(text).substr(0, text.find('='));
    base_assignments_.push_back(
        {text, fmt::format("command line: --set #{} ({})", k + 1, path), 0, 0});
  }
  if (!base_assignments_.empty())
    spec_.base = scenario::apply_assignments(spec_.base, base_assignments_);
  for (const auto& value : checks_) scenario::apply_assignments(spec_.base, {&value, 1});
  check_sizes();
  // Every point as a whole: a combination can break a rule that no single value breaks.
  const Design design = make_design(spec_);
  for (std::int64_t point = 0; point < design.size(); ++point) point_scenario(spec_, design, point);
  return std::move(spec_);
}

}  // namespace detail

SweepSpec load_sweep(std::string_view text, std::string_view label,
                     const BaseScenarioReader& read_base, std::int64_t max_points,
                     std::span<const std::string> overrides) {
  return detail::SweepLoader(text, label, max_points).load(read_base, overrides);
}

}  // namespace regiesim::design
