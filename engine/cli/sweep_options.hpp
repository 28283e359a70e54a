#pragma once
// The options of `regiesim sweep`, as the command line gives them.
#include <cstdint>
#include <string>
#include <vector>

namespace regiesim::cli {

struct SweepOptions {
  std::string sweep_file;
  std::string output;  // default: results/<sweep file stem>.h5
  int threads = 0;     // 0: all cores
  bool force = false;
  std::string precision;              // METRIC=HALFWIDTH, or empty
  std::int64_t max_replications = 0;  // --precision's cap; 0: 10 blocks
  bool design_only = false;
  bool resume = false;
  std::vector<std::string> overrides;  // --set, applied to the base scenario after [base]
};

}  // namespace regiesim::cli
