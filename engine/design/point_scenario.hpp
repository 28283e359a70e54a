#pragma once
// A design point's scenario: the base scenario with the sweep's seed and replications and the
// point's parameter values applied through the same assignments as --set (so the same checks
// apply), each at the place in the sweep file where its parameter was written. Its
// scenario::resolved_toml() is the text the manifest keeps, from which `regiesim run` redoes any
// of the point's runs alone.
#include <cstdint>
#include <vector>

#include "design/design.hpp"
#include "design/sweep_spec.hpp"
#include "scenario/load_scenario.hpp"

namespace regiesim::design {

// run.seed and run.replications from the sweep, then one assignment per swept parameter.
std::vector<scenario::Assignment> point_assignments(const SweepSpec& sweep, const Design& design,
                                                    std::int64_t point);

// The point's validated scenario. A rule the combination breaks is an InputError at the
// parameter's place, prefixed with the point and its values.
scenario::ScenarioSpec point_scenario(const SweepSpec& sweep, const Design& design,
                                      std::int64_t point);

// A sweep's design points, each made when it is needed: a point's scenario is about 10 KB, so a
// sweep of 10^5 points that held them all would take a gigabyte (issue 16: memory stays flat).
// What a results file keeps is base() once and each point's assignments().
class SweepPoints {
 public:
  SweepPoints(const SweepSpec& sweep, const Design& design);

  std::int64_t size() const { return design_.size(); }
  // The base scenario with the sweep's seed and replications: what every point starts from.
  const scenario::ScenarioSpec& base() const { return base_; }
  // The point's swept values as --set writes them ("trust.gain=0.1"), in the sweep file's order;
  // applied to base() they give scenario(point).
  std::vector<std::string> assignments(std::int64_t point) const;
  // point_scenario(sweep, design, point).
  scenario::ScenarioSpec scenario(std::int64_t point) const;

 private:
  const SweepSpec& sweep_;
  const Design& design_;
  scenario::ScenarioSpec base_;
};

}  // namespace regiesim::design
