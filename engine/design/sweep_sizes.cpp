#include "design/sweep_loader.hpp"

#include "design/design.hpp"
#include "design/sobol_sequence.hpp"

namespace regiesim::design::detail {

void SweepLoader::check_sizes() const {
  const auto k = static_cast<std::int64_t>(spec_.parameters.size());
  if (spec_.design.kind == DesignKind::saltelli && 2 * k > sobol_max_dimensions())
    fail(spec_.design_place, fmt::format("a saltelli design takes at most {} parameters (Sobol "
                                         "points of twice the dimensions), got {}",
                                         sobol_max_dimensions() / 2, k));
  const std::int64_t points = design_size(spec_, max_points_);
  if (points < 0)
    fail(size_place_, fmt::format("the design would have more than {} points; sweep fewer "
                                  "parameters or values, or split the sweep",
                                  max_points_));
  if (spec_.replications > 0 && points > kMaxSweepRuns / spec_.replications)
    fail(spec_.replications_place,
         fmt::format("{} points x {} replications is more than {} runs; lower replications or "
                     "split the sweep",
                     points, spec_.replications, kMaxSweepRuns));
}

}  // namespace regiesim::design::detail
