#include "comparison/arm_comparison.hpp"

#include <stdexcept>

#include "record/metrics.hpp"

namespace regiesim::comparison {

ArmComparison compare_arms(const ArmRuns& arm0, const ArmRuns& arm1, std::int32_t steps) {
  if (arm0.ok.size() != arm1.ok.size() || arm0.summary.size() != arm0.ok.size() ||
      arm1.summary.size() != arm1.ok.size() || arm0.realisation.size() != arm0.ok.size() ||
      arm1.realisation.size() != arm1.ok.size())
    throw std::invalid_argument("compare_arms: the arms have different replications");
  ArmComparison c;
  c.replications = static_cast<std::int64_t>(arm0.ok.size());
  c.steps = steps;
  // A pair needs both runs: a failed run's values are not results (docs/output.md, /runs).
  std::vector<std::size_t> pairs;
  for (std::size_t r = 0; r < arm0.ok.size(); ++r)
    if (arm0.ok[r] && arm1.ok[r]) pairs.push_back(r);
  c.n_pairs = static_cast<std::int64_t>(pairs.size());

  std::vector<double> values0(pairs.size());
  std::vector<double> values1(pairs.size());
  for (int m = 0; m < record::kMetricCount; ++m) {
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      values0[i] = arm0.summary[pairs[i]].at(static_cast<std::size_t>(m));
      values1[i] = arm1.summary[pairs[i]].at(static_cast<std::size_t>(m));
    }
    c.metrics.push_back(compare_pairs(values0, values1));
  }
  Curves curves0;
  Curves curves1;
  for (const std::size_t r : pairs) {
    curves0.push_back(arm0.realisation[r]);
    curves1.push_back(arm1.realisation[r]);
  }
  c.parting_week = parting_week(curves0, curves1);
  c.crossing_week = crossing_week(curves0, curves1);
  return c;
}

}  // namespace regiesim::comparison
