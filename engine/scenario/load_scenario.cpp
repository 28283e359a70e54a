#include "scenario/load_scenario.hpp"

#include "scenario/loader.hpp"
#include "scenario/scenario_tree.hpp"

namespace regiesim::scenario {

using detail::Loader;
using detail::Place;

ScenarioSpec load_scenario_tree(const toml::table& tree, const ScenarioSource& source,
                                std::span<const std::string> overrides) {
  Loader loader{source};
  loader.read_tree(tree);
  // Overrides after the whole file, in order, so a later --set wins; the rules that tie fields
  // together run last, on the values the run will use.
  for (std::size_t i = 0; i < overrides.size(); ++i)
    loader.apply_override(static_cast<int>(i) + 1, overrides[i]);
  loader.check_rules();
  return loader.take(overrides);
}

ScenarioSpec apply_assignments(const ScenarioSpec& base, std::span<const Assignment> assignments) {
  const ScenarioSource source{base.source_label, base.source_text, {base.source_label}};
  Loader loader{source, base};
  for (const auto& assignment : assignments)
    loader.apply_assignment(assignment.text,
                            Place{assignment.origin, assignment.line, assignment.column});
  loader.check_rules();
  ScenarioSpec spec = loader.take();
  for (const auto& assignment : assignments) spec.overrides.push_back(assignment.text);
  return spec;
}

ScenarioSpec load_scenario(std::string_view text, std::string_view label,
                           std::span<const std::string> overrides) {
  const ScenarioSource source{std::string(label), std::string(text), {std::string(label)}};
  return load_scenario_tree(parse_scenario_text(text, label), source, overrides);
}

}  // namespace regiesim::scenario
