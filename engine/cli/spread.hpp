#pragma once
// Mean, sample standard deviation (n - 1), minimum and maximum of a metric over runs, as `run`
// and `inspect` print them. NaN where undefined (no values; sd of a single value).
#include <cstdint>
#include <vector>

namespace regiesim::cli {

struct Spread {
  std::int64_t n = 0;
  double mean;
  double sd;
  double min;
  double max;
};

// Two passes in the given order (the mean, then squared deviations from it), so the figures do
// not depend on how the values were gathered.
Spread spread_of(const std::vector<double>& values);

}  // namespace regiesim::cli
