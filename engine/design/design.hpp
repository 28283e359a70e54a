#pragma once
// A design as data (design decision 1, `/design`): every point's role in its scheme, its unit-cube
// coordinates and the parameter values they map to. Stored as flat columns, point-major, so a
// design of a million points costs a few arrays, and a writer can hand each column to a dataset.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "design/sweep_spec.hpp"

namespace regiesim::design {

// What a point is in its scheme. Values are written to files: never renumber, only append.
enum class PointRole : std::int8_t {
  grid = 0,             // a cell of the full factorial
  latin_hypercube = 1,  // a sample of a Latin hypercube
  saltelli_a = 2,       // row `base_index` of matrix A
  saltelli_b = 3,       // row `base_index` of matrix B
  saltelli_ab = 4,      // row `base_index` of AB_column: A with column `column` taken from B
  morris = 5,           // step `step` of trajectory `base_index`; `column` moved to reach it
  saltelli_ba = 6,      // row `base_index` of BA_column: B with column `column` taken from A
                        // (second_order = true only; Saltelli 2002)
};

std::string_view point_role_name(PointRole role);

inline constexpr std::int32_t kNoColumn = -1;

struct Design {
  DesignKind kind = DesignKind::grid;
  std::int64_t dimensions = 0;  // swept parameters, in file order: the columns

  // One entry per point, in point order.
  std::vector<PointRole> roles;
  std::vector<std::int32_t> columns;     // AB_i, BA_i: i; Morris: the factor changed; else
                                         // kNoColumn
  std::vector<std::int64_t> base_index;  // Saltelli: row of A and B; Morris: trajectory; else
                                         // the point itself
  std::vector<std::int32_t> steps;       // Morris: 0..dimensions; else 0
  std::vector<double> coordinates;       // point-major, `dimensions` per point, in [0, 1]
  std::vector<double> values;            // the parameter values they map to (a choice: its index)

  std::int64_t size() const { return static_cast<std::int64_t>(roles.size()); }
  std::span<const double> coordinates_of(std::int64_t point) const {
    return {coordinates.data() + point * dimensions, static_cast<std::size_t>(dimensions)};
  }
  std::span<const double> values_of(std::int64_t point) const {
    return {values.data() + point * dimensions, static_cast<std::size_t>(dimensions)};
  }

  // Appends a point; values are filled by map_values().
  void add(PointRole role, std::int32_t column, std::int64_t base, std::int32_t step,
           std::span<const double> unit_coordinates);
};

// Number of points the settings give for `dimensions` parameters (grid: the product of the
// parameters' level counts), or -1 if it exceeds `limit`.
std::int64_t design_size(const SweepSpec& sweep, std::int64_t limit);

// Builds the design of a validated sweep: points from the settings, then every coordinate mapped
// to its parameter's value (see parameter_scale.hpp).
Design make_design(const SweepSpec& sweep);

}  // namespace regiesim::design
