#include "design/sobol_sequence.hpp"

#include <boost/random/sobol.hpp>
#include <stdexcept>

namespace regiesim::design {

std::int64_t sobol_max_dimensions() {
  return boost::random::default_sobol_table::max_dimension;
}

std::vector<double> sobol_points(std::int64_t dimensions, std::int64_t count) {
  if (dimensions < 1 || dimensions > sobol_max_dimensions() || count < 0)
    throw std::invalid_argument("sobol_points: dimensions out of the table's range");
  const auto d = static_cast<std::size_t>(dimensions);
  std::vector<double> points(d * static_cast<std::size_t>(count), 0.0);
  if (count == 0) return points;
  // Boost's generator starts at the sequence's point 1: it skips the origin. The origin is kept
  // here, because the first 2^m points of the sequence (from point 0) are the balanced set that
  // Sobol's properties hold for (Owen 2020, "On dropping the first Sobol' point"); it is also
  // what scipy.stats.qmc.Sobol(scramble=False) returns first, so the design is easily checked.
  boost::random::sobol engine(d);
  // The engine's outputs are 64-bit integers k with value k / 2^64; the first 2^53 points have at
  // most 53 significant bits, so the conversion is exact.
  constexpr double kScale = 0x1.0p-64;
  for (std::size_t i = d; i < points.size(); ++i)
    points[i] = static_cast<double>(engine()) * kScale;
  return points;
}

}  // namespace regiesim::design
