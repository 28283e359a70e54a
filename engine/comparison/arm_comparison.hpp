#pragma once
// The comparison of two arms, replication by replication: per summary metric the paired
// statistics (paired_statistics.hpp) over the replications in which both runs finished, and the
// parting and crossing weeks of realisation. `compare` writes it to /comparison, prints it and
// gives it as JSON; the report reads those values and recomputes nothing.
#include <cstdint>
#include <optional>
#include <vector>

#include "comparison/paired_statistics.hpp"

namespace regiesim::comparison {

// One arm's runs, indexed by replication.
struct ArmRuns {
  std::vector<bool> ok;                          // the run finished (status ok)
  std::vector<std::vector<double>> summary;      // [replication][metric], record::kMetrics order
  std::vector<std::vector<double>> realisation;  // [replication][week], weeks 0..steps
};

struct ArmComparison {
  std::int64_t replications = 0;
  std::int64_t n_pairs = 0;  // replications in which both runs finished
  std::int32_t steps = 0;
  std::vector<PairedComparison> metrics;  // record::kMetrics order
  std::optional<std::int32_t> parting_week;
  std::optional<std::int32_t> crossing_week;
};

// Both arms must have the same number of replications.
ArmComparison compare_arms(const ArmRuns& arm0, const ArmRuns& arm1, std::int32_t steps);

}  // namespace regiesim::comparison
