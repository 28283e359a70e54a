#include "design/parameter_scale.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace regiesim::design {

namespace {

std::int64_t list_index(std::int64_t size, double u) {
  const auto index = static_cast<std::int64_t>(std::floor(u * static_cast<double>(size)));
  return std::clamp<std::int64_t>(index, 0, size - 1);
}

// (1 - u) a + u b rather than a + u (b - a): it gives a at u = 0 and b at u = 1 exactly, so a
// range's declared ends are the values a design reaches.
double between(double a, double b, double u) {
  return (1 - u) * a + u * b;
}

// The double nearest the decimal of 15 significant digits: a grid step of 0.01 from 0.2 gives
// 0.23, not 0.22999999999999998, so what a run used is what a person reads and types in --set.
// Fifteen digits survive any double's round trip through decimal text.
double nearest_decimal(double x) {
  return std::strtod(fmt::format("{:.15g}", x).c_str(), nullptr);
}

}  // namespace

double value_at(const SweptParameter& p, double u) {
  if (p.is_list()) {
    return p.values[static_cast<std::size_t>(list_index(p.list_size(), u))];
  }
  if (p.is_integer) {
    // One stratum per integer: [low, high + 1) cut at the integers, so every integer of the range
    // is equally likely under a uniform u (or log-uniform over the strata's edges).
    const double top = p.high + 1;
    const double x = p.scale == Scale::linear
                         ? between(p.low, top, u)
                         : std::exp(between(std::log(p.low), std::log(top), u));
    return std::clamp(std::floor(x), p.low, p.high);
  }
  if (u <= 0) return p.low;
  if (u >= 1) return p.high;
  const double x = p.scale == Scale::linear
                       ? between(p.low, p.high, u)
                       : std::exp(between(std::log(p.low), std::log(p.high), u));
  return std::clamp(nearest_decimal(x), p.low, p.high);
}

std::int64_t grid_levels(const SweptParameter& p) {
  return p.is_list() ? p.list_size() : p.grid_points;
}

double grid_coordinate(const SweptParameter& p, std::int64_t level) {
  if (p.is_list()) return (static_cast<double>(level) + 0.5) / static_cast<double>(p.list_size());
  if (p.grid_points < 2) return 0;
  return static_cast<double>(level) / static_cast<double>(p.grid_points - 1);
}

std::string value_text(const SweptParameter& p, double value) {
  if (p.is_choice) {
    const auto at = std::find(p.values.begin(), p.values.end(), value);
    if (at == p.values.end()) throw std::logic_error("value_text: not one of the choice's values");
    return fmt::format("\"{}\"", p.choice_names[static_cast<std::size_t>(at - p.values.begin())]);
  }
  if (p.is_boolean) return value != 0.0 ? "true" : "false";
  if (p.is_integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  // Shortest text that reads back to the same double, with a decimal point or exponent so that
  // TOML reads a float.
  std::string text = fmt::format("{}", value);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

}  // namespace regiesim::design
