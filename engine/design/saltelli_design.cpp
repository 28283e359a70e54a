#include "design/saltelli_design.hpp"

#include <stdexcept>
#include <vector>

#include "design/sobol_sequence.hpp"

namespace regiesim::design {

void add_saltelli_points(std::int64_t base_samples, bool second_order, Design& design) {
  const std::int64_t k = design.dimensions;
  if (base_samples < 1 || 2 * k > sobol_max_dimensions())
    throw std::invalid_argument("add_saltelli_points: sizes out of range");
  const std::vector<double> sobol = sobol_points(2 * k, base_samples);
  const auto width = static_cast<std::size_t>(k);
  std::vector<double> mixed(width);
  // `to` with column i taken from `from`: AB_i (to = A, from = B) or BA_i (to = B, from = A).
  const auto add_mixed = [&](PointRole role, const double* to, const double* from, std::int64_t j) {
    for (std::size_t i = 0; i < width; ++i) {
      mixed.assign(to, to + width);
      mixed[i] = from[i];
      design.add(role, static_cast<std::int32_t>(i), j, 0, mixed);
    }
  };
  for (std::int64_t j = 0; j < base_samples; ++j) {
    const double* a = sobol.data() + static_cast<std::size_t>(j) * 2 * width;
    const double* b = a + width;
    design.add(PointRole::saltelli_a, kNoColumn, j, 0, std::span<const double>(a, width));
    add_mixed(PointRole::saltelli_ab, a, b, j);
    if (second_order) add_mixed(PointRole::saltelli_ba, b, a, j);
    design.add(PointRole::saltelli_b, kNoColumn, j, 0, std::span<const double>(b, width));
  }
}

}  // namespace regiesim::design
