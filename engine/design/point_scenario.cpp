#include "design/point_scenario.hpp"

#include <fmt/format.h>

#include "design/parameter_scale.hpp"
#include "scenario/input_error.hpp"

namespace regiesim::design {

namespace {

scenario::Assignment assignment(std::string text, const SweepPlace& place) {
  return {std::move(text), place.origin, place.line, place.column};
}

}  // namespace

std::vector<scenario::Assignment> point_assignments(const SweepSpec& sweep, const Design& design,
                                                    std::int64_t point) {
  std::vector<scenario::Assignment> out;
  out.reserve(sweep.parameters.size() + 2);
  out.push_back(assignment(fmt::format("run.seed={}", sweep.seed), sweep.seed_place));
  out.push_back(
      assignment(fmt::format("run.replications={}", sweep.replications), sweep.replications_place));
  const auto values = design.values_of(point);
  for (std::size_t d = 0; d < sweep.parameters.size(); ++d) {
    const SweptParameter& p = sweep.parameters[d];
    out.push_back(assignment(fmt::format("{}={}", p.path, value_text(p, values[d])), p.place));
  }
  return out;
}

scenario::ScenarioSpec point_scenario(const SweepSpec& sweep, const Design& design,
                                      std::int64_t point) {
  const auto assignments = point_assignments(sweep, design, point);
  try {
    return scenario::apply_assignments(sweep.base, assignments);
  } catch (const scenario::InputError& e) {
    std::string values;
    for (std::size_t d = 2; d < assignments.size(); ++d)
      values += (values.empty() ? "" : ", ") + assignments[d].text;
    throw scenario::InputError(e.origin(), e.line(), e.column(),
                               fmt::format("design point {} ({}): {}", point, values, e.message()));
  }
}

SweepPoints::SweepPoints(const SweepSpec& sweep, const Design& design)
    : sweep_(sweep), design_(design) {
  const auto all = point_assignments(sweep, design, 0);
  base_ = scenario::apply_assignments(sweep.base, std::span(all).first(2));
}

std::vector<std::string> SweepPoints::assignments(std::int64_t point) const {
  std::vector<std::string> out;
  out.reserve(sweep_.parameters.size());
  const auto values = design_.values_of(point);
  for (std::size_t d = 0; d < sweep_.parameters.size(); ++d) {
    const SweptParameter& p = sweep_.parameters[d];
    out.push_back(fmt::format("{}={}", p.path, value_text(p, values[d])));
  }
  return out;
}

scenario::ScenarioSpec SweepPoints::scenario(std::int64_t point) const {
  return point_scenario(sweep_, design_, point);
}

}  // namespace regiesim::design
