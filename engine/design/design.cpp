#include "design/design.hpp"

#include <stdexcept>

#include "design/grid_design.hpp"
#include "design/latin_hypercube_design.hpp"
#include "design/morris_design.hpp"
#include "design/parameter_scale.hpp"
#include "design/saltelli_design.hpp"

namespace regiesim::design {

std::string_view point_role_name(PointRole role) {
  switch (role) {
    case PointRole::grid:
      return "grid";
    case PointRole::latin_hypercube:
      return "latin_hypercube";
    case PointRole::saltelli_a:
      return "A";
    case PointRole::saltelli_b:
      return "B";
    case PointRole::saltelli_ab:
      return "AB";
    case PointRole::morris:
      return "morris";
    case PointRole::saltelli_ba:
      return "BA";
  }
  throw std::logic_error("unknown point role");
}

void Design::add(PointRole role, std::int32_t column, std::int64_t base, std::int32_t step,
                 std::span<const double> unit_coordinates) {
  if (static_cast<std::int64_t>(unit_coordinates.size()) != dimensions)
    throw std::logic_error("Design::add: one coordinate per dimension");
  roles.push_back(role);
  columns.push_back(column);
  base_index.push_back(base);
  steps.push_back(step);
  coordinates.insert(coordinates.end(), unit_coordinates.begin(), unit_coordinates.end());
}

std::int64_t design_size(const SweepSpec& sweep, std::int64_t limit) {
  const auto k = static_cast<std::int64_t>(sweep.parameters.size());
  const auto times = [limit](std::int64_t a, std::int64_t b) -> std::int64_t {
    if (a < 0 || b < 0 || (b != 0 && a > limit / b)) return -1;
    return a * b <= limit ? a * b : -1;
  };
  switch (sweep.design.kind) {
    case DesignKind::grid: {
      std::int64_t size = 1;
      for (const auto& p : sweep.parameters) size = times(size, grid_levels(p));
      return size;
    }
    case DesignKind::latin_hypercube:
      return sweep.design.samples <= limit ? sweep.design.samples : -1;
    case DesignKind::saltelli:
      return times(sweep.design.base_samples, sweep.design.second_order ? 2 * k + 2 : k + 2);
    case DesignKind::morris:
      return times(sweep.design.trajectories, k + 1);
  }
  throw std::logic_error("unknown design kind");
}

Design make_design(const SweepSpec& sweep) {
  Design design;
  design.kind = sweep.design.kind;
  design.dimensions = static_cast<std::int64_t>(sweep.parameters.size());
  switch (sweep.design.kind) {
    case DesignKind::grid: {
      std::vector<std::vector<double>> levels;
      for (const auto& p : sweep.parameters) {
        auto& coordinates = levels.emplace_back();
        for (std::int64_t level = 0; level < grid_levels(p); ++level)
          coordinates.push_back(grid_coordinate(p, level));
      }
      add_grid_points(levels, design);
      break;
    }
    case DesignKind::latin_hypercube:
      add_latin_hypercube_points(sweep.design.samples, sweep.seed, design);
      break;
    case DesignKind::saltelli:
      add_saltelli_points(sweep.design.base_samples, sweep.design.second_order, design);
      break;
    case DesignKind::morris:
      add_morris_points(sweep.design.trajectories, sweep.design.levels, sweep.seed, design);
      break;
  }
  design.values.resize(design.coordinates.size());
  if (design.dimensions == 0) return design;
  const auto k = static_cast<std::size_t>(design.dimensions);
  for (std::size_t i = 0; i < design.coordinates.size(); ++i)
    design.values[i] = value_at(sweep.parameters[i % k], design.coordinates[i]);
  return design;
}

}  // namespace regiesim::design
