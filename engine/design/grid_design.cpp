#include "design/grid_design.hpp"

#include <stdexcept>

namespace regiesim::design {

void add_grid_points(const std::vector<std::vector<double>>& levels, Design& design) {
  if (static_cast<std::int64_t>(levels.size()) != design.dimensions)
    throw std::invalid_argument("add_grid_points: one list of levels per dimension");
  for (const auto& dimension : levels)
    if (dimension.empty()) return;  // an empty factor: no cells
  std::vector<std::size_t> index(levels.size(), 0);
  std::vector<double> cell(levels.size());
  std::int64_t point = design.size();
  while (true) {
    for (std::size_t d = 0; d < levels.size(); ++d) cell[d] = levels[d][index[d]];
    design.add(PointRole::grid, kNoColumn, point++, 0, cell);
    // Odometer: the last dimension turns fastest.
    std::size_t d = levels.size();
    while (d > 0) {
      --d;
      if (++index[d] < levels[d].size()) break;
      index[d] = 0;
      if (d == 0) return;
    }
    if (levels.empty()) return;
  }
}

}  // namespace regiesim::design
